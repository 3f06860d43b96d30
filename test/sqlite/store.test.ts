import Database from 'better-sqlite3';
import * as E from 'fp-ts/Either';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import { INSTALL_HINT, openSqliteStore, type SqliteStore } from '../../adapters/sqlite/index';
import { isLedgerFailure, sha256Hex, type NewEvent } from '../../src/eventsourcing/index';
import { chainProblems, collect, leftOf, newEvent, rightOf, tempDir, type ChainRow } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const open = (name = 'ledger.db', extra: Partial<Parameters<typeof openSqliteStore>[0]> = {}) =>
  unwrap(openSqliteStore({ path: dir.file(name), durability: 'normal', ...extra }));

const thrown = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (x) {
    if (isLedgerFailure(x)) return x.error;
    throw x;
  }
  throw new Error('expected a failure');
};

describe('sqlite store: storage', () => {
  it('hashes and stores byte-for-byte what the memory store does', async () => {
    const s = await open();
    const m = createMemoryStore();
    const batches: NewEvent[][] = [[newEvent({ b: 2, a: '雪' }), newEvent({ list: [3, { y: 1, x: 0 }] })], [newEvent({ n: -0.25 })]];
    for (const [i, b] of batches.entries()) {
      const expected = i === 0 ? 'no_stream' : BigInt(i);
      rightOf(await s.append('same', b, expected)());
      rightOf(await m.append('same', b, expected)());
    }
    const fromSqlite = await collect(s.readRaw());
    const fromMemory = await collect(m.readRaw!());
    expect(fromSqlite).toEqual(fromMemory);
    for (const r of fromSqlite) expect(sha256Hex(r.body)).toBe(r.hash);
    await s.close();
  });

  it('keeps everything across close and reopen, and stores the columns the chain check needs', async () => {
    const s = await open();
    for (let i = 0; i < 5; i++) rightOf(await s.append(`p-${i % 2}`, [newEvent({ i }), newEvent({ i })], 'any')());
    await s.close();
    const again = await open();
    expect((await collect(again.readAll())).length).toBe(10);
    expect(rightOf(await again.streamHead('p-0')())?.revision).toBe(5n);
    await again.close();
    const raw = new Database(dir.file('ledger.db'), { readonly: true });
    const rows = raw.prepare('SELECT position, stream_id, revision, prev_hash, hash, body FROM events ORDER BY position').all() as ChainRow[];
    expect(rows.length).toBe(10);
    expect(chainProblems(rows)).toEqual([]);
    const derived = raw.prepare('SELECT data, metadata, recorded_at FROM events_decoded WHERE position = 1').get() as Record<string, string>;
    expect(JSON.parse(derived.data as string)).toEqual({ i: 0 });
    expect(JSON.parse(derived.metadata as string).actor.id).toBe('clerk-1');
    expect(derived.recorded_at).toBe('2019-03-01T08:00:00.000Z');
    raw.close();
  });

  it('runs in WAL mode with the synchronous level of its durability', async () => {
    for (const [durability, level] of [['full', 2], ['normal', 1]] as const) {
      const s = await open(`${durability}.db`, { durability });
      const pragmas = rightOf(await s.inTransaction((tx) => ({
        journal: tx.get<{ journal_mode: string }>('PRAGMA journal_mode')?.journal_mode,
        synchronous: tx.get<{ synchronous: number }>('PRAGMA synchronous')?.synchronous,
      }))());
      expect(pragmas).toEqual({ journal: 'wal', synchronous: level });
      expect(s.durability).toBe(durability);
      await s.close();
    }
  });

  it('an idempotent retry returns the original positions and writes nothing', async () => {
    const s = await open();
    const events = [newEvent(), newEvent()];
    const first = rightOf(await s.append('idem', events, 'no_stream')());
    rightOf(await s.append('other', [newEvent()], 'any')());
    const retry = rightOf(await s.append('idem', events, 'no_stream')());
    expect(retry.duplicate).toBe(true);
    expect(retry.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position));
    expect(retry.events).toEqual(first.events);
    expect((await collect(s.readAll())).length).toBe(3);
    await s.close();
  });

  it('pages through streams and the whole log larger than one page, in both directions', async () => {
    const s = await open();
    const total = 2600;
    for (let i = 0; i < total; i += 100) {
      const batch = Array.from({ length: 100 }, (_, k) => newEvent({ i: i + k }));
      rightOf(await s.append('big', batch.slice(0, 50), 'any')());
      rightOf(await s.append('noise', batch.slice(50), 'any')());
    }
    const fwd = await collect(s.readStream('big'));
    expect(fwd.map((e) => Number(e.revision))).toEqual(Array.from({ length: total / 2 }, (_, i) => i));
    const bwd = await collect(s.readStream('big', { direction: 'backwards', fromRevision: 1200n, maxCount: 1150 }));
    expect(bwd.map((e) => Number(e.revision))).toEqual(Array.from({ length: 1150 }, (_, i) => 1200 - i));
    const all = await collect(s.readAll({ fromPosition: 7n }));
    expect(all.length).toBe(total - 6);
    expect(all.every((e, i) => e.position === BigInt(i + 7))).toBe(true);
    const prefixed = await collect(s.readAll({ streamPrefix: 'noi', maxCount: 1100 }));
    expect(prefixed.length).toBe(1100);
    expect(prefixed.every((e) => e.streamId === 'noise')).toBe(true);
    const raw = await collect(s.readRaw({ fromPosition: 2500n }));
    expect(raw.map((r) => r.position)).toEqual(Array.from({ length: 101 }, (_, i) => BigInt(2500 + i)));
    await expect(collect(s.readStream('big', { fromRevision: -5n, maxCount: 2 }))).rejects.toMatchObject({ error: { _tag: 'ValidationFailed' } });
    await s.close();
  });
});

