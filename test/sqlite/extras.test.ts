import Database from 'better-sqlite3';
import * as E from 'fp-ts/Either';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type InlineProjection, type Migration, type SqliteStore, type SqliteTx } from '../../adapters/sqlite/index';
import { isLedgerFailure } from '../../src/eventsourcing/index';
import { collect, leftOf, newEvent, rightOf, tempDir } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

let dir: ReturnType<typeof tempDir>;
const opened: SqliteStore[] = [];
beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  dir.remove();
});
const open = async (name = 'ledger.db') => {
  const s = await unwrap(openSqliteStore({ path: dir.file(name), durability: 'normal' }));
  opened.push(s);
  return s;
};

/** Counts events per stream; refuses events whose data says poison. */
const counts = (version = 1): InlineProjection => ({
  name: 'counts',
  version,
  reset: (tx) => {
    tx.exec('CREATE TABLE IF NOT EXISTS rm_counts (stream_id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    tx.run('DELETE FROM rm_counts');
  },
  apply: (tx, events) => {
    for (const e of events) {
      if ((e.data as { poison?: boolean }).poison) throw new Error(`cannot count event ${e.position}`);
      tx.run('INSERT INTO rm_counts VALUES (?, 1) ON CONFLICT (stream_id) DO UPDATE SET n = n + 1', e.streamId);
    }
  },
});
const readCounts = async (s: SqliteStore) =>
  Object.fromEntries(rightOf(await s.inTransaction((tx: SqliteTx) => tx.all<{ stream_id: string; n: number }>('SELECT stream_id, n FROM rm_counts ORDER BY stream_id'))()).map((r) => [r.stream_id, r.n]));

describe('sqlite store: inline projections', () => {
  it('catches up when attached, then commits with every append, checkpoint included', async () => {
    const s = await open();
    rightOf(await s.append('a', [newEvent(), newEvent()], 'any')());
    rightOf(await s.addInlineProjection(counts())());
    expect(await readCounts(s)).toEqual({ a: 2 });
    const r = rightOf(await s.append('b', [newEvent()], 'any')());
    expect(await readCounts(s)).toEqual({ a: 2, b: 1 });
    expect(rightOf(await s.checkpoints.load('counts')())).toEqual({ version: 1, position: r.lastPosition });
    expect(leftOf(await s.addInlineProjection(counts())())._tag).toBe('ValidationFailed');
  });

  it('a projection that throws fails only its own append, which leaves no events behind', async () => {
    const s = await open();
    rightOf(await s.addInlineProjection(counts())());
    const [ok1, poisoned, ok2] = await Promise.all([
      s.append('a', [newEvent()], 'any')(),
      s.append('p', [newEvent(), newEvent({ poison: true })], 'any')(),
      s.append('b', [newEvent()], 'any')(),
    ]);
    expect(E.isRight(ok1) && E.isRight(ok2)).toBe(true);
    expect(leftOf(poisoned).message).toContain('cannot count event');
    expect((await collect(s.readAll())).map((e) => e.streamId)).toEqual(['a', 'b']);
    expect(await readCounts(s)).toEqual({ a: 1, b: 1 });
  });

  it('folds what another connection appended before its next write, and rebuilds on a new version', async () => {
    const s = await open();
    rightOf(await s.addInlineProjection(counts())());
    const other = await open();
    rightOf(await other.append('elsewhere', [newEvent(), newEvent()], 'any')());
    rightOf(await s.append('here', [newEvent()], 'any')());
    expect(await readCounts(s)).toEqual({ elsewhere: 2, here: 1 });
    await s.close();
    const again = await open();
    rightOf(await again.inTransaction((tx) => tx.run("UPDATE rm_counts SET n = 99 WHERE stream_id = 'here'"))());
    rightOf(await again.addInlineProjection(counts(2))());
    expect(await readCounts(again)).toEqual({ elsewhere: 2, here: 1 });
  });
});

describe('sqlite store: migrations, checkpoints, backup', () => {
  const steps: Migration[] = [
    { version: 1, description: 'tasks table', up: 'CREATE TABLE rm_tasks (id TEXT PRIMARY KEY)' },
    { version: 2, description: 'task titles', up: (tx) => tx.exec('ALTER TABLE rm_tasks ADD COLUMN title TEXT') },
  ];

  it('applies a component migrations once, in order, and refuses a schema newer than the code', async () => {
    const s = await open();
    expect(rightOf(await s.migrate('rm.tasks', steps.slice(0, 1))())).toBe(1);
    expect(rightOf(await s.migrate('rm.tasks', steps)())).toBe(2);
    expect(rightOf(await s.migrate('rm.tasks', steps)())).toBe(2);
    expect(s.schemaVersions()).toEqual({ ledger: 2, 'rm.tasks': 2 });
    const newer = leftOf(await s.migrate('rm.tasks', steps.slice(0, 1))());
    expect(newer._tag).toBe('StoreUnavailable');
    expect(newer.message).toContain('newer than this code knows');
    const gap = leftOf(await s.migrate('rm.other', [steps[1]!])());
    expect(gap).toMatchObject({ _tag: 'ValidationFailed', issues: [{ path: 'migrations[0].version' }] });
    await s.close();
    const raw = new Database(dir.file('ledger.db'));
    raw.exec("UPDATE schema_version SET version = 99 WHERE component = 'ledger'");
    raw.close();
    try {
      await open();
      throw new Error('expected the newer ledger schema to be refused');
    } catch (x) {
      expect(isLedgerFailure(x) && x.error.message).toContain('"ledger" schema is at version 99');
    }
  });

  it('saves and loads checkpoints across reopen, and refuses bad ones', async () => {
    const s = await open();
    expect(rightOf(await s.checkpoints.load('dash')())).toBeUndefined();
    rightOf(await s.checkpoints.save('dash', { version: 3, position: 12n, state: '{"x":1}' })());
    rightOf(await s.checkpoints.save('empty', { version: 1, position: undefined })());
    await s.close();
    const again = await open();
    expect(rightOf(await again.checkpoints.load('dash')())).toEqual({ version: 3, position: 12n, state: '{"x":1}' });
    expect(rightOf(await again.checkpoints.load('empty')())).toEqual({ version: 1, position: undefined });
    expect(leftOf(await again.checkpoints.save('', { version: 1, position: 1n })())._tag).toBe('ValidationFailed');
    expect(leftOf(await again.checkpoints.save('x', { version: 1.5, position: 1n })()).message).toContain('checkpoint.version');
    expect(leftOf(await again.checkpoints.save('x', { version: 1, position: -1n })()).message).toContain('checkpoint.position');
  });

  it('backs up a live store to a file that opens with the same trail', async () => {
    const s = await open();
    for (let i = 0; i < 30; i++) rightOf(await s.append(`b-${i % 3}`, [newEvent({ i })], 'any')());
    const writing = Promise.all(Array.from({ length: 10 }, (_, i) => s.append('during', [newEvent({ i })], 'any')()));
    await s.backup(dir.file('copy.db'));
    await writing;
    const copy = await open('copy.db');
    const copied = await collect(copy.readRaw());
    const original = await collect(s.readRaw({ maxCount: copied.length }));
    expect(copied.length).toBeGreaterThanOrEqual(30);
    expect(copied).toEqual(original);
    try {
      await s.backup(dir.file('no/such/dir/copy.db'));
      throw new Error('expected the backup to fail');
    } catch (x) {
      expect(isLedgerFailure(x) && x.error._tag).toBe('StoreUnavailable');
    }
  });
});
