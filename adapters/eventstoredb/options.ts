/**
 * Options of the EventStoreDB store, their defaults, and the mapping between the ledger's stream
 * ids and EventStoreDB stream names (namespace prefix, checkpoint streams).
 */
import type { EventStoreDBClient } from '@eventstore/db-client';
import { errors, type CodecRegistry, type ValidationFailed } from '../../src/eventsourcing/index';

/** Options of {@link createEventStoreDbStore}. Give `connectionString` or `client`. */
export interface EventStoreDbStoreOptions {
  /**
   * A connection string as the client takes it: `esdb://localhost:2113?tls=false` for one node,
   * `esdb+discover://cluster.example:2113` or `esdb://a:2113,b:2113,c:2113` for a cluster.
   */
  readonly connectionString?: string | undefined;
  /** A client you already have. */
  readonly client?: EventStoreDBClient | undefined;
  /**
   * A namespace for one campaign (or one demo run): stream `s` is stored as `<namespace>-s`, and
   * reads and subscriptions see only this namespace. Letters, digits and `_`; not starting with `_`.
   * Default: none (stream ids are used as they are).
   */
  readonly namespace?: string | undefined;
  /** When given, event data is checked against it before anything is sent. */
  readonly registry?: CodecRegistry | undefined;
  /** Maximum bytes of canonical JSON in one append. Default 1 MiB (the server's own default limit). */
  readonly maxAppendBytes?: number | undefined;
  /** `$maxCount` of each checkpoint stream. Default 5. */
  readonly checkpointMaxCount?: number | undefined;
  /** How many events below a stream's head an append looks through to recognise a retry. Default 8. */
  readonly idempotencyWindow?: number | undefined;
  /** How often an append with `any` or `stream_exists` is retried after losing a race. Default 20. */
  readonly conflictRetries?: number | undefined;
  /** Resubscription after a dropped subscription: first delay, largest delay, attempts without progress. */
  readonly resubscribe?: {
    readonly initialDelayMs?: number | undefined;
    readonly maxDelayMs?: number | undefined;
    readonly maxAttempts?: number | undefined;
  } | undefined;
  /** Dispose the client on `close()`. Default: true for a client made from `connectionString`, false for one you gave. */
  readonly disposeClient?: boolean | undefined;
}

/** Options with every default applied. */
export interface Settings {
  readonly namespace: string;
  readonly registry: CodecRegistry | undefined;
  readonly maxAppendBytes: number;
  readonly checkpointMaxCount: number;
  readonly idempotencyWindow: number;
  readonly conflictRetries: number;
  readonly resubscribeInitialMs: number;
  readonly resubscribeMaxMs: number;
  readonly resubscribeMaxAttempts: number;
  /** The server's address (hosts of the connection string, no credentials), for messages. */
  readonly where: string | undefined;
}

/** The hosts of a connection string (no credentials, no options), for messages. */
export const addressOf = (connectionString: unknown): string | undefined =>
  typeof connectionString === 'string' ? /^[a-z+]+:\/\/(?:[^@/?]*@)?([^/?]+)/i.exec(connectionString)?.[1] : undefined;

/** Internal option: the connection string a given client was made from (set by openEventStoreDbStore). */
export const MADE_FROM = Symbol('madeFrom');

/** Prefix of every checkpoint stream; never inside a namespace (namespaces cannot start with `_`). */
export const CHECKPOINT_PREFIX = '_checkpoints-';

const NAMESPACE_RE = /^[A-Za-z0-9][A-Za-z0-9_]{0,63}$/;

const positiveInt = (name: string, v: number | undefined, dflt: number, min: number) => {
  if (v === undefined) return { value: dflt };
  if (!Number.isInteger(v) || v < min) return { issue: { path: name, message: `expected an integer >= ${min}, got ${String(v)}` } };
  return { value: v };
};

/** Checks the options and applies defaults. */
export const settingsOf = (o: EventStoreDbStoreOptions, defaultMaxAppend: number): Settings | ValidationFailed => {
  const issues: { path: string; message: string }[] = [];
  if (o.connectionString === undefined && o.client === undefined) {
    issues.push({ path: 'connectionString', message: 'expected a connection string (esdb://…) or a client' });
  }
  if (o.connectionString !== undefined && o.client !== undefined) {
    issues.push({ path: 'client', message: 'give either a connection string or a client, not both' });
  }
  const ns = o.namespace ?? '';
  if (ns !== '' && !NAMESPACE_RE.test(ns)) {
    issues.push({ path: 'namespace', message: `expected 1-64 letters, digits or "_", not starting with "_", got ${JSON.stringify(ns)}` });
  }
  const take = (name: string, v: number | undefined, dflt: number, min: number): number => {
    const r = positiveInt(name, v, dflt, min);
    if ('issue' in r && r.issue) issues.push(r.issue);
    return r.value ?? dflt;
  };
  const s: Settings = {
    namespace: ns,
    registry: o.registry,
    maxAppendBytes: take('maxAppendBytes', o.maxAppendBytes, defaultMaxAppend, 1),
    checkpointMaxCount: take('checkpointMaxCount', o.checkpointMaxCount, 5, 1),
    idempotencyWindow: take('idempotencyWindow', o.idempotencyWindow, 8, 0),
    conflictRetries: take('conflictRetries', o.conflictRetries, 20, 0),
    resubscribeInitialMs: take('resubscribe.initialDelayMs', o.resubscribe?.initialDelayMs, 100, 1),
    resubscribeMaxMs: take('resubscribe.maxDelayMs', o.resubscribe?.maxDelayMs, 5_000, 1),
    resubscribeMaxAttempts: take('resubscribe.maxAttempts', o.resubscribe?.maxAttempts, 30, 1),
    where: addressOf(o.connectionString ?? (o as { [MADE_FROM]?: string })[MADE_FROM]),
  };
  return issues.length > 0 ? errors.validation(issues) : s;
};

/** Maps ledger stream ids to EventStoreDB stream names and back. */
export interface Naming {
  /** The EventStoreDB stream of a ledger stream. */
  physical(streamId: string): string;
  /** The ledger stream id of an EventStoreDB stream, or undefined when it is not one of ours. */
  logical(streamName: string): string | undefined;
  /** The stream holding checkpoint `name`. */
  checkpoint(name: string): string;
  /** The stream-name prefix of the trail (namespace plus an optional ledger prefix). */
  prefix(streamPrefix?: string): string;
}

/** Naming for a namespace ('' for none). */
export const naming = (namespace: string): Naming => {
  const ns = namespace === '' ? '' : `${namespace}-`;
  return {
    physical: (id) => ns + id,
    logical: (name) => {
      if (name.startsWith('$') || name.startsWith(CHECKPOINT_PREFIX)) return undefined;
      if (ns === '') return name;
      return name.startsWith(ns) && name.length > ns.length ? name.slice(ns.length) : undefined;
    },
    checkpoint: (name) => `${CHECKPOINT_PREFIX}${namespace}/${name}`,
    prefix: (p) => ns + (p ?? ''),
  };
};
