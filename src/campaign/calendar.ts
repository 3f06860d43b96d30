/**
 * The PRC working-day calendar: public holidays and the adjusted working days (调休) announced each
 * year by the General Office of the State Council (国务院办公厅关于部分节假日安排的通知), as kept by
 * the maintained `chinese-days` package (source: github.com/vsme/chinese-days, data in its
 * `src/holidays/generate.ts`, one entry per notice, 2004–2026 at version 1.x, including the 2020
 * Spring Festival extension of 国办发明电〔2020〕1号).
 *
 * A working day is a Monday–Friday that is not a holiday, or a Saturday/Sunday announced as a
 * working day. {@link WORKING_DAYS} implements the {@link Calendar} hook of the time model, so every
 * "days left" and warning threshold counts working days where a campaign asks for them.
 * Dates outside {@link CALENDAR_COVERAGE} are refused rather than guessed.
 */
// chinese-days ships CommonJS without an exports map: Node's ESM loader sees only its default export.
import chineseDays from 'chinese-days';
import { refuse } from './rules';
import { addDays, daysBetween, NATURAL_DAYS, type Calendar } from './time';

/** The years whose holidays the calendar knows (checked by the tests against the package's data). */
export const CALENDAR_COVERAGE = { firstYear: 2004, lastYear: 2026 } as const;

/** How a campaign counts days: every day, or PRC working days. */
export type DayCount = 'natural' | 'working';

/** A date outside {@link CALENDAR_COVERAGE}: the holidays of that year are not known. */
export class CalendarRangeError extends RangeError {
  /** The date asked about. */
  readonly date: string;
  constructor(date: string) {
    super(`the working-day calendar covers ${CALENDAR_COVERAGE.firstYear}–${CALENDAR_COVERAGE.lastYear}; ${date} is outside it`);
    this.name = 'CalendarRangeError';
    this.date = date;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `date` (`YYYY-MM-DD`) is in a year the calendar knows. */
export const isCovered = (date: string): boolean => {
  if (!DATE.test(date)) return false;
  const y = Number(date.slice(0, 4));
  return y >= CALENDAR_COVERAGE.firstYear && y <= CALENDAR_COVERAGE.lastYear;
};

const memo = new Map<string, boolean>();

/**
 * Whether `date` (`YYYY-MM-DD`) is a PRC working day. Throws {@link CalendarRangeError} for a date
 * outside {@link CALENDAR_COVERAGE}.
 */
export const isWorkingDay = (date: string): boolean => {
  const hit = memo.get(date);
  if (hit !== undefined) return hit;
  if (!isCovered(date)) throw new CalendarRangeError(date);
  const v = chineseDays.isWorkday(date);
  memo.set(date, v);
  return v;
};

/**
 * The date `n` working days after `date` (before it when `n` is negative). `n = 0` gives `date`
 * itself when it is a working day, otherwise the next working day.
 */
export const addWorkingDays = (date: string, n: number): string => {
  let d = date;
  if (n === 0) {
    while (!isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0;) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
};

/**
 * Working days from `fromDay` to `toDay`: the working days in (fromDay, toDay] when `toDay` is
 * later, minus the working days in (toDay, fromDay] when it is earlier; 0 for the same day. A
 * deadline on a working day is 1 working day away on the working day before it; a past deadline
 * is at least 1 day overdue (the sign follows the natural order, as {@link Calendar} requires).
 */
export const workingDaysBetween = (fromDay: string, toDay: string): number => {
  const natural = daysBetween(fromDay, toDay);
  if (natural === 0) return 0;
  const [lo, hi] = natural > 0 ? [fromDay, toDay] : [toDay, fromDay];
  let count = 0;
  for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  const signed = Math.max(count, 1);
  return natural > 0 ? signed : -signed;
};

/** The {@link Calendar} of PRC working days. */
export const WORKING_DAYS: Calendar = { daysBetween: workingDaysBetween };

/** The calendar a campaign's day count asks for (natural days when it says nothing). */
export const calendarFor = (dayCount: DayCount | undefined): Calendar => (dayCount === 'working' ? WORKING_DAYS : NATURAL_DAYS);

/**
 * Why `date` cannot be a deadline under `dayCount`, or undefined when it can: a deadline of a
 * campaign counting working days must be a working day inside the calendar's coverage.
 */
export const deadlineProblem = (date: string, dayCount: DayCount | undefined): string | undefined => {
  if (dayCount !== 'working') return undefined;
  if (!isCovered(date)) return `the working-day calendar covers ${CALENDAR_COVERAGE.firstYear}–${CALENDAR_COVERAGE.lastYear}; ${date} is outside it`;
  return isWorkingDay(date) ? undefined : `${date} is not a working day (a weekend or public holiday); the campaign counts working days`;
};

/** Refuses `date` as a deadline under `dayCount` (see {@link deadlineProblem}); undefined when it may be one. */
export const refuseDeadline = (date: string, dayCount: DayCount | undefined) => {
  const why = deadlineProblem(date, dayCount);
  return why === undefined ? undefined : refuse('calendar.deadline_not_working_day', why, { date });
};
