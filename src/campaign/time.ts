/**
 * The one time model of the campaign: deciders, read models, the dashboard and the command line
 * all compute "today", "overdue" and "days left" here, so they cannot disagree.
 *
 * - A **deadline** is a calendar date (`YYYY-MM-DD`) in the campaign's {@link Zone}, met through
 *   its whole local day.
 * - An **instant** is an ISO string (or milliseconds) from the handler's trusted clock or a query's
 *   explicit `now`. Nothing here reads a clock.
 * - A campaign's zone is its own `utcOffsetMinutes` (fixed, set at launch; +480 by default); a
 *   query may name another {@link Zone} (an IANA name, with `Intl` doing the daylight-saving math).
 * - Days between dates are counted by a {@link Calendar}: natural days by default.
 */

/** The default campaign offset: UTC+08:00 (the courts' local time, no daylight saving). */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

/**
 * Where local dates are read: a fixed offset from UTC in minutes east (`480` = UTC+08:00, between
 * -720 and +840), or an IANA time zone name (`'Europe/London'`).
 */
export type Zone = number | string;

/**
 * How days between two calendar dates are counted. The hook a working-day calendar plugs into.
 *
 * Contract: `daysBetween(a, a)` is 0, and the result is negative exactly when `toDay` is before
 * `fromDay` (so "overdue" is the same under every calendar; only the count of days left changes).
 */
export interface Calendar {
  /** Days from `fromDay` to `toDay` (both `YYYY-MM-DD`), negative when `toDay` is earlier. */
  daysBetween(fromDay: string, toDay: string): number;
}

const DAY_MS = 86_400_000;
const QUARTER_HOUR = 900_000;

/** Why `zone` is not a {@link Zone}, or undefined when it is one. */
export const zoneProblem = (zone: unknown): string | undefined => {
  if (typeof zone === 'number') {
    return Number.isInteger(zone) && zone >= -720 && zone <= 840 ? undefined : `expected a UTC offset of -720 to 840 whole minutes, got ${zone}`;
  }
  if (typeof zone !== 'string' || zone === '') return `expected an IANA time zone such as "Asia/Shanghai" or a UTC offset in minutes, got ${JSON.stringify(zone)}`;
  return formatter(zone) === undefined ? `expected an IANA time zone such as "Asia/Shanghai", got ${JSON.stringify(zone)}` : undefined;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A zone's display name: the IANA name, or `UTC+08:00` for a fixed offset. */
export const zoneLabel = (zone: Zone): string =>
  typeof zone === 'string' ? zone : `UTC${zone < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(zone) / 60))}:${pad(Math.abs(zone) % 60)}`;

const formatters = new Map<string, Intl.DateTimeFormat | undefined>();
const formatter = (timeZone: string): Intl.DateTimeFormat | undefined => {
  if (formatters.has(timeZone)) return formatters.get(timeZone);
  let f: Intl.DateTimeFormat | undefined;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
  } catch {
    f = undefined;
  }
  formatters.set(timeZone, f);
  return f;
};

/** The wall-clock time of `ms` in `timeZone`, read as if it were UTC (milliseconds). */
const wallClock = (ms: number, timeZone: string): number => {
  const f = formatter(timeZone);
  if (f === undefined) throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)}`);
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall + (ms % 1000 + 1000) % 1000;
};

const offsets = new Map<string, Map<number, number>>();

/**
 * Offset of `zone` from UTC at instant `ms`, in milliseconds. Since 1970 IANA offsets change only
 * at instants aligned to a quarter hour of UTC, so they are cached per zone and quarter hour.
 */
export const zoneOffsetMs = (ms: number, zone: Zone): number => {
  if (typeof zone === 'number') return zone * 60_000;
  const bucket = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  let cache = offsets.get(zone);
  if (cache === undefined) {
    cache = new Map();
    offsets.set(zone, cache);
  }
  let off = cache.get(bucket);
  if (off === undefined) {
    if (cache.size > 100_000) cache.clear();
    off = wallClock(bucket, zone) - bucket;
    cache.set(bucket, off);
  }
  return off;
};

/** The local calendar date (`YYYY-MM-DD`) of an instant in milliseconds. */
export const localDateOf = (ms: number, zone: Zone): string => new Date(ms + zoneOffsetMs(ms, zone)).toISOString().slice(0, 10);

/** The local calendar date (`YYYY-MM-DD`) of an ISO instant. */
export const localDate = (instant: string, zone: Zone): string => localDateOf(Date.parse(instant), zone);

/** Adds whole days to a calendar date. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The instant (milliseconds) at which local date `date` begins. */
export const startOfLocalDay = (date: string, zone: Zone): number => {
  const wall = Date.parse(`${date}T00:00:00.000Z`);
  if (typeof zone === 'number') return wall - zone * 60_000;
  let guess = wall - zoneOffsetMs(wall, zone);
  guess = wall - zoneOffsetMs(guess, zone);
  // Where a clock change skips midnight, the day starts at the change (found in quarter hours).
  for (let i = 0; i < 16 && localDateOf(guess, zone) < date; i++) guess += QUARTER_HOUR;
  return guess;
};

/** The first instant after local date `date` ends (the next local midnight), in milliseconds. */
export const endOfLocalDayMs = (date: string, zone: Zone): number => startOfLocalDay(addDays(date, 1), zone);

/** The first instant after local date `date` ends (the next local midnight), as an ISO string. */
export const endOfLocalDay = (date: string, zone: Zone): string => new Date(endOfLocalDayMs(date, zone)).toISOString();

/** The next local midnight strictly after `instant` (the "close of day" after it), as an ISO string. */
export const nextCloseOfDay = (instant: string, zone: Zone): string => endOfLocalDay(localDate(instant, zone), zone);

/** Whether the local date of `instant` is on or before `deadline` (a deadline is met through its whole day). */
export const onOrBefore = (instant: string, deadline: string, zone: Zone): boolean => localDate(instant, zone) <= deadline;

/** Whether instant `a` is strictly before instant `b`. */
export const before = (a: string, b: string): boolean => Date.parse(a) < Date.parse(b);

const dayNumbers = new Map<string, number>();
const dayNumber = (date: string): number => {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    n = Math.round(Date.parse(`${date}T00:00:00.000Z`) / DAY_MS);
    dayNumbers.set(date, n);
  }
  return n;
};

/** Natural days from calendar date `from` to calendar date `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** The default {@link Calendar}: every day counts. */
export const NATURAL_DAYS: Calendar = { daysBetween };

/**
 * Days left at `instant` until `deadline`: 0 on the deadline's own local day, negative once it is
 * past (overdue).
 */
export const daysUntil = (instant: string, deadline: string, zone: Zone, calendar: Calendar = NATURAL_DAYS): number =>
  calendar.daysBetween(localDate(instant, zone), deadline);

/**
 * The one definition of "overdue", shared by the deciders, the reactions and the read models: on
 * local date `today`, a deadline is overdue once `graceDays` whole days after it have passed
 * (with no grace: from the day after the deadline). Whether the thing is still unfinished is the
 * caller's half of the rule (for a problem: neither closed nor withdrawn).
 */
export const isOverdueOn = (deadline: string, today: string, graceDays = 0): boolean =>
  (graceDays === 0 ? deadline : addDays(deadline, graceDays)) < today;
