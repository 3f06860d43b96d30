/**
 * The store contract suite against the EventStoreDB adapter: over real gRPC against the in-process
 * server in both protocol modes, and against a real server when EVENTSTORE_CONNECTION_STRING is set
 * (reported as skipped otherwise). Every store gets a namespace of its own, so one server is shared.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { runCheckpointContract, runStoreContract } from '../../src/testing/index';
import type { EsdbTestServer } from '../support/esdb-server';
import { startServer, storeOn } from './helpers';

for (const mode of ['batch', 'legacy'] as const) {
  describe(`EventStoreDB test server, ${mode} mode`, () => {
    let server: EsdbTestServer;
    beforeAll(async () => {
      server = await startServer({ mode });
    });
    afterAll(async () => {
      await server.close();
    });
    runStoreContract(`eventstoredb (${mode === 'batch' ? 'BatchAppend' : 'legacy Append, no stream-read positions'})`, async (options) => ({
      store: storeOn(server, options ?? {}),
      cleanup: async () => {},
    }));
    runCheckpointContract(`eventstoredb (${mode} mode)`, async () => {
      const store = storeOn(server);
      return { checkpoints: store.checkpoints, cleanup: () => store.close() };
    });
  });
}

const real = process.env.EVENTSTORE_CONNECTION_STRING;
describe.skipIf(!real)('real EventStoreDB server (EVENTSTORE_CONNECTION_STRING)', () => {
  runStoreContract('eventstoredb (real server)', async (options) => ({
    store: storeOn(real as string, options ?? {}),
    cleanup: async () => {},
  }));
});
