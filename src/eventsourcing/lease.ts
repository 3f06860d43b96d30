/**
 * A lease on a projection, kept on its own checkpoint (`owner`, `leaseUntil`) and changed only by
 * the checkpoint port's compare-and-set, so it excludes across processes sharing a store:
 *
 * - to take it, a runner reads the checkpoint and, when nobody else holds an unexpired lease,
 *   writes it back with itself as owner — conditionally on it being unchanged. Of several runners
 *   racing, exactly one write succeeds.
 * - every checkpoint the holder saves is conditional on the record it last wrote, and renews the
 *   lease. A holder whose lease expired and was taken over cannot save any more: its next save is
 *   refused, and it stops. So even a paused holder, or one whose clock is wrong, never writes over
 *   its successor; expiry (by the taker's clock) only decides when a takeover may happen.
 * - releasing clears the owner, again conditionally.
 */
import * as E from 'fp-ts/Either';
import type { LedgerError } from './errors';
import type { Checkpoint, CheckpointStore } from './store';

/** A lease as stored on a checkpoint. */
export interface Lease {
  readonly owner: string;
  /** Milliseconds since the epoch. */
  readonly leaseUntil: number;
}

/** Options of {@link createLease}. */
export interface LeaseOptions {
  /** This holder's identity (unique per process). */
  readonly owner: string;
  /** How long a lease lasts without renewal, in milliseconds. */
  readonly leaseMs: number;
  /** Clock for expiry only. */
  readonly clock: () => number;
}

/** The lease on a checkpoint, if one is recorded (expired or not). */
export const leaseOf = (cp: Checkpoint | undefined): Lease | undefined =>
  cp?.owner === undefined || cp.owner === '' ? undefined : { owner: cp.owner, leaseUntil: cp.leaseUntil ?? 0 };

/** The checkpoint without lease fields. */
export const withoutLease = (cp: Checkpoint): Checkpoint => {
  const { owner: _o, leaseUntil: _l, ...rest } = cp;
  return rest;
};

/** The outcome of {@link LeaseKeeper.acquire}. */
export type Acquired =
  | { readonly held: true; readonly checkpoint: Checkpoint | undefined }
  | { readonly held: false; readonly by: Lease };

/** Lease operations of one owner on one checkpoint. */
export interface LeaseKeeper {
  /** The lease recorded on the checkpoint, if any (expired or not). */
  read(): Promise<E.Either<LedgerError, Lease | undefined>>;
  /**
   * Takes the lease (creating the checkpoint as `initial` when there is none) and returns the
   * checkpoint found (without lease fields; undefined when there was none), or the other holder.
   */
  acquire(initial: Checkpoint): Promise<E.Either<LedgerError, Acquired>>;
  /** Saves `checkpoint` and renews the lease if still held; false (nothing saved) when it was lost. */
  save(checkpoint: Checkpoint): Promise<E.Either<LedgerError, boolean>>;
  /** Gives the lease up (when still held). */
  release(): Promise<E.Either<LedgerError, void>>;
}

/** Creates the lease keeper of `options.owner` on checkpoint `name`. */
export const createLease = (checkpoints: CheckpointStore, name: string, o: LeaseOptions): LeaseKeeper => {
  /** The record this keeper last wrote while holding the lease. */
  let mine: Checkpoint | undefined;
  const leased = (cp: Checkpoint): Checkpoint => ({ ...withoutLease(cp), owner: o.owner, leaseUntil: o.clock() + o.leaseMs });
  const read = async (): Promise<E.Either<LedgerError, Lease | undefined>> => {
    const r = await checkpoints.load(name)();
    return E.isLeft(r) ? r : E.right(leaseOf(r.right));
  };
  return {
    read,
    acquire: async (initial) => {
      const loaded = await checkpoints.load(name)();
      if (E.isLeft(loaded)) return loaded;
      const current = loaded.right;
      const holder = leaseOf(current);
      if (holder !== undefined && holder.owner !== o.owner && holder.leaseUntil > o.clock()) return E.right({ held: false, by: holder });
      const next = leased(current ?? initial);
      const set = await checkpoints.compareAndSet(name, current, next)();
      if (E.isLeft(set)) return set;
      if (!set.right) {
        const now = await read();
        if (E.isLeft(now)) return now;
        return E.right({ held: false, by: now.right ?? { owner: '', leaseUntil: 0 } });
      }
      mine = next;
      return E.right({ held: true, checkpoint: current && withoutLease(current) });
    },
    save: async (checkpoint) => {
      if (mine === undefined) return E.right(false);
      const next = leased(checkpoint);
      const set = await checkpoints.compareAndSet(name, mine, next)();
      if (E.isLeft(set)) return set;
      mine = set.right ? next : undefined;
      return E.right(set.right);
    },
    release: async () => {
      if (mine === undefined) return E.right(undefined);
      const held = mine;
      mine = undefined;
      const set = await checkpoints.compareAndSet(name, held, withoutLease(held))();
      return E.isLeft(set) ? set : E.right(undefined);
    },
  };
};
