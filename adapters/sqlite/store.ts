/**
 * The SQLite event store: one long-lived better-sqlite3 connection in WAL mode, group-committed
 * appends (`BEGIN IMMEDIATE`, a savepoint per append), paged reads, catch-up-then-live
 * subscriptions (in-process notification plus polling for other processes), checkpoints and
 * inline projections in the same file, and online backup.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import {
  attempt, createLiveFeed, errors, LedgerFailure, prepareAppend,
  type CheckpointStore, type EventStore, type LedgerError, type SnapshotStore, type RawRecord, type ReadAllOptions, type Runnable, type StoreError,
} from '../../src/eventsourcing/index';
import { createAppender } from './append';
import { createCheckpointStore, createCheckpointTable } from './checkpoints';
import { loadDriver, toStoreError, type Db } from './driver';
import { createInlineRunner, type InlineProjection } from './inline';
import { resolveOptions, type Durability, type SqliteStoreOptions } from './options';
import { createReader } from './reads';
import { createSqliteSnapshotStore } from './snapshots';
import { checkTrailSchema, openReadOnlyDb } from './readonly';
import { LEDGER_COMPONENT, LEDGER_MIGRATIONS, migrate, schemaVersions, type Migration } from './schema';
import { createTx, type SqliteTx } from './tx';
import { createWriteQueue } from './writer';

/** The SQLite store: the {@link EventStore} port plus what an embedded file can offer. */
export interface SqliteStore extends EventStore {
  /** The database file. */
  readonly path: string;
  /** How commits reach the disk (see the adapter's README for what each mode guarantees). */
  readonly durability: Durability;
  /** Projection checkpoints, in the same file (outside the audited trail). */
  readonly checkpoints: CheckpointStore;
  /** Snapshots of long streams, in the same file (outside the audited trail). */
  readonly snapshots: SnapshotStore;
  /** The stored canonical bytes in global order (always available on SQLite). */
  readRaw(options?: ReadAllOptions): AsyncIterable<RawRecord>;
  /** Copies the database to `toPath` while it stays open (SQLite's online backup API). Rejects with a LedgerFailure. */
  backup(toPath: string): Promise<void>;
  /**
   * Runs synchronous work in the write transaction, in its own savepoint, group-committed with
   * appends. A throw (or a LedgerFailure) rolls the work back and becomes the Left.
   */
  inTransaction<T>(work: (tx: SqliteTx) => T): TaskEither<StoreError, T>;
  /** Applies a component's (e.g. a read model's) forward migrations; returns its version. */
  migrate(component: string, migrations: readonly Migration[]): TaskEither<StoreError, number>;
  /** Brings an inline projection up to date and keeps it so, in the transaction of every append. */
  addInlineProjection(projection: InlineProjection): TaskEither<StoreError, void>;
  /** The schema version of every component in the file. */
  schemaVersions(): Record<string, number>;
}

const openDb = (Database: Awaited<ReturnType<typeof loadDriver>>, path: string, busyTimeoutMs: number, durability: Durability): Db => {
  let db: Db | undefined;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
    const mode = String(db.pragma('journal_mode = WAL', { simple: true }));
    if (mode !== 'wal' && !(path === ':memory:' && mode === 'memory')) {
      throw new Error(`the file system refused write-ahead logging (journal mode stays "${mode}")`);
    }
    db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('cache_size = -16000');
    // Checkpoint every ~40 MB of log instead of ~4 MB: pages rewritten by many commits (stream heads,
    // index leaves) are copied to the database once, and the checkpoint's syncs are rarer.
    db.pragma('wal_autocheckpoint = 10000');
    return db;
  } catch (x) {
    try {
      db?.close();
    } catch {
      // already unusable
    }
    throw new LedgerFailure(toStoreError(x, `cannot open the SQLite store "${path}"`));
  }
};

/**
 * Opens (creating when missing) a SQLite event store and applies pending migrations; with
 * `readOnly`, opens an existing trail without writing anything (see {@link SqliteStoreOptions.readOnly}).
 * A {@link Runnable}: awaiting it (or calling it) opens the store and gives an `Either`, never a
 * rejection. Its Left is ValidationFailed for bad options (naming them), StoreUnavailable when the
 * driver is missing (naming the package to install), the file cannot be opened, or its schema is
 * newer.
 *
 * ```ts
 * const store = await unwrap(openSqliteStore({ path: 'court.db' })); // or read the Either yourself
 * ```
 */
