/**
 * The in-process EventStoreDB-protocol server as the benchmarks start it. Numbers measured against
 * it cover the client and the adapter, not a real EventStoreDB node.
 */
import { EsdbTestServer } from './esdb-server';

/** A running benchmark server. */
export interface BenchServer {
  readonly connectionString: string;
  stop(): Promise<void>;
}

/** Starts a fresh, empty server (BatchAppend mode) on an ephemeral port of 127.0.0.1. */
export const startBenchServer = async (): Promise<BenchServer> => {
  const server = await EsdbTestServer.start({ mode: 'batch' });
  return { connectionString: server.connectionString, stop: () => server.close() };
};
