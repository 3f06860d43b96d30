/**
 * The PostgreSQL event store: a connection pool, group-committed appends under one advisory lock
 * per store (a total order without gaps), paged reads, catch-up-then-live subscriptions woken by
 * LISTEN/NOTIFY, and checkpoints, all in one schema.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Pool } from 'pg';
import {
  attempt, createLiveFeed, errors, isLedgerFailure, LedgerFailure, prepareAppend,
  type EventStore, type LedgerError, type Runnable, type RawRecord, type ReadAllOptions, type StoreError, type Subscription,
} from '../../src/eventsourcing/index';
import { createAppendStatements } from './append';
import { createCheckpointStore, type PostgresCheckpointStore } from './checkpoints';
import { loadDriver, toStoreError } from './errors';
import { createInlineRunner, type PostgresInlineProjection } from './inline';
import { resolveOptions, type PostgresStoreOptions } from './options';
import { LEDGER_COMPONENT, LEDGER_MIGRATIONS, migrate, quoted } from './schema';
import { channelOf, createListener } from './subscription';
import { createReader } from './reads';
import { createWriteQueue } from './writer';

/** How often a subscription retries a read after losing its connection (about a minute in all). */
const SUBSCRIPTION_RETRIES = 35;

/** A subscription of a closed store: its iteration throws `error`. */
const closedSubscription = (error: StoreError): Subscription => ({
  [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new LedgerFailure(error)) }),
  close: async () => undefined,
});

/** The PostgreSQL store: the {@link EventStore} port plus checkpoints and the raw bytes. */
export interface PostgresStore extends EventStore {
  /** The PostgreSQL schema holding the store. */
  readonly schema: string;
  /** Projection checkpoints, in the same schema (outside the audited trail). */
  readonly checkpoints: PostgresCheckpointStore;
  /** The stored canonical bytes in global order. */
  readRaw(options?: ReadAllOptions): AsyncIterable<RawRecord>;
  /** The pool the store uses (for read models that keep tables in the same database). */
  readonly pool: Pool;
  /**
   * Brings an inline projection up to date and keeps it so: its tables, in the same database, are
   * written in the transaction of every append, with its checkpoint. ValidationFailed for a
   * malformed projection or a name already attached; StoreUnavailable when catching up fails.
   */
  addInlineProjection(projection: PostgresInlineProjection): TaskEither<StoreError, void>;
}

/**
 * Opens a PostgreSQL event store, creating its schema and tables when missing (unless
 * `create: false`) and applying pending migrations. A {@link Runnable}: awaiting it (or calling it)
 * opens the store and gives an `Either`, never a rejection. Its Left is ValidationFailed for bad
 * options; StoreUnavailable naming the cause when the driver is missing (with the package to
 * install), the server is unreachable, the credentials are refused, the database or the schema is
 * missing, the schema is newer than the code, or the role lacks a privilege. Nothing is half-created.
 */
export const openPostgresStore = (options: PostgresStoreOptions): Runnable<LedgerError, PostgresStore> =>
  attempt('cannot open the PostgreSQL store', () => open(options));

const open = async (options: PostgresStoreOptions): Promise<PostgresStore> => {
  const o = resolveOptions(options);
  const pg = await loadDriver();
  const ownPool = o.pool === undefined;
  const pool: Pool = o.pool ?? new pg.Pool(o.config);
  const onIdleError = () => undefined; // a dropped idle connection is replaced on the next query
  pool.on('error', onIdleError);
  const s = quoted(o.schema);
  try {
    const client = await pool.connect();
    client.on('error', onIdleError);
    try {
      await migrate(client, o.schema, LEDGER_COMPONENT, LEDGER_MIGRATIONS, o.create);
    } finally {
      client.off('error', onIdleError);
      client.release();
    }
  } catch (x) {
    if (ownPool) await pool.end().catch(() => undefined);
    else pool.off('error', onIdleError);
    throw new LedgerFailure(toStoreError(x, `cannot open the PostgreSQL store (schema "${o.schema}")`, o.where));
  }

  let closed = false;
  const closedError = () => errors.unavailable(`the PostgreSQL store (schema "${o.schema}" at ${o.where}) is closed`);
  const check = () => (closed ? closedError() : undefined);
  const feed = createLiveFeed();
  const channel = channelOf(o.schema);
  const listener = createListener(pg, o.config, pool, channel, feed.notify);
  const statements = createAppendStatements(pool, o.schema, s, o.registry);
  const inline = createInlineRunner(s, o.registry);
  const attaching = new Set<string>(); // names being attached (caught up) right now
  const queue = createWriteQueue(pool, statements, o.schema, `${s}.events`, channel, o.where, feed.notify, inline);
  const reader = createReader(pool, o.schema, s, o.registry, o.where, check);

  const store: PostgresStore = {
    schema: o.schema,
    pool,
    checkpoints: createCheckpointStore(pool, s, o.where, check),
    append: (streamId, events, expected) => async () => {
      if (closed) return E.left(closedError());
      const prepared = prepareAppend(streamId, events, expected, o.registry, o);
      if (E.isLeft(prepared)) return prepared;
      return queue.submit(prepared.right);
    },
    readStream: reader.readStream,
    readAll: reader.readAll,
    readRaw: reader.readRaw,
    subscribeToAll: (sub = {}) => {
      if (closed) return closedSubscription(closedError());
      listener.ensure();
      return feed.subscribe(sub.afterPosition, async (after) => {
        // A dropped connection (a server restart, a terminated backend) is retried with a growing
        // pause; the cursor has not moved, so nothing is lost or repeated. Other failures end it.
        // Closing the store closes its subscriptions: a fetch still waiting then ends them cleanly.
        for (let attempt = 1; ; attempt++) {
          if (closed) return { events: [], scannedTo: undefined };
          try {
            return await reader.fetchAfter(after, sub.streamPrefix);
          } catch (x) {
            if (closed) return { events: [], scannedTo: undefined };
            const transient = isLedgerFailure(x) && x.error._tag === 'StoreUnavailable';
            if (!transient || attempt >= SUBSCRIPTION_RETRIES) throw x;
            await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** (attempt - 1), 2000)));
          }
        }
      }, o.pollMs);
    },
    addInlineProjection: (p) => async () => {
      if (closed) return E.left(closedError());
      if (typeof p?.name !== 'string' || p.name.length === 0 || typeof p.apply !== 'function' || typeof p.reset !== 'function' || !Number.isSafeInteger(p.version)) {
        return E.left(errors.validation([{ path: 'projection', message: 'expected { name, version, reset, apply }' }]));
      }
      if (inline.names.includes(p.name) || attaching.has(p.name)) {
        return E.left(errors.validation([{ path: 'projection.name', message: `an inline projection named "${p.name}" is already attached` }]));
      }
      attaching.add(p.name);
      try {
        return await queue.exclusive((client) => inline.catchUp(client, p), () => inline.keep(p));
      } finally {
        attaching.delete(p.name);
      }
    },
    streamHead: (streamId) => async (): Promise<E.Either<StoreError, Awaited<ReturnType<typeof statements.head>>>> => {
      if (closed) return E.left(closedError());
      try {
        return E.right(await statements.head(streamId));
      } catch (x) {
        return E.left(toStoreError(x, `reading the head of "${streamId}"`, o.where));
      }
    },
    close: async () => {
      if (closed) return;
      await queue.idle();
      closed = true;
      await feed.closeAll();
      await listener.close();
      if (ownPool) await pool.end().catch(() => undefined);
      else pool.off('error', onIdleError);
    },
  };
  return store;
};
