/**
 * The feedback schedule of a supervision item: from the day it was assigned, a feedback is due
 * every `feedbackEveryDays` days (working days when the campaign counts them). Period 1 runs from
 * the assignment to the first due day, period 2 to the second, and so on; one feedback per period.
 */
import { addWorkingDays, calendarFor, type DayCount } from '../calendar';
import { addDays } from '../time';
import type { SupervisionAssigned } from './events';

/** The period of the schedule that `day` falls in (1 on the day of assignment). */
export const periodOn = (a: Pick<SupervisionAssigned, 'assignedOn' | 'feedbackEveryDays'>, day: string, dayCount: DayCount): number => {
  const elapsed = Math.max(0, calendarFor(dayCount).daysBetween(a.assignedOn, day));
  return Math.floor(elapsed / a.feedbackEveryDays) + 1;
};

/** The day period `period` ends (its feedback is due), counted from the assignment in the campaign's days. */
export const periodDue = (a: Pick<SupervisionAssigned, 'assignedOn' | 'feedbackEveryDays'>, period: number, dayCount: DayCount): string =>
  dayCount === 'working' ? addWorkingDays(a.assignedOn, period * a.feedbackEveryDays) : addDays(a.assignedOn, period * a.feedbackEveryDays);
