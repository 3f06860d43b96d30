// One Emmett scenario in its own process (see bench/emmett.mjs); prints one JSON line.
// node bench/emmett-child.mjs <memory|sqlite|sqlite-normal|postgresql> <append-single|replay-stream> <events> <runs>
// The same events (bench/events.mjs), streams (1,000, round-robin) and expected versions as the
// campaign-ledger scenarios of the same name. Emmett neither validates nor hashes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeEvent } from './events.mjs';

const [adapter, scenario, eventsArg, runsArg] = process.argv.slice(2);
const events = Number(eventsArg);
const STREAMS = 1000;
const emmett = await import('@event-driven-io/emmett');

const toEmmett = (i) => {
  const e = makeEvent(i);
  return { type: e.type, data: e.data, metadata: { eventId: e.eventId, ...e.metadata } };
};

/** Opens a fresh Emmett store: { store, close }. SQLite and PostgreSQL through one shared connection. */
const open = async () => {
  if (adapter === 'memory') return { store: emmett.getInMemoryEventStore(), close: async () => {} };
  if (adapter === 'sqlite' || adapter === 'sqlite-normal') {
    // sqlite3's native driver is built by its install script, which `npm ci` does not run here (the
    // test suite does not need it): `npm rebuild sqlite3 --foreground-scripts` builds it once.
    const { getSQLiteEventStore, sqliteConnection } = await import('@event-driven-io/emmett-sqlite').catch((x) => {
      throw new Error(`Emmett's SQLite store cannot load its driver (run \`npm rebuild sqlite3 --foreground-scripts\` once): ${x.message}`);
    });
    const dir = mkdtempSync(join(tmpdir(), 'cl-emmett-'));
    const fileName = join(dir, 'emmett.db');
    const connection = sqliteConnection({ fileName });
    // Emmett sets WAL and keeps SQLite's default synchronous (FULL); `sqlite-normal` sets NORMAL,
    // campaign-ledger's `normal` durability.
    if (adapter === 'sqlite-normal') await connection.command('PRAGMA synchronous = NORMAL');
    const store = getSQLiteEventStore({ fileName, connectionOptions: { singleton: true, connection } });
    return { store, close: async () => { connection.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  if (adapter === 'postgresql') {
    // A fresh database per run on the server of EMMETT_PG_ADMIN_URL (created and dropped here).
    const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
    const { default: pg } = await import('pg');
    const { createScratchDatabase, dropScratchDatabase } = await import('./pg-scratch.mjs');
    const admin = process.env.EMMETT_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `cl_emmett_${process.pid}_${Date.now()}`;
    const url = await createScratchDatabase(admin, name);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const store = getPostgreSQLEventStore(url, { connectionOptions: { pooled: false, client } });
    return {
      store,
      close: async () => {
        await store.close();
        await client.end().catch(() => {});
        await dropScratchDatabase(admin, name);
      },
    };
  }
  throw new Error(`unknown adapter ${adapter}`);
};

const fill = async (store, n, batch) => {
  const versions = new Array(STREAMS).fill(undefined);
  for (let i = 0, s = 0; i < n; i += batch, s = (s + 1) % STREAMS) {
    const k = Math.min(batch, n - i);
    const list = Array.from({ length: k }, (_, j) => toEmmett(i + j));
    const r = await store.appendToStream(`bench-${s}`, list, { expectedStreamVersion: versions[s] ?? emmett.STREAM_DOES_NOT_EXIST });
    versions[s] = r.nextExpectedStreamVersion;
  }
};

const scenarios = {
  'append-single': { run: async (store) => { await fill(store, events, 1); return events; } },
  'replay-stream': {
    setup: (store) => fill(store, events, 100),
    run: async (store) => {
      let count = 0;
      for (let s = 0; s < STREAMS; s++) {
        let state = 0;
        const r = await store.readStream(`bench-${s}`);
        for (const e of r.events) { state += e.data.percent; count++; }
        if (state < 0) throw new Error('unreachable');
      }
      return count;
    },
  },
};

const sc = scenarios[scenario];
if (sc === undefined) throw new Error(`unknown scenario ${scenario}`);
const times = [];
let processed = 0;
for (let r = 0; r < Number(runsArg); r++) {
  const { store, close } = await open();
  try {
    if (sc.setup) await sc.setup(store);
    const t0 = process.hrtime.bigint();
    processed = await sc.run(store);
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  } finally {
    await close();
  }
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
process.stdout.write(JSON.stringify({
  library: 'emmett', adapter, scenario, events: processed, runs: times.length, seconds: median(times),
  eventsPerSec: Math.round(median(times.map((t) => processed / t))), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
}) + '\n');
