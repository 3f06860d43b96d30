/**
 * Testing helpers for users of campaign-ledger: the store contract suite for adapter authors and
 * given/when/then specifications for deciders and projections. ESM-only (vitest is ESM-only).
 *
 * @module campaign-ledger/testing
 */
export { runStoreContract, collect, type StoreFactory, type StoreFactoryOptions, type StoreUnderTest, type TestApi } from './contract';
export { testEvent, testMetadata, testActor, uuidFrom } from './fixtures';
export { deciderSpec, projectionSpec } from './specs';
export { runCheckpointContract, type CheckpointFactory, type CheckpointsUnderTest } from './contract-checkpoints';
