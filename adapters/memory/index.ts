/**
 * The in-memory store: `campaign-ledger/adapters/memory`.
 *
 * @module campaign-ledger/adapters/memory
 */
export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from './store';
