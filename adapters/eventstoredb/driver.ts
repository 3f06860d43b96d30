/**
 * Choosing the client: `@eventstore/db-client` (6.2.1, the last release under that name) or
 * KurrentDB's maintained `@kurrent/kurrentdb-client` (1.x). Both speak the same gRPC protocol and
 * expose the same client API; the adapter drives either. The chosen client is loaded only when a
 * store is opened, and a missing one is reported with how to install it.
 */
import type { EventStoreDBClient } from '@eventstore/db-client';
import { attempt, errors, LedgerFailure, type LedgerError, type Runnable } from '../../src/eventsourcing/index';
import { DRIVER_INSTALL_HINTS, whyNotLoaded, type EventStoreDbDriver } from './client-values';
import { MADE_FROM, type EventStoreDbStoreOptions } from './options';
import { createEventStoreDbStore, type EventStoreDbStore } from './store';

export { DRIVER_INSTALL_HINTS, type EventStoreDbDriver };

/** Options of {@link openEventStoreDbStore}. */
export interface OpenEventStoreDbStoreOptions extends EventStoreDbStoreOptions {
  /**
   * The client package. Default `auto`: KurrentDB's client for `kurrentdb://` (also `kurrent://`,
   * `kdb://`) connection strings; for `esdb://` ones `@eventstore/db-client` when it is installed,
   * else KurrentDB's client.
   */
  readonly driver?: EventStoreDbDriver | 'auto' | undefined;
}

const KURRENT_SCHEME = /^(kurrentdb|kurrent|kdb)(\+discover)?:\/\//i;
const ESDB_SCHEME = /^esdb(\+discover)?:\/\//i;


type ClientFactory = { connectionString(text: string): EventStoreDBClient };

const load = async (driver: EventStoreDbDriver): Promise<ClientFactory> => {
  try {
    const mod = (await import(driver)) as Record<string, unknown> & { default?: Record<string, unknown> };
    const name = driver === '@kurrent/kurrentdb-client' ? 'KurrentDBClient' : 'EventStoreDBClient';
    const ctor = (mod[name] ?? mod.default?.[name]) as ClientFactory | undefined;
    if (ctor === undefined) throw new Error(`the module has no ${name}`);
    return ctor;
  } catch (x) {
    throw new LedgerFailure(errors.unavailable(`the EventStoreDB/KurrentDB client "${driver}" ${whyNotLoaded(x)}; ${DRIVER_INSTALL_HINTS[driver]}`, x));
  }
};

const installed = async (driver: EventStoreDbDriver): Promise<boolean> => {
  try {
    await import(driver);
    return true;
  } catch {
    return false;
  }
};

/** The driver `auto` picks for a connection string. */
export const chooseDriver = async (connectionString: string | undefined): Promise<EventStoreDbDriver> => {
  if (connectionString !== undefined && KURRENT_SCHEME.test(connectionString)) return '@kurrent/kurrentdb-client';
  return (await installed('@eventstore/db-client')) ? '@eventstore/db-client' : '@kurrent/kurrentdb-client';
};

/** The connection string in the scheme the chosen client expects (both schemes name the same servers). */
export const forDriver = (connectionString: string, driver: EventStoreDbDriver): string =>
  driver === '@kurrent/kurrentdb-client'
    ? connectionString.replace(ESDB_SCHEME, (_m, d: string | undefined) => `kurrentdb${d ?? ''}://`)
    : connectionString.replace(KURRENT_SCHEME, (_m, _s: string, d: string | undefined) => `esdb${d ?? ''}://`);

/**
 * Opens a store on EventStoreDB or KurrentDB with the chosen client (see
 * {@link OpenEventStoreDbStoreOptions.driver}), loading it only now. Connects lazily, like
 * {@link createEventStoreDbStore}. A {@link Runnable}: awaiting it (or calling it) gives an
 * `Either`, never a rejection. Its Left is ValidationFailed for bad options or connection strings,
 * StoreUnavailable naming the package to install when the client is not installed.
 */
export const openEventStoreDbStore = (options: OpenEventStoreDbStoreOptions): Runnable<LedgerError, EventStoreDbStore> =>
  attempt('cannot open the EventStoreDB store', () => open(options));

const open = async (options: OpenEventStoreDbStoreOptions): Promise<EventStoreDbStore> => {
  if (options.client !== undefined) return createEventStoreDbStore(options);
  const { driver: wanted, connectionString: _given, ...rest } = options;
  if (wanted !== undefined && wanted !== 'auto' && !(wanted in DRIVER_INSTALL_HINTS)) {
    throw new LedgerFailure(errors.validation([{ path: 'options.driver', message: `expected "auto", ${Object.keys(DRIVER_INSTALL_HINTS).map((k) => JSON.stringify(k)).join(' or ')}, got ${JSON.stringify(wanted)}` }]));
  }
  if (typeof options.connectionString !== 'string' || options.connectionString.length === 0) return createEventStoreDbStore(options); // reports the missing option
  const driver = wanted === undefined || wanted === 'auto' ? await chooseDriver(options.connectionString) : wanted;
  const factory = await load(driver);
  let client: EventStoreDBClient;
  try {
    client = factory.connectionString(forDriver(options.connectionString, driver));
  } catch (x) {
    throw new LedgerFailure(errors.validation([{ path: 'connectionString', message: x instanceof Error ? x.message : String(x) }]));
  }
  return createEventStoreDbStore({ ...rest, client, disposeClient: options.disposeClient ?? true, [MADE_FROM]: options.connectionString } as EventStoreDbStoreOptions);
};
