/**
 * How a sealed envelope is stored in EventStoreDB and read back.
 *
 * - event id: the envelope's eventId (so the server deduplicates retries it can recognise);
 * - event type: the envelope's type; content type `application/json`;
 * - data: the envelope's data as JSON;
 * - metadata (JSON): `$correlationId` and `$causationId` (read by native tools and projections),
 *   then `schemaVersion`, `revision` (decimal string), `prevHash`, `hash` and `metadata` (the
 *   envelope's own metadata).
 *
 * Reading parses this back to an envelope whose canonical JSON is the one that was hashed; a record
 * that does not parse or lacks a field is a CorruptEvent at its position.
 */
import type { EventData, ResolvedEvent } from '@eventstore/db-client';
import * as E from 'fp-ts/Either';
import {
  canonicalJson, deepFreeze, errors, type CorruptEvent, type EventMetadata, type RecordedEvent, type SealedWithBody,
} from '../../src/eventsourcing/index';

/** What is written for one sealed event, and its stored copy (without position). */
export interface Outgoing {
  readonly data: EventData;
  /** Bytes of data plus metadata, as the server counts them against its append limit. */
  size(): number;
  /** A private, frozen copy of the sealed event (parsed from the hashed bytes). */
  readonly copy: Omit<RecordedEvent, 'position'>;
}

const enc = new TextEncoder();

/** Builds the EventStoreDB event for a sealed envelope. */
export const outgoing = ({ event, body }: SealedWithBody): Outgoing => {
  const parsed = JSON.parse(body) as { data: unknown; metadata: EventMetadata };
  const metaJson =
    '{"$correlationId":' + JSON.stringify(event.metadata.correlationId) +
    ',"$causationId":' + JSON.stringify(event.metadata.causationId) +
    ',"schemaVersion":' + JSON.stringify(event.schemaVersion) +
    ',"revision":"' + event.revision.toString() + '"' +
    ',"prevHash":' + JSON.stringify(event.prevHash) +
    ',"hash":' + JSON.stringify(event.hash) +
    ',"metadata":' + canonicalJson(parsed.metadata) + '}';
  const metadata = enc.encode(metaJson);
  const data = {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data: parsed.data,
    metadata,
  } as unknown as EventData;
  const copy = {
    eventId: event.eventId, streamId: event.streamId, revision: event.revision, type: event.type,
    schemaVersion: event.schemaVersion, data: deepFreeze(parsed.data), metadata: deepFreeze(parsed.metadata),
    prevHash: event.prevHash, hash: event.hash,
  };
  return { data, size: () => Buffer.byteLength(JSON.stringify(parsed.data), 'utf8') + metadata.length, copy };
};

const HASH_RE = /^[0-9a-f]{64}$/;
const isObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u) && !(u instanceof Uint8Array);

/**
 * Parses a stored record back to an envelope of ledger stream `streamId` at `position`.
 * Checks that the record is JSON, that every field is present and well-formed, and that the
 * revision it carries is the revision the server gives it.
 */
export const incoming = (resolved: ResolvedEvent, position: bigint, streamId: string): E.Either<CorruptEvent, RecordedEvent> => {
  const ev = resolved.event;
  const bad = (why: string) => E.left(errors.corrupt(position, why, streamId));
  if (ev === undefined) return bad('the record carries no event');
  if (!ev.isJson) return bad('the event is not JSON (content type is not application/json)');
  const md: unknown = ev.metadata;
  if (!isObject(md)) return bad('the event metadata is missing or is not a JSON object');
  const { schemaVersion, revision, prevHash, hash, metadata } = md;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    return bad(`metadata.schemaVersion: expected an integer >= 1, got ${JSON.stringify(schemaVersion)}`);
  }
  if (typeof revision !== 'string' || !/^\d+$/.test(revision)) return bad(`metadata.revision: expected a decimal string, got ${JSON.stringify(revision)}`);
  if (BigInt(revision) !== ev.revision) return bad(`metadata.revision ${revision} differs from the stream revision ${ev.revision}`);
  if (typeof prevHash !== 'string' || !HASH_RE.test(prevHash)) return bad('metadata.prevHash: expected 64 hex digits');
  if (typeof hash !== 'string' || !HASH_RE.test(hash)) return bad('metadata.hash: expected 64 hex digits');
  if (!isObject(metadata)) return bad('metadata.metadata: expected a JSON object');
  if (ev.data instanceof Uint8Array) return bad('data: expected JSON');
  return E.right({
    eventId: ev.id,
    streamId,
    revision: ev.revision,
    position,
    type: ev.type,
    schemaVersion,
    data: ev.data,
    metadata: metadata as unknown as EventMetadata,
    prevHash,
    hash,
  });
};
