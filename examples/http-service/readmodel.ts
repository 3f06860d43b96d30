/**
 * The campaign's read models kept in memory and brought up to date on demand: each query first
 * folds the events appended since the last one (one short read), so a query always sees every
 * write that completed before it. (The trail's verification is cached in `trail-cache.ts`.)
 */
import * as E from 'fp-ts/Either';
import { LedgerFailure } from '../../src/eventsourcing/errors';
import { runProjection } from '../../src/eventsourcing/projection';
import type { EventStore } from '../../src/eventsourcing/store';
import { campaignReadModel } from '../../src/readmodels/projection';
import type { ReadModelState } from '../../src/readmodels/state';

/** The folded state and where it stands in the trail. */
export interface Snapshot {
  readonly state: ReadModelState;
  /** Global position of the last event folded, undefined before any. */
  readonly lastPosition: bigint | undefined;
  /** Recorded time of the last event folded. */
  readonly lastRecordedAt: string | undefined;
}

/** Read models of one namespace, caught up on demand. */
export interface ReadModelCache {
  current(): Promise<Snapshot>;
}

/** Creates the cache. */
export const createReadModelCache = (store: EventStore, namespace: string): ReadModelCache => {
  const projection = campaignReadModel({ namespace });
  let snap: Snapshot = { state: projection.initialState, lastPosition: undefined, lastRecordedAt: undefined };
  let queue: Promise<unknown> = Promise.resolve();

  const catchUp = async (): Promise<Snapshot> => {
    const run = await runProjection(store, undefined, projection, { from: { state: snap.state, position: snap.lastPosition } })();
    if (E.isLeft(run)) throw new LedgerFailure(run.left);
    snap = { state: run.right.state, lastPosition: run.right.position, lastRecordedAt: run.right.lastRecordedAt ?? snap.lastRecordedAt };
    return snap;
  };
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const run = queue.then(f, f);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    current: () => serial(catchUp),
  };
};
