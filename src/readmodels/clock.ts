/**
 * The explicit "now" every date-derived figure is computed at, with the time zone of the
 * campaign's dates and the warning thresholds. Nothing is derived from the machine's clock.
 */
import { InvalidQuery } from './errors';
import { DEFAULT_TIME_ZONE, checkTimeZone, instantMs, localDateOf } from './time';

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
  /** IANA time zone of the campaign's dates. Default Asia/Shanghai. */
  readonly timeZone?: string;
  readonly thresholds?: Partial<Thresholds>;
}

/** {@link AtOptions} checked and resolved. */
export interface Clock {
  readonly now: string;
  readonly nowMs: number;
  /** The local date of `now`. */
  readonly today: string;
  readonly timeZone: string;
  readonly thresholds: Thresholds;
}

const days = (v: unknown, path: string, fallback: number): number => {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || (v as number) < 0) throw new InvalidQuery(path, `expected a whole number of days >= 0, got ${JSON.stringify(v)}`);
  return v as number;
};

/** Checks and resolves query options; throws {@link InvalidQuery} naming the bad field. */
export const resolveClock = (o: AtOptions): Clock => {
  if (typeof o !== 'object' || o === null) throw new InvalidQuery('options', 'expected { now, timeZone?, thresholds? }');
  const nowMs = instantMs(o.now, 'now');
  const timeZone = checkTimeZone(o.timeZone ?? DEFAULT_TIME_ZONE);
  const thresholds = {
    yellowDays: days(o.thresholds?.yellowDays, 'thresholds.yellowDays', DEFAULT_THRESHOLDS.yellowDays),
    dueSoonDays: days(o.thresholds?.dueSoonDays, 'thresholds.dueSoonDays', DEFAULT_THRESHOLDS.dueSoonDays),
  };
  return { now: new Date(nowMs).toISOString(), nowMs, today: localDateOf(nowMs, timeZone), timeZone, thresholds };
};
