/**
 * The EventStoreDB (KurrentDB) store: `campaign-ledger/adapters/eventstoredb`.
 * Needs the optional peer dependency `@eventstore/db-client` (6.2.1); `openEventStoreDbStore` can
 * drive KurrentDB's maintained client (`@kurrent/kurrentdb-client` 1.x) instead.
 *
 * @module campaign-ledger/adapters/eventstoredb
 */
export { createEventStoreDbStore, type EventStoreDbStore } from './store';
export { CHECKPOINT_PREFIX, type EventStoreDbStoreOptions } from './options';
export { openEventStoreDbStore, chooseDriver, type EventStoreDbDriver, type OpenEventStoreDbStoreOptions } from './driver';
