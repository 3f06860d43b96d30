/** The SQLite store's `readOnly` option: reads without writing, refuses what is not a trail. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/sqlite/index';
import { isLedgerFailure, type NewEvent } from '../../src/eventsourcing/index';
import { unwrap } from '../../src/eventsourcing/runnable';

const dir = mkdtempSync(join(tmpdir(), 'ledger-ro-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = '2019-06-01T08:00:00.000Z';
const note = (n: number): NewEvent => ({
  eventId: randomUUID(), type: 'NoteTaken', schemaVersion: 1, data: { n },
  metadata: { actor: { id: 'clerk-1', posts: ['clerk'] }, correlationId: 'c', causationId: 'c', recordedAt: at, effectiveAt: at },
});

const failureOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (x) {
    if (isLedgerFailure(x)) return x.error;
    throw x;
  }
  throw new Error('expected the open to fail');
};

beforeAll(async () => {
  const store = await unwrap(openSqliteStore({ path: join(dir, 'trail.db') }));
  const r = await store.append('s/1', [note(1), note(2)], 'no_stream')();
  if (r._tag === 'Left') throw new Error(r.left.message);
  await store.close();
});

describe('openSqliteStore({ readOnly: true })', () => {
  it('reads the trail, refuses appends, and leaves the file and folder as they were', async () => {
    const path = join(dir, 'trail.db');
    const mtime = statSync(path).mtimeMs;
    const store = await unwrap(openSqliteStore({ path, readOnly: true }));
    const events = [];
    for await (const e of store.readAll()) events.push(e);
    expect(events.map((e) => e.revision)).toEqual([0n, 1n]);
    const appended = await store.append('s/1', [note(3)], 1n)();
    expect(appended._tag === 'Left' && appended.left._tag).toBe('StoreUnavailable');
    await store.close();
    expect(statSync(path).mtimeMs).toBe(mtime);
    expect(readdirSync(dir).filter((f) => f.startsWith('trail.db-'))).toEqual([]);
  });

  it('refuses a missing file without creating it', async () => {
    const e = await failureOf(unwrap(openSqliteStore({ path: join(dir, 'none.db'), readOnly: true })));
    expect(e._tag).toBe('StoreUnavailable');
    expect(readdirSync(dir).filter((f) => f.startsWith('none.db'))).toEqual([]);
  });

  it('refuses another application\'s database as not a trail, and a newer schema as unavailable', async () => {
    const foreign = join(dir, 'foreign.db');
    new Database(foreign).exec('CREATE TABLE customers (id)');
    const e = await failureOf(unwrap(openSqliteStore({ path: foreign, readOnly: true })));
    expect(e._tag).toBe('ValidationFailed');
    expect(e.message).toContain('not a campaign-ledger trail');

    const newer = join(dir, 'newer.db');
    const w = await unwrap(openSqliteStore({ path: newer }));
    await w.close();
    new Database(newer).exec("UPDATE schema_version SET version = 99 WHERE component = 'ledger'");
    const n = await failureOf(unwrap(openSqliteStore({ path: newer, readOnly: true })));
    expect(n._tag).toBe('StoreUnavailable');
    expect(n.message).toContain('newer than this code knows');
  });

  it('rejects readOnly on a private in-memory database', async () => {
    const e = await failureOf(unwrap(openSqliteStore({ path: ':memory:', readOnly: true })));
    expect(e._tag).toBe('ValidationFailed');
  });
});
