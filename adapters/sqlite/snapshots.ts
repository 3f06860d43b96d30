/**
 * Snapshots of long streams, in the `snapshots` table of the same file (outside the audited trail:
 * verification, digests and exports never read it). The table is a cache, made by the first save
 * (`CREATE TABLE IF NOT EXISTS`, no schema version of its own); a file without it has no
 * snapshots. Saves go through the write queue.
 */
import * as E from 'fp-ts/Either';
import { checkSnapshot, errors, type Snapshot, type SnapshotStore, type StoreError } from '../../src/eventsourcing/index';
import { toStoreError, type Db, type Stmt } from './driver';
import type { WriteQueue } from './writer';

const CREATE = `CREATE TABLE IF NOT EXISTS snapshots (
  stream_id TEXT NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  hash TEXT NOT NULL,
  state TEXT NOT NULL,
  digest TEXT NOT NULL,
  PRIMARY KEY (stream_id, name)
) WITHOUT ROWID`;

type Row = [string, string, bigint, bigint, string, string, string];

/** The {@link SnapshotStore} port over the file's `snapshots` table. */
export const createSqliteSnapshotStore = (db: Db, queue: WriteQueue, check: () => StoreError | undefined): SnapshotStore => {
  const exists = () => db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'snapshots'").get() !== undefined;
  let select: Stmt | undefined;
  let upsert: Stmt | undefined;
  return {
    load: (streamId, name) => async () => {
      const bad = check() ?? (typeof streamId !== 'string' || typeof name !== 'string'
        ? errors.validation([{ path: typeof streamId !== 'string' ? 'streamId' : 'name', message: 'expected a string' }]) : undefined);
      if (bad !== undefined) return E.left(bad);
      try {
        if (select === undefined) {
          if (!exists()) return E.right(undefined);
          select = db.prepare('SELECT stream_id, name, version, revision, hash, state, digest FROM snapshots WHERE stream_id = ? AND name = ?').raw(true).safeIntegers(true);
        }
        const r = select.get(streamId, name) as Row | undefined;
        if (r === undefined) return E.right(undefined);
        return E.right({ streamId: r[0], name: r[1], version: Number(r[2]), revision: r[3], hash: r[4], state: r[5], digest: r[6] });
      } catch (x) {
        return E.left(toStoreError(x, `loading the snapshot of "${streamId}"`));
      }
    },
    save: (snapshot: Snapshot) => async () => {
      const bad = check() ?? checkSnapshot(snapshot);
      if (bad !== undefined) return E.left(bad);
      return queue.submit(() => {
        if (upsert === undefined) {
          db.exec(CREATE);
          upsert = db.prepare(
            'INSERT INTO snapshots (stream_id, name, version, revision, hash, state, digest) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
              'ON CONFLICT (stream_id, name) DO UPDATE SET version = excluded.version, revision = excluded.revision, ' +
              'hash = excluded.hash, state = excluded.state, digest = excluded.digest',
          );
        }
        const s = snapshot;
        upsert.run(s.streamId, s.name, s.version, s.revision, s.hash, s.state, s.digest);
        return E.right(undefined);
      });
    },
  };
};
