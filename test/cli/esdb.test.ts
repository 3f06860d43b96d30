/**
 * The built program on EventStoreDB stores (`--store esdb://…`), against the in-process
 * EventStoreDB-protocol test server: a trail exported from SQLite is imported into a namespace,
 * verified, digested, exported back and shown as a timeline there, with the same digest root; the
 * demo runs in a namespace of its own.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EsdbTestServer } from '../support/esdb-server';
import { cli, cliAsync, requireBuilt, tempDir } from './helpers';
import { seedTrail } from './seed';

const dir = tempDir();
let server: EsdbTestServer;
const run = (...args: string[]) => cliAsync(args, { cwd: dir.dir });
const root = (name: string) => (JSON.parse(readFileSync(dir.file(name), 'utf8')) as { rootHash: string }).rootHash;

beforeAll(async () => {
  requireBuilt();
  server = await EsdbTestServer.start({ mode: 'batch' });
  await seedTrail(dir.file('src.db'), 3, 4);
  expect(cli(['audit', 'export', '--store', 'sqlite:src.db', '--out', 'trail.jsonl', '--digest-out', 'src-digest.json'], { cwd: dir.dir }).code).toBe(0);
});
afterAll(async () => {
  await server?.close();
  dir.remove();
});

describe('--store esdb://', () => {
  it('imports, verifies, digests, exports and shows a timeline in a namespace, keeping every hash', async () => {
    const es = server.connectionString;
    const imported = await run('audit', 'import', '--file', 'trail.jsonl', '--store', es, '--namespace', 'run1');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const verified = await run('audit', 'verify', '--store', es, '--namespace', 'run1', '--against', 'src-digest.json');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('OK: 12 events in 3 streams verified.');
    expect((await run('audit', 'digest', '--store', es, '--namespace', 'run1', '--out', 'es-digest.json')).code).toBe(0);
    expect(root('es-digest.json')).toBe(root('src-digest.json'));
    expect((await run('audit', 'export', '--store', es, '--namespace', 'run1', '--out', 'back.jsonl')).code).toBe(0);
    const strip = (text: string) => text.trimEnd().split('\n').map((l) => l.replace(/"position":"\d+",/, ''));
    expect(strip(readFileSync(dir.file('back.jsonl'), 'utf8'))).toEqual(strip(readFileSync(dir.file('trail.jsonl'), 'utf8')));
    const timeline = await run('audit', 'timeline', '--store', es, '--namespace', 'run1', '--stream', 't/2', '--format', 'json');
    expect((JSON.parse(timeline.stdout) as unknown[]).length).toBe(4);
  });

  it('keeps namespaces apart: another namespace is empty, and importing twice into one is refused', async () => {
    const es = server.connectionString;
    const other = await run('audit', 'verify', '--store', es, '--namespace', 'run2', '--format', 'json');
    expect(other.code).toBe(0);
    expect((JSON.parse(other.stdout) as { events: number }).events).toBe(0);
    const again = await run('audit', 'import', '--file', 'trail.jsonl', '--store', es, '--namespace', 'run1');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds events/);
  });

  it('runs the demo in a namespace, refuses a second run there in favour of a new namespace, and shows its dashboard', async () => {
    const es = server.connectionString;
    const demo = await run('demo', '--store', es, '--namespace', 'demo_1');
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/OK: \d+ events in \d+ streams verified\./);
    expect(demo.stdout).toContain(`--store '${es}' --namespace demo_1`);
    const again = await run('demo', '--store', es, '--namespace', 'demo_1');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has events; run the demo in a new namespace/);
    const d = JSON.parse((await run('dashboard', '--store', es, '--namespace', 'demo_1', '--format', 'json')).stdout) as { tasks: { total: number }; problems: { total: number } };
    expect(d.tasks.total).toBe(37);
    expect(d.problems.total).toBeGreaterThan(20);
  }, 120_000);

  it('exits 3 when the server cannot be reached, and 2 for a bad namespace or a namespace on SQLite', async () => {
    const down = await run('audit', 'verify', '--store', 'esdb://127.0.0.1:1?tls=false');
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/unavailable/);
    const badNs = await run('audit', 'verify', '--store', server.connectionString, '--namespace', '_x');
    expect(badNs.code).toBe(2);
    const onSqlite = await run('audit', 'verify', '--store', 'sqlite:src.db', '--namespace', 'x');
    expect(onSqlite.code).toBe(2);
    expect(onSqlite.stderr).toMatch(/--namespace applies to EventStoreDB stores/);
  });
});
