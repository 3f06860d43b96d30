/**
 * The projection lease across real processes: several child processes, each running the built
 * package (dist/, made by `npm run build`), compete for one projection's lease on one SQLite file.
 * Only one holds it at a time: the log of who entered and left never interleaves, and no checkpoint
 * save is lost (the final position counts every save of every holder).
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/sqlite/index';
import { LEDGER_MIGRATIONS } from '../../adapters/sqlite/schema';
import { tempDir } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

const adapter = fileURLToPath(new URL('../../dist/adapters/sqlite/index.js', import.meta.url));
const root = fileURLToPath(new URL('../../dist/kernel/index.js', import.meta.url)); // the kernel entry point: createLease
const fixture = fileURLToPath(new URL('./fixtures/lease-holder.mjs', import.meta.url));
const sources = ['../../adapters/sqlite/', '../../src/eventsourcing/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));

const dir = tempDir();
afterAll(() => dir.remove());

beforeAll(() => {
  if (!existsSync(adapter) || !existsSync(root)) throw new Error('dist/ is missing: run `npm run build` first (npm test does it)');
  const newest = Math.max(...sources.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.ts')).map((f) => statSync(`${d}${f}`).mtimeMs)));
  if (Math.min(statSync(adapter).mtimeMs, statSync(root).mtimeMs) < newest) throw new Error('dist/ is older than the sources: run `npm run build` first');
});

const run = (args: string[]) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
  const child = spawn(process.execPath, [fixture, adapter, root, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
  child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
  child.on('exit', (code) => resolve({ code, stdout, stderr }));
});

describe('the projection lease across processes (SQLite file)', () => {
  it('has one holder at a time, and every fenced save of every holder lands', async () => {
    const file = dir.file('lease.db');
    const log = dir.file('lease.log');
    const opened = await unwrap(openSqliteStore({ path: file, durability: 'normal' }));
    await opened.close();
    writeFileSync(log, '');
    const [processes, rounds, steps] = [4, 6, 5];
    const exits = await Promise.all(Array.from({ length: processes }, (_, i) => run([file, log, `holder-${i}`, String(rounds), String(steps)])));
    for (const e of exits) expect({ code: e.code, stdout: e.stdout, stderr: e.stderr }).toEqual({ code: 0, stdout: 'done\n', stderr: '' });

    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(processes * rounds * 2);
    for (let i = 0; i < lines.length; i += 2) {
      const [enter, owner] = (lines[i] ?? '').split(' ');
      expect(enter).toBe('enter');
      expect(lines[i + 1]).toBe(`exit ${owner}`);
    }
    const store = await unwrap(openSqliteStore({ path: file, durability: 'normal' }));
    const cp = await store.checkpoints.load('shared-projection')();
    await store.close();
    expect(cp).toEqual({ _tag: 'Right', right: { version: 1, position: BigInt(processes * rounds * steps) } });
  });

  it('migrates a file of ledger schema 1: its checkpoints keep their progress and gain a lease', async () => {
    const file = dir.file('schema-1.db');
    const db = new Database(file);
    db.exec((LEDGER_MIGRATIONS[0]?.up as string));
    db.exec('CREATE TABLE schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL, applied_at TEXT NOT NULL) WITHOUT ROWID');
    db.prepare("INSERT INTO schema_version VALUES ('ledger', 1, '2019-01-01T00:00:00Z')").run();
    db.prepare("INSERT INTO checkpoints (name, version, position, state, updated_at) VALUES ('p', 2, 17, '{}', '2019-01-01T00:00:00Z')").run();
    db.close();
    const store = await unwrap(openSqliteStore({ path: file, durability: 'normal' }));
    try {
      expect(store.schemaVersions()).toEqual({ ledger: 2 });
      const old = { version: 2, position: 17n, state: '{}' };
      expect(await store.checkpoints.load('p')()).toEqual({ _tag: 'Right', right: old });
      expect(await store.checkpoints.compareAndSet('p', old, { ...old, owner: 'a', leaseUntil: 5 })()).toEqual({ _tag: 'Right', right: true });
      expect(await store.checkpoints.load('p')()).toEqual({ _tag: 'Right', right: { ...old, owner: 'a', leaseUntil: 5 } });
    } finally {
      await store.close();
    }
  });
});
