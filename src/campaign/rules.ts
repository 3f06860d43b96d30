/**
 * The rule codes of the campaign domain, each written out once so a reader can grep for it, and
 * the one way a decider accepts or refuses a command. A refusal's code is a {@link CampaignRuleCode}:
 * a misspelt code is a compile error, and the facade's errors say which codes they can carry.
 */
import * as E from 'fp-ts/Either';
import { errors, type LedgerError, type RuleViolated } from '../eventsourcing/errors';

/** Rule codes of the Organization. */
export type OrganizationRuleCode =
  | 'organization.already_established'
  | 'organization.court.exists'
  | 'organization.court.parent_required'
  | 'organization.court.unknown'
  | 'organization.court.unknown_parent'
  | 'organization.department.exists'
  | 'organization.department.unknown'
  | 'organization.not_established'
  | 'organization.person.exists'
  | 'organization.person.inactive'
  | 'organization.person.same_unit'
  | 'organization.person.unknown'
  | 'organization.post.already_held'
  | 'organization.post.last_system'
  | 'organization.post.not_held';

/** Rule codes of the Campaign. */
export type CampaignAggregateRuleCode =
  | 'campaign.already_launched'
  | 'campaign.category.exists'
  | 'campaign.category.partial_range'
  | 'campaign.category.range_overlaps'
  | 'campaign.category.reversed_range'
  | 'campaign.court.unknown'
  | 'campaign.day_count.unchanged'
  | 'campaign.follow_up.accountability_step'
  | 'campaign.follow_up.ladder_order'
  | 'campaign.first_responsible.already_designated'
  | 'campaign.first_responsible.none'
  | 'campaign.first_responsible.not_leadership'
  | 'campaign.rights.first_responsible_outsider'
  | 'campaign.first_responsible.same_person'
  | 'campaign.leading_group.already_member'
  | 'campaign.leading_group.leader_exists'
  | 'campaign.leading_group.not_member'
  | 'campaign.not_launched'
  | 'campaign.office.already_established'
  | 'campaign.office.unknown_unit'
  | 'campaign.period.deadline_before_end'
  | 'campaign.period.consolidated_deadline_not_after'
  | 'campaign.period.exists'
  | 'campaign.period.reversed'
  | 'campaign.person.not_in_court'
  | 'campaign.person.unknown'
  | 'campaign.phase.exists'
  | 'campaign.phase.outside_campaign'
  | 'campaign.phase.overlaps'
  | 'campaign.phase.reversed'
  | 'campaign.plan.already_adopted'
  | 'campaign.years.reversed';

/** Rule codes of the Task. */
export type TaskRuleCode =
  | 'task.already_accepted'
  | 'task.already_decomposed'
  | 'task.already_issued'
  | 'task.category.unknown'
  | 'task.completion.already_reported'
  | 'task.completion.by_co_department'
  | 'task.court.not_in_scope'
  | 'task.court.unknown'
  | 'task.decompose.due_after_task'
  | 'task.department.lead_and_co'
  | 'task.department.unknown'
  | 'task.due_date.in_past'
  | 'task.evaluate.not_completed'
  | 'task.extension.after_completion'
  | 'task.extension.after_deadline'
  | 'task.extension.already_decided'
  | 'task.extension.duplicate_request'
  | 'task.extension.not_later'
  | 'task.extension.pending'
  | 'task.extension.unknown_request'
  | 'task.finished'
  | 'task.no_problem_found.already'
  | 'task.not_accepted'
  | 'task.not_issued'
  | 'task.number.outside_category'
  | 'task.progress.after_completion'
  | 'task.proposal.decided'
  | 'task.proposal.exists'
  | 'task.proposal.pending'
  | 'task.proposal.unknown'
  | 'task.rights.approver_is_proposer'
  | 'task.rights.approver_not_entitled'
  | 'task.rights.proposer_not_office'
  | 'task.return.not_completed';

