/**
 * Projection checkpoints, in the store's `checkpoints` table (outside the audited trail). A
 * compare-and-set is one `UPDATE … WHERE` on every compared column (or an `INSERT … ON CONFLICT DO
 * NOTHING` when none is expected): atomic against every other connection.
 */
import * as E from 'fp-ts/Either';
import type { Pool } from 'pg';
import { errors, type Checkpoint, type CheckpointStore, type StoreError } from '../../src/eventsourcing/index';
import { toStoreError } from './errors';

/** The {@link CheckpointStore} of a PostgreSQL store. */
export type PostgresCheckpointStore = CheckpointStore;

/** Checks a name and checkpoint; a ValidationFailed naming the bad field. */
export const invalidCheckpoint = (name: unknown, cp?: Checkpoint): StoreError | undefined => {
  if (typeof name !== 'string' || name.length === 0) {
    return errors.validation([{ path: 'name', message: `expected a non-empty projection name, got ${JSON.stringify(name)}` }]);
  }
  if (cp === undefined) return undefined;
  if (typeof cp !== 'object' || cp === null || !Number.isSafeInteger(cp.version)) {
    return errors.validation([{ path: 'checkpoint.version', message: `expected an integer, got ${String(cp?.version)}` }]);
  }
  if (cp.position !== undefined && (typeof cp.position !== 'bigint' || cp.position < 0n)) {
    return errors.validation([{ path: 'checkpoint.position', message: `expected a bigint >= 0 or undefined, got ${String(cp.position)}` }]);
  }
  if (cp.state !== undefined && typeof cp.state !== 'string') {
    return errors.validation([{ path: 'checkpoint.state', message: `expected a string or undefined, got ${typeof cp.state}` }]);
  }
  if (cp.owner !== undefined && typeof cp.owner !== 'string') {
    return errors.validation([{ path: 'checkpoint.owner', message: `expected a string or undefined, got ${typeof cp.owner}` }]);
  }
  if (cp.leaseUntil !== undefined && !Number.isSafeInteger(cp.leaseUntil)) {
    return errors.validation([{ path: 'checkpoint.leaseUntil', message: `expected whole milliseconds or undefined, got ${String(cp.leaseUntil)}` }]);
  }
  return undefined;
};

interface Row { version: number; position: string | null; state: string | null; owner: string | null; lease_until: string | null }

/** Reads a row into a checkpoint. */
export const toCheckpoint = (row: Row | undefined): Checkpoint | undefined =>
  row && {
    version: row.version, position: row.position === null ? undefined : BigInt(row.position), ...(row.state === null ? {} : { state: row.state }),
    ...(row.owner === null ? {} : { owner: row.owner }), ...(row.lease_until === null ? {} : { leaseUntil: Number(row.lease_until) }),
  };

const values = (cp: Checkpoint) => [cp.version, cp.position?.toString() ?? null, cp.state ?? null, cp.owner ?? null, cp.leaseUntil ?? null];

/** The checkpoint store over the table of schema `s` (quoted). */
export const createCheckpointStore = (
  pool: Pool,
  s: string,
  where: string,
  check: () => StoreError | undefined,
): PostgresCheckpointStore => ({
  load: (name) => async () => {
    const bad = check() ?? invalidCheckpoint(name);
    if (bad !== undefined) return E.left(bad);
    try {
      const r = await pool.query<Row>(`SELECT version, position::text, state, owner, lease_until::text FROM ${s}.checkpoints WHERE name = $1`, [name]);
      return E.right(toCheckpoint(r.rows[0]));
    } catch (x) {
      return E.left(toStoreError(x, `loading checkpoint "${name}"`, where));
    }
  },
  save: (name, cp) => async () => {
    const bad = check() ?? invalidCheckpoint(name, cp);
    if (bad !== undefined) return E.left(bad);
    try {
      await pool.query(
        `INSERT INTO ${s}.checkpoints (name, version, position, state, owner, lease_until, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now()) ` +
          'ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position, state = excluded.state, ' +
          'owner = excluded.owner, lease_until = excluded.lease_until, updated_at = now()',
        [name, ...values(cp)],
      );
      return E.right(undefined);
    } catch (x) {
      return E.left(toStoreError(x, `saving checkpoint "${name}"`, where));
    }
  },
  compareAndSet: (name, expected, next) => async () => {
    const bad = check() ?? invalidCheckpoint(name, next) ?? (expected === undefined ? undefined : invalidCheckpoint(name, expected));
    if (bad !== undefined) return E.left(bad);
    try {
      const r = expected === undefined
        ? await pool.query(
          `INSERT INTO ${s}.checkpoints (name, version, position, state, owner, lease_until, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now()) ` +
            'ON CONFLICT (name) DO NOTHING',
          [name, ...values(next)],
        )
        : await pool.query(
          `UPDATE ${s}.checkpoints SET version = $2, position = $3, state = $4, owner = $5, lease_until = $6, updated_at = now() ` +
            'WHERE name = $1 AND version = $7 AND position IS NOT DISTINCT FROM $8::bigint AND owner IS NOT DISTINCT FROM $9::text ' +
            'AND lease_until IS NOT DISTINCT FROM $10::bigint',
          [name, ...values(next), expected.version, expected.position?.toString() ?? null, expected.owner ?? null, expected.leaseUntil ?? null],
        );
      return E.right(r.rowCount === 1);
    } catch (x) {
      return E.left(toStoreError(x, `saving checkpoint "${name}"`, where));
    }
  },
});
