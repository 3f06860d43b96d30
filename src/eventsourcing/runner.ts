/**
 * The projection runner: {@link runProjection}'s loop under a lease, so one process at a time
 * brings a projection up to date even when several share a store. It resumes from the checkpoint
 * (with the state when the projection can serialize it), rebuilds from the start when the
 * projection's version changed, reports its status and lag, and stops on an event it cannot apply
 * — naming the position and the error, saving the checkpoint just before it, never skipping it.
 * Every checkpoint it saves is fenced by the lease (see `lease.ts`): a runner that lost its lease
 * saves nothing more and reports `lease_lost`.
 *
 * Inline running (the read model updated in the same transaction as the append) is the SQLite
 * adapter's job: attach an inline projection to that store instead of running this runner.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { errors, type LedgerError } from './errors';
import { createLease, leaseOf, withoutLease, type Lease } from './lease';
import { checkpointOf, foldProjection, resumeFrom, type FoldStart, type Projection } from './projection';
import type { CheckpointStore, EventStore } from './store';

/** Options of {@link createProjectionRunner}. */
export interface RunnerOptions {
  /** This runner's identity (unique per process), recorded in the lease. */
  readonly owner: string;
  /** How long a lease lasts without renewal. Default 30 s. */
  readonly leaseMs?: number;
  /** Save a checkpoint (renewing the lease) every this many events. Default 1,000. */
  readonly checkpointEvery?: number;
  /** Clock for lease expiry only (never for read-model figures). Default Date.now. */
  readonly clock?: () => number;
}

/** What one run did. */
export interface RunOutcome<S> {
  /** False when another owner held the lease; nothing was read or written. */
  readonly ran: boolean;
  /** Set when the run did not complete: the lease was held by another owner, or lost during the run. */
  readonly interrupted?: { readonly reason: 'lease_held' | 'lease_lost'; readonly holder?: string };
  readonly rebuilt: boolean;
  readonly applied: number;
  /** Last applied position after the run. */
  readonly position: bigint | undefined;
  /** The state after the run (undefined when it did not run). */
  readonly state: S | undefined;
}

/** A runner's status. */
export interface RunnerStatus {
  readonly name: string;
  readonly version: number;
  readonly checkpoint: { readonly version: number; readonly position: bigint | undefined } | undefined;
  /** The checkpoint is of another version: the next run rebuilds from the start. */
  readonly needsRebuild: boolean;
  /** Last position of the projection's feed, undefined when it is empty. */
  readonly headPosition: bigint | undefined;
  /** Head position minus checkpoint position (the head itself when a rebuild is due or nothing was applied). */
  readonly lag: bigint;
  /** Events still to apply. */
  readonly pending: number;
  /** The lease recorded on the checkpoint, if any. */
  readonly lease: Lease | undefined;
  /** Set while the runner is stopped on an event it cannot apply. */
  readonly stopped: { readonly position: bigint; readonly message: string } | undefined;
}

/** A projection runner. */
export interface ProjectionRunner<S> {
  /** Applies every event recorded since the checkpoint, then saves the checkpoint. */
  runOnce(): TaskEither<LedgerError, RunOutcome<S>>;
  /** Forgets the checkpoint and runs from the start. */
  rebuild(): TaskEither<LedgerError, RunOutcome<S>>;
  /** Where the runner stands: checkpoint, lag, lease, and whether it is stopped. */
  status(): TaskEither<LedgerError, RunnerStatus>;
}

const asError = (x: unknown): LedgerError => errors.fromUnknown(x);

/** Creates a runner of `projection` over `store`, with its checkpoint and lease in `checkpoints`. */
export const createProjectionRunner = <S>(
  store: EventStore, checkpoints: CheckpointStore, projection: Projection<S>, options: RunnerOptions,
): ProjectionRunner<S> => {
  const lease = createLease(checkpoints, projection.name, { owner: options.owner, leaseMs: options.leaseMs ?? 30_000, clock: options.clock ?? Date.now });
  let memory: FoldStart<S> | undefined;
  let stopped: RunnerStatus['stopped'];

  const run = async (fresh: boolean): Promise<E.Either<LedgerError, RunOutcome<S>>> => {
    const got = await lease.acquire({ version: projection.version, position: undefined });
    if (E.isLeft(got)) return got;
    if (!got.right.held) {
      return E.right({ ran: false, interrupted: { reason: 'lease_held', holder: got.right.by.owner }, rebuilt: false, applied: 0, position: undefined, state: undefined });
    }
    try {
      const start = resumeFrom(projection, fresh ? undefined : got.right.checkpoint, memory);
      const save = async (position: bigint | undefined, state: S): Promise<E.Either<LedgerError, boolean>> => {
        const saved = await lease.save(checkpointOf(projection, position, state));
        if (E.isRight(saved) && saved.right) memory = { position, state };
        return saved;
      };
      const outcome = (o: { position: bigint | undefined; state: S; applied: number }, lost: boolean): RunOutcome<S> =>
        ({ ran: true, ...(lost ? { interrupted: { reason: 'lease_lost' } } : {}), rebuilt: start.rebuilt, applied: o.applied, position: o.position, state: o.state });
      if (start.rebuilt) {
        const s = await save(start.position, start.state);
        if (E.isLeft(s)) return s;
        if (!s.right) return E.right(outcome({ ...start, applied: 0 }, true));
      }
      const folded = await foldProjection(store, projection, start, { every: options.checkpointEvery ?? 1000, save });
      if (E.isLeft(folded)) {
        if (folded.left._tag === 'CorruptEvent') stopped = { position: folded.left.position, message: folded.left.message };
        return folded;
      }
      if (!folded.right.stopped) stopped = undefined;
      return E.right(outcome(folded.right, folded.right.stopped));
    } finally {
      await lease.release();
    }
  };

  return {
    runOnce: () => () => run(false),
    rebuild: () => () => run(true),
    status: () => async () => {
      const loaded = await checkpoints.load(projection.name)();
      if (E.isLeft(loaded)) return loaded;
      const cp = loaded.right && withoutLease(loaded.right);
      const needsRebuild = cp !== undefined && cp.version !== projection.version;
      const from = cp === undefined || needsRebuild ? undefined : cp.position;
      let head = from;
      let pending = 0;
      try {
        for await (const e of store.readAll({
          ...(from === undefined ? {} : { fromPosition: from + 1n }),
          ...(projection.streamPrefix === undefined ? {} : { streamPrefix: projection.streamPrefix }),
        })) { head = e.position; pending++; }
      } catch (x) {
        return E.left(asError(x));
      }
      return E.right({
        name: projection.name, version: projection.version,
        checkpoint: cp === undefined ? undefined : { version: cp.version, position: cp.position },
        needsRebuild, headPosition: head, lag: head === undefined ? 0n : head - (from ?? 0n), pending,
        lease: leaseOf(loaded.right), stopped,
      });
    },
  };
};