/** Rule codes of the Problem. */
export type ProblemRuleCode =
  | 'problem.already_identified'
  | 'problem.already_registered'
  | 'problem.carry_over.beyond_campaign'
  | 'problem.carry_over.settled'
  | 'problem.carry_over.year'
  | 'problem.close.measures_not_done'
  | 'problem.close.milestones_pending'
  | 'problem.close.no_evidence'
  | 'problem.close.no_measures'
  | 'problem.close.no_responsibility'
  | 'problem.close.not_verified'
  | 'problem.closed'
  | 'problem.closure.measures_not_done'
  | 'problem.closure.milestones_pending'
  | 'problem.closure.no_evidence'
  | 'problem.closure.no_measures'
  | 'problem.closure.no_responsibility'
  | 'problem.closure_requested'
  | 'problem.correct.nothing'
  | 'problem.court.unknown'
  | 'problem.department.unknown'
  | 'problem.evidence.duplicate'
  | 'problem.extension.after_deadline'
  | 'problem.extension.already_decided'
  | 'problem.extension.duplicate_request'
  | 'problem.extension.not_later'
  | 'problem.extension.pending'
  | 'problem.extension.unknown_request'
  | 'problem.finding.unknown'
  | 'problem.inspection.unknown'
  | 'problem.long_term.already'
  | 'problem.long_term.duplicate_milestone'
  | 'problem.long_term.milestone_in_past'
  | 'problem.long_term.milestone_reached'
  | 'problem.long_term.unknown_milestone'
  | 'problem.measure.already_done'
  | 'problem.measure.deadline_in_past'
  | 'problem.measure.exists'
  | 'problem.measure.unknown'
  | 'problem.not_found'
  | 'problem.open'
  | 'problem.proposal.decided'
  | 'problem.proposal.exists'
  | 'problem.proposal.pending'
  | 'problem.proposal.unknown'
  | 'problem.register.not_reserved'
  | 'problem.reopen.not_closed'
  | 'problem.responsibility.leader_invalid'
  | 'problem.responsibility.person_not_in_department'
  | 'problem.responsibility.unchanged'
  | 'problem.rights.approver_is_proposer'
  | 'problem.rights.approver_not_entitled'
  | 'problem.rights.inspected_court'
  | 'problem.rights.not_inspecting_side'
  | 'problem.rights.proposer_not_office'
  | 'problem.rights.not_own_office'
  | 'problem.rights.not_supervising_office'
  | 'problem.source.inspection_required'
  | 'problem.spot_check.exists'
  | 'problem.take_over.already'
  | 'problem.take_over.own_court'
  | 'problem.task.unknown'
  | 'problem.verified'
  | 'problem.verify.not_independent'
  | 'problem.verify.not_requested'
  | 'problem.withdrawn';

/** Rule codes of the Report. */
export type ReportRuleCode =
  | 'report.already_accepted'
  | 'report.already_submitted'
  | 'report.consolidate.after_submission'
  | 'report.consolidate.already_included'
  | 'report.consolidate.not_accepted'
  | 'report.consolidate.not_lower_court'
  | 'report.court.not_expected'
  | 'report.figures.inconsistent'
  | 'report.not_submitted'
  | 'report.period.not_started'
  | 'report.period.unknown';

/** Rule codes of the Inspection. */
export type InspectionRuleCode =
  | 'inspection.already_planned'
  | 'inspection.beacon.from_future'
  | 'inspection.beacon.not_available'
  | 'inspection.beacon.too_early'
  | 'inspection.commit.already'
  | 'inspection.commit.count_too_large'
  | 'inspection.commit.not_unannounced'
  | 'inspection.conclude.no_visits'
  | 'inspection.conclude.not_revealed'
  | 'inspection.concluded'
  | 'inspection.court.unknown'
  | 'inspection.department.unknown'
  | 'inspection.finding.already_linked'
  | 'inspection.finding.court_not_visited'
  | 'inspection.finding.exists'
  | 'inspection.finding.unknown'
  | 'inspection.not_found'
  | 'inspection.period.unknown'
  | 'inspection.reveal.already'
  | 'inspection.reveal.not_committed'
  | 'inspection.reveal.not_unannounced'
  | 'inspection.reveal.seed_mismatch'
  | 'inspection.routine.targets_required'
  | 'inspection.spot_check.court_not_visited'
  | 'inspection.spot_check.exists'
  | 'inspection.spot_check.unknown_problem'
  | 'inspection.unannounced.targets_secret'
  | 'inspection.visit.before_beacon'
  | 'inspection.visit.in_future'
  | 'inspection.visit.not_candidate'
  | 'inspection.visit.not_committed'
  | 'inspection.visit.not_target';

