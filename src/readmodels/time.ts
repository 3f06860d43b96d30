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

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, Map<number, number>>();

/**
 * Offset of `timeZone` from UTC at instant `ms`, in milliseconds. Since 1970 offsets change only at
 * instants aligned to a quarter hour of UTC, so they are cached per zone and quarter hour.
 */
export const zoneOffsetMs = (ms: number, timeZone: string): number => {
  const bucket = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  let zone = offsets.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  let off = zone.get(bucket);
  if (off === undefined) {
    if (zone.size > 100_000) zone.clear();
    off = wallClock(bucket, timeZone) - bucket;
    zone.set(bucket, off);
  }
  return off;
};

/** Parses an ISO instant to milliseconds, or throws {@link InvalidQuery} naming `path`. */
export const instantMs = (instant: string, path: string): number => {
  const ms = typeof instant === 'string' && /T/.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidQuery(path, `expected an ISO date-time with zone, got ${JSON.stringify(instant)}`);
  return ms;
};

/** The local calendar date (`YYYY-MM-DD`) of an instant (milliseconds) in `timeZone`. */
export const localDateOf = (ms: number, timeZone: string): string => new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 10);

/** The local calendar date of an ISO instant in `timeZone`. */
export const localDate = (instant: string, timeZone: string): string => localDateOf(Date.parse(instant), timeZone);

/** The instant (milliseconds) at which local date `date` begins in `timeZone`. */
export const startOfLocalDay = (date: string, timeZone: string): number => {
  const wall = Date.parse(`${date}T00:00:00.000Z`);
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  // Where a clock change skips midnight, the day starts at the change (found in quarter hours).
  for (let i = 0; i < 16 && localDateOf(guess, timeZone) < date; i++) guess += QUARTER_HOUR;
  return guess;
};

/** The first instant after local date `date` ends in `timeZone` (the next local midnight), in milliseconds. */
export const endOfLocalDay = (date: string, timeZone: string): number => startOfLocalDay(addDays(date, 1), timeZone);

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

/** Whole days from calendar date `from` to calendar date `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** Adds whole days to a calendar date. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
