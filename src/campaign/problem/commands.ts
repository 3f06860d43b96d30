/**
 * Problem commands. `register` takes only the problem id: the facade reserves the next number of
 * the court's ledger and hands the decider the resolved number.
 */
import * as t from 'io-ts';
import { DepartmentName, EvidenceRef, Id, IsoDate, LongText, Severity, ShortText, intIn, listOf, optional, struct } from '../codecs';
import type { CommandUnion } from '../define';
import { Milestone, ProblemAction, ProblemSource } from './events';

/** Identifies a problem. Inspection sources name the inspection (and the finding, when there is one). */
export const IdentifyProblem = t.intersection([
  struct({
    problemId: Id, courtId: Id, source: ProblemSource, title: ShortText, description: LongText, criterion: ShortText, severity: Severity,
  }),
  optional({ evidence: listOf(EvidenceRef, 0, 100), department: DepartmentName, taskId: Id, inspectionId: Id, findingId: Id }),
]);
/** Input of `problem.identify`. */
export type IdentifyProblem = t.TypeOf<typeof IdentifyProblem>;

/** Registers the problem in its court's ledger under the next number of that ledger. */
export const RegisterProblem = struct({ problemId: Id });
/** Input of `problem.register`. */
export type RegisterProblem = t.TypeOf<typeof RegisterProblem>;

/** Assigns (or reassigns) the responsible leader, department (of the problem's court) and person. */
export const AssignResponsibility = struct({ problemId: Id, leaderId: Id, department: DepartmentName, personId: Id });
/** Input of `problem.assignResponsibility`. */
export type AssignResponsibility = t.TypeOf<typeof AssignResponsibility>;

/** Plans a measure with its deadline. */
export const PlanMeasure = struct({ problemId: Id, measureId: Id, content: LongText, deadline: IsoDate });
/** Input of `problem.planMeasure`. */
export type PlanMeasure = t.TypeOf<typeof PlanMeasure>;

/** Records a measure as done. */
export const CompleteMeasure = struct({ problemId: Id, measureId: Id, note: LongText });
/** Input of `problem.completeMeasure`. */
export type CompleteMeasure = t.TypeOf<typeof CompleteMeasure>;

/** Records progress. */
export const RecordProgress = t.intersection([struct({ problemId: Id, note: LongText }), optional({ measureId: Id })]);
/** Input of `problem.recordProgress`. */
export type RecordProgress = t.TypeOf<typeof RecordProgress>;

/** Attaches rectification evidence (by hash). */
export const AttachEvidence = struct({ problemId: Id, evidence: EvidenceRef });
/** Input of `problem.attachEvidence`. */
export type AttachEvidence = t.TypeOf<typeof AttachEvidence>;

/** Requests a later deadline for a measure (only before its deadline has passed). */
export const RequestMeasureExtension = struct({ problemId: Id, measureId: Id, requestId: Id, requestedDeadline: IsoDate, reason: LongText });
/** Input of `problem.requestExtension`. */
export type RequestMeasureExtension = t.TypeOf<typeof RequestMeasureExtension>;

/** Denies a pending measure extension. */
export const DenyMeasureExtension = struct({ problemId: Id, requestId: Id, reason: LongText });
/** Input of `problem.denyExtension`. */
export type DenyMeasureExtension = t.TypeOf<typeof DenyMeasureExtension>;

/** Asks for the problem to be closed off. */
export const RequestClosure = struct({ problemId: Id, summary: LongText });
/** Input of `problem.requestClosure`. */
export type RequestClosure = t.TypeOf<typeof RequestClosure>;

/** Confirms the rectification (by an independent verifier). */
export const VerifyProblem = struct({ problemId: Id, note: LongText });
/** Input of `problem.verify`. */
export type VerifyProblem = t.TypeOf<typeof VerifyProblem>;

/** Returns a closure request. */
export const ReturnVerification = struct({ problemId: Id, reason: LongText });
/** Input of `problem.returnVerification`. */
export type ReturnVerification = t.TypeOf<typeof ReturnVerification>;

/** Reopens a closed problem after a re-check (回头看). */
export const ReopenProblem = t.intersection([struct({ problemId: Id, reason: LongText }), optional({ inspectionId: Id })]);
/** Input of `problem.reopen`. */
export type ReopenProblem = t.TypeOf<typeof ReopenProblem>;

