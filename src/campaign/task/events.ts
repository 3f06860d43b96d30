/**
 * Task events: a numbered task of the campaign, issued to lead and co-responsible departments
 * for a set of courts with a due date; accepted, decomposed per court, progressed, extended only
 * through an extension requested before the due date, completed, returned for rework, evaluated.
 * One stream per task: `${namespace}/task/${taskId}`.
 */
import * as t from 'io-ts';
import { DepartmentName, EvidenceRef, Id, IsoDate, LongText, ShortText, distinctListOf, intIn, listOf, optional, struct } from '../codecs';
import { definitionsOf, eventType, type EventUnion } from '../define';

/** A task was issued (by the campaign office). */
export const TaskIssued = struct({
  taskId: Id,
  number: intIn(1, 10_000),
  categoryId: Id,
  title: ShortText,
  leadDepartments: distinctListOf(DepartmentName, 1, 50),
  coDepartments: distinctListOf(DepartmentName, 0, 50),
  scopeCourts: distinctListOf(Id, 1, 500),
  dueDate: IsoDate,
});
/** Data of `task.issued`. */
export type TaskIssued = t.TypeOf<typeof TaskIssued>;

/** A lead department of a court accepted the task. */
export const TaskAccepted = struct({ taskId: Id, courtId: Id, department: DepartmentName });
/** Data of `task.accepted`. */
export type TaskAccepted = t.TypeOf<typeof TaskAccepted>;

/** The task was broken down for one court of its scope. */
export const TaskDecomposed = struct({ taskId: Id, courtId: Id, assignment: LongText, dueDate: IsoDate });
/** Data of `task.decomposed`. */
export type TaskDecomposed = t.TypeOf<typeof TaskDecomposed>;

/** Progress on the task (for one court). */
export const TaskProgressReported = struct({ taskId: Id, courtId: Id, summary: LongText, percent: intIn(0, 100) });
/** Data of `task.progress_reported`. */
export type TaskProgressReported = t.TypeOf<typeof TaskProgressReported>;

/** A later due date was requested, before the current one passed. */
export const TaskExtensionRequested = struct({
  taskId: Id, requestId: Id, currentDueDate: IsoDate, requestedDueDate: IsoDate, reason: LongText,
});
/** Data of `task.extension_requested`. */
export type TaskExtensionRequested = t.TypeOf<typeof TaskExtensionRequested>;

/**
 * Who proposed and who approved a decision taken with four eyes (absent in trails recorded
 * before decisions were proposed and approved).
 */
const Approved = optional({ proposalId: Id, proposedBy: Id, approvedBy: Id });

/** The extension was granted: the due date moves. This is the only way a due date moves. */
export const TaskExtensionGranted = t.intersection([struct({ taskId: Id, requestId: Id, previousDueDate: IsoDate, newDueDate: IsoDate }), Approved]);
/** Data of `task.extension_granted`. */
export type TaskExtensionGranted = t.TypeOf<typeof TaskExtensionGranted>;

/** The extension was denied. */
export const TaskExtensionDenied = struct({ taskId: Id, requestId: Id, reason: LongText });
/** Data of `task.extension_denied`. */
export type TaskExtensionDenied = t.TypeOf<typeof TaskExtensionDenied>;

/** The responsible department reported the task complete. */
export const TaskCompletionReported = struct({ taskId: Id, summary: LongText, evidence: listOf(EvidenceRef, 0, 100) });
/** Data of `task.completion_reported`. */
export type TaskCompletionReported = t.TypeOf<typeof TaskCompletionReported>;

/** The completion was not accepted: the task goes back for rework. */
export const TaskReturned = struct({ taskId: Id, reason: LongText });
/** Data of `task.returned`. */
export type TaskReturned = t.TypeOf<typeof TaskReturned>;

/** How well a task was done. */
export const TaskRating = t.keyof({ excellent: null, good: null, adequate: null, poor: null }, 'TaskRating');
/** How well a task was done. */
export type TaskRating = t.TypeOf<typeof TaskRating>;

/** The completed task was evaluated; the task is finished. */
export const TaskEvaluated = t.intersection([struct({ taskId: Id, rating: TaskRating, comment: LongText }), Approved]);
/** Data of `task.evaluated`. */
export type TaskEvaluated = t.TypeOf<typeof TaskEvaluated>;

/**
 * 查摆: a court that looked for problems under the task found none; recorded so that every task of
 * the plan has either findings in the ledger or this record for each court that examined it.
 */
export const TaskNoProblemFound = struct({ taskId: Id, courtId: Id, note: LongText, recordedBy: Id });
/** Data of `task.no_problem_found`. */
export type TaskNoProblemFound = t.TypeOf<typeof TaskNoProblemFound>;
/** A decision on a task taken with four eyes: granting an extension, rating the task. */
export const TaskAction = t.union([
  struct({ kind: t.literal('grant_extension'), requestId: Id }),
  struct({ kind: t.literal('evaluate'), rating: TaskRating, comment: LongText }),
]);
/** A decision on a task taken with four eyes. */
export type TaskAction = t.TypeOf<typeof TaskAction>;

/** Office staff proposed a decision; it waits for an approver who is not the proposer. */
export const TaskDecisionProposed = struct({ taskId: Id, proposalId: Id, action: TaskAction, proposedBy: Id });
/** Data of `task.decision_proposed`. */
export type TaskDecisionProposed = t.TypeOf<typeof TaskDecisionProposed>;

/** The proposal was rejected: nothing it proposed happens. */
export const TaskProposalRejected = struct({ taskId: Id, proposalId: Id, rejectedBy: Id, reason: LongText });
/** Data of `task.proposal_rejected`. */
export type TaskProposalRejected = t.TypeOf<typeof TaskProposalRejected>;

/** The Task's event types. */
export const taskEvents = {
  issued: eventType('task.issued', TaskIssued),
  accepted: eventType('task.accepted', TaskAccepted),
  decomposed: eventType('task.decomposed', TaskDecomposed),
  progressReported: eventType('task.progress_reported', TaskProgressReported),
  extensionRequested: eventType('task.extension_requested', TaskExtensionRequested),
  extensionGranted: eventType('task.extension_granted', TaskExtensionGranted),
  extensionDenied: eventType('task.extension_denied', TaskExtensionDenied),
  completionReported: eventType('task.completion_reported', TaskCompletionReported),
  returned: eventType('task.returned', TaskReturned),
  evaluated: eventType('task.evaluated', TaskEvaluated),
  noProblemFound: eventType('task.no_problem_found', TaskNoProblemFound),
  decisionProposed: eventType('task.decision_proposed', TaskDecisionProposed),
  proposalRejected: eventType('task.proposal_rejected', TaskProposalRejected),
} as const;

/** Any Task event. */
export type TaskEvent = EventUnion<typeof taskEvents>;

/** Registry entries of the Task's event types. */
export const taskEventTypes = definitionsOf(taskEvents);
