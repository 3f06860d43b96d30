/**
 * The task matrix: tasks × departments × courts, with each task's status, due date (after granted
 * extensions), its decomposition and latest progress per court, which of its departments accepted
 * it in each court, and the problems linked to it there. A task is overdue at `now` when it is
 * neither reported complete nor evaluated and its due date's local day has passed.
 */
import { isOverdueOn } from '../campaign/time';
import { resolveClock, type AtOptions, type Clock } from './clock';
import { pmList } from './pmap';
import { categoryOfTask, colourOf } from './problem-view';
import type { ProblemRow, ReadModelState, TaskRow, TaskStatus } from './state';

/** One department of a task in one court. `role` is null for a department not named by the task. */
export interface TaskDepartmentCell { readonly department: string; readonly role: 'lead' | 'co' | null; readonly accepted: boolean }

/** One court of a task. */
export interface TaskCourtCell {
  readonly courtId: string;
  readonly inScope: boolean;
  readonly departments: readonly TaskDepartmentCell[];
  readonly decomposition: { readonly assignment: string; readonly dueDate: string } | null;
  readonly progressPercent: number | null;
  readonly progressSummary: string | null;
  readonly progressAt: string | null;
  readonly progressReports: number;
  readonly problems: { readonly total: number; readonly closed: number; readonly overdue: number };
}

/** One task of the matrix. */
export interface TaskMatrixRow {
  readonly taskId: string;
  readonly number: number;
  readonly title: string;
  readonly categoryId: string | null;
  readonly status: TaskStatus;
  readonly dueDate: string;
  readonly originalDueDate: string;
  readonly daysLeft: number;
  readonly overdue: boolean;
  readonly leadDepartments: readonly string[];
  readonly coDepartments: readonly string[];
  readonly extensions: { readonly requested: number; readonly granted: number; readonly denied: number };
  readonly completionReports: number;
  readonly returned: number;
  readonly rating: string | null;
  readonly courts: readonly TaskCourtCell[];
}

/** The matrix: its tasks, and every department and court that appears in it. */
export interface TaskMatrix {
  readonly tasks: readonly TaskMatrixRow[];
  readonly departments: readonly string[];
  readonly courts: readonly string[];
  readonly byStatus: Readonly<Record<TaskStatus, number>>;
  readonly overdue: number;
}

const problemCounts = (problems: readonly ProblemRow[], clock: Clock) => ({
  total: problems.length,
  closed: problems.filter((p) => p.status === 'closed').length,
  overdue: problems.filter((p) => colourOf(p, clock) === 'red').length,
});

const row = (s: ReadModelState, t: TaskRow, linked: readonly ProblemRow[], clock: Clock): TaskMatrixRow => {
  const courtIds = [...t.scopeCourts, ...Object.keys(t.courts).filter((c) => !t.scopeCourts.includes(c)).sort()];
  const courts = courtIds.map((courtId): TaskCourtCell => {
    const c = t.courts[courtId];
    const accepted = c?.acceptedBy ?? [];
    const named: TaskDepartmentCell[] = [
      ...t.leadDepartments.map((d) => ({ department: d, role: 'lead' as const, accepted: accepted.includes(d) })),
      ...t.coDepartments.filter((d) => !t.leadDepartments.includes(d)).map((d) => ({ department: d, role: 'co' as const, accepted: accepted.includes(d) })),
    ];
    const others = accepted.filter((d) => !named.some((n) => n.department === d)).map((d) => ({ department: d, role: null, accepted: true }));
    return {
      courtId, inScope: t.scopeCourts.includes(courtId), departments: [...named, ...others],
      decomposition: c?.decomposition ? { assignment: c.decomposition.assignment, dueDate: c.decomposition.dueDate } : null,
      progressPercent: c?.progress?.percent ?? null, progressSummary: c?.progress?.summary ?? null, progressAt: c?.progress?.at ?? null,
      progressReports: c?.progressReports ?? 0,
      problems: problemCounts(linked.filter((p) => p.courtId === courtId), clock),
    };
  });
  const daysLeft = clock.calendar.daysBetween(clock.today, t.dueDate);
  return {
    taskId: t.taskId, number: t.number, title: t.title, categoryId: categoryOfTask(s.catalog, t.taskId), status: t.status,
    dueDate: t.dueDate, originalDueDate: t.originalDueDate, daysLeft,
    overdue: isOverdueOn(t.dueDate, clock.today) && t.status !== 'completion_reported' && t.status !== 'evaluated',
    leadDepartments: t.leadDepartments, coDepartments: t.coDepartments, extensions: t.extensions,
    completionReports: t.completionReports, returned: t.returned, rating: t.evaluation?.rating ?? null, courts,
  };
};

/** The task matrix at `options.now`, tasks by number. */
export const taskMatrix = (s: ReadModelState, options: AtOptions): TaskMatrix => {
  const clock = resolveClock(options, s.catalog);
  const byTask = new Map<string, ProblemRow[]>();
  for (const p of pmList(s.problems)) {
    if (p.taskId === undefined || p.status === 'withdrawn') continue;
    const l = byTask.get(p.taskId) ?? [];
    byTask.set(p.taskId, l);
    l.push(p);
  }
  const tasks = pmList(s.tasks)
    .sort((a, b) => a.number - b.number || (a.taskId < b.taskId ? -1 : 1))
    .map((t) => row(s, t, byTask.get(t.taskId) ?? [], clock));
  const departments = [...new Set(tasks.flatMap((t) => t.courts.flatMap((c) => c.departments.map((d) => d.department))))].sort();
  const courts = [...new Set(tasks.flatMap((t) => t.courts.map((c) => c.courtId)))].sort();
  const byStatus: Record<TaskStatus, number> = { issued: 0, in_progress: 0, completion_reported: 0, returned: 0, evaluated: 0 };
  for (const t of tasks) byStatus[t.status]++;
  return { tasks, departments, courts, byStatus, overdue: tasks.filter((t) => t.overdue).length };
};