/** Marks the problem long-term, with milestones. */
export const MarkLongTerm = struct({ problemId: Id, reason: LongText, milestones: listOf(Milestone, 1, 50) });
/** Input of `problem.markLongTerm`. */
export type MarkLongTerm = t.TypeOf<typeof MarkLongTerm>;

/** Records a milestone as reached. */
export const ReachMilestone = struct({ problemId: Id, milestoneId: Id, note: LongText });
/** Input of `problem.reachMilestone`. */
export type ReachMilestone = t.TypeOf<typeof ReachMilestone>;

/**
 * Proposes a decision taken with four eyes — withdrawing the problem, closing it off (销号),
 * granting a measure's extension — for an approver who is not the proposer.
 */
export const ProposeProblemDecision = struct({ problemId: Id, proposalId: Id, action: ProblemAction });
/** Input of `problem.propose`. */
export type ProposeProblemDecision = t.TypeOf<typeof ProposeProblemDecision>;

/** Approves a pending proposal: the decision it proposed is taken (and checked again now). */
export const ApproveProblemDecision = struct({ problemId: Id, proposalId: Id });
/** Input of `problem.approve`. */
export type ApproveProblemDecision = t.TypeOf<typeof ApproveProblemDecision>;

/** Rejects a pending proposal, with a reason. */
export const RejectProblemDecision = struct({ problemId: Id, proposalId: Id, reason: LongText });
/** Input of `problem.reject`. */
export type RejectProblemDecision = t.TypeOf<typeof RejectProblemDecision>;

/** Corrects what was recorded at identification (a new event with a reason; nothing is edited). */
export const CorrectProblem = t.intersection([
  struct({ problemId: Id, reason: LongText }),
  optional({ title: ShortText, description: LongText, criterion: ShortText, severity: Severity, department: DepartmentName }),
]);
/** Input of `problem.correct`. */
export type CorrectProblem = t.TypeOf<typeof CorrectProblem>;

/** 结转: carries a problem still open at the turn of the year from the ledger of `fromYear` into that of `toYear`. */
export const CarryOverProblem = struct({ problemId: Id, fromYear: intIn(2000, 2100), toYear: intIn(2000, 2100), reason: LongText });
/** Input of `problem.carryOver`. */
export type CarryOverProblem = t.TypeOf<typeof CarryOverProblem>;
/** Returns (退回) a court's handling of the problem: the host court's office supervising. */
export const ReturnHandling = struct({ problemId: Id, reason: LongText });
/** Input of `problem.returnHandling`. */
export type ReturnHandling = t.TypeOf<typeof ReturnHandling>;

/** Records a spot check (抽查) of a court's handling of the problem. */
export const SpotCheckProblem = struct({ problemId: Id, checkId: Id, passed: t.boolean, note: LongText });
/** Input of `problem.spotCheck`. */
export type SpotCheckProblem = t.TypeOf<typeof SpotCheckProblem>;

/** Takes the problem over from its court's office, with a reason (the host court's office). */
export const TakeOverProblem = struct({ problemId: Id, reason: LongText });
/** Input of `problem.takeOver`. */
export type TakeOverProblem = t.TypeOf<typeof TakeOverProblem>;

/** Input codecs of the Problem's commands, by command name. */
export const problemCommands = {
  identify: IdentifyProblem,
  register: RegisterProblem,
  assignResponsibility: AssignResponsibility,
  planMeasure: PlanMeasure,
  completeMeasure: CompleteMeasure,
  recordProgress: RecordProgress,
  attachEvidence: AttachEvidence,
  requestExtension: RequestMeasureExtension,
  denyExtension: DenyMeasureExtension,
  requestClosure: RequestClosure,
  verify: VerifyProblem,
  returnVerification: ReturnVerification,
  reopen: ReopenProblem,
  markLongTerm: MarkLongTerm,
  reachMilestone: ReachMilestone,
  propose: ProposeProblemDecision,
  approve: ApproveProblemDecision,
  reject: RejectProblemDecision,
  correct: CorrectProblem,
  carryOver: CarryOverProblem,
  returnHandling: ReturnHandling,
  spotCheck: SpotCheckProblem,
  takeOver: TakeOverProblem,
} as const;

/** `register` as the decider sees it: with the number reserved for the problem. */
export interface RegisterWithNumber {
  readonly type: 'register';
  readonly problemId: string;
  readonly ledgerNumber: string;
  readonly sequence: number;
}

/** Any Problem command, as decided. */
export type ProblemCommand = Exclude<CommandUnion<typeof problemCommands>, { readonly type: 'register' }> | RegisterWithNumber;
