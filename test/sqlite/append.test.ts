/**
 * The SQLite append's own I/O: the cached stream heads follow writes made through another
 * connection (PRAGMA data_version), and a refused row of a multi-event append leaves nothing behind.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/sqlite/index';
import { chainProblems, collect, leftOf, newEvent, rightOf, tempDir, type ChainRow } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const open = () => unwrap(openSqliteStore({ path: dir.file('ledger.db'), durability: 'normal' }));

describe('sqlite append', () => {
  it('sees the heads written through another connection to the same file', async () => {
    const a = await open();
    const b = await open();
    try {
      const first = newEvent({ n: 0 });
      rightOf(await a.append('s', [first], 'no_stream')());
      rightOf(await b.append('s', [newEvent({ n: 1 })], 0n)());
      // a cached revision 0; b moved the stream on, so a must chain onto revision 1.
      expect(rightOf(await a.append('s', [newEvent({ n: 2 })], 1n)()).lastRevision).toBe(2n);
      expect(leftOf(await b.append('s', [newEvent({ n: 3 })], 1n)())).toMatchObject({ _tag: 'WrongExpectedRevision', actual: 2n });
      // A retry through the other connection is recognised, whatever the expected revision now.
      expect(rightOf(await b.append('s', [first], 'no_stream')())).toMatchObject({ duplicate: true, lastRevision: 0n });
      expect((await collect(a.readStream('s'))).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    } finally {
      await a.close();
      await b.close();
    }
    const db = new Database(dir.file('ledger.db'), { readonly: true });
    try {
      expect(chainProblems(db.prepare('SELECT position, stream_id, revision, prev_hash, hash, body FROM events ORDER BY position').all() as ChainRow[])).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('rolls back every row of a multi-event append whose later event id is already stored', async () => {
    const s = await open();
    try {
      const known = newEvent({ n: 0 });
      rightOf(await s.append('other', [known], 'no_stream')());
      const err = leftOf(await s.append('s', [newEvent({ n: 1 }), known], 'any')());
      expect(err).toMatchObject({ _tag: 'DuplicateEventId', message: expect.stringContaining('part of this append') });
      expect(await collect(s.readStream('s'))).toEqual([]);
      rightOf(await s.append('s', [newEvent({ n: 2 })], 'no_stream')());
      // A retry of a multi-event append with 'any' is found through the unique index.
      const pair = [newEvent({ n: 3 }), newEvent({ n: 4 })];
      const written = rightOf(await s.append('s', pair, 'any')());
      const again = rightOf(await s.append('s', pair, 'any')());
      expect(again).toMatchObject({ duplicate: true, lastRevision: written.lastRevision, lastPosition: written.lastPosition });
      expect((await collect(s.readStream('s'))).length).toBe(3);
    } finally {
      await s.close();
    }
  });
});
