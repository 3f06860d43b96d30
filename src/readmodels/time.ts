/**
 * Calendar arithmetic for read models, in a named IANA time zone (default Asia/Shanghai), with
 * `Intl` doing the zone math. Deadlines are calendar dates (`YYYY-MM-DD`) met through their whole
 * local day; instants are ISO strings. Nothing here reads a clock: every caller passes `now`.
 */
import { InvalidQuery } from './errors';

/** The default time zone of a campaign's dates. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      });
    } catch {
      throw new InvalidQuery('timeZone', `expected an IANA time zone such as "Asia/Shanghai", got ${JSON.stringify(timeZone)}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
};

/** Checks a time zone name (throws {@link InvalidQuery} when `Intl` does not know it). */
export const checkTimeZone = (timeZone: string): string => {
  if (typeof timeZone !== 'string' || timeZone === '') {
    throw new InvalidQuery('timeZone', `expected an IANA time zone such as "Asia/Shanghai", got ${JSON.stringify(timeZone)}`);
  }
  formatter(timeZone);
  return timeZone;
};

/** The wall-clock time of `ms` in `timeZone`, read as if it were UTC (milliseconds). */
const wallClock = (ms: number, timeZone: string): number => {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall + (ms % 1000 + 1000) % 1000;
};

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds. */
export const zoneOffsetMs = (ms: number, timeZone: string): number => wallClock(ms, timeZone) - ms;

/** Parses an ISO instant to milliseconds, or throws {@link InvalidQuery} naming `path`. */
export const instantMs = (instant: string, path: string): number => {
  const ms = typeof instant === 'string' && /T/.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidQuery(path, `expected an ISO date-time with zone, got ${JSON.stringify(instant)}`);
  return ms;
};

/** The local calendar date (`YYYY-MM-DD`) of an instant (milliseconds) in `timeZone`. */
export const localDateOf = (ms: number, timeZone: string): string => new Date(wallClock(ms, timeZone)).toISOString().slice(0, 10);

/** The local calendar date of an ISO instant in `timeZone`. */
export const localDate = (instant: string, timeZone: string): string => localDateOf(Date.parse(instant), timeZone);

/** The instant (milliseconds) at which local date `date` begins in `timeZone`. */
export const startOfLocalDay = (date: string, timeZone: string): number => {
  const wall = Date.parse(`${date}T00:00:00.000Z`);
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  return guess;
};

/** The first instant after local date `date` ends in `timeZone` (the next local midnight), in milliseconds. */
export const endOfLocalDay = (date: string, timeZone: string): number => startOfLocalDay(addDays(date, 1), timeZone);

/** Whole days from calendar date `from` to calendar date `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);

/** Adds whole days to a calendar date. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
