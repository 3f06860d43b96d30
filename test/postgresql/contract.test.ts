/**
 * The store contract suite against the PostgreSQL store on a real server (PG_TEST_URL). Every
 * store gets a fresh schema, dropped when the test is done.
 */
import { afterAll } from 'vitest';
import { runCheckpointContract, runStoreContract } from '../../src/testing/index';
import { schemas } from './helpers';

const made = schemas('contract');
afterAll(() => made.dropAll());

runStoreContract('postgresql', async (options) => {
  const store = await made.open(options ?? {});
  return { store, cleanup: () => made.drop(store.schema) };
});

runCheckpointContract('postgresql', async () => {
  const store = await made.open({});
  return { checkpoints: store.checkpoints, cleanup: () => made.drop(store.schema) };
});
