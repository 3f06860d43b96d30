/**
 * One append, run inside the write transaction (its own savepoint): the idempotency rule, the
 * expected-revision check against the stream head, sealing onto the chain, the size limit, the
 * inserts and the new head — the same steps, in the same order, as every other store.
 */
import * as E from 'fp-ts/Either';
import type { Pool } from 'pg';
import {
  checkExpected, checkIdempotency, checkSize, sealChecked,
  type AppendResult, type CodecRegistry, type ExpectedRevision, type NewEvent, type RecordedEvent, type StoreError,
  type StreamHead,
} from '../../src/eventsourcing/index';
import { decodeRow } from '../sqlite/rows';
import type { WriteContext, WriteWork } from './writer';

/** Builds append work for the write queue. */
export interface Appender {
  /** Work for the queue; the events must already have passed `validateAppend`. */
  work(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): WriteWork<AppendResult>;
  /** The head of a stream, read now. */
  head(streamId: string): Promise<StreamHead | undefined>;
}

interface HeadRow { revision: string; hash: string; position: string }
interface FoundRow { event_id: string; position: string; hash: string; body: string }

/** The statements of appends on the tables of schema `s` (quoted). */
export const createAppender = (pool: Pool, schema: string, s: string, registry: CodecRegistry | undefined, limit: number): Appender => {
  const headSql = `SELECT revision::text, hash, position::text FROM ${s}.streams WHERE stream_id = $1`;
  const byIdSql = `SELECT event_id, position::text, hash, body FROM ${s}.events WHERE event_id = ANY($1::text[])`;
  const insertSql =
    `INSERT INTO ${s}.events (position, stream_id, revision, event_id, type, schema_version, prev_hash, hash, recorded_at, body) ` +
    'SELECT p, $2, r, i, t, v, ph, h, ra, b FROM unnest($1::bigint[], $3::bigint[], $4::text[], $5::text[], $6::integer[], ' +
    '$7::text[], $8::text[], $9::text[], $10::text[]) AS x(p, r, i, t, v, ph, h, ra, b)';
  const setHeadSql =
    `INSERT INTO ${s}.streams (stream_id, revision, hash, position) VALUES ($1, $2, $3, $4) ` +
    'ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash, position = excluded.position';
  const named = (name: string, text: string, values: unknown[]) => ({ name: `cl-${name}-${schema}`, text, values });

  const toHead = (streamId: string, row: HeadRow | undefined): StreamHead | undefined =>
    row && { streamId, revision: BigInt(row.revision), hash: row.hash, position: BigInt(row.position) };

  const lookup = async (ctx: WriteContext, events: readonly NewEvent[]): Promise<E.Either<StoreError, (RecordedEvent | undefined)[]>> => {
    const rows = (await ctx.client.query<FoundRow>(named('by-id', byIdSql, [events.map((e) => e.eventId)]))).rows;
    if (rows.length === 0) return E.right(events.map(() => undefined));
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    const found: (RecordedEvent | undefined)[] = [];
    for (const e of events) {
      const row = byId.get(e.eventId);
      if (row === undefined) {
        found.push(undefined);
        continue;
      }
      const decoded = decodeRow({ position: BigInt(row.position), hash: row.hash }, row.body, registry);
      if (E.isLeft(decoded)) return decoded;
      found.push(decoded.right);
    }
    return E.right(found);
  };

  const work = (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): WriteWork<AppendResult> => async (ctx) => {
    const found = await lookup(ctx, events);
    if (E.isLeft(found)) return found;
    const idem = checkIdempotency(streamId, events, found.right);
    if (E.isLeft(idem)) return idem;
    if (idem.right !== 'new') {
      const stored = idem.right;
      const last = stored[stored.length - 1] as RecordedEvent;
      return E.right({ streamId, lastRevision: last.revision, lastPosition: last.position, events: stored, duplicate: true });
    }
    const current = toHead(streamId, (await ctx.client.query<HeadRow>(named('head', headSql, [streamId]))).rows[0]);
    const expectedOk = checkExpected(streamId, expected, current?.revision);
    if (E.isLeft(expectedOk)) return expectedOk;
    const sealed = sealChecked(streamId, current, events);
    if (E.isLeft(sealed)) return sealed;
    const size = checkSize(streamId, sealed.right, limit);
    if (E.isLeft(size)) return size;
    const recorded: RecordedEvent[] = [];
    const cols: string[][] = [[], [], [], [], [], [], [], [], []];
    const [ps, rs, ids, ts, vs, phs, hs, ras, bs] = cols as [string[], string[], string[], string[], string[], string[], string[], string[], string[]];
    let position = ctx.last;
    for (const { event, body } of sealed.right) {
      position += 1n;
      ps.push(position.toString());
      rs.push(event.revision.toString());
      ids.push(event.eventId);
      ts.push(event.type);
      vs.push(String(event.schemaVersion));
      phs.push(event.prevHash);
      hs.push(event.hash);
      ras.push(event.metadata.recordedAt);
      bs.push(body);
      // The result shares data and metadata with the caller's events (no second parse of the body).
      recorded.push({ ...event, position });
    }
    await ctx.client.query(named('insert', insertSql, [ps, streamId, rs, ids, ts, vs, phs, hs, ras, bs]));
    const last = recorded[recorded.length - 1] as RecordedEvent;
    await ctx.client.query(named('set-head', setHeadSql, [streamId, last.revision.toString(), last.hash, last.position.toString()]));
    ctx.last = position;
    return E.right({ streamId, lastRevision: last.revision, lastPosition: last.position, events: recorded, duplicate: false });
  };

  const head = async (streamId: string) => toHead(streamId, (await pool.query<HeadRow>(named('head', headSql, [streamId]))).rows[0]);

  return { work, head };
};
