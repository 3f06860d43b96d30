/**
 * The store port: the few operations every storage engine provides. Adapters live in
 * `adapters/` and pass the same contract suite (`campaign-ledger/testing`).
 */
import type { TaskEither } from 'fp-ts/TaskEither';
import type { NewEvent, RecordedEvent } from './envelope';
import type { StoreError } from './errors';
import type { ExpectedRevision, StreamHead } from './revision';

/** What a successful append wrote (or, for an idempotent retry, had already written). */
export interface AppendResult {
  readonly streamId: string;
  /** Revision of the last event of the append (the next expected revision). */
  readonly lastRevision: bigint;
  /** Global position of the last event of the append. */
  readonly lastPosition: bigint;
  /** The stored events, sealed and positioned. */
  readonly events: readonly RecordedEvent[];
  /** True when every event was already stored (a retry): nothing new was written. */
  readonly duplicate: boolean;
}

/** Options of {@link EventStore.readStream}. */
export interface ReadStreamOptions {
  /** First revision to read (inclusive). Default: 0 forwards, the last revision backwards. */
  readonly fromRevision?: bigint | undefined;
  readonly direction?: 'forwards' | 'backwards' | undefined;
  readonly maxCount?: number | undefined;
}

/** Options of {@link EventStore.readAll}. */
export interface ReadAllOptions {
  /** First global position to read (inclusive). Default: the start. */
  readonly fromPosition?: bigint | undefined;
  readonly maxCount?: number | undefined;
  /** Only streams whose id starts with this prefix (e.g. one campaign's namespace). */
  readonly streamPrefix?: string | undefined;
}

/** Options of {@link EventStore.subscribeToAll}. */
export interface SubscribeOptions {
  /** Deliver events strictly after this position (exclusive). Default: from the start. */
  readonly afterPosition?: bigint | undefined;
  readonly streamPrefix?: string | undefined;
}

/**
 * A catch-up-then-live feed of every event, in global order. Never drops or repeats an event.
 * Iteration ends when {@link Subscription.close} is called; failures throw a `LedgerFailure`.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Ends the subscription: the iteration finishes. */
  close(): Promise<void>;
}

/** A raw stored record: the exact canonical bytes that were hashed (for fast verification). */
export interface RawRecord {
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly hash: string;
  /** Canonical JSON of the envelope without position and hash: the bytes the hash covers. */
  readonly body: string;
}

/** The event store port. */
export interface EventStore {
  /**
   * Appends events atomically. Idempotent by eventId: appending the same events again returns the
   * original result with `duplicate: true`; a known eventId with other content fails.
   */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): TaskEither<StoreError, AppendResult>;
  /** Reads one stream. A missing stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** Reads every stream in global order, positions strictly increasing. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Catch-up, then live. */
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** The head of a stream, or undefined when it does not exist. */
  streamHead(streamId: string): TaskEither<StoreError, StreamHead | undefined>;
  /**
   * Optional: the stored canonical bytes in global order, so verification can hash them directly
   * instead of re-serializing. Stores that keep no bytes leave it out.
   */
  readRaw?(options?: ReadAllOptions): AsyncIterable<RawRecord>;
  /** Releases connections; later calls fail with StoreUnavailable. */
  close(): Promise<void>;
}

/** A projection's saved progress. */
export interface Checkpoint {
  readonly version: number;
  /** Last applied position; undefined when nothing was applied yet. */
  readonly position: bigint | undefined;
  /** Optional serialized state of a projection that keeps its state in memory. */
  readonly state?: string | undefined;
  /** Who holds the projection's lease (see `lease.ts`); undefined when nobody does. */
  readonly owner?: string | undefined;
  /** Until when the owner holds the lease, in milliseconds since the epoch (the holder's clock). */
  readonly leaseUntil?: number | undefined;
}

/**
 * Whether a stored checkpoint is the one a compare-and-set expects: both absent, or the same
 * `version`, `position`, `owner` and `leaseUntil` (the `state` is not compared: for a deterministic
 * projection it follows from the version and the position).
 */
export const sameCheckpoint = (stored: Checkpoint | undefined, expected: Checkpoint | undefined): boolean =>
  stored === undefined || expected === undefined
    ? stored === expected
    : stored.version === expected.version && stored.position === expected.position &&
      (stored.owner ?? undefined) === (expected.owner ?? undefined) && (stored.leaseUntil ?? undefined) === (expected.leaseUntil ?? undefined);

/** Where projection checkpoints live: outside the audited trail, so projecting never changes a digest. */
export interface CheckpointStore {
  /** The checkpoint saved under `name`, if any. */
  load(name: string): TaskEither<StoreError, Checkpoint | undefined>;
  /** Writes the checkpoint unconditionally (a lease held on it is overwritten too). */
  save(name: string, checkpoint: Checkpoint): TaskEither<StoreError, void>;
  /**
   * Writes `next` only if the stored checkpoint is still `expected` (see {@link sameCheckpoint};
   * `undefined` = no checkpoint stored yet), as one atomic step against every other writer, in
   * this process or another. Resolves true when written, false when the stored checkpoint was
   * something else (nothing written). Leases and fenced checkpoint saves are built on it.
   *
   * Adapter authors: implement it with the store's own conditional write (a transaction that
   * reads and writes, an `UPDATE … WHERE` on every compared column, an expected-revision
   * append); a read followed by a separate write does not exclude. `testing`'s
   * `runCheckpointContract` checks it.
   */
  compareAndSet(name: string, expected: Checkpoint | undefined, next: Checkpoint): TaskEither<StoreError, boolean>;
}

/** The default maximum size of one append (bytes of canonical JSON), as on EventStoreDB. */
export const DEFAULT_MAX_APPEND_BYTES = 1024 * 1024;
