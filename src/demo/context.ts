/**
 * What every step of the demo shares: the campaign ledger (over the store, with the scenario
 * clock and the seeded id generator), the seeded generator for choices, and `step`, which runs
 * one command and stops the demo with a clear error if the domain refuses it (a refusal here is
 * a fault of the scenario, never something to skip).
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { createCampaignLedger, type CampaignLedger } from '../campaign/ledger';
import type { LedgerError } from '../eventsourcing/errors';
import type { EventStore } from '../eventsourcing/store';
import type { ScenarioClock } from './clock';
import type { Random } from './random';
import { orThrow } from '../eventsourcing/runnable';

/** The demo could not run a step of its scenario. */
export class DemoStepFailed extends Error {
  override readonly name = 'DemoStepFailed';
  constructor(readonly step: string, readonly error: LedgerError) {
    super(`demo step "${step}" failed: ${error.message}`);
  }
}

/** A problem as the scenario tracks it. */
export interface DemoProblem {
  readonly problemId: string;
  readonly courtId: string;
  readonly department: string;
  readonly taskNumber: number;
  readonly title: string;
  readonly measures: string[];
  /** The measure ids and their deadlines. */
  readonly deadlines: Map<string, string>;
  status: 'open' | 'closure_requested' | 'closed' | 'long_term' | 'withdrawn';
  /** Local date of the last close-off. */
  closedOn?: string;
  /** The outcome the scenario gives it in the second half. */
  fate?: Fate;
}

/** What happens to a problem in the second half of the year. */
export type Fate = 'closed' | 'returned_then_closed' | 'extended_then_closed' | 'overdue' | 'in_progress' | 'long_term' | 'withdrawn';

/** The shared state of one demo run. */
export interface DemoContext {
  readonly ledger: CampaignLedger;
  readonly store: EventStore;
  readonly clock: ScenarioClock;
  readonly random: Random;
  readonly namespace: string;
  readonly problems: DemoProblem[];
  /** Runs one command; a refusal stops the demo. */
  step<A>(label: string, command: TaskEither<LedgerError, A>): Promise<A>;
  /** Reports progress (a step counter). */
  tick(): void;
}

/** Options of {@link createDemoContext}. */
export interface DemoContextOptions {
  readonly store: EventStore;
  readonly namespace: string;
  readonly clock: ScenarioClock;
  readonly random: Random;
  readonly onStep?: (steps: number) => void;
}

/** Creates the context: the ledger uses the scenario clock and ids drawn from the seeded generator. */
export const createDemoContext = (o: DemoContextOptions): DemoContext => {
  let steps = 0;
  const tick = () => {
    steps++;
    o.onStep?.(steps);
  };
  const ledger = orThrow(createCampaignLedger({
    store: o.store, namespace: o.namespace, clock: o.clock, ids: () => o.random.uuid(), grace: { days: 15 },
  }));
  return {
    ledger, store: o.store, clock: o.clock, random: o.random, namespace: o.namespace, problems: [], tick,
    async step(label, command) {
      const r = await command();
      tick();
      if (E.isLeft(r)) throw new DemoStepFailed(label, r.left);
      return r.right;
    },
  };
};
