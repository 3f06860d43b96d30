// npm run bench:province -- --events N [--store sqlite:FILE | memory] [--seed N] [--out FILE]
// Writes a province-sized trail (bench/province.ts) through the store's append, then times the
// chain verification, the digest, the rebuild of the read models and the dashboard query for one
// court and for the province. Writes bench/province.json. Without --store: a SQLite file in a
// temporary directory, removed afterwards; with sqlite:FILE the file is kept (it must not exist).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};
const events = Number(arg('events', '100000'));
const seed = Number(arg('seed', '2019'));
const storeSpec = arg('store', '');
const out = arg('out', new URL('province.json', import.meta.url).pathname);
if (!Number.isInteger(events) || events < 1) throw new Error('--events must be a positive integer');

const dist = new URL('../dist/', import.meta.url);
const { createCampaignRegistry, verifyStore, createDigest, runProjection } = await import(new URL('index.js', dist).href);
const rm = await import(new URL('readmodels/index.js', dist).href);
const { generateProvince } = await import(new URL('./.build/province.js', import.meta.url).href);

const registry = createCampaignRegistry();
let store;
let cleanup = () => {};
let storeName;
if (storeSpec === 'memory') {
  const { createMemoryStore } = await import(new URL('adapters/memory/index.js', dist).href);
  store = createMemoryStore({ registry });
  storeName = 'memory';
} else {
  const { openSqliteStore } = await import(new URL('adapters/sqlite/index.js', dist).href);
  let path;
  if (storeSpec.startsWith('sqlite:')) {
    path = storeSpec.slice('sqlite:'.length);
    if (existsSync(path)) throw new Error(`${path} exists; the bench writes a fresh file`);
  } else if (storeSpec === '') {
    const dir = mkdtempSync(join(tmpdir(), 'cl-province-'));
    path = join(dir, 'province.db');
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  } else {
    throw new Error(`--store takes sqlite:FILE or memory, not ${storeSpec}`);
  }
  const opened = await openSqliteStore({ path, durability: 'normal', registry });
  if (opened._tag === 'Left') throw new Error(opened.left.message);
  store = opened.right;
  storeName = 'sqlite';
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);
const log = (m) => process.stderr.write(`${m}\n`);
// Wall time, and the CPU time of this process (on a shared machine the wall time also holds the
// time other processes took the CPU; better-sqlite3 runs in this thread, so its work is counted).
const cpu = {};
const timed = async (name, work) => {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const value = await work();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  cpu[name] = round((c.user + c.system) / 1e6);
  log(`${name.padEnd(10)} ${seconds.toFixed(3)} s  cpu ${cpu[name].toFixed(3)} s  rss ${rssMb()} MB`);
  return { seconds, value };
};
const must = (r, what) => {
  if (r._tag === 'Left') throw new Error(`${what}: ${r.left.message}`);
  return r.right;
};

try {
  let shown = 0;
  const gen = await timed('generate', () => generateProvince(store, {
    events, seed, onProgress: (n) => { if (n - shown >= 250_000) { shown = n; log(`  ${n} events`); } },
  }));
  const rssAfter = { generate: rssMb() };
  const verify = await timed('verify', async () => {
    const report = must(await verifyStore(store)(), 'verify');
    if (!report.ok) throw new Error(`verification failed: ${report.firstFailure?.message}`);
    return report.events;
  });
  rssAfter.verify = rssMb();
  const digest = await timed('digest', async () => must(await createDigest(store, { at: gen.value.lastRecordedAt })(), 'digest'));
  rssAfter.digest = rssMb();
  // Every read model: the campaign read model folds every slice (problems, tasks, reports,
  // inspections, cases) of which each named projection folds a subset.
  const rebuild = await timed('rebuild', async () => must(await runProjection(store, undefined, rm.campaignReadModel())(), 'rebuild'));
  rssAfter.rebuild = rssMb();
  const state = rebuild.value.state;
  const now = gen.value.lastRecordedAt;
  const courtId = 'zy1-j1';
  const ms = (work) => {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const value = work();
    const c = process.cpuUsage(c0);
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: (c.user + c.system) / 1e3, value };
  };
  // One court: its ledger (台账) with its overdue and due-soon lists, its rates row and colour counts.
  const court = ms(() => {
    const rows = rm.problemLedger(state, { now, filter: { courtId } });
    const rates = rm.rectificationRates(state, { now }).byCourt.find((r) => r.courtId === courtId);
    const board = rm.colourBoard(state, { now }).byCourt.find((r) => r.courtId === courtId);
    return { rows: rows.length, overdue: rm.overdueOf(rows).length, dueSoon: rm.dueSoonOf(rows).length, rates, board };
  });
  // The province: the whole dashboard.
  const province = ms(() => rm.dashboard(state, { now }));
  cpu.dashboardCourtMs = round(court.cpuMs, 1);
  cpu.dashboardProvinceMs = round(province.cpuMs, 1);
  log(`dashboard  court ${court.ms.toFixed(1)} ms (${court.value.rows} problems), province ${province.ms.toFixed(1)} ms (${province.value.problems.total} problems); cpu ${cpu.dashboardCourtMs} ms, ${cpu.dashboardProvinceMs} ms`);
  const result = {
    events: gen.value.events,
    generateSeconds: round(gen.seconds),
    verifySeconds: round(verify.seconds),
    digestSeconds: round(digest.seconds),
    rebuildSeconds: round(rebuild.seconds),
    dashboardMs: { court: round(court.ms, 1), province: round(province.ms, 1) },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuSeconds: cpu,
    rssMbAfter: rssAfter,
    store: storeName,
    seed,
    digestRoot: digest.value.rootHash,
    trail: gen.value,
    node: process.version,
  };
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result));
} finally {
  await store.close();
  cleanup();
}

function round(x, digits = 3) {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}
