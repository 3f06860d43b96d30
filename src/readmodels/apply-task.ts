/** Folds Task events into task rows: acceptance, decomposition and progress per court, extensions, completion. */
import type { TaskEvent } from '../campaign/task/events';
import type { RecordedEvent } from '../eventsourcing/envelope';
import { CannotApply } from './errors';
import { pmGet, pmSet, type PMap } from './pmap';
import type { TaskCourtRow, TaskRow } from './state';

const cell = (t: TaskRow, courtId: string): TaskCourtRow => t.courts[courtId] ?? { courtId, acceptedBy: [], progressReports: 0 };

const withCell = (t: TaskRow, c: TaskCourtRow): TaskRow =>
  ({ ...t, status: t.status === 'issued' ? 'in_progress' : t.status, courts: { ...t.courts, [c.courtId]: c } });

const step = (t: TaskRow, ev: TaskEvent, e: RecordedEvent): TaskRow => {
  const at = e.metadata.recordedAt;
  switch (ev.type) {
    case 'task.issued':
      throw new CannotApply(e.type, e.streamId, `task "${t.taskId}" was already issued`);
    case 'task.accepted': {
      const c = cell(t, ev.data.courtId);
      return withCell(t, c.acceptedBy.includes(ev.data.department) ? c : { ...c, acceptedBy: [...c.acceptedBy, ev.data.department] });
    }
    case 'task.decomposed':
      return withCell(t, { ...cell(t, ev.data.courtId), decomposition: { assignment: ev.data.assignment, dueDate: ev.data.dueDate, at } });
    case 'task.progress_reported': {
      const c = cell(t, ev.data.courtId);
      return withCell(t, { ...c, progress: { percent: ev.data.percent, summary: ev.data.summary, at }, progressReports: c.progressReports + 1 });
    }
    case 'task.extension_requested':
      return { ...t, extensions: { ...t.extensions, requested: t.extensions.requested + 1 } };
    case 'task.extension_granted':
      return { ...t, dueDate: ev.data.newDueDate, extensions: { ...t.extensions, granted: t.extensions.granted + 1 } };
    case 'task.extension_denied':
      return { ...t, extensions: { ...t.extensions, denied: t.extensions.denied + 1 } };
    case 'task.completion_reported':
      return { ...t, status: 'completion_reported', completionReports: t.completionReports + 1, completionReportedAt: at };
    case 'task.returned':
      return { ...t, status: 'returned', returned: t.returned + 1 };
    case 'task.evaluated':
      return { ...t, status: 'evaluated', evaluation: { rating: ev.data.rating, at } };
    case 'task.no_problem_found':
      return { ...t, courts: { ...t.courts, [ev.data.courtId]: { ...cell(t, ev.data.courtId), noProblemFound: { note: ev.data.note, at } } } };
    case 'task.decision_proposed': // a proposal changes nothing until it is approved (then its decision's own event)
    case 'task.proposal_rejected':
      return t;
  }
};

/** Folds one Task event into the task rows. */
export const applyTask = (rows: PMap<TaskRow>, ev: TaskEvent, e: RecordedEvent): PMap<TaskRow> => {
  const id = ev.data.taskId;
  const current = pmGet(rows, id);
  if (ev.type === 'task.issued') {
    if (current !== undefined) throw new CannotApply(e.type, e.streamId, `task "${id}" was already issued`);
    const d = ev.data;
    return pmSet(rows, id, {
      taskId: id, number: d.number, categoryId: d.categoryId, title: d.title,
      leadDepartments: [...d.leadDepartments], coDepartments: [...d.coDepartments], scopeCourts: [...d.scopeCourts],
      dueDate: d.dueDate, originalDueDate: d.dueDate, issuedAt: e.metadata.recordedAt, status: 'issued', courts: {},
      extensions: { requested: 0, granted: 0, denied: 0 }, completionReports: 0, returned: 0,
    });
  }
  if (current === undefined) throw new CannotApply(e.type, e.streamId, `task "${id}" was never issued`);
  return pmSet(rows, id, step(current, ev, e));
};
