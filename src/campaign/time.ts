/**
 * Calendar arithmetic for deadlines. Deadlines are calendar dates in the campaign's local time
 * (a fixed UTC offset, Asia/Shanghai's +08:00 by default); instants are ISO strings from the
 * handler's trusted clock. Nothing here reads a clock.
 */

/** Asia/Shanghai: UTC+08:00, no daylight saving. */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

const DAY_MS = 86_400_000;

/** The local calendar date (`YYYY-MM-DD`) of an instant at a fixed UTC offset. */
export const localDate = (instant: string, utcOffsetMinutes: number): string =>
  new Date(Date.parse(instant) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);

/** Whether the local date of `instant` is on or before `deadline` (a deadline is met through its whole day). */
export const onOrBefore = (instant: string, deadline: string, utcOffsetMinutes: number): boolean =>
  localDate(instant, utcOffsetMinutes) <= deadline;

/** The first instant after `deadline`'s local day ends, as an ISO string. */
export const endOfLocalDay = (date: string, utcOffsetMinutes: number): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS - utcOffsetMinutes * 60_000).toISOString();

/** The next local midnight strictly after `instant` (the "close of day" after it), as an ISO string. */
export const nextCloseOfDay = (instant: string, utcOffsetMinutes: number): string =>
  endOfLocalDay(localDate(instant, utcOffsetMinutes), utcOffsetMinutes);

/** Adds whole days to a calendar date. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Whether instant `a` is strictly before instant `b`. */
export const before = (a: string, b: string): boolean => Date.parse(a) < Date.parse(b);
