/**
 * A lease through the checkpoint port, so one projection runs in one process at a time even when
 * several processes share a store: a record `${name}#lease` holding the owner, a random token and
 * an expiry. To take it, a runner checks no other owner holds an unexpired lease, writes its own,
 * waits `settleMs`, and reads it back: it holds the lease only if its token is still there.
 *
 * Limits (the checkpoint port has only load and save, no compare-and-set):
 * - two runners that write within the same settle window can both believe they hold the lease;
 *   the wait makes this unlikely, not impossible. A store with a conditional write (SQLite inline
 *   projections run inside the append transaction instead) gives true exclusion.
 * - expiry uses each process's clock: skewed clocks shorten or lengthen a lease.
 * - a runner re-checks its lease before every checkpoint save and stops when it lost it, so a
 *   runner paused longer than the lease stops at its next save.
 * None of this can corrupt a read model: a checkpoint always saves a state together with the
 * position it reflects, so a duplicate runner only repeats work; it never skips or doubles events.
 */
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { LedgerError } from '../eventsourcing/errors';
import type { CheckpointStore } from '../eventsourcing/store';

/** A lease as stored. */
export interface Lease { readonly owner: string; readonly token: string; readonly expiresAt: number }

/** The checkpoint name of a projection's lease. */
export const leaseName = (projection: string): string => `${projection}#lease`;

const parse = (text: string | undefined): Lease | undefined => {
  if (text === undefined) return undefined;
  try {
    const l = JSON.parse(text) as Partial<Lease>;
    return typeof l.owner === 'string' && typeof l.token === 'string' && typeof l.expiresAt === 'number' ? (l as Lease) : undefined;
  } catch {
    return undefined;
  }
};

/** Lease operations of one owner on one projection. */
export interface LeaseKeeper {
  /** The current lease record, if any (expired or not). */
  read(): Promise<E.Either<LedgerError, Lease | undefined>>;
  /** Takes the lease, or returns the other holder. */
  acquire(): Promise<E.Either<LedgerError, { readonly held: true } | { readonly held: false; readonly by: Lease }>>;
  /** Whether this owner still holds the lease; renews it when half of it has run out. */
  check(): Promise<E.Either<LedgerError, boolean>>;
  /** Gives the lease up (when still held). */
  release(): Promise<E.Either<LedgerError, void>>;
}

/** Options of {@link createLease}. */
export interface LeaseOptions {
  readonly owner: string;
  readonly leaseMs: number;
  readonly settleMs: number;
  readonly clock: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Creates the lease keeper of `owner` for projection `name`. */
export const createLease = (checkpoints: CheckpointStore, name: string, o: LeaseOptions): LeaseKeeper => {
  const key = leaseName(name);
  let mine: Lease | undefined;
  const read = async (): Promise<E.Either<LedgerError, Lease | undefined>> => {
    const r = await checkpoints.load(key)();
    return E.isLeft(r) ? r : E.right(parse(r.right?.state));
  };
  const write = async (l: Lease) => checkpoints.save(key, { version: 0, position: undefined, state: JSON.stringify(l) })();
  return {
    read,
    acquire: async () => {
      const current = await read();
      if (E.isLeft(current)) return current;
      const c = current.right;
      if (c !== undefined && c.owner !== o.owner && c.expiresAt > o.clock()) return E.right({ held: false, by: c });
      const lease = { owner: o.owner, token: randomUUID(), expiresAt: o.clock() + o.leaseMs };
      const w = await write(lease);
      if (E.isLeft(w)) return w;
      await o.sleep(o.settleMs);
      const back = await read();
      if (E.isLeft(back)) return back;
      if (back.right?.token !== lease.token) return E.right({ held: false, by: back.right ?? lease });
      mine = lease;
      return E.right({ held: true });
    },
    check: async () => {
      if (mine === undefined) return E.right(false);
      const back = await read();
      if (E.isLeft(back)) return back;
      if (back.right?.token !== mine.token || mine.expiresAt <= o.clock()) { mine = undefined; return E.right(false); }
      if (mine.expiresAt - o.clock() < o.leaseMs / 2) {
        const renewed = { ...mine, expiresAt: o.clock() + o.leaseMs };
        const w = await write(renewed);
        if (E.isLeft(w)) return w;
        mine = renewed;
      }
      return E.right(true);
    },
    release: async () => {
      if (mine === undefined) return E.right(undefined);
      const back = await read();
      if (E.isLeft(back)) return back;
      const held = back.right?.token === mine.token;
      mine = undefined;
      if (!held) return E.right(undefined);
      const w = await write({ owner: '', token: '', expiresAt: 0 });
      return E.isLeft(w) ? w : E.right(undefined);
    },
  };
};
