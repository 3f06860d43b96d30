/**
 * Steps every adapter runs for an append, so that all stores behave alike: validation before
 * any I/O, the idempotency rule, the expected-revision rule and the size limit.
 */
import * as E from 'fp-ts/Either';
import type { NewEvent, RecordedEvent } from './envelope';
import { errors, type AppendTooLarge, type DuplicateEventId, type StoreError, type ValidationFailed } from './errors';
import type { CodecRegistry } from './codecs';
import { contentKey, type SealedWithBody } from './integrity';
import { revisionMatches, type ExpectedRevision } from './revision';
import { validateNewEvents } from './validation';

const validExpected = (x: unknown): x is ExpectedRevision =>
  x === 'any' || x === 'no_stream' || x === 'stream_exists' || (typeof x === 'bigint' && x >= 0n);

/** Validates an append's arguments and events (envelope, and data against the registry when given). */
export const validateAppend = (
  streamId: unknown,
  events: readonly NewEvent[],
  expected: unknown,
  registry?: CodecRegistry,
): E.Either<ValidationFailed, readonly NewEvent[]> => {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > 512 || streamId.startsWith('$')) {
    return E.left(errors.validation([{ path: 'streamId', message: `expected a non-empty id of at most 512 characters not starting with "$", got ${JSON.stringify(streamId)}` }]));
  }
  if (!validExpected(expected)) {
    return E.left(errors.validation([{ path: 'expectedRevision', message: `expected "any", "no_stream", "stream_exists" or a bigint >= 0, got ${String(expected)}` }]));
  }
  if (!Array.isArray(events) || events.length === 0) {
    return E.left(errors.validation([{ path: 'events', message: 'expected a non-empty array of events' }]));
  }
  const checked = validateNewEvents(events);
  if (E.isLeft(checked) || registry === undefined) return checked;
  return registry.validate(events);
};

/**
 * The idempotency rule. `found[i]` is the stored event with `events[i].eventId`, if any.
 * - none stored: `'new'`;
 * - all stored, in this stream, consecutively, with the same content: the stored events (a retry);
 * - anything else: DuplicateEventId.
 */
export const checkIdempotency = (
  streamId: string,
  events: readonly NewEvent[],
  found: readonly (RecordedEvent | undefined)[],
): E.Either<DuplicateEventId, 'new' | readonly RecordedEvent[]> => {
  if (found.every((f) => f === undefined)) return E.right('new');
  const stored: RecordedEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const f = found[i];
    const e = events[i] as NewEvent;
    if (f === undefined) return E.left(errors.duplicateEventId(streamId, e.eventId, 'part of this append was stored before and part was not'));
    if (f.streamId !== streamId) return E.left(errors.duplicateEventId(streamId, e.eventId, `this eventId is already stored in stream "${f.streamId}"`));
    if (i > 0 && f.revision !== (stored[i - 1] as RecordedEvent).revision + 1n) {
      return E.left(errors.duplicateEventId(streamId, e.eventId, 'the stored events with these ids are not in this order'));
    }
    if (contentKey(f) !== contentKey(e)) return E.left(errors.duplicateEventId(streamId, e.eventId, 'this eventId is already stored with different content'));
    stored.push(f);
  }
  return E.right(stored);
};

/** The expected-revision rule, with the error naming expected and actual. */
export const checkExpected = (streamId: string, expected: ExpectedRevision, actual: bigint | undefined): E.Either<StoreError, void> =>
  revisionMatches(expected, actual) ? E.right(undefined) : E.left(errors.wrongExpectedRevision(streamId, expected, actual ?? 'no_stream'));

/** The size rule: the canonical bytes of one append may not exceed `limit`. */
export const checkSize = (streamId: string, sealed: readonly SealedWithBody[], limit: number): E.Either<AppendTooLarge, void> => {
  let chars = 0;
  for (const s of sealed) chars += s.body.length;
  if (chars * 3 <= limit) return E.right(undefined); // a UTF-16 unit is at most 3 UTF-8 bytes
  let size = 0;
  for (const s of sealed) size += Buffer.byteLength(s.body, 'utf8');
  return size > limit ? E.left(errors.tooLarge(streamId, size, limit)) : E.right(undefined);
};

/** Deeply freezes a plain JSON value (in place) and returns it. */
export const deepFreeze = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
};
