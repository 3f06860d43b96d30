/**
 * Problem events: one entry of the problem ledger (台账) and its rectification (整改). Identified
 * with its source, registered with a campaign-unique ledger number, given a responsible leader,
 * department and person, rectified through measures with deadlines, verified by an independent
 * verifier, closed off (销号), reopened on re-check (回头看), marked long-term, or withdrawn.
 * Nothing is edited: a correction is a `problem.corrected` event with a reason.
 * One stream per problem: `${namespace}/problem/${problemId}`.
 */
import * as t from 'io-ts';
import { DepartmentName, EvidenceRef, Id, IsoDate, LongText, Severity, ShortText, intIn, listOf, optional, struct } from '../codecs';
import { definitionsOf, eventType, type EventUnion } from '../define';

/** Where a problem came from. */
export const ProblemSource = t.keyof({
  self_inspection: null, routine_inspection: null, unannounced_inspection: null, report: null, higher_level_feedback: null,
}, 'ProblemSource');
/** Where a problem came from. */
export type ProblemSource = t.TypeOf<typeof ProblemSource>;

/** A problem was found in a court (and, when known, a department of it). */
export const ProblemIdentified = t.intersection([
  struct({
    problemId: Id, courtId: Id, source: ProblemSource, title: ShortText, description: LongText,
    /** The rule, standard or requirement that was not met. */
    criterion: ShortText,
    severity: Severity,
    evidence: listOf(EvidenceRef, 0, 100),
  }),
  optional({ department: DepartmentName, taskId: Id, inspectionId: Id, findingId: Id }),
]);
/** Data of `problem.identified`. */
export type ProblemIdentified = t.TypeOf<typeof ProblemIdentified>;

/** The problem entered its court's ledger under the next number of that ledger (reserved in `${ns}/ledger-numbers/${courtId}@${year}`). */
export const ProblemRegistered = struct({ problemId: Id, ledgerNumber: ShortText, sequence: intIn(1, 1_000_000_000) });
/** Data of `problem.registered`. */
export type ProblemRegistered = t.TypeOf<typeof ProblemRegistered>;

/** Who answers for the rectification: 责任领导, 责任部门, 责任人员 (a reassignment is a new event). */
export const ResponsibilityAssigned = struct({
  problemId: Id, leaderId: Id, courtId: Id, department: DepartmentName, personId: Id,
});
/** Data of `problem.responsibility_assigned`. */
export type ResponsibilityAssigned = t.TypeOf<typeof ResponsibilityAssigned>;

/** A rectification measure (措施) with its deadline (时限). */
export const MeasurePlanned = struct({ problemId: Id, measureId: Id, content: LongText, deadline: IsoDate });
/** Data of `problem.measure_planned`. */
export type MeasurePlanned = t.TypeOf<typeof MeasurePlanned>;

/** A measure was carried out (by `completedBy`; absent in trails recorded before it was kept). */
export const MeasureCompleted = t.intersection([struct({ problemId: Id, measureId: Id, note: LongText }), optional({ completedBy: Id })]);
/** Data of `problem.measure_completed`. */
export type MeasureCompleted = t.TypeOf<typeof MeasureCompleted>;

/** Progress on the rectification. */
export const ProgressRecorded = t.intersection([struct({ problemId: Id, note: LongText }), optional({ measureId: Id })]);
/** Data of `problem.progress_recorded`. */
export type ProgressRecorded = t.TypeOf<typeof ProgressRecorded>;

/** Evidence of the rectification, pinned by hash. */
export const EvidenceAttached = struct({ problemId: Id, evidence: EvidenceRef });
/** Data of `problem.evidence_attached`. */
export type EvidenceAttached = t.TypeOf<typeof EvidenceAttached>;

/** A later deadline for a measure was requested, before its deadline passed. */
export const MeasureExtensionRequested = struct({
  problemId: Id, measureId: Id, requestId: Id, currentDeadline: IsoDate, requestedDeadline: IsoDate, reason: LongText,
});
/** Data of `problem.extension_requested`. */
export type MeasureExtensionRequested = t.TypeOf<typeof MeasureExtensionRequested>;

/**
 * Who proposed and who approved a decision taken with four eyes (absent in trails recorded
 * before decisions were proposed and approved).
 */
const Approved = optional({ proposalId: Id, proposedBy: Id, approvedBy: Id });

