/**
 * Paged reads. Every read runs short queries of at most {@link PAGE} rows (keyset pagination on
 * position or revision), so a replay of millions of events keeps memory flat and never holds a
 * statement or read transaction open across an `await`.
 */
import * as E from 'fp-ts/Either';
import {
  LedgerFailure, checkReadAllOptions, checkReadStreamOptions, type CodecRegistry, type FeedBatch, type RawRecord, type ReadAllOptions, type ReadStreamOptions,
  type RecordedEvent, type StoreError,
} from '../../src/eventsourcing/index';
import { damagedError, isCorruption } from './damage';
import { toStoreError, type Db, type Stmt } from './driver';
import { decodeRow, decodeRowOrThrow } from './rows';

/** Rows per query. */
export const PAGE = 1000;
const MAX_I64 = 9223372036854775807n;

/** Reads of one connection. */
export interface Reader {
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  readRaw(options?: ReadAllOptions): AsyncIterable<RawRecord>;
  /** Events strictly after `after`, for subscriptions; stops before a corrupt row once it has events. */
  fetchAfter(after: bigint | undefined, prefix: string | undefined): FeedBatch;
  /** Up to `limit` events strictly after `after` (throws LedgerFailure on a corrupt row). */
  pageAfter(after: bigint | undefined, limit: number): RecordedEvent[];
}

type AllRow = [bigint, string, string, string]; // position, stream_id, hash, body
type RawRow = [bigint, string, bigint, string, string]; // position, stream_id, revision, hash, body
type StreamRow = [bigint, bigint, string, string]; // position, revision, hash, body

const clamp = (v: bigint): bigint => (v < 0n ? 0n : v > MAX_I64 ? MAX_I64 : v);
const countOf = (n: number | undefined): number => (n === undefined ? Number.POSITIVE_INFINITY : n);

/** Prepares the read statements; `check` returns an error when the store can no longer be used. */
export const createReader = (db: Db, registry: CodecRegistry | undefined, check: () => StoreError | undefined): Reader => {
  const prep = (sql: string): Stmt => db.prepare(sql).raw(true).safeIntegers(true);
  const allPage = prep('SELECT position, stream_id, hash, body FROM events WHERE position >= ? ORDER BY position LIMIT ?');
  const rawPage = prep('SELECT position, stream_id, revision, hash, body FROM events WHERE position >= ? ORDER BY position LIMIT ?');
  const fwdPage = prep(
    'SELECT position, revision, hash, body FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
  );
  const bwdPage = prep(
    'SELECT position, revision, hash, body FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
  );

  /** Runs one page query; any failure becomes a thrown LedgerFailure. */
  const page = <R>(stmt: Stmt, ...params: unknown[]): R[] => {
    const err = check();
    if (err !== undefined) throw new LedgerFailure(err);
    try {
      return stmt.all(...params) as R[];
    } catch (x) {
      if (!isCorruption(x)) throw new LedgerFailure(toStoreError(x, 'reading events'));
      // A damaged page: say where the read was (the first position or revision of the page).
      const inStream = stmt === fwdPage || stmt === bwdPage;
      const at = inStream ? `reading stream "${String(params[0])}" from revision ${String(params[1])}` : `reading events from position ${String(params[0])}`;
      const detail = `SQLite finds the file damaged ${at} (${x instanceof Error ? x.message : String(x)})`;
      throw new LedgerFailure(damagedError('', detail, inStream ? 0n : BigInt(params[0] as bigint), inStream ? String(params[0]) : undefined));
    }
  };

  async function* readStream(streamId: string, o: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    checkReadStreamOptions(o);
    let left = countOf(o.maxCount);
    const backwards = o.direction === 'backwards';
    let from = o.fromRevision === undefined ? (backwards ? MAX_I64 : 0n) : clamp(o.fromRevision);
    while (left > 0) {
      const limit = Math.min(PAGE, left);
      const rows = page<StreamRow>(backwards ? bwdPage : fwdPage, streamId, from, limit);
      for (const [position, revision, hash, body] of rows) {
        yield decodeRowOrThrow({ position, hash, streamId, revision }, body, registry);
        left--;
      }
      const last = rows[rows.length - 1];
      if (rows.length < limit || last === undefined) return;
      if (backwards && last[1] === 0n) return;
      from = backwards ? last[1] - 1n : last[1] + 1n;
    }
  }

  async function* readAll(o: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    checkReadAllOptions(o);
    let left = countOf(o.maxCount);
    const prefix = o.streamPrefix;
    let from = clamp(o.fromPosition ?? 0n);
    while (left > 0) {
      const limit = prefix === undefined ? Math.min(PAGE, left) : PAGE;
      const rows = page<AllRow>(allPage, from, limit);
      for (const [position, streamId, hash, body] of rows) {
        if (prefix !== undefined && !streamId.startsWith(prefix)) continue;
        yield decodeRowOrThrow({ position, hash, streamId }, body, registry);
        if (--left <= 0) return;
      }
      const last = rows[rows.length - 1];
      if (rows.length < limit || last === undefined) return;
      from = last[0] + 1n;
    }
  }

  async function* readRaw(o: ReadAllOptions = {}): AsyncIterable<RawRecord> {
    checkReadAllOptions(o);
    let left = countOf(o.maxCount);
    const prefix = o.streamPrefix;
    let from = clamp(o.fromPosition ?? 0n);
    while (left > 0) {
      const limit = prefix === undefined ? Math.min(PAGE, left) : PAGE;
      const rows = page<RawRow>(rawPage, from, limit);
      for (const [position, streamId, revision, hash, body] of rows) {
        if (prefix !== undefined && !streamId.startsWith(prefix)) continue;
        yield { position, streamId, revision, hash, body };
        if (--left <= 0) return;
      }
      const last = rows[rows.length - 1];
      if (rows.length < limit || last === undefined) return;
      from = last[0] + 1n;
    }
  }

  const fetchAfter = (after: bigint | undefined, prefix: string | undefined): FeedBatch => {
    const events: RecordedEvent[] = [];
    let scannedTo: bigint | undefined;
    let from = after === undefined ? 0n : clamp(after + 1n);
    for (;;) {
      const rows = page<AllRow>(allPage, from, PAGE);
      for (const [position, streamId, hash, body] of rows) {
        if (prefix !== undefined && !streamId.startsWith(prefix)) {
          scannedTo = position;
          continue;
        }
        const decoded = decodeRow({ position, hash, streamId }, body, registry);
        if (E.isLeft(decoded)) {
          // Deliver what came before; the next fetch starts at this row and fails on it.
          if (events.length > 0) return { events, scannedTo };
          throw new LedgerFailure(decoded.left);
        }
        events.push(decoded.right);
        scannedTo = position;
      }
      const last = rows[rows.length - 1];
      if (events.length > 0 || rows.length < PAGE || last === undefined) return { events, scannedTo };
      from = last[0] + 1n;
    }
  };

  const pageAfter = (after: bigint | undefined, limit: number): RecordedEvent[] => {
    const rows = page<AllRow>(allPage, after === undefined ? 0n : clamp(after + 1n), limit);
    return rows.map(([position, streamId, hash, body]) => decodeRowOrThrow({ position, hash, streamId }, body, registry));
  };

  return { readStream, readAll, readRaw, fetchAfter, pageAfter };
};
