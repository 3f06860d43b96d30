/**
 * The store contract suite against the EventStoreDB adapter driven by KurrentDB's client
 * (`@kurrent/kurrentdb-client`), over real gRPC against the in-process server in both protocol
 * modes, exactly as test/eventstoredb/contract.test.ts runs it with `@eventstore/db-client`.
 */
import '../support/esdb-kurrent';
import { afterAll, beforeAll, describe } from 'vitest';
import { runCheckpointContract, runStoreContract } from '../../src/testing/index';
import type { EsdbTestServer } from '../support/esdb-server';
import { startServer } from './helpers';
import { kurrentStoreOn } from './kurrent-helpers';

for (const mode of ['batch', 'legacy'] as const) {
  describe(`KurrentDB client on the test server, ${mode} mode`, () => {
    let server: EsdbTestServer;
    beforeAll(async () => {
      server = await startServer({ mode });
    });
    afterAll(async () => {
      await server.close();
    });
    runStoreContract(`eventstoredb via @kurrent/kurrentdb-client (${mode === 'batch' ? 'BatchAppend' : 'legacy Append, no stream-read positions'})`, async (options) => ({
      store: kurrentStoreOn(server, options ?? {}),
      cleanup: async () => {},
    }));
    runCheckpointContract(`eventstoredb via @kurrent/kurrentdb-client (${mode} mode)`, async () => {
      const store = kurrentStoreOn(server);
      return { checkpoints: store.checkpoints, cleanup: () => store.close() };
    });
  });
}
