/**
 * The event envelope: what every stored event looks like, on every store.
 *
 * Everything but `position` is fixed before the store sees it (ids and times by the command
 * handler, revision and chain hashes by the shared sealing step at the store's write point), so a
 * seeded run produces byte-for-byte identical envelopes whatever the store.
 */

/** The actor who issued a command, as resolved by the system (never as claimed by the caller). */
export interface Actor {
  /** Stable id of the person or system account. */
  readonly id: string;
  /** Posts the actor held when the command was handled (resolved, not claimed). */
  readonly posts: readonly string[];
  /** The unit (court, department) the actor belonged to, when known. */
  readonly unit?: string | undefined;
}

/** Who, why and when: recorded with every event. */
export interface EventMetadata {
  readonly actor: Actor;
  /** The person this actor acted for, if any. */
  readonly onBehalfOf?: string | undefined;
  /** Why the change was made (mandatory for corrections, withdrawals, returns). */
  readonly reason?: string | undefined;
  /** Groups every event caused by one user intent. */
  readonly correlationId: string;
  /** The command or event that directly caused this event. */
  readonly causationId: string;
  /** When the system recorded the event (ISO 8601, the handler's trusted clock). */
  readonly recordedAt: string;
  /** The business time the caller says the fact happened (ISO 8601). */
  readonly effectiveAt: string;
}

/** An event as handed to a store: identity, type, payload and metadata, not yet sealed. */
export interface NewEvent<T extends string = string, D = unknown> {
  /** UUID; appending the same eventId again is idempotent. */
  readonly eventId: string;
  readonly type: T;
  readonly schemaVersion: number;
  readonly data: D;
  readonly metadata: EventMetadata;
}

/** An event sealed into a stream: revision and chain hashes fixed, position not yet assigned. */
export interface SealedEvent<T extends string = string, D = unknown> extends NewEvent<T, D> {
  readonly streamId: string;
  /** 0-based revision within the stream. */
  readonly revision: bigint;
  /** Hash of the previous event in the same stream, or {@link GENESIS_HASH} at revision 0. */
  readonly prevHash: string;
  /** SHA-256 (hex) of the canonical JSON of this envelope without `position` and `hash`. */
  readonly hash: string;
}

/** A stored event: a sealed event plus its global position (strictly increasing, may have gaps). */
export interface RecordedEvent<T extends string = string, D = unknown> extends SealedEvent<T, D> {
  readonly position: bigint;
}

/** The previous hash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The JSON form of an envelope: bigints as decimal strings. */
export interface EnvelopeJson {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: string;
  readonly position?: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly prevHash: string;
  readonly hash: string;
}

/** Converts an envelope to its JSON form (bigints as decimal strings). */
export const toEnvelopeJson = (e: SealedEvent | RecordedEvent): EnvelopeJson => ({
  eventId: e.eventId,
  streamId: e.streamId,
  revision: e.revision.toString(),
  ...('position' in e ? { position: (e as RecordedEvent).position.toString() } : {}),
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata,
  prevHash: e.prevHash,
  hash: e.hash,
});
