/**
 * Paged reads: short queries of at most {@link PAGE} rows (keyset pagination on position or
 * revision), each on whatever pooled connection is free, so a long replay holds no transaction
 * open. Positions become visible in order (see writer.ts), so a page that ends at position p
 * never hides a lower position that commits later.
 */
import * as E from 'fp-ts/Either';
import type { Pool } from 'pg';
import {
  LedgerFailure, checkReadAllOptions, checkReadStreamOptions,
  type CodecRegistry, type FeedBatch, type RawRecord, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent, type StoreError,
} from '../../src/eventsourcing/index';
import { decodeRow, decodeRowOrThrow } from '../sqlite/rows';
import { toStoreError } from './errors';

/** Rows per query. */
export const PAGE = 1000;
const MAX_I64 = 9223372036854775807n;

/** Reads of one store. */
export interface Reader {
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  readRaw(options?: ReadAllOptions): AsyncIterable<RawRecord>;
  /** Events strictly after `after`, for subscriptions; stops before a corrupt row once it has events. */
  fetchAfter(after: bigint | undefined, prefix: string | undefined): Promise<FeedBatch>;
}

interface Row { position: string; stream_id: string; revision: string; hash: string; body: string }

const clamp = (v: bigint): bigint => (v < 0n ? 0n : v > MAX_I64 ? MAX_I64 : v);
const countOf = (n: number | undefined): number => (n === undefined ? Number.POSITIVE_INFINITY : n);

/** The read statements of schema `s` (quoted); `check` returns an error once the store is closed. */
export const createReader = (
  pool: Pool,
  schema: string,
  s: string,
  registry: CodecRegistry | undefined,
  where: string,
  check: () => StoreError | undefined,
): Reader => {
  // The text casts keep the column names, so ORDER BY names the table's columns (e.position): a bare
  // `position` would sort by the text output column.
  const cols = 'position::text, stream_id, revision::text, hash, body';
  const sql = {
    all: `SELECT ${cols} FROM ${s}.events e WHERE position >= $1 ORDER BY e.position LIMIT $2`,
    allPrefix: `SELECT ${cols} FROM ${s}.events e WHERE position >= $1 AND starts_with(stream_id, $3) ORDER BY e.position LIMIT $2`,
    fwd: `SELECT ${cols} FROM ${s}.events e WHERE stream_id = $1 AND revision >= $2 ORDER BY e.revision LIMIT $3`,
    bwd: `SELECT ${cols} FROM ${s}.events e WHERE stream_id = $1 AND revision <= $2 ORDER BY e.revision DESC LIMIT $3`,
  };

  const page = async (which: keyof typeof sql, values: unknown[]): Promise<Row[]> => {
    const err = check();
    if (err !== undefined) throw new LedgerFailure(err);
    try {
      return (await pool.query<Row>({ name: `cl-read-${which}-${schema}`, text: sql[which], values })).rows;
    } catch (x) {
      throw new LedgerFailure(toStoreError(x, 'reading events', where));
    }
  };
  const facts = (r: Row) => ({ position: BigInt(r.position), hash: r.hash, streamId: r.stream_id, revision: BigInt(r.revision) });

  async function* readStream(streamId: string, o: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    checkReadStreamOptions(o);
    let left = countOf(o.maxCount);
    const backwards = o.direction === 'backwards';
    let from = o.fromRevision === undefined ? (backwards ? MAX_I64 : 0n) : clamp(o.fromRevision);
    while (left > 0) {
      const limit = Math.min(PAGE, left);
      const rows = await page(backwards ? 'bwd' : 'fwd', [streamId, from.toString(), limit]);
      for (const r of rows) {
        yield decodeRowOrThrow(facts(r), r.body, registry);
        left--;
      }
      const last = rows[rows.length - 1];
      if (rows.length < limit || last === undefined) return;
      const rev = BigInt(last.revision);
      if (backwards && rev === 0n) return;
      from = backwards ? rev - 1n : rev + 1n;
    }
  }

  /** Pages of rows in global order from `o.fromPosition`, filtered by prefix in the query. */
  async function* rowsFrom(o: ReadAllOptions): AsyncIterable<Row> {
    checkReadAllOptions(o);
    let left = countOf(o.maxCount);
    let from = clamp(o.fromPosition ?? 0n);
    while (left > 0) {
      const limit = Math.min(PAGE, left);
      const rows = o.streamPrefix === undefined
        ? await page('all', [from.toString(), limit])
        : await page('allPrefix', [from.toString(), limit, o.streamPrefix]);
      for (const r of rows) {
        yield r;
        left--;
      }
      const last = rows[rows.length - 1];
      if (rows.length < limit || last === undefined) return;
      from = BigInt(last.position) + 1n;
    }
  }

  async function* readAll(o: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    for await (const r of rowsFrom(o)) yield decodeRowOrThrow(facts(r), r.body, registry);
  }

  async function* readRaw(o: ReadAllOptions = {}): AsyncIterable<RawRecord> {
    for await (const r of rowsFrom(o)) {
      yield { position: BigInt(r.position), streamId: r.stream_id, revision: BigInt(r.revision), hash: r.hash, body: r.body };
    }
  }

  const fetchAfter = async (after: bigint | undefined, prefix: string | undefined): Promise<FeedBatch> => {
    const events: RecordedEvent[] = [];
    let scannedTo: bigint | undefined;
    let from = after === undefined ? 0n : clamp(after + 1n);
    for (;;) {
      const rows = await page('all', [from.toString(), PAGE]);
      for (const r of rows) {
        const position = BigInt(r.position);
        if (prefix !== undefined && !r.stream_id.startsWith(prefix)) {
          scannedTo = position;
          continue;
        }
        const decoded = decodeRow(facts(r), r.body, registry);
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
      from = BigInt(last.position) + 1n;
    }
  };

  return { readStream, readAll, readRaw, fetchAfter };
};
