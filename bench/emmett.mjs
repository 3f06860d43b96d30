// npm run bench:emmett [-- --runs 3 --memory 100000 --sqlite 20000 --postgresql 5000 --adapter memory,sqlite,postgresql]
// campaign-ledger beside Emmett (@event-driven-io/emmett, -sqlite, -postgresql) in one run on one
// machine: append 1 event per append and replay, on memory, SQLite and PostgreSQL, each scenario in
// a process of its own (bench/child.mjs for campaign-ledger, bench/emmett-child.mjs for Emmett),
// the same events, streams and expected versions. Prints a table and writes bench/emmett.json.
// PostgreSQL: the server of PG_BENCH_URL / PG_TEST_URL (default the local one); a scratch database
// is created for the run and dropped at its end.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};
const runs = arg('runs', '3');
const only = arg('adapter', 'memory,sqlite,postgresql').split(',');
const sizes = { memory: Number(arg('memory', '100000')), sqlite: Number(arg('sqlite', '20000')), postgresql: Number(arg('postgresql', '5000')) };
const here = (f) => new URL(f, import.meta.url).pathname;

// Rows: [label, campaign-ledger child args, Emmett child args] per adapter and scenario.
const rows = [];
for (const scenario of ['append-single', 'replay-stream']) {
  if (only.includes('memory')) rows.push({ adapter: 'memory', scenario, cl: ['memory', 'none'], em: ['memory'] });
  if (only.includes('sqlite')) {
    rows.push({ adapter: 'sqlite', scenario, cl: ['sqlite', 'normal'], em: ['sqlite-normal'], note: 'synchronous NORMAL both' });
    if (scenario === 'append-single') rows.push({ adapter: 'sqlite', scenario, cl: ['sqlite', 'full'], em: ['sqlite'], note: 'synchronous FULL both (Emmett\'s default)' });
  }
  if (only.includes('postgresql')) rows.push({ adapter: 'postgresql', scenario, cl: ['postgresql', 'server'], em: ['postgresql'] });
}

let scratch;
const env = { ...process.env };
if (only.includes('postgresql')) {
  const { createScratchDatabase } = await import('./pg-scratch.mjs');
  const admin = process.env.PG_BENCH_URL ?? process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `cl_bench_${process.pid}`;
  const url = await createScratchDatabase(admin, name);
  scratch = { admin, name };
  env.PG_BENCH_URL = url;
  env.EMMETT_PG_ADMIN_URL = url;
}

const child = (file, args) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', here(file), ...args], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop());
const results = [];
const load = [];
try {
  for (const row of rows) {
    const n = String(sizes[row.adapter]);
    load.push(loadavg()[0]);
    const cl = child('child.mjs', [...row.cl, row.scenario, n, runs]);
    const em = child('emmett-child.mjs', [...row.em, row.scenario, n, runs]);
    const ratio = Math.round((cl.eventsPerSec / em.eventsPerSec) * 100) / 100;
    const label = `${row.adapter}${row.cl[1] === 'full' ? ' (full)' : ''}`;
    results.push({ adapter: row.adapter, scenario: row.scenario, note: row.note ?? null, events: Number(n), campaignLedger: cl, emmett: em, ratio });
    console.log(`${label.padEnd(18)} ${row.scenario.padEnd(14)} ${n.padStart(7)} ev  campaign-ledger ${String(cl.eventsPerSec).padStart(9)}/s  Emmett ${String(em.eventsPerSec).padStart(9)}/s  ${ratio}×`);
  }
} finally {
  if (scratch) await (await import('./pg-scratch.mjs')).dropScratchDatabase(scratch.admin, scratch.name);
}
const { version } = JSON.parse(readFileSync(new URL('../node_modules/@event-driven-io/emmett/package.json', import.meta.url), 'utf8'));
const out = { node: process.version, cpus: cpus().length, emmett: version, runs: Number(runs), loadAverage1m: load, results };
writeFileSync(here('emmett.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`wrote bench/emmett.json (${results.length} rows; 1-minute load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)})`);
