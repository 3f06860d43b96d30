/**
 * The PostgreSQL store beyond the contract: append-only triggers, verification of a row altered
 * behind the triggers' back, reopening, typed open failures, checkpoints and live subscriptions
 * woken by notifications from another store object (another connection pool).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../adapters/postgresql/index';
import { verifyStore } from '../../src/audit/verify';
import { isLedgerFailure, type NewEvent, type RecordedEvent } from '../../src/eventsourcing/index';
import { PG_URL, schemas, sql } from './helpers';
import { collect, leftOf, newEvent, rightOf } from '../sqlite/helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

const made = schemas('store');
afterAll(() => made.dropAll());

const events = (n: number, tag = 'e'): NewEvent[] => Array.from({ length: n }, (_, k) => newEvent({ tag, k }));

const failureOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (x) {
    if (isLedgerFailure(x)) return x.error;
    throw x;
  }
  throw new Error('expected a LedgerFailure');
};

describe('postgresql store: safety', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of events, even for a superuser', async () => {
    const store = await made.open();
    rightOf(await store.append('case-1', events(3), 'no_stream')());
    const t = `"${store.schema}".events`;
    await expect(sql(`UPDATE ${t} SET body = body || ' ' WHERE revision = 1`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(sql(`DELETE FROM ${t} WHERE revision = 2`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(sql(`TRUNCATE ${t}`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await collect(store.readAll())).toHaveLength(3);
    expect(rightOf(await verifyStore(store)()).ok).toBe(true);
    await store.close();
  });

  it('verification finds a row a superuser altered with the triggers disabled', async () => {
    const store = await made.open();
    rightOf(await store.append('case-1', events(3), 'no_stream')());
    rightOf(await store.append('case-2', events(2), 'no_stream')());
    const t = `"${store.schema}".events`;
    await sql(
      `BEGIN; SET LOCAL session_replication_role = replica; ` +
        `UPDATE ${t} SET body = replace(body, '"k":1', '"k":7') WHERE stream_id = 'case-1' AND revision = 1; COMMIT`,
    );
    const report = rightOf(await verifyStore(store)());
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({ streamId: 'case-1', revision: 1n });
    await store.close();
  });
});

describe('postgresql store: opening', () => {
  it('reopens a schema with every event, head and hash, and appends on after it', async () => {
    const schema = made.name();
    const first = await unwrap(openPostgresStore({ connectionString: `${PG_URL}?schema=${schema}` }));
    expect(first.schema).toBe(schema);
    const a = rightOf(await first.append('case-1', events(4), 'no_stream')());
    await first.close();
    expect(leftOf(await first.streamHead('case-1')())._tag).toBe('StoreUnavailable');
    const again = await unwrap(openPostgresStore({ connectionString: PG_URL, schema, create: false }));
    expect(rightOf(await again.streamHead('case-1')())).toMatchObject({ revision: 3n, hash: a.events[3]?.hash, position: 4n });
    const b = rightOf(await again.append('case-1', events(1), 3n)());
    expect(b.lastPosition).toBe(5n);
    expect(b.events[0]?.prevHash).toBe(a.events[3]?.hash);
    expect(rightOf(await verifyStore(again)()).ok).toBe(true);
    await again.close();
  });

  it('names the cause of every open failure, creating nothing', async () => {
    const bad = await failureOf(unwrap(openPostgresStore({ connectionString: 'mysql://localhost/x' })));
    expect(bad._tag).toBe('ValidationFailed');
    expect(await failureOf(unwrap(openPostgresStore({ connectionString: PG_URL, schema: 'Bad-Name' })))).toMatchObject({ _tag: 'ValidationFailed' });
    const down = await failureOf(unwrap(openPostgresStore({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres', connectTimeoutMs: 2000 })));
    expect(down).toMatchObject({ _tag: 'StoreUnavailable' });
    expect(down.message).toMatch(/cannot reach the PostgreSQL server at 127\.0\.0\.1:1\/postgres/);
    const url = new URL(PG_URL);
    url.pathname = `/no_such_db_${randomUUID().slice(0, 8)}`;
    const noDb = await failureOf(unwrap(openPostgresStore({ connectionString: url.toString() })));
    expect(noDb.message).toMatch(/database .* does not exist/);
    const role = `t_role_${randomUUID().slice(0, 8)}`;
    await sql(`CREATE ROLE ${role} LOGIN PASSWORD 'right'`);
    try {
      const u = new URL(PG_URL);
      u.username = role;
      u.password = 'wrong';
      const auth = await failureOf(unwrap(openPostgresStore({ connectionString: u.toString() })));
      // A server that trusts local connections lets the role in; it then lacks CREATE on the database.
      expect(auth.message).toMatch(/refused the credentials|lacks a privilege/);
    } finally {
      await sql(`DROP ROLE ${role}`);
    }
    const missing = made.name();
    const none = await failureOf(unwrap(openPostgresStore({ connectionString: PG_URL, schema: missing, create: false })));
    expect(none.message).toMatch(new RegExp(`no campaign-ledger schema "${missing}"`));
    expect(await sql('SELECT 1 FROM pg_namespace WHERE nspname = $1', [missing])).toHaveLength(0);
  });

  it('refuses a schema newer than the code', async () => {
    const store = await made.open();
    await store.close();
    await sql(`UPDATE "${store.schema}".schema_version SET version = 99 WHERE component = 'ledger'`);
    const newer = await failureOf(unwrap(openPostgresStore({ connectionString: PG_URL, schema: store.schema })));
    expect(newer).toMatchObject({ _tag: 'StoreUnavailable' });
    expect(newer.message).toMatch(/version 99, newer than this code knows/);
  });

  it('names the missing privilege of a role without INSERT or CREATE, storing and creating nothing', async () => {
    const store = await made.open();
    rightOf(await store.append('case-1', events(2), 'no_stream')());
    const role = `t_reader_${randomUUID().slice(0, 8)}`;
    const s = `"${store.schema}"`;
    await sql(`CREATE ROLE ${role} LOGIN PASSWORD 'pw'; GRANT USAGE ON SCHEMA ${s} TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${role}`);
    const u = new URL(PG_URL);
    u.username = role;
    u.password = 'pw';
    const fresh = made.name();
    try {
      // Without INSERT: it opens an existing store and reads it, and its append changes nothing.
      const reader = await unwrap(openPostgresStore({ connectionString: u.toString(), schema: store.schema, create: false }));
      expect(await collect(reader.readAll())).toHaveLength(2);
      const refused = leftOf(await reader.append('case-1', events(1, 'late'), 1n)());
      expect(refused).toMatchObject({ _tag: 'StoreUnavailable', retryable: true });
      expect(refused.message).toMatch(/appending: the PostgreSQL role lacks a privilege \(42501: permission denied for table (events|streams)\)/);
      const first = leftOf(await reader.append('case-9', events(1, 'new'), 'no_stream')());
      expect(first.message).toMatch(/lacks a privilege \(42501/);
      await reader.close();
      expect(await collect(store.readAll())).toHaveLength(2);
      expect(await sql(`SELECT stream_id, revision::int FROM ${s}.streams ORDER BY stream_id`)).toEqual([{ stream_id: 'case-1', revision: 1 }]);
      // Without CREATE on the database (a new role has none unless granted): opening a new store is
      // refused and no schema is left behind.
      const create = await failureOf(unwrap(openPostgresStore({ connectionString: u.toString(), schema: fresh })));
      expect(create).toMatchObject({ _tag: 'StoreUnavailable' });
      expect(create.message).toMatch(new RegExp(`cannot open the PostgreSQL store \\(schema "${fresh}"\\): the PostgreSQL role lacks a privilege \\(42501: permission denied for database`));
      expect(await sql('SELECT 1 FROM pg_namespace WHERE nspname = $1', [fresh])).toHaveLength(0);
    } finally {
      await sql(`REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${role}; REVOKE ALL ON SCHEMA ${s} FROM ${role}; DROP ROLE ${role}`);
    }
    await store.close();
  });

  it('lets a role with only SELECT and INSERT on the events append and read, and refuses it a change', async () => {
    const store = await made.open();
    rightOf(await store.append('case-1', events(1), 'no_stream')());
    const role = `t_writer_${randomUUID().slice(0, 8)}`;
    const s = `"${store.schema}"`;
    await sql(
      `CREATE ROLE ${role} LOGIN; GRANT USAGE ON SCHEMA ${s} TO ${role}; ` +
        `GRANT SELECT, INSERT ON ${s}.events TO ${role}; ` +
        `GRANT SELECT, INSERT, UPDATE ON ${s}.streams, ${s}.checkpoints TO ${role}; GRANT SELECT ON ${s}.schema_version TO ${role}`,
    );
    try {
      const u = new URL(PG_URL);
      u.username = role;
      const limited = await unwrap(openPostgresStore({ connectionString: u.toString(), schema: store.schema, create: false }));
      rightOf(await limited.append('case-1', events(2), 0n)());
      expect(await collect(limited.readAll())).toHaveLength(3);
      await limited.close();
      const c = new (await import('pg')).default.Client({ connectionString: u.toString() });
      await c.connect();
      await expect(c.query(`UPDATE ${s}.events SET type = 'x'`)).rejects.toThrow(/permission denied/);
      await c.end();
    } finally {
      await sql(`REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${role}; REVOKE ALL ON SCHEMA ${s} FROM ${role}; DROP ROLE ${role}`);
    }
    await store.close();
  });
});

describe('postgresql store: reads', () => {
  it('reads thousands of events in numeric order, across pages, forwards and backwards', async () => {
    const store = await made.open();
    for (let k = 0; k < 5; k++) rightOf(await store.append('big', events(500, `b${k}`), 'any')());
    rightOf(await store.append('other', events(3), 'no_stream')());
    const all = await collect(store.readAll());
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 2503 }, (_, i) => BigInt(i + 1)));
    const fwd = await collect(store.readStream('big'));
    expect(fwd.map((e) => e.revision)).toEqual(Array.from({ length: 2500 }, (_, i) => BigInt(i)));
    const bwd = await collect(store.readStream('big', { direction: 'backwards', maxCount: 1200 }));
    expect(bwd.map((e) => e.revision)).toEqual(Array.from({ length: 1200 }, (_, i) => BigInt(2499 - i)));
    const page = await collect(store.readAll({ fromPosition: 995n, maxCount: 12, streamPrefix: 'bi' }));
    expect(page.map((e) => e.position)).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(995 + i)));
    const raw = await collect(store.readRaw({ fromPosition: 2500n }));
    expect(raw.map((r) => [r.position, r.streamId])).toEqual([[2500n, 'big'], [2501n, 'other'], [2502n, 'other'], [2503n, 'other']]);
    await store.close();
  });
});

describe('postgresql store: checkpoints and live subscriptions', () => {
  it('saves and loads checkpoints, outside the trail', async () => {
    const store = await made.open();
    expect(rightOf(await store.checkpoints.load('p')())).toBeUndefined();
    rightOf(await store.checkpoints.save('p', { version: 2, position: 41n, state: '{"n":1}' })());
    rightOf(await store.checkpoints.save('q', { version: 1, position: undefined })());
    expect(rightOf(await store.checkpoints.load('p')())).toEqual({ version: 2, position: 41n, state: '{"n":1}' });
    expect(rightOf(await store.checkpoints.load('q')())).toEqual({ version: 1, position: undefined });
    expect(leftOf(await store.checkpoints.load('')())._tag).toBe('ValidationFailed');
    expect(await collect(store.readAll())).toHaveLength(0);
    await store.close();
  });

  it('wakes a subscription on one store object with appends made through another', async () => {
    const reader = await made.open({ pollMs: 0 }); // no polling: only notifications can wake it
    const writer = await unwrap(openPostgresStore({ connectionString: PG_URL, schema: reader.schema }));
    const sub = reader.subscribeToAll();
    const seen: RecordedEvent[] = [];
    const done = (async () => {
      for await (const e of sub) {
        seen.push(e);
        if (seen.length === 6) break;
      }
    })();
    for (let k = 0; k < 3; k++) rightOf(await writer.append(`case-${k}`, events(2), 'no_stream')());
    await done;
    expect(seen.map((e) => e.position)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
    await sub.close();
    await Promise.all([reader.close(), writer.close()]);
  });
});