/** Rule codes of the Accountability. */
export type AccountabilityRuleCode =
  | 'accountability.case.exists'
  | 'accountability.close.undecided'
  | 'accountability.closed'
  | 'accountability.collective.fact_finder_present'
  | 'accountability.collective.no_quorum'
  | 'accountability.collective.not_member'
  | 'accountability.collective.present_required'
  | 'accountability.collective.recorder_absent'
  | 'accountability.collective.subject_present'
  | 'accountability.conflict_of_interest'
  | 'accountability.decide.defence_period_open'
  | 'accountability.decide.not_notified'
  | 'accountability.decided'
  | 'accountability.defence.already'
  | 'accountability.defence.not_notified'
  | 'accountability.defence.period_over'
  | 'accountability.evidence.not_found'
  | 'accountability.evidence.unchecked'
  | 'accountability.falsification.no_contradicting_evidence'
  | 'accountability.not_found'
  | 'accountability.notify.already'
  | 'accountability.notify.no_facts'
  | 'accountability.overdue.not_overdue'
  | 'accountability.publish.already'
  | 'accountability.publish.no_sanction'
  | 'accountability.rights.collective_decision_required'
  | 'accountability.rights.fact_finder_decides'
  | 'accountability.rights.not_subject'
  | 'accountability.sanction.no_facts'
  | 'accountability.subject.unknown';

/** Rule codes of the supervision item (督办事项). */
export type SupervisionRuleCode =
  | 'supervision.already_proposed'
  | 'supervision.close.not_reviewed'
  | 'supervision.closed'
  | 'supervision.deadline.in_past'
  | 'supervision.feedback.off_schedule'
  | 'supervision.not_assigned'
  | 'supervision.not_found'
  | 'supervision.number.not_reserved'
  | 'supervision.review.not_requested'
  | 'supervision.source.unknown_person'
  | 'supervision.step.out_of_order'
  | 'supervision.subject.unknown'
  | 'supervision.unit.lead_and_co'
  | 'supervision.unit.unknown';

/** Rule codes of the rule entry (制度建设). */
export type RegulationRuleCode =
  | 'regulation.court.unknown'
  | 'regulation.date.in_future'
  | 'regulation.exists'
  | 'regulation.links.none'
  | 'regulation.not_found'
  | 'regulation.problem.other_court'
  | 'regulation.problem.unknown'
  | 'regulation.task.unknown'
  | 'regulation.withdrawn';

/** Rule codes of the follow-up (warnings and the escalation ladder). */
export type FollowUpRuleCode =
  | 'follow_up.escalation.complete'
  | 'follow_up.escalation.not_overdue'
  | 'follow_up.escalation.too_soon'
  | 'follow_up.no_deadline'
  | 'follow_up.subject.closed'
  | 'follow_up.subject.unknown'
  | 'follow_up.warning.already_given'
  | 'follow_up.warning.not_due';

/** Rule codes that are no aggregate's own. */
export type SharedRuleCode =
  /** An effective time later than the recorded time (every aggregate). */
  | 'effective_at.in_future'
  /** The ledger-number format gave one number twice (the reservation stream). */
  | 'ledger_number.format_not_unique'
  /** A decider threw instead of deciding (the kernel's handler). */
  | 'decider.threw'
  /** A deadline that is not a working day, in a campaign that counts working days (every aggregate with deadlines). */
  | 'calendar.deadline_not_working_day';

/** Every rule code a campaign command can be refused with. */
export type CampaignRuleCode =
  | OrganizationRuleCode | CampaignAggregateRuleCode | TaskRuleCode | ProblemRuleCode | ReportRuleCode | InspectionRuleCode
  | AccountabilityRuleCode | SupervisionRuleCode | FollowUpRuleCode | RegulationRuleCode | SharedRuleCode;

/** A refusal by a campaign rule. */
export interface CampaignRuleViolated extends RuleViolated {
  readonly rule: CampaignRuleCode;
}

/** Every failure of a campaign command: the kernel's, with a rule code of the campaign's. */
export type CampaignError = Exclude<LedgerError, RuleViolated> | CampaignRuleViolated;

/**
 * A failure of a campaign command as the campaign's: every refusal of its deciders and resolvers
 * goes through {@link refuse}, so a RuleViolated carries a {@link CampaignRuleCode}.
 */
export const asCampaignError = (e: LedgerError): CampaignError => e as CampaignError;

/** What a decider decides: the events to append, or why not. */
export type Decision<Ev> = E.Either<LedgerError, readonly Ev[]>;

/** A refusal by rule, as a Left. */
export const refuse = (rule: CampaignRuleCode, message: string, details?: Record<string, unknown>): E.Either<CampaignRuleViolated, never> =>
  E.left({ ...errors.rule(rule, message, details), rule });

/** Success with these events. */
export const accept = <T>(...events: readonly T[]): E.Either<never, readonly T[]> => E.right(events);
