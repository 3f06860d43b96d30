/**
 * The demo's clock: scenario time, set by the script to the moment each step happens (court
 * local time, UTC+8) and advancing a little at every reading, so recorded times are strictly
 * increasing and the same on every run.
 */

/** A settable, monotonic scenario clock. */
export interface ScenarioClock {
  /** The current time; each call advances it by `tickMs`. */
  (): Date;
  /** Moves to a local date and time (`2019-06-03`, `09:30`); never backwards (an earlier time leaves it where it is). */
  at(date: string, time?: string): void;
  /** The time of the last reading (or the time set), ISO. */
  current(): string;
}

/** Court local time offset: UTC+8. */
export const UTC_OFFSET_MINUTES = 8 * 60;

/** The instant of a local date and time at UTC+8, ISO. */
export const localInstant = (date: string, time = '09:00'): string => {
  const ms = Date.parse(`${date}T${time}:00.000Z`) - UTC_OFFSET_MINUTES * 60_000;
  if (!Number.isFinite(ms)) throw new RangeError(`not a date and time: ${date} ${time}`);
  return new Date(ms).toISOString();
};

/** A clock starting at `start` (local date), advancing `tickMs` per reading. */
export const createScenarioClock = (start: string, tickMs = 7_000): ScenarioClock => {
  let now = Date.parse(localInstant(start, '08:30'));
  const clock = (() => {
    now += tickMs;
    return new Date(now);
  }) as ScenarioClock;
  clock.at = (date, time) => {
    now = Math.max(now, Date.parse(localInstant(date, time)));
  };
  clock.current = () => new Date(now).toISOString();
  return clock;
};

/** The local date (UTC+8) of an ISO instant. */
export const localDate = (instant: string): string =>
  new Date(Date.parse(instant) + UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
