import Database from 'better-sqlite3';
import * as t from 'io-ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../adapters/sqlite/index';
import { createCodecRegistry, isLedgerFailure, sha256Hex, type LedgerError, type RecordedEvent } from '../../src/eventsourcing/index';
import { chainProblems, collect, newEvent, rightOf, tempDir, type ChainRow } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

let dir: ReturnType<typeof tempDir>;
let store: SqliteStore;
let file: string;

beforeEach(async () => {
  dir = tempDir();
  file = dir.file('ledger.db');
  store = await unwrap(openSqliteStore({ path: file, durability: 'normal', pollMs: 20 }));
  for (let i = 0; i < 4; i++) rightOf(await store.append('case-1', [newEvent({ n: i })], 'any')());
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

/** Changes a stored body through a second, raw connection (the append-only triggers must go first). */
const tamper = (position: number, body: string) => {
  const raw = new Database(file);
  raw.exec('DROP TRIGGER IF EXISTS events_append_only_update');
  raw.prepare('UPDATE events SET body = ? WHERE position = ?').run(body, position);
  raw.close();
};

/** Reads to the end; returns what came before the failure and the failure. */
const readUntilFailure = async (it: AsyncIterable<RecordedEvent>): Promise<{ seen: bigint[]; error: LedgerError | undefined }> => {
  const seen: bigint[] = [];
  try {
    for await (const e of it) seen.push(e.position);
  } catch (x) {
    if (!isLedgerFailure(x)) throw x;
    return { seen, error: x.error };
  }
  return { seen, error: undefined };
};

describe('sqlite store: corrupted rows', () => {
  it('refuses UPDATE and DELETE of events unless the guards are dropped on purpose', () => {
    const raw = new Database(file);
    const body = (raw.prepare('SELECT body FROM events WHERE position = 1').get() as { body: string }).body;
    expect(() => raw.prepare('UPDATE events SET body = ? WHERE position = 1').run(body.replace('"n":0', '"n":9'))).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM events WHERE position = 4').run()).toThrow(/append-only/);
    raw.close();
  });

  it('a body that does not parse is a CorruptEvent at its position in every read, never skipped', async () => {
    tamper(3, '{"data":{"n":2},"eventId":');
    for (const read of [store.readAll(), store.readStream('case-1'), store.readStream('case-1', { direction: 'backwards' })]) {
      const { seen, error } = await readUntilFailure(read);
      expect(error).toMatchObject({ _tag: 'CorruptEvent', position: 3n, streamId: 'case-1' });
      expect(error?.message).toContain('position 3');
      expect(seen.includes(3n)).toBe(false);
    }
    const sub = store.subscribeToAll();
    const { seen, error } = await readUntilFailure(sub);
    expect(seen).toEqual([1n, 2n]); // what came before is delivered, then the failure
    expect(error).toMatchObject({ _tag: 'CorruptEvent', position: 3n });
  });

  it('a body with a missing envelope field, or naming another stream, is a CorruptEvent', async () => {
    const [, second] = await collect(store.readRaw());
    const parsed = JSON.parse(second!.body) as Record<string, unknown>;
    tamper(2, JSON.stringify({ ...parsed, streamId: 'case-2' }));
    const moved = await readUntilFailure(store.readStream('case-1'));
    expect(moved.error).toMatchObject({ _tag: 'CorruptEvent', position: 2n });
    expect(moved.error?.message).toContain('case-2');
    const { eventId: _dropped, ...withoutId } = parsed;
    tamper(2, JSON.stringify(withoutId));
    const missing = await readUntilFailure(store.readAll());
    expect(missing.error?.message).toContain('eventId');
  });

  it('an edited body that still parses fails hash verification at its position', async () => {
    const [first] = await collect(store.readRaw());
    tamper(1, first!.body.replace('"n":0', '"n":7'));
    const raw = await collect(store.readRaw());
    const bad = raw.filter((r) => sha256Hex(r.body) !== r.hash).map((r) => r.position);
    expect(bad).toEqual([1n]);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT position, stream_id, revision, prev_hash, hash, body FROM events ORDER BY position').all() as ChainRow[];
    db.close();
    expect(chainProblems(rows)).toEqual(['position 1 (stream case-1, revision 0): hash mismatch']);
  });

  it('with a registry, a stored body whose data fails its codec is a CorruptEvent', async () => {
    await store.close();
    const registry = createCodecRegistry([{ type: 'TestHappened', schemaVersion: 1, codec: t.type({ n: t.number }) }]);
    store = await unwrap(openSqliteStore({ path: file, durability: 'normal', registry }));
    expect((await collect(store.readAll())).length).toBe(4);
    const [, , third] = await collect(store.readRaw());
    tamper(3, third!.body.replace('"n":2', '"n":"two"'));
    const { seen, error } = await readUntilFailure(store.readAll());
    expect(seen).toEqual([1n, 2n]);
    expect(error).toMatchObject({ _tag: 'CorruptEvent', position: 3n });
    expect(error?.message).toContain('data.n');
    // An append whose idempotency lookup meets the corrupt row reports it too, and writes nothing.
    const again = await store.append('case-1', [{ ...newEvent({ n: 2 }), eventId: (JSON.parse(third!.body) as { eventId: string }).eventId }], 'any')();
    expect(again).toMatchObject({ _tag: 'Left', left: { _tag: 'CorruptEvent', position: 3n } });
  });
});
