/**
 * The statements of appends. A group of appends costs the same few statements whatever its size:
 * one lookup of every event id, one read of every stream head, one multi-row insert and one upsert
 * of the new heads (see writer.ts, which plans each append with the kernel's `planAppend`).
 */
import * as E from 'fp-ts/Either';
import type { Pool, PoolClient } from 'pg';
import type { CodecRegistry, CorruptEvent, RecordedEvent, SealedWithBody, StreamHead } from '../../src/eventsourcing/index';
import { decodeRow } from '../sqlite/rows';

/** One row to insert: a sealed event, its bytes and its position. */
export interface NewRow {
  readonly sealed: SealedWithBody;
  readonly position: bigint;
}

/** The append statements of one store. */
export interface AppendStatements {
  /** The stored events with these ids (decoded lazily: a corrupt one is a CorruptEvent for its append only). */
  lookup(client: PoolClient, ids: readonly string[]): Promise<Map<string, () => E.Either<CorruptEvent, RecordedEvent>>>;
  /** The heads of these streams. */
  heads(client: PoolClient, streamIds: readonly string[]): Promise<Map<string, StreamHead>>;
  /** Inserts the rows (positions already assigned). */
  insert(client: PoolClient, rows: readonly NewRow[]): Promise<void>;
  /** Sets the given heads (one per stream). */
  setHeads(client: PoolClient, heads: readonly StreamHead[]): Promise<void>;
  /** The head of a stream, read now on any connection. */
  head(streamId: string): Promise<StreamHead | undefined>;
}

interface HeadRow { stream_id: string; revision: string; hash: string; position: string }
interface FoundRow { event_id: string; position: string; hash: string; body: string }

/** The statements on the tables of schema `s` (quoted); `schema` names the prepared statements. */
export const createAppendStatements = (pool: Pool, schema: string, s: string, registry: CodecRegistry | undefined): AppendStatements => {
  const named = (name: string, text: string, values: unknown[]) => ({ name: `cl-${name}-${schema}`, text, values });
  const headsSql = `SELECT stream_id, revision::text, hash, position::text FROM ${s}.streams WHERE stream_id = ANY($1::text[])`;
  const byIdSql = `SELECT event_id, position::text, hash, body FROM ${s}.events WHERE event_id = ANY($1::text[])`;
  const insertSql =
    `INSERT INTO ${s}.events (position, stream_id, revision, event_id, type, schema_version, prev_hash, hash, recorded_at, body) ` +
    'SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::integer[], ' +
    '$7::text[], $8::text[], $9::text[], $10::text[])';
  const setHeadsSql =
    `INSERT INTO ${s}.streams (stream_id, revision, hash, position) ` +
    'SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[]) ' +
    'ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash, position = excluded.position';
  const toHead = (r: HeadRow): StreamHead => ({ streamId: r.stream_id, revision: BigInt(r.revision), hash: r.hash, position: BigInt(r.position) });

  return {
    lookup: async (client, ids) => {
      const rows = (await client.query<FoundRow>(named('by-id', byIdSql, [ids]))).rows;
      return new Map(rows.map((r) => [r.event_id, () => decodeRow({ position: BigInt(r.position), hash: r.hash }, r.body, registry)]));
    },
    heads: async (client, streamIds) => {
      const rows = (await client.query<HeadRow>(named('heads', headsSql, [streamIds]))).rows;
      return new Map(rows.map((r) => [r.stream_id, toHead(r)]));
    },
    insert: async (client, rows) => {
      const cols: string[][] = [[], [], [], [], [], [], [], [], [], []];
      for (const { sealed: { event, body }, position } of rows) {
        const values = [
          position.toString(), event.streamId, event.revision.toString(), event.eventId, event.type,
          String(event.schemaVersion), event.prevHash, event.hash, event.metadata.recordedAt, body,
        ];
        values.forEach((v, i) => (cols[i] as string[]).push(v));
      }
      await client.query(named('insert', insertSql, cols));
    },
    setHeads: async (client, heads) => {
      await client.query(named('set-heads', setHeadsSql, [
        heads.map((h) => h.streamId), heads.map((h) => h.revision.toString()), heads.map((h) => h.hash), heads.map((h) => h.position.toString()),
      ]));
    },
    head: async (streamId) => {
      const row = (await pool.query<HeadRow>(named('heads', headsSql, [[streamId]]))).rows[0];
      return row && toHead(row);
    },
  };
};
