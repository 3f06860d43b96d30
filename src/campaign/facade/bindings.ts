/** How the facade drives each aggregate: its stream, its environment, its resolvers. */
import { accountabilityCommands } from '../accountability/commands';
import { accountabilityAggregate } from '../accountability/decider';
import { campaignCommands } from '../campaign/commands';
import { campaignAggregate } from '../campaign/decider';
import { inspectionCommands } from '../inspection/commands';
import { inspectionAggregate } from '../inspection/decider';
import { organizationCommands } from '../organization/commands';
import { organizationAggregate } from '../organization/decider';
import { problemCommands } from '../problem/commands';
import { problemAggregate } from '../problem/decider';
import { reportCommands } from '../report/commands';
import { reportAggregate } from '../report/decider';
import { taskCommands } from '../task/commands';
import { taskAggregate } from '../task/decider';
import type { Binding } from './execute';
import {
  resolveConsolidate, resolveIdentify, resolvePropose, resolveRegister, resolveReveal, resolveSpotCheck,
} from './resolve';

const domainEnv = <T>(env: T) => env;

/** Organization: one stream per namespace; `establish` may come from an actor it does not know yet. */
export const organizationBinding = {
  spec: organizationAggregate, codecs: organizationCommands, bootstrap: ['establish'],
  streamOf: (_i, ctx) => ctx.streams.organization, envOf: () => undefined,
} satisfies Binding<typeof organizationCommands, any, any, any, unknown>;

/** Campaign: one stream per namespace, its id the namespace. */
export const campaignBinding = {
  spec: campaignAggregate, codecs: campaignCommands,
  streamOf: (_i, ctx) => ctx.streams.campaign, envOf: (env, ctx) => ({ namespace: ctx.streams.namespace, org: env.org }),
} satisfies Binding<typeof campaignCommands, any, any, any, any>;

/** Task: `${ns}/task/${taskId}`. */
export const taskBinding = {
  spec: taskAggregate, codecs: taskCommands, streamOf: (i: { taskId: string }, ctx) => ctx.streams.task(i.taskId), envOf: domainEnv,
} satisfies Binding<typeof taskCommands, any, any, any, any>;

/** Problem: `${ns}/problem/${problemId}`. */
export const problemBinding = {
  spec: problemAggregate, codecs: problemCommands, envOf: domainEnv,
  streamOf: (i: { problemId: string }, ctx) => ctx.streams.problem(i.problemId),
  resolvers: { identify: resolveIdentify, register: resolveRegister },
} satisfies Binding<typeof problemCommands, any, any, any, any>;

/** Report: `${ns}/report/${periodId}@${courtId}`. */
export const reportBinding = {
  spec: reportAggregate, codecs: reportCommands, envOf: domainEnv,
  streamOf: (i: { periodId: string; courtId: string }, ctx) => ctx.streams.report(i.periodId, i.courtId),
  resolvers: { consolidate: resolveConsolidate },
} satisfies Binding<typeof reportCommands, any, any, any, any>;

/** Inspection: `${ns}/inspection/${inspectionId}`. */
export const inspectionBinding = {
  spec: inspectionAggregate, codecs: inspectionCommands, envOf: domainEnv,
  streamOf: (i: { inspectionId: string }, ctx) => ctx.streams.inspection(i.inspectionId),
  resolvers: { recordSpotCheck: resolveSpotCheck, revealSeed: resolveReveal },
} satisfies Binding<typeof inspectionCommands, any, any, any, any>;

/** AccountabilityCase: `${ns}/accountability/${caseId}`. */
export const accountabilityBinding = {
  spec: accountabilityAggregate, codecs: accountabilityCommands, envOf: domainEnv,
  streamOf: (i: { caseId: string }, ctx) => ctx.streams.accountability(i.caseId),
  resolvers: { propose: resolvePropose },
} satisfies Binding<typeof accountabilityCommands, any, any, any, any>;