export const openSqliteStore = (options: SqliteStoreOptions): Runnable<LedgerError, SqliteStore> =>
  attempt('cannot open the SQLite store', () => open(options));

const open = async (options: SqliteStoreOptions): Promise<SqliteStore> => {
  const o = resolveOptions(options);
  const Database = await loadDriver(o.driver);
  const db = o.readOnly ? openReadOnlyDb(Database, o.path, o.busyTimeoutMs) : openDb(Database, o.path, o.busyTimeoutMs, o.durability);
  const tx = createTx(db);
  const migrated = o.readOnly ? checkTrailSchema(db, o.path) : migrate(db, tx, LEDGER_COMPONENT, LEDGER_MIGRATIONS);
  if (E.isLeft(migrated)) {
    db.close();
    throw new LedgerFailure(migrated.left);
  }

  let closed = false;
  const closedError = () => errors.unavailable(`the SQLite store "${o.path}" is closed`);
  const check = () => (closed ? closedError() : undefined);
  const feed = createLiveFeed();
  const table = createCheckpointTable(db);
  const reader = createReader(db, o.registry, check);
  const inline = createInlineRunner(tx, table, reader.pageAfter);
  const appender = createAppender(db, o.registry, inline.afterAppend);
  const queue = createWriteQueue(db, {
    beforeGroup: () => { appender.beginGroup(); inline.catchUpAll(); },
    afterCommit: () => { appender.committed(); feed.notify(); },
  });
  const backups = new Set<Promise<unknown>>();

  const guarded = <T>(f: () => Promise<E.Either<StoreError, T>>): TaskEither<StoreError, T> => () =>
    closed ? Promise.resolve(E.left(closedError())) : f();

  const store: SqliteStore = {
    path: o.path,
    durability: o.durability,
    checkpoints: createCheckpointStore(table, queue, check),
    snapshots: createSqliteSnapshotStore(db, queue, check),
    append: (streamId, events, expected) => guarded(() => {
      const prepared = prepareAppend(streamId, events, expected, o.registry, o);
      if (E.isLeft(prepared)) return Promise.resolve(prepared);
      return queue.submit(appender.work(prepared.right));
    }),
    readStream: reader.readStream,
    readAll: reader.readAll,
    readRaw: reader.readRaw,
    subscribeToAll: (s = {}) =>
      feed.subscribe(s.afterPosition, async (after) => {
        const err = check();
        if (err !== undefined) throw new LedgerFailure(err);
        return reader.fetchAfter(after, s.streamPrefix);
      }, o.pollMs),
    streamHead: (streamId) => guarded(async () => {
      try {
        return E.right(appender.head(streamId));
      } catch (x) {
        return E.left(toStoreError(x, `reading the head of "${streamId}"`));
      }
    }),
    inTransaction: (work) => guarded(() => queue.submit(() => {
      const result = work(tx);
      if (typeof (result as { then?: unknown } | null)?.then === 'function') {
        return E.left(errors.validation([{ path: 'work', message: 'expected synchronous work; it returned a promise, so it was rolled back' }]));
      }
      return E.right(result);
    })),
    migrate: (component, migrations) => guarded(async () => {
      queue.drain();
      return migrate(db, tx, component, migrations);
    }),
    addInlineProjection: (p) => guarded(async () => {
      if (typeof p?.name !== 'string' || p.name.length === 0 || typeof p.apply !== 'function' || typeof p.reset !== 'function' || !Number.isSafeInteger(p.version)) {
        return E.left(errors.validation([{ path: 'projection', message: 'expected { name, version, reset, apply }' }]));
      }
      if (inline.names.includes(p.name)) {
        return E.left(errors.validation([{ path: 'projection.name', message: `an inline projection named "${p.name}" is already attached` }]));
      }
      return queue.submit(() => E.right(inline.attach(p)));
    }),
    schemaVersions: () => schemaVersions(tx),
    backup: async (toPath) => {
      if (closed) throw new LedgerFailure(closedError());
      const running = db.backup(toPath);
      backups.add(running);
      try {
        await running;
      } catch (x) {
        throw new LedgerFailure(toStoreError(x, `backing up to "${toPath}"`));
      } finally {
        backups.delete(running);
      }
    },
    close: async () => {
      if (closed) return;
      queue.drain();
      closed = true;
      await feed.closeAll();
      await Promise.allSettled([...backups]);
      try {
        db.close();
      } catch {
        // closing twice or after a fatal error: nothing left to release
      }
    },
  };
  return store;
};
