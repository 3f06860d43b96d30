/** The Task folded. Overdue is never stored: compare `dueDate` with a given "now". */
import type { TaskEvaluated, TaskEvent, TaskExtensionRequested, TaskIssued } from './events';

/** Where a task stands. */
export type TaskStatus = 'none' | 'issued' | 'in_progress' | 'completion_reported' | 'evaluated';

/** An extension request and what became of it. */
export interface TaskExtension extends TaskExtensionRequested {
  readonly decision: 'pending' | 'granted' | 'denied';
}

/** The Task's state. */
export interface TaskState {
  readonly status: TaskStatus;
  readonly task?: TaskIssued | undefined;
  /** The current due date (moved only by granted extensions). */
  readonly dueDate?: string | undefined;
  /** `court/department` keys of the lead departments that accepted. */
  readonly acceptedBy: ReadonlySet<string>;
  /** Court id → its part's due date. */
  readonly parts: ReadonlyMap<string, string>;
  /** Court id → last reported percent. */
  readonly progress: ReadonlyMap<string, number>;
  readonly extensions: ReadonlyMap<string, TaskExtension>;
  readonly returns: number;
  readonly evaluation?: TaskEvaluated | undefined;
}

/** No task yet. */
export const initialTask: TaskState = {
  status: 'none', acceptedBy: new Set(), parts: new Map(), progress: new Map(), extensions: new Map(), returns: 0,
};

/** Folds one Task event. */
export const evolveTask = (s: TaskState, e: TaskEvent): TaskState => {
  switch (e.type) {
    case 'task.issued':
      return { ...s, status: 'issued', task: e.data, dueDate: e.data.dueDate };
    case 'task.accepted':
      return { ...s, status: s.status === 'issued' ? 'in_progress' : s.status, acceptedBy: new Set(s.acceptedBy).add(`${e.data.courtId}/${e.data.department}`) };
    case 'task.decomposed':
      return { ...s, parts: new Map(s.parts).set(e.data.courtId, e.data.dueDate) };
    case 'task.progress_reported':
      return { ...s, progress: new Map(s.progress).set(e.data.courtId, e.data.percent) };
    case 'task.extension_requested':
      return { ...s, extensions: new Map(s.extensions).set(e.data.requestId, { ...e.data, decision: 'pending' }) };
    case 'task.extension_granted': {
      const x = s.extensions.get(e.data.requestId);
      return { ...s, dueDate: e.data.newDueDate, extensions: x ? new Map(s.extensions).set(x.requestId, { ...x, decision: 'granted' }) : s.extensions };
    }
    case 'task.extension_denied': {
      const x = s.extensions.get(e.data.requestId);
      return { ...s, extensions: x ? new Map(s.extensions).set(x.requestId, { ...x, decision: 'denied' }) : s.extensions };
    }
    case 'task.completion_reported':
      return { ...s, status: 'completion_reported' };
    case 'task.returned':
      return { ...s, status: 'in_progress', returns: s.returns + 1 };
    case 'task.evaluated':
      return { ...s, status: 'evaluated', evaluation: e.data };
  }
};
