/**
 * The built program on `--store kurrentdb://…` (and `kurrentdb+discover://…`), which drives
 * KurrentDB's client (`@kurrent/kurrentdb-client`), against the in-process test server over real
 * gRPC: the SQLite demo's trail imported into a namespace gives its digest root, the audit commands
 * and the dashboard run on it; an unreachable or unresolvable server exits 3 naming the cause, a malformed
 * connection string exits 2 naming where it is wrong. The server speaks through KurrentDB's
 * generated code (see ../support/esdb-kurrent); the program is a separate process with its own.
 */
import '../support/esdb-kurrent';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EsdbTestServer } from '../support/esdb-server';
import { cliAsync, requireBuilt, tempDir } from './helpers';

const dir = tempDir();
let server: EsdbTestServer;
const run = (...args: string[]) => cliAsync(args, { cwd: dir.dir });
const root = (name: string) => (JSON.parse(readFileSync(dir.file(name), 'utf8')) as { rootHash: string }).rootHash;

beforeAll(async () => {
  requireBuilt();
  server = await EsdbTestServer.start({ mode: 'batch' });
});
afterAll(async () => {
  await server?.close();
  dir.remove();
});

describe('--store kurrentdb://', () => {
  it('holds the SQLite demo imported into a namespace with its digest root, then runs the audit commands and the dashboard', async () => {
    const kdb = server.connectionString.replace(/^esdb:/, 'kurrentdb:');
    expect(kdb).toMatch(/^kurrentdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);
    // The demo is built on SQLite and its whole trail imported through KurrentDB's client (the
    // demo's 3,481 commands through this client against the in-process server take minutes).
    const lite = await run('demo', '--store', 'sqlite:demo.db');
    expect(lite.code).toBe(0);
    expect((await run('audit', 'export', '--store', 'sqlite:demo.db', '--out', 'demo.jsonl', '--digest-out', 'lite.json')).code).toBe(0);
    const imported = await run('audit', 'import', '--file', 'demo.jsonl', '--store', kdb, '--namespace', 'k1');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect((await run('audit', 'digest', '--store', kdb, '--namespace', 'k1', '--out', 'kdb.json')).code).toBe(0);
    expect(root('kdb.json')).toBe(root('lite.json'));
    // The same namespace through discovery (Gossip) verifies against the SQLite digest.
    const discover = `kurrentdb+discover://127.0.0.1:${server.port}?tls=false`;
    const verified = await run('audit', 'verify', '--store', discover, '--namespace', 'k1', '--against', 'lite.json');
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/OK: \d+ events in \d+ streams verified\./);
    const d = JSON.parse((await run('dashboard', '--store', kdb, '--namespace', 'k1', '--format', 'json')).stdout) as { tasks: { total: number } };
    expect(d.tasks.total).toBe(37);
    const again = await run('demo', '--store', kdb, '--namespace', 'k1');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has events; run the demo in a new namespace/);
  }, 300_000);

  it('exits 3 for an unreachable or unresolvable server and 2 for a malformed connection string, naming the cause', async () => {
    const down = await run('audit', 'verify', '--store', 'kurrentdb://127.0.0.1:1?tls=false');
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/store unavailable: reading \$all: cannot reach the server at 127\.0\.0\.1:1, or it is not ready \(UnavailableError\); is it running there\?/);
    const nowhere = await run('audit', 'verify', '--store', 'kurrentdb://no-such-host.invalid:2113?tls=false');
    expect(nowhere.code).toBe(3);
    expect(nowhere.stderr).toMatch(/store unavailable: reading \$all: cannot reach the server at no-such-host\.invalid:2113,/);
    const malformed = await run('audit', 'verify', '--store', 'kurrentdb://127.0.0.1:port?tls=false');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/--store kurrentdb:\/\/127\.0\.0\.1:port\?tls=false: .*expected port number/);
    const onSqlite = await run('audit', 'verify', '--store', 'sqlite:x.db', '--namespace', 'x');
    expect(onSqlite.code).toBe(2);
    expect(onSqlite.stderr).toMatch(/--namespace applies to EventStoreDB stores \(esdb:\/\/… or kurrentdb:\/\/…\)/);
  }, 60_000);
});
