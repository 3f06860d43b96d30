/**
 * The management-year demo: the real plan (all 37 tasks, 4 categories, the responsible departments,
 * the leading group and its office, from `src/plans/`) run for 2019 by a fictional intermediate
 * court and its grassroots courts. Deterministic: a seeded generator, a scenario clock and seeded
 * ids, so the same seed gives byte-identical events and the same digest on any store.
 *
 * @example
 * ```ts
 * const summary = await buildDemo({ store: createMemoryStore(), seed: 2019 });
 * ```
 */
import type { EventStore } from '../eventsourcing/store';
import { createAgenda } from './agenda';
import { createScenarioClock } from './clock';
import { createDemoContext } from './context';
import { firstHalf } from './first-half';
import { FALSIFICATION_CASES, SPECIAL_CHECK, planOversight } from './oversight';
import { createRandom } from './random';
import { planRectification } from './rectification';
import { OVERSTATED_Q3, planReports } from './reports';
import { setUp } from './setup';
import { planSupervision } from './supervision';
import { planYearEnd } from './year-end';
import { planTasks } from './tasks';

export { DemoStepFailed } from './context';
export { demoCourts, demoPeople } from './organization';

/** The demo campaign's namespace by default. */
export const DEMO_NAMESPACE = 'demo-2019';
/** The seed used when none is given. */
export const DEFAULT_SEED = 2019;

/** Options of {@link buildDemo}. */
export interface DemoOptions {
  /** An empty store (or one without this namespace). */
  readonly store: EventStore;
  /** Seed of every choice and id. Default {@link DEFAULT_SEED}. */
  readonly seed?: number;
  /** The campaign's namespace (stream prefix). Default {@link DEMO_NAMESPACE}. */
  readonly namespace?: string;
  /** Called after every command with the number of commands run so far. */
  readonly onStep?: (steps: number) => void;
}

/** What the demo did. */
export interface DemoSummary {
  readonly namespace: string;
  readonly seed: number;
  /** Commands run. */
  readonly commands: number;
  readonly problems: number;
  /** The courts the unannounced inspection drew. */
  readonly drawn: readonly string[];
  /** The problem whose claimed closure a spot check found false, and the case that followed. */
  readonly falsification: {
    readonly problemId: string; readonly courtId: string;
    /** The case against the clerk, first of the chain. */
    readonly caseId: string;
    /** Every case of the chain: the clerk, the verifier, the responsible leader, the court. */
    readonly cases: readonly string[];
    /** The special check that found it. */
    readonly inspectionId: string;
  };
  /** The scenario's last moment (ISO). */
  readonly endedAt: string;
}

/**
 * Builds the demo campaign in `store`. Rejects with {@link DemoStepFailed} (naming the step and the
 * domain's refusal) if a command of the scenario is refused, and with the store's failure if it fails.
 */
export const buildDemo = async (options: DemoOptions): Promise<DemoSummary> => {
  const seed = options.seed ?? DEFAULT_SEED;
  const namespace = options.namespace ?? DEMO_NAMESPACE;
  let commands = 0;
  const ctx = createDemoContext({
    store: options.store, namespace, clock: createScenarioClock('2019-05-20'), random: createRandom(seed),
    onStep: (n) => { commands = n; options.onStep?.(n); },
  });
  await setUp(ctx);
  await firstHalf(ctx);
  const agenda = createAgenda();
  planRectification(ctx, agenda);
  planTasks(ctx, agenda);
  planReports(ctx, agenda);
  planSupervision(ctx, agenda, OVERSTATED_Q3);
  const outcome = planOversight(ctx, agenda, OVERSTATED_Q3);
  planYearEnd(ctx, agenda);
  await agenda.run(ctx);
  const f = outcome.falsified;
  if (f === undefined) throw new Error('the demo ended without its falsification story');
  return {
    namespace, seed, commands, problems: ctx.problems.length, drawn: outcome.drawn,
    falsification: { problemId: f.problemId, courtId: f.courtId, caseId: FALSIFICATION_CASES[0] as string, cases: FALSIFICATION_CASES, inspectionId: SPECIAL_CHECK },
    endedAt: ctx.clock.current(),
  };
};
