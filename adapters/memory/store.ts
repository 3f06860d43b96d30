/**
 * The in-memory store: constant-time appends, a global position, deeply frozen events so a
 * reader cannot change what is stored (append freezes the data and metadata objects it is given), idempotent appends and live subscriptions.
 * For tests, embedding and demos; nothing survives the process.
 */
import * as E from 'fp-ts/Either';
import { createMemoryCheckpoints } from './checkpoints';
import {
  type AppendResult, type CheckpointStore, type CodecRegistry, type EventStore, type NewEvent,
  type RawRecord, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent, type StoreError, type Subscription,
  type SubscribeOptions, type ExpectedRevision, type StreamHead, type SealedWithBody, type SnapshotStore,
  createMemorySnapshotStore,
  DEFAULT_MAX_APPEND_BYTES, deepFreeze, errors, planAppend, prepareAppend,
  LedgerFailure, createLiveFeed, checkReadAllOptions, checkReadStreamOptions,
} from '../../src/eventsourcing/index';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** When given, event data is checked against it before anything is stored. */
  readonly registry?: CodecRegistry;
  /** Maximum bytes of canonical JSON in one append. Default 1 MiB. */
  readonly maxAppendBytes?: number;
}

/** An {@link EventStore} with an in-memory checkpoint store and snapshot store. */
export interface MemoryStore extends EventStore {
  readonly checkpoints: CheckpointStore;
  /** Snapshots of long streams (outside the trail; see `SnapshotStore`). */
  readonly snapshots: SnapshotStore;
}

interface Stored { readonly event: RecordedEvent; readonly body: string }

/** `found` for an append none of whose ids is stored (the idempotency rule reads it as "none"). */
const NONE_FOUND: (RecordedEvent | undefined)[] = [];

/** Creates an empty in-memory store. */
export const createMemoryStore = (options: MemoryStoreOptions = {}): MemoryStore => {
  const limit = options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;
  const log: Stored[] = []; // log[i] has position i + 1
  const streams = new Map<string, Stored[]>();
  const byId = new Map<string, RecordedEvent>();
  const feed = createLiveFeed();
  let closed = false;

  const closedError = () => errors.unavailable('the memory store is closed');

  const appendNow = (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): E.Either<StoreError, AppendResult> => {
    if (closed) return E.left(closedError());
    const prepared = prepareAppend(streamId, events, expected, options.registry, { maxAppendBytes: limit });
    if (E.isLeft(prepared)) return prepared;
    const stream = streams.get(streamId);
    const head = stream?.[stream.length - 1]?.event;
    const ids = prepared.right.ids;
    let found: (RecordedEvent | undefined)[] = NONE_FOUND; // the common case: no id is stored yet
    for (let i = 0; i < ids.length; i++) {
      if (byId.has(ids[i] as string)) { found = ids.map((id) => byId.get(id)); break; }
    }
    const plan = planAppend(prepared.right, head, found);
    if (E.isLeft(plan)) return plan;
    if (plan.right._tag === 'Duplicate') return E.right(plan.right.result);
    // Stored events are deeply frozen (the data and metadata objects handed in included), so no
    // reader, and no caller holding a reference, can change what is stored.
    const { rows, done } = plan.right;
    const positions: bigint[] = new Array<bigint>(rows.length);
    for (let i = 0; i < rows.length; i++) positions[i] = BigInt(log.length + 1 + i);
    const result = done(positions);
    const target = stream ?? [];
    for (let i = 0; i < result.events.length; i++) {
      const event = result.events[i] as RecordedEvent;
      deepFreeze(event.data);
      deepFreeze(event.metadata);
      const entry: Stored = { event: Object.freeze(event), body: (rows[i] as SealedWithBody).body };
      log.push(entry);
      target.push(entry);
      byId.set(event.eventId, event);
    }
    Object.freeze(result.events);
    if (stream === undefined) streams.set(streamId, target);
    feed.notify();
    return E.right(result);
  };

  async function* readStream(streamId: string, o: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    if (closed) throw new LedgerFailure(closedError());
    checkReadStreamOptions(o);
    const stream = streams.get(streamId) ?? [];
    const max = o.maxCount ?? Number.POSITIVE_INFINITY;
    let n = 0;
    if (o.direction === 'backwards') {
      const from = o.fromRevision === undefined ? stream.length - 1 : Math.min(Number(o.fromRevision), stream.length - 1);
      for (let i = from; i >= 0 && n < max; i--, n++) yield (stream[i] as Stored).event;
    } else {
      for (let i = Number(o.fromRevision ?? 0n); i < stream.length && n < max; i++, n++) yield (stream[i] as Stored).event;
    }
  }

  function* scan(o: ReadAllOptions): Generator<Stored> {
    const max = o.maxCount ?? Number.POSITIVE_INFINITY;
    const prefix = o.streamPrefix;
    let n = 0;
    const start = o.fromPosition === undefined || o.fromPosition < 1n ? 0 : Number(o.fromPosition) - 1;
    for (let i = start; i < log.length && n < max; i++) {
      const s = log[i] as Stored;
      if (prefix !== undefined && !s.event.streamId.startsWith(prefix)) continue;
      n++;
      yield s;
    }
  }

  async function* readAll(o: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    if (closed) throw new LedgerFailure(closedError());
    checkReadAllOptions(o);
    for (const s of scan(o)) yield s.event;
  }

  async function* readRaw(o: ReadAllOptions = {}): AsyncIterable<RawRecord> {
    if (closed) throw new LedgerFailure(closedError());
    checkReadAllOptions(o);
    for (const s of scan(o)) {
      yield { position: s.event.position, streamId: s.event.streamId, revision: s.event.revision, hash: s.event.hash, body: s.body };
    }
  }

  const subscribeToAll = (o: SubscribeOptions = {}): Subscription =>
    feed.subscribe(o.afterPosition, async (after) => {
      if (closed) throw new LedgerFailure(closedError());
      const from = after === undefined ? 0 : Number(after);
      const out: RecordedEvent[] = [];
      for (let i = from; i < log.length; i++) {
        const ev = (log[i] as Stored).event;
        if (o.streamPrefix === undefined || ev.streamId.startsWith(o.streamPrefix)) out.push(ev);
      }
      return { events: out, scannedTo: BigInt(log.length) };
    });

  return {
    // Lazy, like every TaskEither: nothing happens until the task runs.
    append: (streamId, events, expected) => () => Promise.resolve(appendNow(streamId, events, expected)),
    readStream,
    readAll,
    readRaw,
    subscribeToAll,
    streamHead: (streamId) => () => {
      if (closed) return Promise.resolve(E.left(closedError()));
      const s = streams.get(streamId);
      const last = s?.[s.length - 1]?.event;
      const head: StreamHead | undefined = last && { streamId, revision: last.revision, hash: last.hash, position: last.position };
      return Promise.resolve(E.right(head));
    },
    checkpoints: createMemoryCheckpoints(() => (closed ? closedError() : undefined)),
    snapshots: createMemorySnapshotStore(),
    close: async () => {
      closed = true;
      await feed.closeAll();
    },
  };
};
