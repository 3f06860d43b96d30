/**
 * The PostgreSQL store: `campaign-ledger/adapters/postgresql`. Needs the optional peer dependency pg (v8).
 *
 * @module campaign-ledger/adapters/postgresql
 */
export { openPostgresStore, type PostgresStore } from './store';
export { DEFAULT_SCHEMA, type PostgresStoreOptions } from './options';
export type { PostgresCheckpointStore } from './checkpoints';
export { INSTALL_HINT } from './errors';
export type { PostgresInlineProjection } from './inline';
