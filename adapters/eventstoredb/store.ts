/**
 * The EventStoreDB (KurrentDB) store, through @eventstore/db-client or @kurrent/kurrentdb-client:
 * the kernel's store port plus a checkpoint store. See docs/eventstoredb.md for what is stored where.
 * No client module is imported here: a client is given, or made from a connection string by
 * `@eventstore/db-client`, loaded only then.
 */
import type { EventStoreDBClient } from '@eventstore/db-client';
import * as E from 'fp-ts/Either';
import { createRequire } from 'node:module';
import {
  DEFAULT_MAX_APPEND_BYTES, errors, LedgerFailure,
  type CheckpointStore, type EventStore, type StreamHead, type StoreError, type Subscription,
} from '../../src/eventsourcing/index';
import { append } from './append';
import { checkpointStore } from './checkpoints';
import { DRIVER_INSTALL_HINTS, whyNotLoaded } from './client-values';
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
 * `@eventstore/db-client`'s client class, loaded now (synchronously: the store is made
 * synchronously). Throws a `LedgerFailure` carrying StoreUnavailable naming the package to
 * install when it is missing.
 */
const eventStoreDbClientClass = (): { connectionString(text: string): EventStoreDBClient } => {
  try {
    return (createRequire(import.meta.url)('@eventstore/db-client') as typeof import('@eventstore/db-client')).EventStoreDBClient;
  } catch (x) {
    throw new LedgerFailure(errors.unavailable(
      `the EventStoreDB client "@eventstore/db-client" ${whyNotLoaded(x)}; ${DRIVER_INSTALL_HINTS['@eventstore/db-client']}, pass a client, or open the store with openEventStoreDbStore, which can drive @kurrent/kurrentdb-client`,
      x,
    ));
  }
};

/**
 * Creates a store on EventStoreDB. Connects lazily (on the first operation). Given a
 * `connectionString`, makes the client with `@eventstore/db-client`; given a `client` (of either
 * package), loads no client module.
 * Throws a `LedgerFailure` carrying ValidationFailed when the options are wrong, StoreUnavailable
 * naming the package to install when a connection string is given and `@eventstore/db-client` is
 * missing (`openEventStoreDbStore` returns these as a Left instead, and can use KurrentDB's client).
 */
export const createEventStoreDbStore = (options: EventStoreDbStoreOptions): EventStoreDbStore => {
  const settings = settingsOf(options, DEFAULT_MAX_APPEND_BYTES);
  if ('_tag' in settings) throw new LedgerFailure(settings);
  let client: EventStoreDBClient;
  try {
    client = options.client ?? eventStoreDbClientClass().connectionString(options.connectionString as string);
  } catch (e) {
    if (e instanceof LedgerFailure) throw e;
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
