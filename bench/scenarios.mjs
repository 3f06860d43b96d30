// Benchmark scenarios. Each: { setup(store, events) (untimed), run(store, events) -> events processed }.
import { makeEvent } from './events.mjs';

const STREAMS = 1000;
const must = (r) => {
  if (r._tag === 'Left') throw new Error(r.left.message);
  return r.right;
};

/** Appends `events` events round-robin over 1,000 streams, `batch` events per append, exact expected revisions. */
const fill = async (store, events, batch = 100) => {
  const heads = new Array(STREAMS).fill(-1n);
  for (let i = 0, s = 0; i < events; i += batch, s = (s + 1) % STREAMS) {
    const n = Math.min(batch, events - i);
    const r = must(await store.append(`bench-${s}`, Array.from({ length: n }, (_, k) => makeEvent(i + k)), heads[s] < 0n ? 'no_stream' : heads[s])());
    heads[s] = r.lastRevision;
  }
};

const appendRoundRobin = (batch) => async (store, events) => {
  await fill(store, events, batch);
  return events;
};

export const scenarios = {
  'append-single': { run: appendRoundRobin(1) },
  'append-batch-100': { run: appendRoundRobin(100) },
  'append-concurrent': {
    // 100 concurrent appenders, each on its own stream, one event per append.
    run: async (store, events) => {
      const per = Math.ceil(events / 100);
      await Promise.all(Array.from({ length: 100 }, async (_, a) => {
        let head = 'no_stream';
        for (let i = 0; i < per; i++) head = must(await store.append(`conc-${a}`, [makeEvent(a * per + i)], head)()).lastRevision;
      }));
      return per * 100;
    },
  },
  'replay-stream': {
    setup: (store, events) => fill(store, events),
    run: async (store) => {
      let count = 0;
      for (let s = 0; s < STREAMS; s++) {
        let state = 0;
        for await (const e of store.readStream(`bench-${s}`)) { state += e.data.percent; count++; }
        if (state < 0) throw new Error('unreachable');
      }
      return count;
    },
  },
  'read-all': {
    setup: (store, events) => fill(store, events),
    run: async (store) => {
      let count = 0;
      for await (const e of store.readAll()) if (e.position >= 0n) count++;
      return count;
    },
  },
  'verify-chain': {
    setup: (store, events) => fill(store, events),
    run: async (store) => {
      const { verifyStore } = await import(new URL('../dist/index.js', import.meta.url).href);
      const report = await verifyStore(store)();
      if (report._tag === 'Left' || !report.right.ok) throw new Error('verification failed');
      return report.right.events;
    },
  },
  'project-ledger': {
    // Rebuild the problem-ledger read model over a campaign-shaped history.
    registry: async () => (await import(new URL('../dist/index.js', import.meta.url).href)).createCampaignRegistry(),
    setup: async (store, events) => (await import('./.build/readmodel-scenarios.js')).fillCampaign(store, events),
    run: async (store) => (await import('./.build/readmodel-scenarios.js')).projectLedger(store),
  },
  'command-throughput': {
    // A campaign-shaped mix of commands through the facade after `events` events of history (the
    // history written untimed, mostly by batched appends); rated in commands per second.
    unit: 'commands',
    registry: async () => (await import(new URL('../dist/index.js', import.meta.url).href)).createCampaignRegistry(),
    setup: async (store, events) => (await import('./.build/command-scenarios.js')).setUpHistory(store, events),
    run: async (store) => (await import('./.build/command-scenarios.js')).runCommands(store, Number(process.env.BENCH_COMMANDS ?? 1800)),
  },
  digest: {
    setup: (store, events) => fill(store, events),
    run: async (store) => {
      const { createDigest } = await import(new URL('../dist/index.js', import.meta.url).href);
      const d = must(await createDigest(store, { at: '2019-12-31T00:00:00.000Z' })());
      return d.treeSize;
    },
  },
};
