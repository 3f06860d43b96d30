// Commands per second after a history, with the garbage collector's pauses measured apart: one
// history, then the problem lifecycles of command-throughput, timed. After `npm run build`:
//   node bench/command-gc.mjs <memory|sqlite> <history events> <commands>
import { PerformanceObserver } from 'node:perf_hooks';
import { adapters } from './adapters.mjs';
const [adapterName, history, commands] = process.argv.slice(2);
const { setUpHistory, runCommands } = await import('./.build/command-scenarios.js');
const { createCampaignRegistry } = await import(new URL('../dist/index.js', import.meta.url).href);
const variant = (await adapters[adapterName]())[0];
const { store, cleanup } = await variant.open(createCampaignRegistry());
await setUpHistory(store, Number(history));
let gc = 0; let on = false;
new PerformanceObserver((l) => { if (on) for (const e of l.getEntries()) gc += e.duration; }).observe({ entryTypes: ['gc'] });
on = true;
const t0 = performance.now();
const n = await runCommands(store, Number(commands));
const ms = performance.now() - t0;
await new Promise((r) => setTimeout(r, 50));
on = false;
console.log(JSON.stringify({ adapterName, history: Number(history), commands: n, ms: Math.round(ms), gcMs: Math.round(gc), cps: Math.round(n / ms * 1000), cpsWithoutGc: Math.round(n / (ms - gc) * 1000) }));
await store.close(); await cleanup();
