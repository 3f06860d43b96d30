/**
 * Projection checkpoints, in the store's `checkpoints` table (outside the audited trail).
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
  return undefined;
};

interface Row { version: number; position: string | null; state: string | null }

/** Reads a row into a checkpoint. */
export const toCheckpoint = (row: Row | undefined): Checkpoint | undefined =>
  row && { version: row.version, position: row.position === null ? undefined : BigInt(row.position), ...(row.state === null ? {} : { state: row.state }) };

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
      const r = await pool.query<Row>(`SELECT version, position::text, state FROM ${s}.checkpoints WHERE name = $1`, [name]);
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
        `INSERT INTO ${s}.checkpoints (name, version, position, state, updated_at) VALUES ($1, $2, $3, $4, now()) ` +
          'ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position, state = excluded.state, updated_at = now()',
        [name, cp.version, cp.position?.toString() ?? null, cp.state ?? null],
      );
      return E.right(undefined);
    } catch (x) {
      return E.left(toStoreError(x, `saving checkpoint "${name}"`, where));
    }
  },
});
