/**
 * The projection runner: brings a projection up to date from its checkpoint (kept through the
 * checkpoint port, with the state when the projection can serialize it), rebuilds from the start
 * when the projection's version changed, reports its status and lag, and stops on an event it
 * cannot apply — naming the position and the error, saving the checkpoint just before it, never
 * skipping it. A lease (see `lease.ts`) keeps it to one process per projection.
 *
 * Inline running (the read model updated in the same transaction as the append) is the SQLite
 * adapter's job: attach an inline projection to that store instead of running this runner.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { RecordedEvent } from '../eventsourcing/envelope';
import { errors, isLedgerFailure, type LedgerError } from '../eventsourcing/errors';
import type { Projection } from '../eventsourcing/projection';
import type { Checkpoint, CheckpointStore, EventStore, ReadAllOptions } from '../eventsourcing/store';
import { createLease, type Lease } from './lease';

/** Options of {@link createProjectionRunner}. */
export interface RunnerOptions {
  /** This runner's identity (unique per process), recorded in the lease. */
  readonly owner: string;
  /** How long a lease lasts without renewal. Default 30 s. */
  readonly leaseMs?: number;
  /** Wait between writing the lease and reading it back. Default 25 ms. */
  readonly settleMs?: number;
  /** Save a checkpoint (and re-check the lease) every this many events. Default 1,000. */
  readonly checkpointEvery?: number;
  /** Clock for lease expiry only (never for read-model figures). Default Date.now. */
  readonly clock?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
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
  readonly lease: Lease | undefined;
  /** Set while the runner is stopped on an event it cannot apply. */
  readonly stopped: { readonly position: bigint; readonly message: string } | undefined;
}

/** A projection runner. */
export interface ProjectionRunner<S> {
  runOnce(): TaskEither<LedgerError, RunOutcome<S>>;
  /** Forgets the checkpoint and runs from the start. */
  rebuild(): TaskEither<LedgerError, RunOutcome<S>>;
  status(): TaskEither<LedgerError, RunnerStatus>;
}

const asError = (x: unknown): LedgerError => (isLedgerFailure(x) ? x.error : errors.unavailable(x instanceof Error ? x.message : String(x), x));

/** Creates a runner of `projection` over `store`, with checkpoints and lease in `checkpoints`. */
export const createProjectionRunner = <S>(
  store: EventStore, checkpoints: CheckpointStore, projection: Projection<S>, options: RunnerOptions,
): ProjectionRunner<S> => {
  const every = options.checkpointEvery ?? 1000;
  const lease = createLease(checkpoints, projection.name, {
    owner: options.owner, leaseMs: options.leaseMs ?? 30_000, settleMs: options.settleMs ?? 25,
    clock: options.clock ?? Date.now, sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
  });
  let memory: { position: bigint | undefined; state: S } | undefined;
  let stopped: RunnerStatus['stopped'];

  const feed = (after: bigint | undefined): AsyncIterable<RecordedEvent> => {
    const o: ReadAllOptions = {
      ...(after === undefined ? {} : { fromPosition: after + 1n }),
      ...(projection.streamPrefix === undefined ? {} : { streamPrefix: projection.streamPrefix }),
    };
    return store.readAll(o);
  };

  /** Where to start: the saved state, this runner's own state at the same position, or scratch. */
  const startFrom = (cp: Checkpoint | undefined): { position: bigint | undefined; state: S; rebuilt: boolean } => {
    if (cp === undefined || cp.version !== projection.version) return { position: undefined, state: projection.initialState, rebuilt: true };
    if (cp.position === undefined) return { position: undefined, state: projection.initialState, rebuilt: false };
    if (cp.state !== undefined && projection.deserialize) {
      try {
        return { position: cp.position, state: projection.deserialize(cp.state), rebuilt: false };
      } catch {
        return { position: undefined, state: projection.initialState, rebuilt: true };
      }
    }
    if (memory !== undefined && memory.position === cp.position) return { position: cp.position, state: memory.state, rebuilt: false };
    return { position: undefined, state: projection.initialState, rebuilt: true };
  };

  const run = async (fresh: boolean): Promise<E.Either<LedgerError, RunOutcome<S>>> => {
    const got = await lease.acquire();
    if (E.isLeft(got)) return got;
    if (!got.right.held) {
      return E.right({ ran: false, interrupted: { reason: 'lease_held', holder: got.right.by.owner }, rebuilt: false, applied: 0, position: undefined, state: undefined });
    }
    try {
      const loaded = fresh ? E.right(undefined) : await checkpoints.load(projection.name)();
      if (E.isLeft(loaded)) return loaded;
      let { position, state, rebuilt } = startFrom(loaded.right);
      let applied = 0;
      const save = async (): Promise<E.Either<LedgerError, boolean>> => {
        const still = await lease.check();
        if (E.isLeft(still) || !still.right) return still;
        const saved = await checkpoints.save(projection.name, {
          version: projection.version, position, ...(projection.serialize ? { state: projection.serialize(state) } : {}),
        })();
        if (E.isLeft(saved)) return saved;
        memory = { position, state };
        return E.right(true);
      };
      const outcome = (interrupted?: RunOutcome<S>['interrupted']): RunOutcome<S> =>
        ({ ran: true, ...(interrupted ? { interrupted } : {}), rebuilt, applied, position, state });
      if (rebuilt) {
        const s = await save();
        if (E.isLeft(s)) return s;
        if (!s.right) return E.right(outcome({ reason: 'lease_lost' }));
      }
      try {
        for await (const event of feed(position)) {
          try {
            state = projection.apply(state, event);
          } catch (x) {
            const message = `projection "${projection.name}" cannot apply ${event.type}: ${x instanceof Error ? x.message : String(x)}`;
            stopped = { position: event.position, message };
            const s = await save();
            if (E.isLeft(s)) return s;
            return E.left(errors.corrupt(event.position, message, event.streamId));
          }
          position = event.position;
          applied++;
          if (applied % every === 0) {
            const s = await save();
            if (E.isLeft(s)) return s;
            if (!s.right) return E.right(outcome({ reason: 'lease_lost' }));
          }
        }
      } catch (x) {
        return E.left(asError(x));
      }
      const s = await save();
      if (E.isLeft(s)) return s;
      if (!s.right) return E.right(outcome({ reason: 'lease_lost' }));
      stopped = undefined;
      return E.right(outcome());
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
      const held = await lease.read();
      if (E.isLeft(held)) return held;
      const cp = loaded.right;
      const needsRebuild = cp !== undefined && cp.version !== projection.version;
      const from = cp === undefined || needsRebuild ? undefined : cp.position;
      let head = from;
      let pending = 0;
      try {
        for await (const e of feed(from)) { head = e.position; pending++; }
      } catch (x) {
        return E.left(asError(x));
      }
      return E.right({
        name: projection.name, version: projection.version,
        checkpoint: cp === undefined ? undefined : { version: cp.version, position: cp.position },
        needsRebuild, headPosition: head, lag: head === undefined ? 0n : head - (from ?? 0n), pending,
        lease: held.right !== undefined && held.right.owner !== '' ? held.right : undefined, stopped,
      });
    },
  };
};
