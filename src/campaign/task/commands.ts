/** Task commands. The issuing department's court is the campaign's organizer court. */
import * as t from 'io-ts';
import { DepartmentName, EvidenceRef, Id, IsoDate, LongText, ShortText, distinctListOf, intIn, listOf, optional, struct } from '../codecs';
import type { CommandUnion } from '../define';
import { TaskAction } from './events';

/** Issues a numbered task to lead (and co-responsible) departments for a set of courts. */
export const IssueTask = t.intersection([
  struct({
    taskId: Id, number: intIn(1, 10_000), categoryId: Id, title: ShortText,
    leadDepartments: distinctListOf(DepartmentName, 1, 50), scopeCourts: distinctListOf(Id, 1, 500), dueDate: IsoDate,
  }),
  optional({ coDepartments: distinctListOf(DepartmentName, 0, 50) }),
]);
/** Input of `task.issue`. */
export type IssueTask = t.TypeOf<typeof IssueTask>;

/** The actor's (lead) department accepts the task. */
export const AcceptTask = struct({ taskId: Id });
/** Input of `task.accept`. */
export type AcceptTask = t.TypeOf<typeof AcceptTask>;

/** Breaks the task down for one court of its scope. */
export const DecomposeTask = struct({ taskId: Id, courtId: Id, assignment: LongText, dueDate: IsoDate });
/** Input of `task.decompose`. */
export type DecomposeTask = t.TypeOf<typeof DecomposeTask>;

/** Reports progress for a court. */
export const ReportTaskProgress = struct({ taskId: Id, courtId: Id, summary: LongText, percent: intIn(0, 100) });
/** Input of `task.reportProgress`. */
export type ReportTaskProgress = t.TypeOf<typeof ReportTaskProgress>;

/** Requests a later due date (only before the current one has passed). */
export const RequestTaskExtension = struct({ taskId: Id, requestId: Id, requestedDueDate: IsoDate, reason: LongText });
/** Input of `task.requestExtension`. */
export type RequestTaskExtension = t.TypeOf<typeof RequestTaskExtension>;

/** Denies a pending extension request. */
export const DenyTaskExtension = struct({ taskId: Id, requestId: Id, reason: LongText });
/** Input of `task.denyExtension`. */
export type DenyTaskExtension = t.TypeOf<typeof DenyTaskExtension>;

/** Reports the task complete. */
export const ReportTaskCompletion = t.intersection([struct({ taskId: Id, summary: LongText }), optional({ evidence: listOf(EvidenceRef, 0, 100) })]);
/** Input of `task.reportCompletion`. */
export type ReportTaskCompletion = t.TypeOf<typeof ReportTaskCompletion>;

/** Returns a completion for rework. */
export const ReturnTask = struct({ taskId: Id, reason: LongText });
/** Input of `task.returnForRework`. */
export type ReturnTask = t.TypeOf<typeof ReturnTask>;

/**
 * Proposes a decision taken with four eyes — granting an extension, rating (evaluating) the
 * completed task — for an approver who is not the proposer.
 */
export const ProposeTaskDecision = struct({ taskId: Id, proposalId: Id, action: TaskAction });
/** Input of `task.propose`. */
export type ProposeTaskDecision = t.TypeOf<typeof ProposeTaskDecision>;

/** Approves a pending proposal: the decision it proposed is taken (and checked again now). */
export const ApproveTaskDecision = struct({ taskId: Id, proposalId: Id });
/** Input of `task.approve`. */
export type ApproveTaskDecision = t.TypeOf<typeof ApproveTaskDecision>;

/** Rejects a pending proposal, with a reason. */
export const RejectTaskDecision = struct({ taskId: Id, proposalId: Id, reason: LongText });
/** Input of `task.reject`. */
export type RejectTaskDecision = t.TypeOf<typeof RejectTaskDecision>;

/** 查摆: records that a court looked for problems under the task and found none. */
export const RecordNoProblemFound = struct({ taskId: Id, courtId: Id, note: LongText });
/** Input of `task.recordNoProblemFound`. */
export type RecordNoProblemFound = t.TypeOf<typeof RecordNoProblemFound>;

/** Input codecs of the Task's commands, by command name. */
export const taskCommands = {
  issue: IssueTask,
  accept: AcceptTask,
  decompose: DecomposeTask,
  reportProgress: ReportTaskProgress,
  requestExtension: RequestTaskExtension,
  denyExtension: DenyTaskExtension,
  reportCompletion: ReportTaskCompletion,
  returnForRework: ReturnTask,
  recordNoProblemFound: RecordNoProblemFound,
  propose: ProposeTaskDecision,
  approve: ApproveTaskDecision,
  reject: RejectTaskDecision,
} as const;

/** Any Task command. */
export type TaskCommand = CommandUnion<typeof taskCommands>;