/** The extension was granted: the measure's deadline moves (the only way it moves). */
export const MeasureExtensionGranted = t.intersection([
  struct({ problemId: Id, measureId: Id, requestId: Id, previousDeadline: IsoDate, newDeadline: IsoDate }),
  Approved,
]);
/** Data of `problem.extension_granted`. */
export type MeasureExtensionGranted = t.TypeOf<typeof MeasureExtensionGranted>;

/** The extension was denied. */
export const MeasureExtensionDenied = struct({ problemId: Id, measureId: Id, requestId: Id, reason: LongText });
/** Data of `problem.extension_denied`. */
export type MeasureExtensionDenied = t.TypeOf<typeof MeasureExtensionDenied>;

/** The responsible side asked for the problem to be closed off. */
export const ClosureRequested = struct({ problemId: Id, summary: LongText });
/** Data of `problem.closure_requested`. */
export type ClosureRequested = t.TypeOf<typeof ClosureRequested>;

/** An independent verifier confirmed the rectification. */
export const ProblemVerified = struct({ problemId: Id, verifierId: Id, note: LongText });
/** Data of `problem.verified`. */
export type ProblemVerified = t.TypeOf<typeof ProblemVerified>;

/** A verifier returned the closure request: rectification continues. */
export const VerificationReturned = struct({ problemId: Id, verifierId: Id, reason: LongText });
/** Data of `problem.verification_returned`. */
export type VerificationReturned = t.TypeOf<typeof VerificationReturned>;

/** The problem was closed off (销号). */
export const ProblemClosed = t.intersection([struct({ problemId: Id, verifierId: Id }), Approved]);
/** Data of `problem.closed`. */
export type ProblemClosed = t.TypeOf<typeof ProblemClosed>;

/** A re-check (回头看) found the problem not (or no longer) rectified: it is open again. */
export const ProblemReopened = t.intersection([struct({ problemId: Id, reason: LongText }), optional({ inspectionId: Id })]);
/** Data of `problem.reopened`. */
export type ProblemReopened = t.TypeOf<typeof ProblemReopened>;

/** A milestone of a long-term problem. */
export const Milestone = struct({ milestoneId: Id, content: ShortText, due: IsoDate });
/** A milestone of a long-term problem. */
export type Milestone = t.TypeOf<typeof Milestone>;

/** The problem needs long-term rectification, tracked by milestones. */
export const MarkedLongTerm = struct({ problemId: Id, reason: LongText, milestones: listOf(Milestone, 1, 50) });
/** Data of `problem.marked_long_term`. */
export type MarkedLongTerm = t.TypeOf<typeof MarkedLongTerm>;

/** A milestone of a long-term problem was reached. */
export const MilestoneReached = struct({ problemId: Id, milestoneId: Id, note: LongText });
/** Data of `problem.milestone_reached`. */
export type MilestoneReached = t.TypeOf<typeof MilestoneReached>;

/** The problem was withdrawn (e.g. identified in error), with a reason, the approver and (when proposed) the proposer. */
export const ProblemWithdrawn = t.intersection([
  struct({ problemId: Id, reason: LongText, approvedBy: Id }),
  optional({ proposalId: Id, proposedBy: Id }),
]);
/** Data of `problem.withdrawn`. */
export type ProblemWithdrawn = t.TypeOf<typeof ProblemWithdrawn>;

/** A correction of what was recorded at identification: only the fields given change. */
export const ProblemCorrected = t.intersection([
  struct({ problemId: Id, reason: LongText }),
  optional({ title: ShortText, description: LongText, criterion: ShortText, severity: Severity, department: DepartmentName }),
]);
/** Data of `problem.corrected`. */
export type ProblemCorrected = t.TypeOf<typeof ProblemCorrected>;

/**
 * 结转: the problem, still open at the turn of the year, was carried over from the ledger of
 * `fromYear` into that of `toYear` (the campaign runs for several years), with its status and
 * deadline then.
 */
export const ProblemCarriedOver = t.intersection([
  struct({ problemId: Id, fromYear: intIn(2000, 2100), toYear: intIn(2000, 2100), status: ShortText, reason: LongText, carriedBy: Id }),
  optional({ deadline: IsoDate }),
]);
/** Data of `problem.carried_over`. */
export type ProblemCarriedOver = t.TypeOf<typeof ProblemCarriedOver>;
/** A decision taken with four eyes: withdrawing the problem, closing it off (销号), granting an extension. */
export const ProblemAction = t.union([
  struct({ kind: t.literal('withdraw'), reason: LongText }),
  struct({ kind: t.literal('close') }),
  struct({ kind: t.literal('grant_extension'), requestId: Id }),
]);
/** A decision taken with four eyes. */
export type ProblemAction = t.TypeOf<typeof ProblemAction>;

