/**
 * One append, run inside the write transaction (its own savepoint): the I/O around the kernel's
 * `planAppend` (the idempotency rule, the expected-revision check against the stream head, sealing
 * onto the chain and the exact size): read the ids and the head, insert the rows, set the new head.
 */
import * as E from 'fp-ts/Either';
import type { Pool } from 'pg';
import {
  planAppend,
  type AppendResult, type CodecRegistry, type PreparedAppend, type RecordedEvent, type StoreError, type StreamHead,
} from '../../src/eventsourcing/index';
import { decodeRow } from '../sqlite/rows';
import type { WriteContext, WriteWork } from './writer';

/** Builds append work for the write queue. */
export interface Appender {
  /** Work for the queue, for an append the kernel has prepared (`prepareAppend`). */
  work(prepared: PreparedAppend): WriteWork<AppendResult>;
  /** The head of a stream, read now. */
  head(streamId: string): Promise<StreamHead | undefined>;
}

interface HeadRow { revision: string; hash: string; position: string }
interface FoundRow { event_id: string; position: string; hash: string; body: string }

/** The statements of appends on the tables of schema `s` (quoted). */
export const createAppender = (pool: Pool, schema: string, s: string, registry: CodecRegistry | undefined): Appender => {
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

  const lookup = async (ctx: WriteContext, ids: readonly string[]): Promise<E.Either<StoreError, (RecordedEvent | undefined)[]>> => {
    const rows = (await ctx.client.query<FoundRow>(named('by-id', byIdSql, [ids]))).rows;
    if (rows.length === 0) return E.right(ids.map(() => undefined));
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    const found: (RecordedEvent | undefined)[] = [];
    for (const id of ids) {
      const row = byId.get(id);
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

  const work = (prepared: PreparedAppend): WriteWork<AppendResult> => async (ctx) => {
    const { streamId } = prepared;
    const found = await lookup(ctx, prepared.ids);
    if (E.isLeft(found)) return found;
    const current = toHead(streamId, (await ctx.client.query<HeadRow>(named('head', headSql, [streamId]))).rows[0]);
    const plan = planAppend(prepared, current, found.right);
    if (E.isLeft(plan)) return plan;
    if (plan.right._tag === 'Duplicate') return E.right(plan.right.result);
    const positions: bigint[] = [];
    const cols: string[][] = [[], [], [], [], [], [], [], [], []];
    const [ps, rs, ids, ts, vs, phs, hs, ras, bs] = cols as [string[], string[], string[], string[], string[], string[], string[], string[], string[]];
    let position = ctx.last;
    for (const { event, body } of plan.right.rows) {
      position += 1n;
      positions.push(position);
      ps.push(position.toString());
      rs.push(event.revision.toString());
      ids.push(event.eventId);
      ts.push(event.type);
      vs.push(String(event.schemaVersion));
      phs.push(event.prevHash);
      hs.push(event.hash);
      ras.push(event.metadata.recordedAt);
      bs.push(body);
    }
    await ctx.client.query(named('insert', insertSql, [ps, streamId, rs, ids, ts, vs, phs, hs, ras, bs]));
    // The result shares data and metadata with the caller's events (no second parse of the body).
    const result = plan.right.done(positions);
    await ctx.client.query(named('set-head', setHeadSql, [streamId, result.lastRevision.toString(), (result.events[result.events.length - 1] as RecordedEvent).hash, result.lastPosition.toString()]));
    ctx.last = position;
    return E.right(result);
  };

  const head = async (streamId: string) => toHead(streamId, (await pool.query<HeadRow>(named('head', headSql, [streamId]))).rows[0]);

  return { work, head };
};
