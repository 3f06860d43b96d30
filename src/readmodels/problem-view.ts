/**
 * A problem as seen at a moment: its deadline, days left, warning colour and on-time closure.
 *
 * Rules (documented in one place):
 * - **Deadline**: the latest of the problem's measures' deadlines, each after its granted
 *   extensions, and, once the problem is long-term, its milestones' due dates. A problem with no
 *   measure yet has no deadline (and no colour unless it is closed).
 * - **Days left**: from today's local date to the deadline, counted by the query's calendar (natural
 *   days by default), in the campaign's zone unless the query names another; a deadline is met
 *   through its whole local day.
 * - **Colour**: green when closed, or more than `yellowDays` (10) days left; yellow when 0 to
 *   `yellowDays` days left; red when past the deadline and not closed. Withdrawn problems have none.
 * - **Due soon**: not closed, 0 to `dueSoonDays` (20) days left. **Overdue**: red, i.e. neither
 *   closed nor withdrawn and `isOverdueOn(deadline, today)` (`campaign/time.ts`), the same rule
 *   the overdue reaction applies (`isProblemOverdue`).
 * - **Days left** is shown for problems not closed; a closed problem shows its **closure**
 *   instead: `on_time` when the rectification was completed in time, else `late`.
 * - **Closed on time**: closed, and the local date of the rectification's completion (the
 *   closure request that was then verified) is on or before the deadline in force at that request
 *   (a problem closed with no deadline counts as on time). The office's own delay to close off is
 *   {@link closingDelayDays}: days from that request to the closure, counted by the calendar.
 * - As-of figures use the recorded time (`recordedAt`) of each status and deadline change.
 */
import type { Clock } from './clock';
import type { Catalog, ProblemRow, ProblemStatus, Timed } from './state';
import { isOverdueOn, localDate, type Zone } from '../campaign/time';

/** A warning colour. */
export type Colour = 'green' | 'yellow' | 'red';

/** The last entry recorded at or before `ms` (logs are in recorded order, so scan from the end). */
const lastAt = <T>(log: readonly Timed<T>[], ms: number): Timed<T> | undefined => {
  for (let i = log.length - 1; i >= 0; i--) {
    const x = log[i] as Timed<T>;
    if (Date.parse(x.at) <= ms) return x;
  }
  return undefined;
};

/** The status in force at `ms` (recorded time), undefined before identification. */
export const statusAt = (p: ProblemRow, ms: number): ProblemStatus | undefined => lastAt(p.statusLog, ms)?.value;

/** The deadline in force at `ms` (recorded time), null when none. */
export const deadlineAt = (p: ProblemRow, ms: number): string | null => lastAt(p.deadlineLog, ms)?.value ?? null;

/** The current deadline. */
export const currentDeadline = (p: ProblemRow): string | null => p.deadlineLog[p.deadlineLog.length - 1]?.value ?? null;

/** Days from today to the current deadline, null without one. */
export const daysLeft = (p: ProblemRow, clock: Clock): number | null => {
  const d = currentDeadline(p);
  return d === null ? null : clock.calendar.daysBetween(clock.today, d);
};

/** The warning colour at the clock's `now`, null for a withdrawn problem or an open one without deadline. */
export const colourOf = (p: ProblemRow, clock: Clock): Colour | null => {
  if (p.status === 'withdrawn') return null;
  if (p.status === 'closed') return 'green';
  const d = currentDeadline(p);
  if (d === null) return null;
  return isOverdueOn(d, clock.today) ? 'red' : clock.calendar.daysBetween(clock.today, d) <= clock.thresholds.yellowDays ? 'yellow' : 'green';
};

/** Whether the problem is due soon (not closed, 0 to `dueSoonDays` days left). */
export const isDueSoon = (p: ProblemRow, clock: Clock): boolean => {
  if (p.status === 'closed' || p.status === 'withdrawn') return false;
  const left = daysLeft(p, clock);
  return left !== null && left >= 0 && left <= clock.thresholds.dueSoonDays;
};

/** When the rectification was completed: the verified closure request, else the closure itself. */
export const rectifiedAt = (p: ProblemRow): string | undefined => (p.status === 'closed' ? p.closureRequestedAt ?? p.closedAt : undefined);

/** Whether the problem is closed, and its rectification completed on or before the deadline in force then. */
export const closedOnTime = (p: ProblemRow, zone: Zone): boolean => {
  const done = rectifiedAt(p);
  if (done === undefined) return false;
  const d = deadlineAt(p, Date.parse(done));
  return d === null || localDate(done, zone) <= d;
};

/** How a closed problem closed: `on_time` or `late`; null while it is not closed. */
export const closureOf = (p: ProblemRow, zone: Zone): 'on_time' | 'late' | null =>
  (p.status !== 'closed' ? null : closedOnTime(p, zone) ? 'on_time' : 'late');

/** The office's own delay to close off: days from the verified closure request to the closure; null while not closed. */
export const closingDelayDays = (p: ProblemRow, clock: Pick<Clock, 'zone' | 'calendar'>): number | null => {
  const done = rectifiedAt(p);
  if (done === undefined || p.closedAt === undefined) return null;
  return clock.calendar.daysBetween(localDate(done, clock.zone), localDate(p.closedAt, clock.zone));
};

/** The category of a task: the task's own, or the category whose task-number range holds its number. */
export const categoryOfTask = (c: Catalog, taskId: string | undefined): string | null => {
  if (taskId === undefined) return null;
  const t = c.tasks[taskId];
  if (t === undefined) return null;
  if (c.categories[t.categoryId] !== undefined) return t.categoryId;
  const byRange = Object.values(c.categories).find((k) => k.firstTask !== undefined && k.lastTask !== undefined && t.number >= k.firstTask && t.number <= k.lastTask);
  return byRange?.categoryId ?? t.categoryId;
};

/** The unit answering for the problem: the responsible court and department once assigned, else where it was found. */
export const unitOfProblem = (p: ProblemRow): { readonly courtId: string; readonly department: string | null } =>
  (p.responsibility ? { courtId: p.responsibility.courtId, department: p.responsibility.department } : { courtId: p.courtId, department: p.department ?? null });

/** `court/department` of a unit (just `court` without a department). */
export const unitKeyOf = (u: { readonly courtId: string; readonly department: string | null | undefined }): string =>
  (u.department ? `${u.courtId}/${u.department}` : u.courtId);
