/**
 * Projection checkpoints, in the `checkpoints` table (outside the audited trail). Saves go through
 * the write queue, so a checkpoint can share a transaction with the writes it records. A
 * compare-and-set is one `UPDATE … WHERE` on every compared column (or an `INSERT` that does
 * nothing when a row exists), run under the file's write lock: it excludes other processes too.
 */
import * as E from 'fp-ts/Either';
import { errors, type Checkpoint, type CheckpointStore, type StoreError } from '../../src/eventsourcing/index';
import { toStoreError, type Db } from './driver';
import type { WriteQueue } from './writer';

/** Synchronous checkpoint access, for code already inside the write transaction. */
export interface CheckpointTable {
  load(name: string): Checkpoint | undefined;
  save(name: string, checkpoint: Checkpoint): void;
  /** Writes `next` if the row is still `expected` (undefined: no row); whether it wrote. */
  compareAndSet(name: string, expected: Checkpoint | undefined, next: Checkpoint): boolean;
}

/** The checkpoint query; a file opened read-only at ledger schema 1 has no lease columns (read as none). */
const prepareSelect = (db: Db) => {
  try {
    return db.prepare('SELECT version, position, state, owner, lease_until FROM checkpoints WHERE name = ?').raw(true).safeIntegers(true);
  } catch {
    return db.prepare('SELECT version, position, state, NULL, NULL FROM checkpoints WHERE name = ?').raw(true).safeIntegers(true);
  }
};

/** Prepares the checkpoint statements. */
export const createCheckpointTable = (db: Db): CheckpointTable => {
  const select = prepareSelect(db);
  // Prepared on first write: a read-only open of a schema-1 file never writes.
  const lazy = <T>(make: () => T) => { let v: T | undefined; return () => (v ??= make()); };
  const upsert = lazy(() => db.prepare(
    'INSERT INTO checkpoints (name, version, position, state, owner, lease_until, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position, ' +
      'state = excluded.state, owner = excluded.owner, lease_until = excluded.lease_until, updated_at = excluded.updated_at',
  ));
  const insertNew = lazy(() => db.prepare(
    'INSERT INTO checkpoints (name, version, position, state, owner, lease_until, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING',
  ));
  const update = lazy(() => db.prepare(
    'UPDATE checkpoints SET version = ?, position = ?, state = ?, owner = ?, lease_until = ?, updated_at = ? ' +
      'WHERE name = ? AND version = ? AND position IS ? AND owner IS ? AND lease_until IS ?',
  ));
  const row = (cp: Checkpoint) => [cp.version, cp.position ?? null, cp.state ?? null, cp.owner ?? null, cp.leaseUntil ?? null, new Date().toISOString()];
  return {
    load: (name) => {
      const r = select.get(name) as [bigint, bigint | null, string | null, string | null, bigint | null] | undefined;
      if (r === undefined) return undefined;
      return {
        version: Number(r[0]), position: r[1] ?? undefined, ...(r[2] === null ? {} : { state: r[2] }),
        ...(r[3] === null ? {} : { owner: r[3] }), ...(r[4] === null ? {} : { leaseUntil: Number(r[4]) }),
      };
    },
    save: (name, cp) => {
      upsert().run(name, ...row(cp));
    },
    compareAndSet: (name, expected, next) => {
      if (expected === undefined) return insertNew().run(name, ...row(next)).changes === 1;
      return update().run(...row(next), name, expected.version, expected.position ?? null, expected.owner ?? null, expected.leaseUntil ?? null).changes === 1;
    },
  };
};

const invalid = (name: unknown, cp?: Checkpoint): StoreError | undefined => {
  if (typeof name !== 'string' || name.length === 0) {
    return errors.validation([{ path: 'name', message: `expected a non-empty projection name, got ${JSON.stringify(name)}` }]);
  }
  if (cp === undefined) return undefined;
  if (!Number.isSafeInteger(cp.version)) {
    return errors.validation([{ path: 'checkpoint.version', message: `expected an integer, got ${String(cp.version)}` }]);
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

/** The {@link CheckpointStore} port over the table. */
export const createCheckpointStore = (
  table: CheckpointTable,
  queue: WriteQueue,
  check: () => StoreError | undefined,
): CheckpointStore => ({
  load: (name) => async () => {
    const bad = check() ?? invalid(name);
    if (bad !== undefined) return E.left(bad);
    try {
      return E.right(table.load(name));
    } catch (x) {
      return E.left(toStoreError(x, `loading checkpoint "${name}"`));
    }
  },
  save: (name, cp) => async () => {
    const bad = check() ?? invalid(name, cp);
    if (bad !== undefined) return E.left(bad);
    return queue.submit(() => E.right(table.save(name, cp)));
  },
  compareAndSet: (name, expected, next) => async () => {
    const bad = check() ?? invalid(name, next) ?? (expected === undefined ? undefined : invalid(name, expected));
    if (bad !== undefined) return E.left(bad);
    return queue.submit(() => E.right(table.compareAndSet(name, expected, next)));
  },
});
