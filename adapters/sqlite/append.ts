/**
 * One append, run inside the write transaction (its own savepoint): the idempotency rule, the
 * expected-revision check against the stream head, sealing onto the chain, the size limit, the
 * inserts and the new head — the same steps, in the same order, as every other store.
 */
import * as E from 'fp-ts/Either';
import {
  checkExpected, checkIdempotency, checkSize, sealChecked,
  type AppendResult, type CodecRegistry, type ExpectedRevision, type NewEvent, type RecordedEvent, type StoreError,
  type StreamHead,
} from '../../src/eventsourcing/index';
import type { Db } from './driver';
import { decodeRow } from './rows';
import type { WriteWork } from './writer';

/** Called with the events of each successful append, inside its savepoint (inline projections). */
export type AfterAppend = (events: readonly RecordedEvent[]) => void;

/** Builds append work for the write queue. */
export interface Appender {
  /** Work for the queue; the events must already have passed `validateAppend`. */
  work(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): WriteWork<AppendResult>;
  /** The head of a stream, read now. */
  head(streamId: string): StreamHead | undefined;
}

/** Prepares the statements of appends on one connection. */
export const createAppender = (
  db: Db,
  registry: CodecRegistry | undefined,
  limit: number,
  afterAppend: AfterAppend,
): Appender => {
  const byId = db.prepare('SELECT position, hash, body FROM events WHERE event_id = ?').raw(true).safeIntegers(true);
  const headOf = db.prepare('SELECT revision, hash, position FROM streams WHERE stream_id = ?').raw(true).safeIntegers(true);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, schema_version, prev_hash, hash, recorded_at, body) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).safeIntegers(true);
  const setHead = db.prepare(
    'INSERT INTO streams (stream_id, revision, hash, position) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash, position = excluded.position',
  );

  const head = (streamId: string): StreamHead | undefined => {
    const row = headOf.get(streamId) as [bigint, string, bigint] | undefined;
    return row && { streamId, revision: row[0], hash: row[1], position: row[2] };
  };

  const lookup = (events: readonly NewEvent[]): E.Either<StoreError, (RecordedEvent | undefined)[]> => {
    const found: (RecordedEvent | undefined)[] = [];
    for (const e of events) {
      const row = byId.get(e.eventId) as [bigint, string, string] | undefined;
      if (row === undefined) {
        found.push(undefined);
        continue;
      }
      const decoded = decodeRow({ position: row[0], hash: row[1] }, row[2], registry);
      if (E.isLeft(decoded)) return decoded;
      found.push(decoded.right);
    }
    return E.right(found);
  };

  const work = (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): WriteWork<AppendResult> => () => {
    const found = lookup(events);
    if (E.isLeft(found)) return found;
    const idem = checkIdempotency(streamId, events, found.right);
    if (E.isLeft(idem)) return idem;
    if (idem.right !== 'new') {
      const stored = idem.right;
      const last = stored[stored.length - 1] as RecordedEvent;
      return E.right({ streamId, lastRevision: last.revision, lastPosition: last.position, events: stored, duplicate: true });
    }
    const current = head(streamId);
    const expectedOk = checkExpected(streamId, expected, current?.revision);
    if (E.isLeft(expectedOk)) return expectedOk;
    const sealed = sealChecked(streamId, current, events);
    if (E.isLeft(sealed)) return sealed;
    const size = checkSize(streamId, sealed.right, limit);
    if (E.isLeft(size)) return size;
    const recorded: RecordedEvent[] = [];
    for (const { event, body } of sealed.right) {
      const position = insert.run(
        streamId, event.revision, event.eventId, event.type, event.schemaVersion, event.prevHash, event.hash,
        event.metadata.recordedAt, body,
      ).lastInsertRowid as bigint;
      // The result shares data and metadata with the caller's events (no second parse of the body);
      // a later read returns fresh copies parsed from the stored bytes.
      recorded.push({ ...event, position });
    }
    const last = recorded[recorded.length - 1] as RecordedEvent;
    setHead.run(streamId, last.revision, last.hash, last.position);
    afterAppend(recorded);
    return E.right({ streamId, lastRevision: last.revision, lastPosition: last.position, events: recorded, duplicate: false });
  };

  return { work, head };
};
