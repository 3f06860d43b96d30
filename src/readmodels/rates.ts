/**
 * Rectification rates (整改率 = closed / total) by court, department, task and category, with
 * on-time, returned and reopened rates. Withdrawn problems are left out of every figure. A rate is
 * null when its denominator is 0. Problems linked to no task (or whose task has no category) are
 * counted in the totals and by court and department, not in the task or category groups.
 *
 * - on-time rate = closed problems whose rectification was completed (the verified closure
 *   request) on or before the deadline in force then / closed; closed late = closed − closed on time
 * - closing delay = mean days from the verified closure request to the closure (the office's own
 *   delay to close off), over closed problems; null without any
 * - returned rate = problems whose closure was returned at least once / total
 * - reopened rate = problems reopened on re-check at least once / total
 * - overdue = past the deadline and not closed, at `now`
 */
import { resolveClock, type AtOptions, type Clock } from './clock';
import { pmList } from './pmap';
import { categoryOfTask, closedOnTime, closingDelayDays, colourOf, unitKeyOf, unitOfProblem } from './problem-view';
import type { ProblemRow, ReadModelState } from './state';

/** The figures of one group. */
export interface RateRow {
  readonly key: string;
  readonly total: number;
  readonly closed: number;
  readonly rectificationRate: number | null;
  readonly closedOnTime: number;
  readonly onTimeRate: number | null;
  readonly closedLate: number;
  readonly meanClosingDelayDays: number | null;
  readonly returned: number;
  readonly returnedRate: number | null;
  readonly reopened: number;
  readonly reopenedRate: number | null;
  readonly overdue: number;
}

/** Rates overall and per group. Department keys are `court/department` (a department belongs to its court). */
export interface RateTables {
  readonly overall: RateRow;
  readonly byCourt: readonly RateRow[];
  readonly byDepartment: readonly RateRow[];
  readonly byTask: readonly RateRow[];
  readonly byCategory: readonly RateRow[];
}

/** A ratio, null when the denominator is 0. */
export const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** The figures of a group of problems (withdrawn ones are dropped). */
export const rateRow = (key: string, problems: readonly ProblemRow[], clock: Clock): RateRow => {
  let total = 0; let closed = 0; let onTime = 0; let returned = 0; let reopened = 0; let overdue = 0; let delay = 0;
  for (const p of problems) {
    if (p.status === 'withdrawn') continue;
    total++;
    if (p.status === 'closed') { closed++; delay += closingDelayDays(p, clock) ?? 0; }
    if (closedOnTime(p, clock.zone)) onTime++;
    if (p.returned > 0) returned++;
    if (p.reopened > 0) reopened++;
    if (colourOf(p, clock) === 'red') overdue++;
  }
  return {
    key, total, closed, rectificationRate: ratio(closed, total), closedOnTime: onTime, onTimeRate: ratio(onTime, closed),
    closedLate: closed - onTime, meanClosingDelayDays: ratio(delay, closed),
    returned, returnedRate: ratio(returned, total), reopened, reopenedRate: ratio(reopened, total), overdue,
  };
};

const grouped = (problems: readonly ProblemRow[], keyOf: (p: ProblemRow) => string | null, clock: Clock): RateRow[] => {
  const groups = new Map<string, ProblemRow[]>();
  for (const p of problems) {
    if (p.status === 'withdrawn') continue;
    const k = keyOf(p);
    if (k === null) continue;
    const g = groups.get(k) ?? [];
    groups.set(k, g);
    g.push(p);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, g]) => rateRow(k, g, clock));
};

/** The rate tables at `options.now`. */
export const rectificationRates = (s: ReadModelState, options: AtOptions): RateTables => {
  const clock = resolveClock(options, s.catalog);
  const all = pmList(s.problems);
  return {
    overall: rateRow('all', all, clock),
    byCourt: grouped(all, (p) => p.courtId, clock),
    byDepartment: grouped(all, (p) => { const u = unitOfProblem(p); return u.department === null ? null : unitKeyOf(u); }, clock),
    byTask: grouped(all, (p) => p.taskId ?? null, clock),
    byCategory: grouped(all, (p) => categoryOfTask(s.catalog, p.taskId), clock),
  };
};
