/**
 * The EventStoreDB (KurrentDB) store, through @eventstore/db-client: the kernel's store port plus
 * a checkpoint store. See docs/eventstoredb.md for what is stored where.
 */
import { EventStoreDBClient } from '@eventstore/db-client';
import * as E from 'fp-ts/Either';
import {
  DEFAULT_MAX_APPEND_BYTES, errors, LedgerFailure,
  type CheckpointStore, type EventStore, type StreamHead, type StoreError, type Subscription,
} from '../../src/eventsourcing/index';
import { append } from './append';
import { checkpointStore } from './checkpoints';
import type { StoreContext } from './context';
import { toStoreError } from './errors';
import { naming, settingsOf, type EventStoreDbStoreOptions } from './options';
import { PositionResolver } from './positions';
import { readAll, readStream, streamHead } from './reads';
import { RecentIds } from './recent-ids';
import { subscribeToAll } from './subscription';

/** An {@link EventStore} on EventStoreDB, with its checkpoint store. */
export interface EventStoreDbStore extends EventStore {
  /** Projection checkpoints, in streams of their own outside the trail. */
  readonly checkpoints: CheckpointStore;
  /** The client in use. */
  readonly client: EventStoreDBClient;
  /** The namespace ('' for none). */
  readonly namespace: string;
}

/**
 * Creates a store on EventStoreDB. Connects lazily (on the first operation).
 * Throws a `LedgerFailure` carrying ValidationFailed when the options are wrong.
 */
export const createEventStoreDbStore = (options: EventStoreDbStoreOptions): EventStoreDbStore => {
  const settings = settingsOf(options, DEFAULT_MAX_APPEND_BYTES);
  if ('_tag' in settings) throw new LedgerFailure(settings);
  let client: EventStoreDBClient;
  try {
    client = options.client ?? EventStoreDBClient.connectionString(options.connectionString as string);
  } catch (e) {
    throw new LedgerFailure(errors.validation([{ path: 'connectionString', message: e instanceof Error ? e.message : String(e) }]));
  }
  const disposeClient = options.disposeClient ?? options.client === undefined;
  let closed = false;
  const ctx: StoreContext = {
    client,
    settings,
    names: naming(settings.namespace),
    positions: new PositionResolver(client),
    recentIds: new RecentIds(),
    isClosed: () => closed,
  };
  const subscriptions = new Set<Subscription>();
  const closedError = () => errors.unavailable('the EventStoreDB store is closed');

  return {
    client,
    namespace: settings.namespace,
    append: (streamId, events, expected) => () => append(ctx, streamId, events, expected),
    readStream: (streamId, o) => readStream(ctx, streamId, o),
    readAll: (o) => readAll(ctx, o),
    subscribeToAll: (o = {}) => subscribeToAll(ctx, o, subscriptions),
    streamHead: (streamId) => async (): Promise<E.Either<StoreError, StreamHead | undefined>> => {
      if (closed) return E.left(closedError());
      try {
        return E.right(await streamHead(ctx, streamId));
      } catch (e) {
        return E.left(toStoreError(e, streamId, `reading the head of "${streamId}"`, settings.where));
      }
    },
    checkpoints: checkpointStore(ctx),
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((s) => s.close()));
      if (disposeClient) await client.dispose().catch(() => undefined);
    },
  };
};
