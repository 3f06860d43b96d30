/**
 * The second half of the year runs as one agenda: every action has a local date and time, and the
 * agenda runs them in time order (ties in the order they were added), moving the scenario clock to
 * each. Actions that depend on what happened before (report figures, the drawn targets) look it
 * up when they run.
 */
import type { DemoContext } from './context';

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
      actions.push({ date, time, label, run });
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
