import { createMemoryStore } from '../../adapters/memory/index';
import { runCheckpointContract, runStoreContract } from '../../src/testing/index';

runStoreContract('memory', async (options) => ({ store: createMemoryStore(options), cleanup: async () => {} }));

runCheckpointContract('memory', async () => ({ checkpoints: createMemoryStore().checkpoints, cleanup: async () => {} }));
