/**
 * The constants and small helpers of the client API the adapter uses, as local values. Both
 * clients (`@eventstore/db-client` and `@kurrent/kurrentdb-client`) export the same ones: plain
 * strings and functions that build plain objects. Taking them from a client module would make
 * importing the adapter load that module, so it could not be imported without it; only the
 * client's types are imported here, and they vanish from the built code. Also: the client packages
 * and how to install each.
 */
import { randomUUID } from 'node:crypto';
import type { EventData, JSONEventType, PrefixesFilter, RegexFilter } from '@eventstore/db-client';

/** The client packages the adapter can drive. */
export type EventStoreDbDriver = '@eventstore/db-client' | '@kurrent/kurrentdb-client';

/** How to install each client. */
export const DRIVER_INSTALL_HINTS: Readonly<Record<EventStoreDbDriver, string>> = {
  '@eventstore/db-client': 'install it with `npm install @eventstore/db-client@6.2.1`',
  '@kurrent/kurrentdb-client': 'install it with `npm install @kurrent/kurrentdb-client@1`',
};

/** Why loading a client module failed, in words: not installed, or the error it threw. */
export const whyNotLoaded = (x: unknown): string => {
  const code = typeof x === 'object' && x !== null ? (x as { code?: unknown }).code : undefined;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' ? 'is not installed' : `failed to load (${x instanceof Error ? x.message : String(x)})`;
};

/** Read from the first event (stream revision or `$all` position). */
export const START = 'start' as const;
/** Read from the last event. */
export const END = 'end' as const;
/** Read direction. */
export const FORWARDS = 'forwards' as const;
/** Read direction. */
export const BACKWARDS = 'backwards' as const;

/** The `type` of the client's errors the adapter tells apart (the clients' `ErrorType` values). */
export const ErrorType = {
  TIMEOUT: 'timeout',
  DEADLINE_EXCEEDED: 'deadline-exceeded',
  UNAVAILABLE: 'unavailable',
  CANCELLED: 'cancelled',
  UNKNOWN: 'unknown',
  NOT_LEADER: 'not-leader',
  STREAM_NOT_FOUND: 'stream-not-found',
  ACCESS_DENIED: 'access-denied',
  STREAM_DELETED: 'stream-deleted',
  WRONG_EXPECTED_VERSION: 'wrong-expected-version',
  MAXIMUM_APPEND_SIZE_EXCEEDED: 'maximum-append-size-exceeded',
} as const;

/** Every `type` of `@eventstore/db-client` 6.2.1's `ErrorType`: the errors recognised as the client's. */
const KNOWN_TYPES: ReadonlySet<string> = new Set([
  ...Object.values(ErrorType),
  'no-stream', 'not-found', 'invalid-argument', 'invalid-transaction', 'scavenge-not-found',
  'missing-required-metadata-property', 'persistent-subscription-failed',
  'persistent-subscription-does-not-exist', 'persistent-subscription-exists',
  'persistent-subscription-dropped', 'maximum-subscribers-reached', 'user-not-found', 'user-conflict',
  'unsupported',
]);

/** One of the client's typed errors: its `type` tells which. */
export interface ClientError extends Error {
  readonly type: string;
  /** The stream, on stream errors. */
  readonly streamName?: string;
}

/**
 * Whether `u` is one of the client's typed errors. Both clients throw their own classes with the
 * same `type` strings, so they are recognised by their type, not by their class.
 */
export const isClientError = (u: unknown): u is ClientError => {
  const type: unknown = u instanceof Error ? (u as Error & { type?: unknown }).type : undefined;
  return typeof type === 'string' && KNOWN_TYPES.has(type);
};

/** A JSON event to append, as the clients' `jsonEvent` makes it (a fresh id unless given). */
export const jsonEvent = <E extends JSONEventType>(event: E & { readonly id?: string }): EventData<E> =>
  ({ id: event.id ?? randomUUID(), contentType: 'application/json', type: event.type, data: event.data, metadata: event.metadata }) as EventData<E>;

/** A server-side filter on stream names, as the clients' `streamNameFilter` makes it. */
export function streamNameFilter(options: { readonly regex: string }): RegexFilter;
export function streamNameFilter(options: { readonly prefixes: string[] }): PrefixesFilter;
export function streamNameFilter(options: { readonly regex: string } | { readonly prefixes: string[] }): RegexFilter | PrefixesFilter {
  return 'regex' in options
    ? { filterOn: 'streamName', checkpointInterval: 1, regex: options.regex }
    : { filterOn: 'streamName', checkpointInterval: 1, prefixes: options.prefixes };
}
