/**
 * Projection checkpoints, in the `checkpoints` table (outside the audited trail). Saves go through
 * the write queue, so a checkpoint can share a transaction with the writes it records.
 */
import * as E from 'fp-ts/Either';
import { errors, type Checkpoint, type CheckpointStore, type StoreError } from '../../src/eventsourcing/index';
import { toStoreError, type Db } from './driver';
import type { WriteQueue } from './writer';

/** Synchronous checkpoint access, for code already inside the write transaction. */
export interface CheckpointTable {
  load(name: string): Checkpoint | undefined;
  save(name: string, checkpoint: Checkpoint): void;
}

/** Prepares the checkpoint statements. */
export const createCheckpointTable = (db: Db): CheckpointTable => {
  const select = db.prepare('SELECT version, position, state FROM checkpoints WHERE name = ?').raw(true).safeIntegers(true);
  const upsert = db.prepare(
    'INSERT INTO checkpoints (name, version, position, state, updated_at) VALUES (?, ?, ?, ?, ?) ' +
      'ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position, ' +
      'state = excluded.state, updated_at = excluded.updated_at',
  );
  return {
    load: (name) => {
      const row = select.get(name) as [bigint, bigint | null, string | null] | undefined;
      if (row === undefined) return undefined;
      return { version: Number(row[0]), position: row[1] ?? undefined, ...(row[2] === null ? {} : { state: row[2] }) };
    },
    save: (name, cp) => {
      upsert.run(name, cp.version, cp.position ?? null, cp.state ?? null, new Date().toISOString());
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
});