/** Office staff proposed a decision; it waits for an approver who is not the proposer. */
export const ProblemDecisionProposed = struct({ problemId: Id, proposalId: Id, action: ProblemAction, proposedBy: Id });
/** Data of `problem.decision_proposed`. */
export type ProblemDecisionProposed = t.TypeOf<typeof ProblemDecisionProposed>;

/** The proposal was rejected: nothing it proposed happens. */
export const ProblemProposalRejected = struct({ problemId: Id, proposalId: Id, rejectedBy: Id, reason: LongText });
/** Data of `problem.proposal_rejected`. */
export type ProblemProposalRejected = t.TypeOf<typeof ProblemProposalRejected>;

/**
 * The host court's office (领导小组办公室) returned (退回) the handling of a problem by its court's
 * office: what was put up for closure, verified or closed is open again and needs fresh evidence.
 */
export const HandlingReturned = struct({ problemId: Id, courtId: Id, reason: LongText });
/** Data of `problem.handling_returned`. */
export type HandlingReturned = t.TypeOf<typeof HandlingReturned>;

/** The host court's office spot-checked (抽查) a court's handling of a problem: recorded, whatever it found. */
export const ProblemSpotChecked = struct({ problemId: Id, checkId: Id, courtId: Id, passed: t.boolean, note: LongText });
/** Data of `problem.spot_checked`. */
export type ProblemSpotChecked = t.TypeOf<typeof ProblemSpotChecked>;

/** The host court's office took the problem over (提级办理) from its court's office, with a reason: it keeps it from now on. */
export const ProblemTakenOver = struct({ problemId: Id, fromCourtId: Id, byCourtId: Id, reason: LongText });
/** Data of `problem.taken_over`. */
export type ProblemTakenOver = t.TypeOf<typeof ProblemTakenOver>;

/** The Problem's event types. */
export const problemEvents = {
  identified: eventType('problem.identified', ProblemIdentified),
  registered: eventType('problem.registered', ProblemRegistered),
  responsibilityAssigned: eventType('problem.responsibility_assigned', ResponsibilityAssigned),
  measurePlanned: eventType('problem.measure_planned', MeasurePlanned),
  measureCompleted: eventType('problem.measure_completed', MeasureCompleted),
  progressRecorded: eventType('problem.progress_recorded', ProgressRecorded),
  evidenceAttached: eventType('problem.evidence_attached', EvidenceAttached),
  extensionRequested: eventType('problem.extension_requested', MeasureExtensionRequested),
  extensionGranted: eventType('problem.extension_granted', MeasureExtensionGranted),
  extensionDenied: eventType('problem.extension_denied', MeasureExtensionDenied),
  closureRequested: eventType('problem.closure_requested', ClosureRequested),
  verified: eventType('problem.verified', ProblemVerified),
  verificationReturned: eventType('problem.verification_returned', VerificationReturned),
  closed: eventType('problem.closed', ProblemClosed),
  reopened: eventType('problem.reopened', ProblemReopened),
  markedLongTerm: eventType('problem.marked_long_term', MarkedLongTerm),
  milestoneReached: eventType('problem.milestone_reached', MilestoneReached),
  withdrawn: eventType('problem.withdrawn', ProblemWithdrawn),
  corrected: eventType('problem.corrected', ProblemCorrected),
  carriedOver: eventType('problem.carried_over', ProblemCarriedOver),
  decisionProposed: eventType('problem.decision_proposed', ProblemDecisionProposed),
  proposalRejected: eventType('problem.proposal_rejected', ProblemProposalRejected),
  handlingReturned: eventType('problem.handling_returned', HandlingReturned),
  spotChecked: eventType('problem.spot_checked', ProblemSpotChecked),
  takenOver: eventType('problem.taken_over', ProblemTakenOver),
} as const;

/** Any Problem event. */
export type ProblemEvent = EventUnion<typeof problemEvents>;

/** Registry entries of the Problem's event types. */
export const problemEventTypes = definitionsOf(problemEvents);
