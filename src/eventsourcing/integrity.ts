/**
 * The per-stream hash chain. Appends are sealed by the kernel's `planAppend` at each store's write
 * point (where the stream's head is known for sure), so hashes are identical on every store;
 * {@link sealEvents} and {@link computeHash} write the same bytes for checks and tests.
 *
 * hash = SHA-256(canonical JSON of the envelope without `position` and `hash`, with `prevHash`).
 */
import * as nodeCrypto from 'node:crypto';
import { canonicalJson } from './canonical';
import { GENESIS_HASH, type NewEvent, type SealedEvent } from './envelope';

/** SHA-256 of a UTF-8 string, hex. */
const oneShot = (nodeCrypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;
/** SHA-256 of a UTF-8 string, hex (one-shot `crypto.hash` where Node has it: about twice as fast). */
export const sha256Hex: (text: string) => string = oneShot
  ? (text) => oneShot('sha256', text, 'hex')
  : (text) => nodeCrypto.createHash('sha256').update(text).digest('hex');

/**
 * The exact bytes that are hashed for an event: canonical JSON with keys in sorted order
 * (data, eventId, metadata, prevHash, revision, schemaVersion, streamId, type).
 */
export const canonicalBody = (e: Omit<SealedEvent, 'hash'>): string =>
  '{"data":' + canonicalJson(e.data, 'data') +
  ',"eventId":' + JSON.stringify(e.eventId) +
  ',"metadata":' + canonicalJson(e.metadata, 'metadata') +
  ',"prevHash":' + JSON.stringify(e.prevHash) +
  ',"revision":"' + e.revision.toString() + '"' +
  ',"schemaVersion":' + JSON.stringify(e.schemaVersion) +
  ',"streamId":' + JSON.stringify(e.streamId) +
  ',"type":' + JSON.stringify(e.type) + '}';

/** A sealed event together with the exact canonical bytes its hash covers. */
export interface SealedWithBody {
  readonly event: SealedEvent;
  readonly body: string;
}

/** Seals events onto a stream whose head is `head` (undefined for a new stream). */
export const sealEvents = (
  streamId: string,
  head: { readonly revision: bigint; readonly hash: string } | undefined,
  events: readonly NewEvent[],
): SealedWithBody[] => {
  let revision = head === undefined ? -1n : head.revision;
  let prevHash = head === undefined ? GENESIS_HASH : head.hash;
  const out: SealedWithBody[] = [];
  for (const e of events) {
    revision += 1n;
    const unhashed = {
      eventId: e.eventId, streamId, revision, type: e.type, schemaVersion: e.schemaVersion,
      data: e.data, metadata: e.metadata, prevHash,
    };
    const body = canonicalBody(unhashed);
    const hash = sha256Hex(body);
    out.push({ event: { ...unhashed, hash }, body });
    prevHash = hash;
  }
  return out;
};

/** Recomputes an event's hash from its fields (for verification without stored bytes). */
export const computeHash = (e: Omit<SealedEvent, 'hash'>): string => sha256Hex(canonicalBody(e));

/** Canonical fingerprint of what the caller supplied (type, version, data, metadata): for idempotency checks. */
export const contentKey = (e: NewEvent): string =>
  canonicalJson({ data: e.data, metadata: e.metadata, schemaVersion: e.schemaVersion, type: e.type });
