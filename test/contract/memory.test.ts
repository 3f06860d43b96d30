import { createMemoryStore } from '../../adapters/memory/index';
import { runStoreContract } from '../../src/testing/index';

runStoreContract('memory', async (options) => ({ store: createMemoryStore(options), cleanup: async () => {} }));
