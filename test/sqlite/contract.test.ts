import { afterAll } from 'vitest';
import { openSqliteStore } from '../../adapters/sqlite/index';
import { runCheckpointContract, runStoreContract } from '../../src/testing/index';
import { tempDir } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

const dir = tempDir();
afterAll(() => dir.remove());
let n = 0;

runStoreContract('sqlite (temp file, durability normal)', async (options) => ({
  store: await unwrap(openSqliteStore({ path: dir.file(`contract-${++n}.db`), durability: 'normal', ...options })),
  cleanup: async () => {},
}));

runStoreContract('sqlite (temp file, durability full)', async (options) => ({
  store: await unwrap(openSqliteStore({ path: dir.file(`contract-full-${++n}.db`), durability: 'full', ...options })),
  cleanup: async () => {},
}));

runCheckpointContract('sqlite', async () => {
  const store = await unwrap(openSqliteStore({ path: dir.file(`checkpoints-${++n}.db`), durability: 'normal' }));
  return { checkpoints: store.checkpoints, cleanup: () => store.close() };
});
