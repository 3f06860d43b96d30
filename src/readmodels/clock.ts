/**
 * The explicit "now" every date-derived figure is computed at, with the zone of the campaign's
 * dates, the calendar days are counted in, and the warning thresholds. Nothing is derived from the
 * machine's clock. Dates are read in the campaign's own zone (its `utcOffsetMinutes`) unless a
 * query names another, so the read models and the deciders agree on "today" and "overdue".
 */
import {
  DEFAULT_UTC_OFFSET_MINUTES, NATURAL_DAYS, localDateOf, zoneLabel, zoneProblem, type Calendar, type Zone,
} from '../campaign/time';
import { InvalidQuery } from './errors';
import type { Catalog } from './state';

/** Warning thresholds, in days left before a deadline. */
export interface Thresholds {
  /** Yellow at this many days left or fewer (and not yet past). Default 10. */
  readonly yellowDays: number;
  /** Due soon at this many days left or fewer (and not yet past). Default 20. */
  readonly dueSoonDays: number;
}

/** The default thresholds: yellow at 10 days left, due soon at 20. */
export const DEFAULT_THRESHOLDS: Thresholds = { yellowDays: 10, dueSoonDays: 20 };

/** What every date-dependent query is given. */
export interface AtOptions {
  /** The moment to compute at (ISO 8601 instant with zone). Required: never read from a clock. */
  readonly now: string;
  /**
   * The zone of the campaign's dates: an IANA name or a fixed UTC offset in minutes. Default: the
   * campaign's own `utcOffsetMinutes` (from its launch event; UTC+08:00 before a launch).
   */
  readonly timeZone?: Zone;
  /** How days left are counted. Default {@link NATURAL_DAYS}. */
  readonly calendar?: Calendar;
  readonly thresholds?: Partial<Thresholds>;
}

/** {@link AtOptions} checked and resolved. */
export interface Clock {
  readonly now: string;
  readonly nowMs: number;
  /** The local date of `now`. */
  readonly today: string;
  /** The zone dates are read in. */
  readonly zone: Zone;
  /** The zone's display name (`Asia/Shanghai`, `UTC+08:00`). */
  readonly timeZone: string;
  readonly calendar: Calendar;
  readonly thresholds: Thresholds;
}

/** The campaign's own zone: its `utcOffsetMinutes`, or the default before it is launched. */
export const campaignZone = (catalog: Pick<Catalog, 'campaign'>): Zone => catalog.campaign?.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;

/** Checks a zone (throws {@link InvalidQuery} naming `timeZone` when it is not one). */
export const checkZone = (zone: unknown): Zone => {
  const problem = zoneProblem(zone);
  if (problem !== undefined) throw new InvalidQuery('timeZone', problem);
  return zone as Zone;
};

/** Parses an ISO instant to milliseconds, or throws {@link InvalidQuery} naming `path`. */
export const instantMs = (instant: string, path: string): number => {
  const ms = typeof instant === 'string' && /T/.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidQuery(path, `expected an ISO date-time with zone, got ${JSON.stringify(instant)}`);
  return ms;
};

const days = (v: unknown, path: string, fallback: number): number => {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || (v as number) < 0) throw new InvalidQuery(path, `expected a whole number of days >= 0, got ${JSON.stringify(v)}`);
  return v as number;
};

/**
 * Checks and resolves query options; throws {@link InvalidQuery} naming the bad field. `catalog`
 * gives the campaign's own zone, used when the options name none.
 */
export const resolveClock = (o: AtOptions, catalog: Pick<Catalog, 'campaign'>): Clock => {
  if (typeof o !== 'object' || o === null) throw new InvalidQuery('options', 'expected { now, timeZone?, calendar?, thresholds? }');
  const nowMs = instantMs(o.now, 'now');
  const zone = checkZone(o.timeZone ?? campaignZone(catalog));
  const calendar = o.calendar ?? NATURAL_DAYS;
  if (typeof calendar.daysBetween !== 'function') throw new InvalidQuery('calendar', 'expected { daysBetween(fromDay, toDay) }');
  const thresholds = {
    yellowDays: days(o.thresholds?.yellowDays, 'thresholds.yellowDays', DEFAULT_THRESHOLDS.yellowDays),
    dueSoonDays: days(o.thresholds?.dueSoonDays, 'thresholds.dueSoonDays', DEFAULT_THRESHOLDS.dueSoonDays),
  };
  return { now: new Date(nowMs).toISOString(), nowMs, today: localDateOf(nowMs, zone), zone, timeZone: zoneLabel(zone), calendar, thresholds };
};
