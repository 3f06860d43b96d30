/** The Task folded. Overdue is never stored: compare `dueDate` with a given "now". */
import { settle, type ExtensionDecision } from '../extensions';
import { settleProposal, type Proposal } from '../four-eyes';
import type { TaskAction, TaskEvaluated, TaskEvent, TaskExtensionRequested, TaskIssued } from './events';

/** Where a task stands. */
export type TaskStatus = 'none' | 'issued' | 'in_progress' | 'completion_reported' | 'evaluated';

/** An extension request and what became of it. */
export interface TaskExtension extends TaskExtensionRequested {
  readonly decision: ExtensionDecision;
}

/** What a task has, whatever its status. */
interface TaskFacts {
  /** `court/department` keys of the lead departments that accepted. */
  readonly acceptedBy: ReadonlySet<string>;
  /** Court id → its part's due date. */
  readonly parts: ReadonlyMap<string, string>;
  /** Court id → last reported percent. */
  readonly progress: ReadonlyMap<string, number>;
  readonly extensions: ReadonlyMap<string, TaskExtension>;
  /** Decisions proposed for four eyes, by proposal id, and what became of them. */
  readonly proposals: ReadonlyMap<string, Proposal<TaskAction>>;
  readonly returns: number;
  /** Courts that recorded finding no problem under the task (查摆). */
  readonly noProblemFound?: ReadonlySet<string> | undefined;
}

/** No task yet. */
export interface NoTask extends TaskFacts {
  readonly status: 'none';
  readonly task?: undefined;
  readonly dueDate?: undefined;
  readonly evaluation?: undefined;
}

/** An issued task, whatever became of it since. */
interface IssuedTaskFacts extends TaskFacts {
  readonly task: TaskIssued;
  /** The current due date (moved only by granted extensions). */
  readonly dueDate: string;
}

/** Issued, accepted or reported complete: still being worked on. */
export interface ActiveTask extends IssuedTaskFacts {
  readonly status: 'issued' | 'in_progress' | 'completion_reported';
  readonly evaluation?: undefined;
}

/** Evaluated, and so finished. */
export interface EvaluatedTask extends IssuedTaskFacts {
  readonly status: 'evaluated';
  readonly evaluation: TaskEvaluated;
}

/** The Task's state, by status: the compiler knows which facts each status has. */
export type TaskState = NoTask | ActiveTask | EvaluatedTask;

/** No task yet. */
export const initialTask: NoTask = {
  status: 'none', acceptedBy: new Set(), parts: new Map(), progress: new Map(), extensions: new Map(), proposals: new Map(), returns: 0,
};

/** Folds one Task event. */
export const evolveTask = (s: TaskState, e: TaskEvent): TaskState => {
  switch (e.type) {
    case 'task.issued':
      return s.status === 'none' ? { ...s, status: 'issued', task: e.data, dueDate: e.data.dueDate } : s;
    case 'task.accepted':
      return s.status === 'issued' ? { ...s, status: 'in_progress', acceptedBy: new Set(s.acceptedBy).add(`${e.data.courtId}/${e.data.department}`) } : { ...s, acceptedBy: new Set(s.acceptedBy).add(`${e.data.courtId}/${e.data.department}`) };
    case 'task.decomposed':
      return { ...s, parts: new Map(s.parts).set(e.data.courtId, e.data.dueDate) };
    case 'task.progress_reported':
      return { ...s, progress: new Map(s.progress).set(e.data.courtId, e.data.percent) };
    case 'task.extension_requested':
      return { ...s, extensions: new Map(s.extensions).set(e.data.requestId, { ...e.data, decision: 'pending' }) };
    case 'task.extension_granted':
      return s.status === 'none' ? s : {
        ...s, dueDate: e.data.newDueDate, extensions: settle(s.extensions, e.data.requestId, 'granted'), proposals: settleProposal(s.proposals, e.data.proposalId, 'approved'),
      };
    case 'task.extension_denied':
      return { ...s, extensions: settle(s.extensions, e.data.requestId, 'denied') };
    case 'task.completion_reported':
      return s.status === 'none' || s.status === 'evaluated' ? s : { ...s, status: 'completion_reported' };
    case 'task.returned':
      return s.status === 'none' || s.status === 'evaluated' ? s : { ...s, status: 'in_progress', returns: s.returns + 1 };
    case 'task.evaluated':
      return s.status === 'none' ? s : { ...s, status: 'evaluated', evaluation: e.data, proposals: settleProposal(s.proposals, e.data.proposalId, 'approved') };
    case 'task.decision_proposed':
      return { ...s, proposals: new Map(s.proposals).set(e.data.proposalId, { proposalId: e.data.proposalId, action: e.data.action, proposedBy: e.data.proposedBy, status: 'pending' }) };
    case 'task.proposal_rejected':
      return { ...s, proposals: settleProposal(s.proposals, e.data.proposalId, 'rejected') };
    case 'task.no_problem_found':
      return { ...s, noProblemFound: new Set([...(s.noProblemFound ?? []), e.data.courtId]) };
  }
};
