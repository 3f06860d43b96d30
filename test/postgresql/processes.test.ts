/**
 * Several processes writing to one PostgreSQL store (running the built adapter, dist/, made by
 * `npm run build`), while a subscriber in this process follows the global order: no update is
 * lost on the shared stream, positions are 1…N without a gap, and the subscriber sees every event
 * exactly once, in order — an event never appears below a position already delivered.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/eventsourcing/index';
import { verifyStore } from '../../src/audit/verify';
import { collect, rightOf } from '../sqlite/helpers';
import { PG_URL, schemas } from './helpers';

const built = fileURLToPath(new URL('../../dist/adapters/postgresql/index.js', import.meta.url));
const sources = fileURLToPath(new URL('../../adapters/postgresql/', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/writer.mjs', import.meta.url));

const made = schemas('procs');
afterAll(() => made.dropAll());

beforeAll(() => {
  if (!existsSync(built)) throw new Error('dist/adapters/postgresql/index.js is missing: run `npm run build` first (npm test does it)');
  const newest = Math.max(...readdirSync(sources).filter((f) => f.endsWith('.ts')).map((f) => statSync(`${sources}${f}`).mtimeMs));
  if (statSync(built).mtimeMs < newest) throw new Error('dist/ is older than adapters/postgresql/: run `npm run build` first');
});

const run = (schema: string, label: string, count: number) =>
  new Promise<{ code: number | null; lines: string[]; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [fixture, built, PG_URL, schema, label, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { out += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
    child.on('exit', (code) => resolve({ code, lines: out.split('\n').filter((l) => l !== ''), stderr }));
  });

describe('postgresql store: real processes', () => {
  it('three writer processes and a live subscriber: no lost update, no gap, every event once and in order', async () => {
    const store = await made.open();
    const labels = ['A', 'B', 'C'];
    const count = 60;
    const total = labels.length * count * 3; // one shared and two own events per step
    const sub = store.subscribeToAll();
    const seen: RecordedEvent[] = [];
    const following = (async () => {
      for await (const e of sub) {
        seen.push(e);
        if (seen.length === total) break;
      }
    })();
    const results = await Promise.all(labels.map((l) => run(store.schema, l, count)));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    await following;
    await sub.close();

    const acks = results.flatMap((r) => r.lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' ')));
    expect(acks.map((a) => Number(a[3])).sort((p, q) => p - q)).toEqual(Array.from({ length: labels.length * count }, (_, i) => i));
    const shared = await collect(store.readStream('shared'));
    for (const [, label, k, revision] of acks) expect(shared[Number(revision)]?.data).toEqual({ by: label, k: Number(k) });

    const all = await collect(store.readAll());
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: total }, (_, i) => BigInt(i + 1)));
    expect(seen.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
    expect(rightOf(await verifyStore(store)()).ok).toBe(true);
    await store.close();
  }, 120_000);
});
