/**
 * Real processes on one database file, running the built adapter (dist/, made by `npm run build`;
 * `npm test` builds first): a writer killed with SIGKILL at random moments, and two writers racing
 * on one stream with expected revisions.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/sqlite/index';
import { seededRandom } from '../support/random';
import { chainProblems, collect, tempDir, type ChainRow } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

const built = fileURLToPath(new URL('../../dist/adapters/sqlite/index.js', import.meta.url));
const sources = fileURLToPath(new URL('../../adapters/sqlite/', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const dir = tempDir();
afterAll(() => dir.remove());

beforeAll(() => {
  if (!existsSync(built)) throw new Error('dist/adapters/sqlite/index.js is missing: run `npm run build` first (npm test does it)');
  const newest = Math.max(...readdirSync(sources).filter((f) => f.endsWith('.ts')).map((f) => statSync(`${sources}${f}`).mtimeMs));
  if (statSync(built).mtimeMs < newest) throw new Error('dist/ is older than adapters/sqlite/: run `npm run build` first');
});

interface Child {
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  readonly firstLine: Promise<void>;
  kill(): void;
}

const start = (script: string, args: string[]): Child => {
  const child = spawn(process.execPath, [fixture(script), built, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  let gotFirst: () => void = () => undefined;
  const firstLine = new Promise<void>((resolve) => {
    gotFirst = resolve;
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    if (lines.length > 0) gotFirst();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  void exited.then(() => gotFirst());
  return { lines, exited, firstLine, kill: () => child.kill('SIGKILL') };
};

const rowsOf = (file: string): ChainRow[] => {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return db.prepare('SELECT position, stream_id, revision, prev_hash, hash, body FROM events ORDER BY position').all() as ChainRow[];
  } finally {
    db.close();
  }
};

describe('sqlite store: real processes', () => {
  it('a writer killed with SIGKILL at random moments loses no acknowledged append and leaves no partial one', async () => {
    const file = dir.file('killed.db');
    const acked = new Map<string, { streamId: string; lastRevision: string; eventIds: string[] }>();
    const killAt = seededRandom(7);
    for (let round = 0; round < 6; round++) {
      const durability = round % 2 === 0 ? 'normal' : 'full';
      const child = start('appender.mjs', [file, durability, '4', '3']);
      await child.firstLine;
      await new Promise((r) => setTimeout(r, 20 + Math.floor(killAt() * 250)));
      child.kill();
      const { signal, stderr } = await child.exited;
      expect(signal, stderr).toBe('SIGKILL');
      for (const line of child.lines) {
        if (!line.startsWith('ack ')) continue;
        const ack = JSON.parse(line.slice(4)) as { batch: string; streamId: string; lastRevision: string; eventIds: string[] };
        acked.set(ack.batch, ack);
      }

      const rows = rowsOf(file);
      expect(chainProblems(rows)).toEqual([]);
      const byId = new Map(rows.map((r) => [JSON.parse(r.body).eventId as string, r]));
      for (const ack of acked.values()) {
        ack.eventIds.forEach((id, part) => {
          const row = byId.get(id);
          expect(row, `acknowledged event ${id} is missing after round ${round}`).toBeDefined();
          expect(row!.stream_id).toBe(ack.streamId);
          if (part === ack.eventIds.length - 1) expect(String(row!.revision)).toBe(ack.lastRevision);
        });
      }
      const parts = new Map<string, number>();
      for (const r of rows) {
        const data = (JSON.parse(r.body) as { data: { batch: string; of: number } }).data;
        parts.set(data.batch, (parts.get(data.batch) ?? 0) + 1);
        expect(data.of).toBe(3);
      }
      for (const [batch, n] of parts) expect(n, `append ${batch} is partial`).toBe(3);
    }
    expect(acked.size).toBeGreaterThan(6);
    const store = await unwrap(openSqliteStore({ path: file }));
    const all = await collect(store.readAll());
    expect(all.length).toBe(rowsOf(file).length);
    await store.close();
  }, 60_000);

  it('two processes appending to one stream with expected revisions lose no update', async () => {
    const file = dir.file('race.db');
    const count = 150;
    const a = start('incrementer.mjs', [file, 'shared', 'A', String(count)]);
    const b = start('incrementer.mjs', [file, 'shared', 'B', String(count)]);
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect(ea.code, ea.stderr).toBe(0);
    expect(eb.code, eb.stderr).toBe(0);
    const acks = [...a.lines, ...b.lines].filter((l) => l.startsWith('ack ')).map((l) => l.split(' '));
    expect(acks.length).toBe(2 * count);
    const revisions = acks.map((x) => Number(x[3])).sort((p, q) => p - q);
    expect(revisions).toEqual(Array.from({ length: 2 * count }, (_, i) => i));

    const rows = rowsOf(file);
    expect(chainProblems(rows)).toEqual([]);
    expect(rows.length).toBe(2 * count);
    const seen = rows.map((r) => {
      const d = (JSON.parse(r.body) as { data: { by: string; k: number } }).data;
      return `${d.by}${d.k}`;
    });
    expect(new Set(seen).size).toBe(2 * count);
    for (const [label, lines] of [['A', a.lines], ['B', b.lines]] as const) {
      for (const l of lines.filter((x) => x.startsWith('ack '))) {
        const [, , k, revision] = l.split(' ');
        expect(seen[Number(revision)]).toBe(`${label}${k}`);
      }
    }
  }, 60_000);
});
