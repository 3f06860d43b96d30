import Database from 'better-sqlite3';
import * as E from 'fp-ts/Either';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../adapters/sqlite/index';
import type { ExpectedRevision } from '../../src/eventsourcing/index';
import { collect, newEvent, rightOf, tempDir } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

let dir: ReturnType<typeof tempDir>;
let store: SqliteStore;
beforeEach(async () => {
  dir = tempDir();
  store = await unwrap(openSqliteStore({ path: dir.file('ledger.db'), durability: 'full' }));
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

/** Frames now in the write-ahead log (each commit appends the pages it changed). */
const walFrames = (file: string, truncate = false): number => {
  const raw = new Database(file);
  const [row] = raw.pragma(`wal_checkpoint(${truncate ? 'TRUNCATE' : 'PASSIVE'})`) as { log: number }[];
  raw.close();
  return row?.log ?? -1;
};

describe('sqlite store: group commit', () => {
  it('100 concurrent appends, some with wrong expected revisions: every other one succeeds, the wrong ones leave no trace', async () => {
    const wrong = new Set([3, 17, 18, 42, 43, 44, 70, 99]);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const expected: ExpectedRevision = wrong.has(i) ? 5n : 'no_stream';
        return store.append(`g-${i}`, [newEvent({ i }), newEvent({ i })], expected)();
      }),
    );
    results.forEach((r, i) => {
      if (wrong.has(i)) expect(r).toMatchObject({ _tag: 'Left', left: { _tag: 'WrongExpectedRevision', streamId: `g-${i}`, expected: 5n, actual: 'no_stream' } });
      else expect(rightOf(r).lastRevision).toBe(1n);
    });
    const all = await collect(store.readAll());
    expect(all.length).toBe(2 * (100 - wrong.size));
    expect(all.some((e) => wrong.has((e.data as { i: number }).i))).toBe(false);
    for (const i of wrong) expect(rightOf(await store.streamHead(`g-${i}`)())).toBeUndefined();
  });

  it('appends to the same stream in one group see each other: exactly one no_stream append wins', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append('same', [newEvent({ i })], 'no_stream')()));
    expect(results.filter(E.isRight).length).toBe(1);
    expect(results.filter((r) => E.isLeft(r) && r.left._tag === 'WrongExpectedRevision').length).toBe(19);
    const chained = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append('same', [newEvent({ i })], 'any')()));
    expect(chained.map((r) => rightOf(r).lastRevision)).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i + 1)));
  });

  it('concurrent appends share commits: far fewer log frames than the same appends one by one', async () => {
    const file = dir.file('ledger.db');
    walFrames(file, true);
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.append(`c-${i}`, [newEvent({ i })], 'no_stream')()));
    const grouped = walFrames(file);
    walFrames(file, true);
    for (let i = 0; i < 100; i++) rightOf(await store.append(`d-${i}`, [newEvent({ i })], 'no_stream')());
    const oneByOne = walFrames(file);
    expect(grouped).toBeGreaterThan(0);
    expect(grouped * 5).toBeLessThan(oneByOne);
  });

  it('a failing piece of work in the group is rolled back alone', async () => {
    const [a, bad, b] = await Promise.all([
      store.append('x', [newEvent()], 'no_stream')(),
      store.inTransaction((tx) => {
        tx.run('CREATE TABLE scratch (v TEXT)');
        tx.run("INSERT INTO scratch VALUES ('half')");
        throw new Error('the work changed its mind');
      })(),
      store.append('y', [newEvent()], 'no_stream')(),
    ]);
    expect(E.isRight(a) && E.isRight(b)).toBe(true);
    expect(bad).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } });
    expect(E.isLeft(bad) && bad.left.message).toContain('the work changed its mind');
    const tables = rightOf(await store.inTransaction((tx) => tx.all<{ name: string }>("SELECT name FROM sqlite_master WHERE name = 'scratch'"))());
    expect(tables).toEqual([]);
    expect((await collect(store.readAll())).map((e) => e.streamId)).toEqual(['x', 'y']);
    const asyncWork = await store.inTransaction(async (tx) => tx.run('CREATE TABLE later (v TEXT)'))();
    expect(asyncWork).toMatchObject({ _tag: 'Left', left: { _tag: 'ValidationFailed', issues: [{ path: 'work' }] } });
    expect(rightOf(await store.inTransaction((tx) => tx.all("SELECT name FROM sqlite_master WHERE name = 'later'"))())).toEqual([]);
  });
});
