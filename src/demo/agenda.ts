/**
 * The second half of the year runs as one agenda: every action has a local date and time, and the
 * agenda runs them in time order (ties in the order they were added), moving the scenario clock to
 * each. Actions that depend on what happened before (report figures, the drawn targets) look it
 * up when they run. Courts work on working days only: an action dated on a weekend or a public
 * holiday of the PRC calendar moves to the next working day (order is kept: the move is monotone).
 */
import { addWorkingDays } from '../campaign/calendar';
import type { DemoContext } from './context';

/** The date itself when it is a working day, else the next working day. */
export const workday = (date: string): string => addWorkingDays(date, 0);

/** One dated action. */
export interface Action {
  /** Local date, `YYYY-MM-DD`. */
  readonly date: string;
  /** Local time, `HH:MM`. */
  readonly time: string;
  readonly label: string;
  readonly run: () => Promise<void>;
}

/** Collects dated actions. */
export interface Agenda {
  add(date: string, time: string, label: string, run: () => Promise<void>): void;
  /** Runs every action in time order. */
  run(ctx: DemoContext): Promise<void>;
}

/** A calendar date `days` after `date`. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The earlier of two dates. */
export const minDate = (a: string, b: string): string => (a < b ? a : b);

/** The later of two dates. */
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

/** Creates an empty agenda. */
export const createAgenda = (): Agenda => {
  const actions: Action[] = [];
  return {
    add: (date, time, label, run) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) throw new RangeError(`bad agenda time for "${label}": ${date} ${time}`);
      actions.push({ date: workday(date), time, label, run });
    },
    run: async (ctx) => {
      const ordered = actions.map((a, i) => [a, i] as const).sort(([a, i], [b, j]) =>
        (a.date < b.date ? -1 : a.date > b.date ? 1 : a.time < b.time ? -1 : a.time > b.time ? 1 : i - j));
      for (const [a] of ordered) {
        ctx.clock.at(a.date, a.time);
        await a.run();
      }
    },
  };
};
