/**
 * The built program on PostgreSQL stores (`--store postgres://…?schema=NAME`) on a real server
 * (PG_TEST_URL): the demo gives the same digest root as on SQLite, the audit commands and the
 * dashboard run on it, a second demo run is refused, and failures exit 2 or 3 naming the cause: an
 * unreachable server, a missing schema (read-only commands create nothing), a bad schema name, a
 * schema of a newer version, a role that may read but not insert (its reads work, its writes store
 * nothing).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, requireBuilt, tempDir } from './helpers';
import { seedTrail } from './seed';
import { PG_URL, schemas, sql } from '../postgresql/helpers';

const dir = tempDir();
const made = schemas('cli');
const run = (...args: string[]) => cliAsync(args, { cwd: dir.dir });
const root = (name: string) => (JSON.parse(readFileSync(dir.file(name), 'utf8')) as { rootHash: string }).rootHash;
const at = (schema: string) => `${PG_URL}?schema=${schema}`;

beforeAll(() => requireBuilt());
afterAll(async () => {
  await made.dropAll();
  dir.remove();
});

describe('--store postgres://', () => {
  it('runs the demo, the dashboard and the audit commands, with the digest root of the SQLite demo', async () => {
    const pg = at(made.name());
    const [demo, lite] = await Promise.all([run('demo', '--store', pg), run('demo', '--store', 'sqlite:demo.db')]);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(lite.code).toBe(0);
    expect(demo.stdout).toMatch(/OK: \d+ events in \d+ streams verified\./);
    expect(demo.stdout).toContain(`--store '${pg}'`);
    expect((await run('audit', 'digest', '--store', pg, '--out', 'pg.json')).code).toBe(0);
    expect((await run('audit', 'digest', '--store', 'sqlite:demo.db', '--out', 'lite.json')).code).toBe(0);
    expect(root('pg.json')).toBe(root('lite.json'));
    const verified = await run('audit', 'verify', '--store', pg, '--against', 'lite.json');
    expect(verified.code).toBe(0);
    const d = JSON.parse((await run('dashboard', '--store', pg, '--format', 'json')).stdout) as { tasks: { total: number } };
    expect(d.tasks.total).toBe(37);
    // The ledger, a timeline and an as-of read give what they give on the SQLite demo.
    for (const args of [
      ['ledger', '--format', 'json', '--now', '2019-12-31'],
      ['audit', 'timeline', '--stream', 'demo-2019/problem/nh-P01', '--format', 'json'],
      ['audit', 'as-of', '--stream', 'demo-2019/problem/nh-P01', '--at', '2019-10-31', '--format', 'json'],
    ]) {
      const [onPg, onLite] = await Promise.all([run(...args, '--store', pg), run(...args, '--store', 'sqlite:demo.db')]);
      expect(onPg.stderr).toBe('');
      expect(onPg.code).toBe(0);
      expect(onPg.stdout.length).toBeGreaterThan(100);
      expect(onPg.stdout.replace(/"position":\s*"?\d+"?,?/g, '')).toBe(onLite.stdout.replace(/"position":\s*"?\d+"?,?/g, ''));
    }
    const again = await run('demo', '--store', pg);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has events; run the demo in a new schema/);
    expect((await run('demo', '--store', pg, '--fresh')).code).toBe(2);
  }, 180_000);

  it('exits 3 for an unreachable server or a missing schema, and 2 for a bad schema name', async () => {
    const down = await run('audit', 'verify', '--store', 'postgres://postgres@127.0.0.1:1/postgres');
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/cannot reach the PostgreSQL server at 127\.0\.0\.1:1/);
    const missing = made.name();
    const none = await run('audit', 'verify', '--store', at(missing));
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(new RegExp(`no campaign-ledger schema "${missing}"`));
    expect(await sql('SELECT 1 FROM pg_namespace WHERE nspname = $1', [missing])).toHaveLength(0);
    const bad = await run('audit', 'verify', '--store', at('Bad-Name'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/schema=Bad-Name/);
  });

  it('exits 3 naming the cause for a schema of a newer version and for a role without INSERT, which changes nothing', async () => {
    await seedTrail(dir.file('src.db'), 2, 3);
    expect((await run('audit', 'export', '--store', 'sqlite:src.db', '--out', 'trail.jsonl')).code).toBe(0);
    const newer = made.name();
    expect((await run('audit', 'import', '--file', 'trail.jsonl', '--store', at(newer))).code).toBe(0);
    await sql(`UPDATE "${newer}".schema_version SET version = version + 1 WHERE component = 'ledger'`);
    const refused = await run('audit', 'verify', '--store', at(newer));
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/newer than this code knows .*; use a newer campaign-ledger/);

    const empty = await made.open(); // an empty store, made by the owner
    await empty.close();
    const role = `t_cli_reader_${randomUUID().slice(0, 8)}`;
    const s = `"${empty.schema}"`;
    await sql(`CREATE ROLE ${role} LOGIN PASSWORD 'pw'; GRANT USAGE ON SCHEMA ${s} TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${role}`);
    try {
      const u = new URL(PG_URL);
      u.username = role;
      u.password = 'pw';
      u.searchParams.set('schema', empty.schema);
      const reads = await run('audit', 'verify', '--store', u.toString(), '--format', 'json');
      expect(reads.code).toBe(0);
      expect((JSON.parse(reads.stdout) as { events: number }).events).toBe(0);
      const writes = await run('audit', 'import', '--file', 'trail.jsonl', '--store', u.toString());
      expect(writes.code).toBe(3);
      expect(writes.stderr).toMatch(/the PostgreSQL role lacks a privilege \(42501: permission denied for table/);
      expect(await sql(`SELECT (SELECT count(*) FROM ${s}.events)::int AS events, (SELECT count(*) FROM ${s}.streams)::int AS streams`)).toEqual([{ events: 0, streams: 0 }]);
    } finally {
      await sql(`REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${role}; REVOKE ALL ON SCHEMA ${s} FROM ${role}; DROP ROLE ${role}`);
    }
  }, 60_000);
});
