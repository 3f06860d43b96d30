/**
 * The EventStoreDB (KurrentDB) store: `campaign-ledger/adapters/eventstoredb`.
 * Needs the optional peer dependency `@eventstore/db-client` (6.2.1).
 */
export { createEventStoreDbStore, type EventStoreDbStore } from './store';
export { CHECKPOINT_PREFIX, type EventStoreDbStoreOptions } from './options';
