/** Stores on the test server driven by KurrentDB's client; import ../support/esdb-kurrent before this. */
import { createRequire } from 'node:module';
import type { EventStoreDBClient } from '@eventstore/db-client';
import type { EventStoreDbStore, EventStoreDbStoreOptions } from '../../adapters/eventstoredb/index';
import { PROTOCOL_FAMILY } from '../support/esdb-proto';
import type { EsdbTestServer } from '../support/esdb-server';
import { storeOn } from './helpers';

if (PROTOCOL_FAMILY !== 'kurrent') throw new Error('import ../support/esdb-kurrent before the test server');
const { KurrentDBClient } = createRequire(import.meta.url)('@kurrent/kurrentdb-client') as typeof import('@kurrent/kurrentdb-client');
export { KurrentDBClient };

/** The server's connection string in KurrentDB's scheme (`kurrentdb://…`). */
export const kurrentUrlOf = (server: EsdbTestServer): string => server.connectionString.replace(/^esdb:/, 'kurrentdb:');

/** Like {@link storeOn}, driven by KurrentDB's client. */
export const kurrentStoreOn = (server: EsdbTestServer, options: Partial<EventStoreDbStoreOptions> = {}): EventStoreDbStore =>
  storeOn(server, {
    connectionString: undefined,
    client: KurrentDBClient.connectionString(kurrentUrlOf(server)) as unknown as EventStoreDBClient,
    disposeClient: true,
    ...options,
  });
