/**
 * The composition root: the only place that opens adapters. Each adapter (and through it its
 * driver: better-sqlite3, pg, @eventstore/db-client or @kurrent/kurrentdb-client) is loaded only when a store of its kind is asked
 * for, and a missing driver is reported with how to install it (exit 3).
 */
import { existsSync, rmSync } from 'node:fs';
import type { CodecRegistry } from '../eventsourcing/codecs';
import { isLedgerFailure } from '../eventsourcing/errors';
import type { EventStore } from '../eventsourcing/store';
import { CliError, fromLedgerError, unavailableError, usageError } from './errors';
import { describeStore, type StoreSpec } from './store-spec';
import { unwrap } from '../eventsourcing/runnable';

/** An open store and what the command may do with it. */
export interface OpenedStore {
  readonly spec: StoreSpec;
  readonly store: EventStore;
  /** Online backup, when the store can do it (SQLite). */
  readonly backup?: (toPath: string) => Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** `read`: the store must already exist and is opened read-only (SQLite); `create`: it is created when missing. */
  readonly mode: 'read' | 'create';
  /** The command (for the help hint of usage errors). */
  readonly command: string;
  /** Event codecs: events are checked on append and on read. */
  readonly registry?: CodecRegistry;
  /** Allow `--store memory` (only the demo: nothing survives the process). */
  readonly allowMemory?: boolean;
}

const asCliError = (x: unknown, command: string): unknown => (isLedgerFailure(x) ? fromLedgerError(x.error, command) : x);

/** Deletes a SQLite file and its write-ahead log and shared-memory files. */
export const removeSqliteFiles = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
};

const openSqlite = async (spec: Extract<StoreSpec, { kind: 'sqlite' }>, options: OpenStoreOptions): Promise<OpenedStore> => {
  if (options.mode === 'read' && !existsSync(spec.path)) {
    throw unavailableError(`the SQLite file ${spec.path} does not exist (create one with: campaign-ledger demo --store sqlite:${spec.path})`);
  }
  const { openSqliteStore } = await import('../../adapters/sqlite/index');
  try {
    // Read commands open read-only: nothing is created, migrated or locked, and read-only copies work.
    const store = await unwrap(openSqliteStore({ path: spec.path, readOnly: options.mode === 'read', ...(options.registry ? { registry: options.registry } : {}) }));
    return { spec, store, backup: (to) => store.backup(to), close: () => store.close() };
  } catch (x) {
    throw asCliError(x, options.command);
  }
};

const openMemory = async (spec: StoreSpec, options: OpenStoreOptions): Promise<OpenedStore> => {
  if (!options.allowMemory) {
    throw usageError(`--store memory keeps nothing between runs, so "${options.command}" has nothing to read; use sqlite:PATH or esdb://…`, options.command);
  }
  const { createMemoryStore } = await import('../../adapters/memory/index');
  const store = createMemoryStore(options.registry ? { registry: options.registry } : {});
  return { spec, store, close: () => store.close() };
};

/** How to install the EventStoreDB client when it is missing. */
export const ESDB_INSTALL_HINT = 'install it with `npm install @eventstore/db-client@6.2.1`';

const missingModule = (x: unknown): string | undefined => {
  const code = typeof x === 'object' && x !== null ? (x as { code?: unknown }).code : undefined;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  return /@eventstore\/db-client/.test(x instanceof Error ? x.message : '') ? '@eventstore/db-client' : undefined;
};

/**
 * An EventStoreDB/KurrentDB store; the client is chosen by the scheme (`kurrentdb://`: KurrentDB's
 * client; `esdb://`: `@eventstore/db-client` when installed, else KurrentDB's). The store connects
 * lazily, so an unreachable server shows on the first read or append (StoreUnavailable, exit 3).
 */
const openEsdb = async (spec: Extract<StoreSpec, { kind: 'esdb' }>, options: OpenStoreOptions): Promise<OpenedStore> => {
  let mod: typeof import('../../adapters/eventstoredb/index');
  try {
    mod = await import('../../adapters/eventstoredb/index');
  } catch (x) {
    if (missingModule(x)) throw unavailableError(`the EventStoreDB client "@eventstore/db-client" is not installed; ${ESDB_INSTALL_HINT}`);
    throw unavailableError(`the EventStoreDB client failed to load (${x instanceof Error ? x.message : String(x)}); ${ESDB_INSTALL_HINT}`);
  }
  try {
    const store = await unwrap(mod.openEventStoreDbStore({
      connectionString: spec.connectionString,
      ...(spec.namespace === undefined ? {} : { namespace: spec.namespace }),
      ...(options.registry ? { registry: options.registry } : {}),
    }));
    return { spec, store, close: () => store.close() };
  } catch (x) {
    if (isLedgerFailure(x) && x.error._tag === 'ValidationFailed') throw usageError(`--store ${describeStore(spec)}: ${x.error.message}`, options.command);
    throw asCliError(x, options.command);
  }
};

/** How to install the PostgreSQL driver when it is missing. */
export const PG_INSTALL_HINT = 'install it with `npm install pg@8`';

const openPostgres = async (spec: Extract<StoreSpec, { kind: 'postgres' }>, options: OpenStoreOptions): Promise<OpenedStore> => {
  let mod: typeof import('../../adapters/postgresql/index');
  try {
    mod = await import('../../adapters/postgresql/index');
  } catch (x) {
    throw unavailableError(`the PostgreSQL store failed to load (${x instanceof Error ? x.message : String(x)}); ${PG_INSTALL_HINT}`);
  }
  try {
    const store = await unwrap(mod.openPostgresStore({
      connectionString: spec.connectionString,
      schema: spec.schema,
      create: options.mode === 'create',
      ...(options.registry ? { registry: options.registry } : {}),
    }));
    return { spec, store, close: () => store.close() };
  } catch (x) {
    if (isLedgerFailure(x) && x.error._tag === 'ValidationFailed') throw usageError(`--store ${describeStore(spec)}: ${x.error.message}`, options.command);
    throw asCliError(x, options.command);
  }
};

/** Opens the store a `--store` value names. Failures are {@link CliError}s with the right exit code. */
export const openStore = async (spec: StoreSpec, options: OpenStoreOptions): Promise<OpenedStore> => {
  try {
    switch (spec.kind) {
      case 'sqlite':
        return await openSqlite(spec, options);
      case 'memory':
        return await openMemory(spec, options);
      case 'esdb':
        return await openEsdb(spec, options);
      case 'postgres':
        return await openPostgres(spec, options);
    }
  } catch (x) {
    if (x instanceof CliError) throw x;
    throw asCliError(x, options.command);
  }
};

/** Opens a store, runs `work`, and closes the store whatever happens. */
export const withStore = async <T>(spec: StoreSpec, options: OpenStoreOptions, work: (opened: OpenedStore) => Promise<T>): Promise<T> => {
  const opened = await openStore(spec, options);
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
};