describe('sqlite store: failures are typed', () => {
  it('refuses bad options with a ValidationFailed naming each option (a Left: opening never rejects)', async () => {
    const opened = await openSqliteStore({ path: '', durability: 'fast' as 'full', busyTimeoutMs: -1 });
    if (opened._tag === 'Right') throw new Error('opened with bad options');
    const err = opened.left;
    expect(err._tag).toBe('ValidationFailed');
    expect(err.message).toContain('options.path');
    expect(err.message).toContain('options.durability');
    expect(err.message).toContain('options.busyTimeoutMs');
  });

  it('says how to install the driver when it is missing (a Left, also when called as a TaskEither)', async () => {
    const opened = await openSqliteStore({ path: dir.file('x.db'), driver: 'no-such-sqlite-driver-module' })();
    if (opened._tag === 'Right') throw new Error('opened without a driver');
    const err = opened.left;
    expect(err._tag).toBe('StoreUnavailable');
    expect(err.message).toContain('not installed');
    expect(err.message).toContain('npm install better-sqlite3@12');
    expect(INSTALL_HINT).toContain('better-sqlite3@12');
  });

  it('a file that is not a database, or a missing folder, is StoreUnavailable naming the path', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(dir.file('junk.db'), 'this is not a database file '.repeat(200));
    const junk = await thrown(open('junk.db'));
    expect(junk._tag).toBe('StoreUnavailable');
    expect(junk.message).toContain('junk.db');
    const missing = await thrown(open('no/such/folder/x.db'));
    expect(missing._tag).toBe('StoreUnavailable');
  });

  it('after close every call fails with StoreUnavailable and iterables throw a LedgerFailure', async () => {
    const s = await open();
    rightOf(await s.append('a', [newEvent()], 'any')());
    const pending = s.append('a', [newEvent()], 'any')(); // queued before close: still written
    await s.close();
    expect(E.isRight(await pending)).toBe(true);
    expect(leftOf(await s.append('a', [newEvent()], 'any')())._tag).toBe('StoreUnavailable');
    expect(leftOf(await s.streamHead('a')())._tag).toBe('StoreUnavailable');
    expect(leftOf(await s.checkpoints.load('p')())._tag).toBe('StoreUnavailable');
    expect((await thrown(collect(s.readAll())))._tag).toBe('StoreUnavailable');
    expect((await thrown(collect(s.readStream('a'))))._tag).toBe('StoreUnavailable');
    expect((await thrown(s.backup(dir.file('b.db'))))._tag).toBe('StoreUnavailable');
    await s.close(); // twice is fine
  });

  it('a write lock held by another process past the busy timeout is a retryable StoreUnavailable, and nothing is half-written', async () => {
    const s: SqliteStore = await open('busy.db', { busyTimeoutMs: 50 });
    const other = new Database(dir.file('busy.db'));
    other.exec('BEGIN IMMEDIATE');
    const err = leftOf(await s.append('busy', [newEvent()], 'no_stream')());
    expect(err).toMatchObject({ _tag: 'StoreUnavailable', retryable: true });
    expect(err.message).toContain('SQLITE_BUSY');
    other.exec('ROLLBACK');
    other.close();
    expect(rightOf(await s.append('busy', [newEvent()], 'no_stream')()).lastRevision).toBe(0n);
    await s.close();
  });
});
