/**
 * Inline projections, as on SQLite: read models kept in tables of the same database and updated in
 * the append's own transaction, checkpoint included, so a read model is never ahead of or behind
 * the trail. Every write transaction holds the store's append lock; at its start each projection
 * first folds what other processes (or store objects) appended since its checkpoint, so several
 * writers keep it complete.
 */
import type { PoolClient } from 'pg';
import { decodeRowOrThrow } from '../sqlite/rows';
import type { CodecRegistry, RecordedEvent } from '../../src/eventsourcing/index';

/** A read model maintained inside the append transaction of a PostgreSQL store. */
export interface PostgresInlineProjection {
  /** Unique name; also the checkpoint's name. */
  readonly name: string;
  /** Changing it clears the read model (`reset`) and folds the whole trail again. */
  readonly version: number;
  /** Creates or empties the read model's tables (first attach, and on a version change), on the transaction's connection. */
  readonly reset: (client: PoolClient) => Promise<void>;
  /**
   * Folds events, in global order, on the transaction's connection. Throwing (or rejecting) fails
   * the append that carried the events: nothing of it is stored.
   */
  readonly apply: (client: PoolClient, events: readonly RecordedEvent[]) => Promise<void>;
}

/** A projection's failure, told apart from a failed statement of the store. */
export class InlineProjectionError extends Error {
  constructor(readonly projection: string, readonly reason: unknown) {
    super(`inline projection "${projection}": ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

/** The attached inline projections of one store. */
export interface InlineRunner {
  /** Brings one projection up to date (inside a write transaction); call {@link keep} after it commits. */
  catchUp(client: PoolClient, p: PostgresInlineProjection): Promise<void>;
  /** Keeps a caught-up projection up to date from now on. */
  keep(p: PostgresInlineProjection): void;
  /** Folds what was appended since each checkpoint (start of every write transaction). */
  catchUpAll(client: PoolClient): Promise<void>;
  /** Folds a transaction's new events, in position order. */
  afterInsert(client: PoolClient, events: readonly RecordedEvent[]): Promise<void>;
  readonly names: readonly string[];
}

const PAGE = 500;

interface Row { position: string; stream_id: string; revision: string; hash: string; body: string }

/** The runner over the tables of schema `s` (quoted). */
export const createInlineRunner = (s: string, registry: CodecRegistry | undefined): InlineRunner => {
  const attached: PostgresInlineProjection[] = [];
  const save = (client: PoolClient, p: PostgresInlineProjection, position: bigint | undefined) =>
    client.query(
      `INSERT INTO ${s}.checkpoints (name, version, position, updated_at) VALUES ($1, $2, $3, now()) ` +
        'ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position, updated_at = now()',
      [p.name, p.version, position?.toString() ?? null],
    );
  const run = async (p: PostgresInlineProjection, work: () => Promise<void>) => {
    try {
      await work();
    } catch (x) {
      throw x instanceof InlineProjectionError ? x : new InlineProjectionError(p.name, x);
    }
  };

  const catchUp = async (client: PoolClient, p: PostgresInlineProjection): Promise<void> => {
    const row = (await client.query<{ version: number; position: string | null }>(
      `SELECT version, position::text FROM ${s}.checkpoints WHERE name = $1`, [p.name],
    )).rows[0];
    let position = row?.position == null ? undefined : BigInt(row.position);
    if (row === undefined || row.version !== p.version) {
      await run(p, () => p.reset(client));
      position = undefined;
      await save(client, p, undefined);
    }
    for (;;) {
      const rows = (await client.query<Row>(
        `SELECT position::text, stream_id, revision::text, hash, body FROM ${s}.events e WHERE position > $1 ORDER BY e.position LIMIT $2`,
        [(position ?? 0n).toString(), PAGE],
      )).rows;
      const last = rows[rows.length - 1];
      if (last === undefined) return;
      const events = rows.map((r) => decodeRowOrThrow(
        { position: BigInt(r.position), hash: r.hash, streamId: r.stream_id, revision: BigInt(r.revision) }, r.body, registry,
      ));
      await run(p, () => p.apply(client, events));
      position = BigInt(last.position);
      await save(client, p, position);
      if (rows.length < PAGE) return;
    }
  };

  return {
    catchUp,
    keep: (p) => {
      attached.push(p);
    },
    catchUpAll: async (client) => {
      for (const p of attached) await catchUp(client, p);
    },
    afterInsert: async (client, events) => {
      const last = events[events.length - 1];
      if (last === undefined) return;
      for (const p of attached) {
        await run(p, () => p.apply(client, events));
        await save(client, p, last.position);
      }
    },
    get names() {
      return attached.map((p) => p.name);
    },
  };
};
