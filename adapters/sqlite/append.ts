/**
 * One append, run inside the write transaction: the I/O around the kernel's `planAppend` (which
 * owns the idempotency rule, the expected-revision rule, sealing and the size limit).
 *
 * Few statements per append: the stream head comes from an in-process cache (dropped whenever
 * `PRAGMA data_version` says another connection committed), the rows are inserted directly, and the
 * event ids are looked up only when the unique index refuses a row or the expected revision does
 * not match (either may be a retry). A multi-row append runs in its own savepoint, so a refused row
 * leaves nothing behind.
 */
import * as E from 'fp-ts/Either';
import {
  planAppend,
  type AppendResult, type CodecRegistry, type PreparedAppend, type RecordedEvent, type SealedWithBody, type StoreError,
  type StreamHead,
} from '../../src/eventsourcing/index';
import type { Db } from './driver';
import { decodeRow } from './rows';
import type { WriteWork } from './writer';

/** Called with the events of each successful append, inside its savepoint (inline projections). */
export type AfterAppend = (events: readonly RecordedEvent[]) => void;

/** Builds append work for the write queue, and keeps the head cache in step with the transaction. */
export interface Appender {
  /** Work for the queue, for an append the kernel has prepared. */
  work(prepared: PreparedAppend): WriteWork<AppendResult>;
  /** The head of a stream, read now from the database. */
  head(streamId: string): StreamHead | undefined;
  /** Call right after BEGIN: forgets cached heads when another connection committed since. */
  beginGroup(): void;
  /** Call after COMMIT: the heads written in the transaction become the cached ones. */
  committed(): void;
}

/** The most stream heads kept in the cache; it starts over when full. */
const MAX_CACHED_HEADS = 50_000;

const isUniqueConflict = (x: unknown): boolean =>
  typeof x === 'object' && x !== null && (x as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/** Prepares the statements of appends on one connection. */
export const createAppender = (db: Db, registry: CodecRegistry | undefined, afterAppend: AfterAppend): Appender => {
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
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const savepoint = db.prepare('SAVEPOINT append');
  const release = db.prepare('RELEASE append');
  const rollbackTo = db.prepare('ROLLBACK TO append');

  // Committed heads (null: no such stream), and the heads written by the open transaction.
  const cache = new Map<string, StreamHead | null>();
  const pending = new Map<string, StreamHead>();
  let seenVersion: unknown;

  const head = (streamId: string): StreamHead | undefined => {
    const row = headOf.get(streamId) as [bigint, string, bigint] | undefined;
    return row && { streamId, revision: row[0], hash: row[1], position: row[2] };
  };

  const cachedHead = (streamId: string): StreamHead | undefined => {
    const written = pending.get(streamId);
    if (written !== undefined) return written;
    const known = cache.get(streamId);
    if (known !== undefined) return known ?? undefined;
    const read = head(streamId);
    if (cache.size >= MAX_CACHED_HEADS) cache.clear();
    cache.set(streamId, read ?? null);
    return read;
  };

  const lookup = (ids: readonly string[]): E.Either<StoreError, (RecordedEvent | undefined)[]> => {
    const found: (RecordedEvent | undefined)[] = [];
    for (const id of ids) {
      const row = byId.get(id) as [bigint, string, string] | undefined;
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

  /** Inserts the rows; undefined when a unique index refused one (nothing is left inserted). */
  const insertRows = (streamId: string, rows: readonly SealedWithBody[]): bigint[] | undefined => {
    const own = rows.length > 1;
    if (own) savepoint.run();
    const positions: bigint[] = [];
    try {
      for (const { event, body } of rows) {
        positions.push(insert.run(
          streamId, event.revision, event.eventId, event.type, event.schemaVersion, event.prevHash, event.hash,
          event.metadata.recordedAt, body,
        ).lastInsertRowid as bigint);
      }
    } catch (x) {
      if (own) {
        rollbackTo.run();
        release.run();
      }
      if (isUniqueConflict(x)) return undefined;
      throw x;
    }
    if (own) release.run();
    return positions;
  };

  const work = (prepared: PreparedAppend): WriteWork<AppendResult> => () => {
    const { streamId } = prepared;
    let current = cachedHead(streamId);
    let found: (RecordedEvent | undefined)[] | undefined;
    for (;;) {
      const plan = planAppend(prepared, current, found);
      if (E.isLeft(plan)) return plan;
      const step = plan.right;
      if (step._tag === 'Duplicate') return E.right(step.result);
      if (step._tag === 'LookUp') {
        const looked = lookup(step.ids);
        if (E.isLeft(looked)) return looked;
        found = looked.right;
        continue;
      }
      const positions = insertRows(streamId, step.rows);
      if (positions === undefined) {
        // A known event id (perhaps a retry), or a head that moved: plan again with what is stored.
        if (found !== undefined) throw new Error(`the unique index refused the append to "${streamId}" twice`);
        const looked = lookup(prepared.ids);
        if (E.isLeft(looked)) return looked;
        found = looked.right;
        cache.delete(streamId);
        current = cachedHead(streamId);
        continue;
      }
      // The result shares data and metadata with the caller's events (no second parse of the body);
      // a later read returns fresh copies parsed from the stored bytes.
      const result = step.done(positions);
      const last = result.events[result.events.length - 1] as RecordedEvent;
      setHead.run(streamId, last.revision, last.hash, last.position);
      afterAppend(result.events);
      pending.set(streamId, { streamId, revision: last.revision, hash: last.hash, position: last.position });
      return E.right(result);
    }
  };

  return {
    work,
    head,
    beginGroup: () => {
      pending.clear();
      const version = dataVersion.get();
      if (version !== seenVersion) {
        cache.clear();
        seenVersion = version;
      }
    },
    committed: () => {
      if (cache.size + pending.size >= MAX_CACHED_HEADS) cache.clear();
      for (const [id, h] of pending) cache.set(id, h);
      pending.clear();
    },
  };
};
