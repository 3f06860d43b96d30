/**
 * The checkpoint contract suite: what every {@link CheckpointStore} must do, compare-and-set and
 * the lease built on it included. Run it on your adapter from a vitest file:
 *
 * ```ts
 * import { runCheckpointContract } from 'campaign-ledger/testing';
 * runCheckpointContract('my store', async () => {
 *   const store = await openMyStore();
 *   return { checkpoints: store.checkpoints, cleanup: () => store.close() };
 * });
 * ```
 */
import * as vitest from 'vitest';
import { createLease } from '../eventsourcing/lease';
import type { Checkpoint, CheckpointStore } from '../eventsourcing/store';
import { rightOf, type TestApi } from './contract';

/** A fresh checkpoint store for one test and how to dispose of it. */
export interface CheckpointsUnderTest {
  readonly checkpoints: CheckpointStore;
  /** Disposes of the store after the test. */
  readonly cleanup: () => Promise<void>;
}

/** Creates a fresh, empty checkpoint store for each test. */
export type CheckpointFactory = () => Promise<CheckpointsUnderTest>;

/** Runs the checkpoint contract against stores made by `factory`. */
export const runCheckpointContract = (name: string, factory: CheckpointFactory, api: TestApi = vitest): void => {
  const { describe, it, expect } = api;
  const withCheckpoints = async (fn: (c: CheckpointStore) => Promise<void>) => {
    const { checkpoints, cleanup } = await factory();
    try {
      await fn(checkpoints);
    } finally {
      await cleanup();
    }
  };
  const load = async (c: CheckpointStore, n: string) => rightOf(await c.load(n)());
  const cas = async (c: CheckpointStore, n: string, expected: Checkpoint | undefined, next: Checkpoint) => rightOf(await c.compareAndSet(n, expected, next)());
  const full: Checkpoint = { version: 3, position: 41n, state: '{"n":1}', owner: 'runner-a', leaseUntil: 1_700_000_000_000 };

  describe(`checkpoint contract: ${name}`, () => {
    it('loads nothing for an unknown name, and what was saved (lease fields included)', () => withCheckpoints(async (c) => {
      expect(await load(c, 'p')).toBeUndefined();
      rightOf(await c.save('p', full)());
      expect(await load(c, 'p')).toEqual(full);
      rightOf(await c.save('p', { version: 4, position: undefined })());
      expect(await load(c, 'p')).toEqual({ version: 4, position: undefined });
    }));

    it('compare-and-set creates only where nothing is stored', () => withCheckpoints(async (c) => {
      expect(await cas(c, 'p', undefined, full)).toBe(true);
      expect(await cas(c, 'p', undefined, { version: 9, position: 1n })).toBe(false);
      expect(await load(c, 'p')).toEqual(full);
    }));

    it('compare-and-set writes only over the expected version, position, owner and lease expiry', () => withCheckpoints(async (c) => {
      rightOf(await c.save('p', full)());
      for (const stale of [{ version: 2 }, { position: 40n }, { position: undefined }, { owner: 'runner-b' }, { owner: undefined }, { leaseUntil: 1 }]) {
        expect(await cas(c, 'p', { ...full, ...stale }, { version: 9, position: 1n })).toBe(false);
      }
      expect(await load(c, 'p')).toEqual(full);
      // The state is not compared: it follows from the version and the position.
      const next = { version: 3, position: 42n, state: '{"n":2}' };
      expect(await cas(c, 'p', { ...full, state: 'other' }, next)).toBe(true);
      expect(await load(c, 'p')).toEqual(next);
      expect(await cas(c, 'p', next, { ...next, owner: 'runner-b', leaseUntil: 5 })).toBe(true);
      expect(await load(c, 'other')).toBeUndefined();
    }));

    it('of racing compare-and-sets from the same expected checkpoint, exactly one wins', () => withCheckpoints(async (c) => {
      const base = { version: 1, position: 7n };
      rightOf(await c.save('p', base)());
      const owners = Array.from({ length: 8 }, (_, i) => `runner-${i}`);
      const won = await Promise.all(owners.map((owner) => cas(c, 'p', base, { ...base, owner, leaseUntil: 10 })));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect((await load(c, 'p'))?.owner).toBe(owners[won.indexOf(true)]);
      const fresh = await Promise.all(owners.map((owner) => cas(c, 'q', undefined, { ...base, owner })));
      expect(fresh.filter(Boolean)).toHaveLength(1);
    }));

    it('keeps a lease to one holder: refused while live, taken once expired, and the old holder can save no more', () => withCheckpoints(async (c) => {
      let now = 1_000;
      const clock = () => now;
      const a = createLease(c, 'p', { owner: 'a', leaseMs: 100, clock });
      const b = createLease(c, 'p', { owner: 'b', leaseMs: 100, clock });
      const initial = { version: 1, position: undefined };
      expect(rightOf(await a.acquire(initial))).toEqual({ held: true, checkpoint: undefined });
      expect(rightOf(await b.acquire(initial))).toEqual({ held: false, by: { owner: 'a', leaseUntil: 1_100 } });
      expect(rightOf(await a.save({ version: 1, position: 5n }))).toBe(true);
      now = 1_500; // a's lease ran out (a may still think it holds it)
      expect(rightOf(await b.acquire(initial))).toEqual({ held: true, checkpoint: { version: 1, position: 5n } });
      expect(rightOf(await a.save({ version: 1, position: 6n }))).toBe(false);
      expect(await load(c, 'p')).toEqual({ version: 1, position: 5n, owner: 'b', leaseUntil: 1_600 });
      rightOf(await a.release());
      expect((await load(c, 'p'))?.owner).toBe('b');
      rightOf(await b.release());
      expect(await load(c, 'p')).toEqual({ version: 1, position: 5n });
      expect(rightOf(await a.acquire(initial))).toMatchObject({ held: true });
    }));
  });
};
