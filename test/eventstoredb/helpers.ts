/** Shared set-up of the EventStoreDB adapter tests. */
import { randomBytes } from 'node:crypto';
import { createEventStoreDbStore, type EventStoreDbStore, type EventStoreDbStoreOptions } from '../../adapters/eventstoredb/index';
import { EsdbTestServer, type EsdbTestServerOptions } from '../support/esdb-server';

/** A namespace no other test uses. */
export const freshNamespace = (): string => `t${randomBytes(6).toString('hex')}`;

/** A store on `server` in a fresh namespace, with fast resubscription for tests. */
export const storeOn = (server: EsdbTestServer | string, options: Partial<EventStoreDbStoreOptions> = {}): EventStoreDbStore =>
  createEventStoreDbStore({
    connectionString: typeof server === 'string' ? server : server.connectionString,
    namespace: freshNamespace(),
    resubscribe: { initialDelayMs: 20, maxDelayMs: 200, maxAttempts: 50 },
    ...options,
  });

/** Starts a server for the duration of a test file. */
export const startServer = (options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> => EsdbTestServer.start(options);

export { eventually } from '../support/eventually';

