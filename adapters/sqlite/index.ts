/**
 * The embedded SQLite store: `campaign-ledger/adapters/sqlite`. Needs the optional dependency better-sqlite3 (v12).
 *
 * @module campaign-ledger/adapters/sqlite
 */
export { openSqliteStore, type SqliteStore } from './store';
export type { SqliteStoreOptions, Durability } from './options';
export type { InlineProjection } from './inline';
export type { Migration } from './schema';
export type { SqliteTx, SqlValue } from './tx';
export { INSTALL_HINT } from './driver';
