/**
 * The EventStoreDB (KurrentDB) store: `campaign-ledger/adapters/eventstoredb`.
 * Drives either optional peer dependency, `@eventstore/db-client` (6.2.1) or KurrentDB's maintained
 * client (`@kurrent/kurrentdb-client` 1.x). Importing this entry loads neither: `openEventStoreDbStore`
 * loads the chosen one when it opens a store (a missing one is a StoreUnavailable naming the package
 * to install), `createEventStoreDbStore` loads `@eventstore/db-client` only to make a client from a
 * connection string.
 *
 * @module campaign-ledger/adapters/eventstoredb
 */
export { createEventStoreDbStore, type EventStoreDbStore } from './store';
export { CHECKPOINT_PREFIX, type EventStoreDbStoreOptions } from './options';
export { openEventStoreDbStore, chooseDriver, type EventStoreDbDriver, type OpenEventStoreDbStoreOptions } from './driver';
