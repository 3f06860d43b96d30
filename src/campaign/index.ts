/**
 * The campaign domain: organization, campaign, tasks, the problem ledger and rectification,
 * reports, inspections and accountability — events, commands, deciders, policies, the facade
 * (`createCampaignLedger`) and the reactions.
 *
 * @packageDocumentation
 */
export * from './ledger';
export type { CommandOptions, CommandMethod, CommandMethods } from './facade/execute';
export type { CommandResult } from './facade/binding';
export type { ReactionReport, Reactions } from './reactions/index';
export * from './registry';
export * from './streams';
export * from './posts';
export * from './codecs';
export * from './time';
export * from './ids';
export * from './actors';
export { bindDecider, authorize, rightOf, replay, deny, allOf, type AggregateSpec, type DomainEnv, type Policy, type PolicyRule, type Denial, type PolicyVerdict } from './aggregate';
export { eventType, type EventDef, type EventUnion, type CommandUnion } from './define';
export * from './numbering';
export type {
  CampaignRuleCode, CampaignError, CampaignRuleViolated, Decision, SharedRuleCode, OrganizationRuleCode, CampaignAggregateRuleCode,
  TaskRuleCode, ProblemRuleCode, ReportRuleCode, InspectionRuleCode, AccountabilityRuleCode,
} from './rules';
export type { Binding, Resolver, Resolvers, InputOf } from './facade/binding';
export { aggregates } from './aggregates';

export * from './organization/events';
export * from './organization/commands';
export * from './organization/state';
export { organizationAggregate, decideOrganization } from './organization/decider';
export { organizationPolicy } from './organization/policy';

export * from './campaign/events';
export * from './campaign/commands';
export * from './campaign/state';
export { campaignAggregate, decideCampaign, type CampaignEnv } from './campaign/decider';
export { campaignPolicy } from './campaign/policy';

export * from './task/events';
export * from './task/commands';
export * from './task/state';
export { taskAggregate, decideTask } from './task/decider';
export { taskPolicy } from './task/policy';

export * from './problem/events';
export * from './problem/commands';
export * from './problem/state';
export { problemAggregate, decideProblem, closureBlockers, type ClosureBlocker } from './problem/decider';
export { problemPolicy, isResponsibleSide } from './problem/policy';

export * from './report/events';
export * from './report/commands';
export * from './report/state';
export { reportAggregate, decideReport } from './report/decider';
export { reportPolicy } from './report/policy';

export * from './inspection/events';
export * from './inspection/commands';
export * from './inspection/state';
export * from './inspection/draw';
export { inspectionAggregate, decideInspection } from './inspection/decider';
export { inspectionPolicy } from './inspection/policy';

export * from './accountability/events';
export * from './accountability/commands';
export * from './accountability/state';
export { accountabilityAggregate, decideAccountability } from './accountability/decider';
export { accountabilityPolicy } from './accountability/policy';

export { planToCommands, type PlanCommands, type PlanImportOptions } from './plan-import';
