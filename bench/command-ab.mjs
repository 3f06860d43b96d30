// A/B of the state cache in one process: one history, then rounds of problem lifecycles through a
// fresh ledger with the cache (default) and without it (cachedStreams: 0), alternating; prints the
// median commands per second of each. After `npm run build`:
//   node bench/command-ab.mjs <memory|sqlite> <history events> [commands per round] [rounds]
import { adapters } from './adapters.mjs';

const [adapterName = 'memory', historyArg = '10000', commandsArg = '450', roundsArg = '5'] = process.argv.slice(2);
const { setUpHistory, runCommands } = await import('./.build/command-scenarios.js');
const { createCampaignRegistry } = await import(new URL('../dist/index.js', import.meta.url).href);
const variant = (await adapters[adapterName]())[0];
const { store, cleanup } = await variant.open(createCampaignRegistry());
const rates = { cached: [], uncached: [] };
try {
  const made = await setUpHistory(store, Number(historyArg));
  let from = 1;
  for (let r = 0; r < Number(roundsArg); r++) {
    for (const [name, cachedStreams] of [['cached', undefined], ['uncached', 0]]) {
      const t0 = process.hrtime.bigint();
      const n = await runCommands(store, Number(commandsArg), { from, ...(cachedStreams === undefined ? {} : { cachedStreams }) });
      rates[name].push(n / (Number(process.hrtime.bigint() - t0) / 1e9));
      from += Math.ceil(n / 9) + 1;
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(JSON.stringify({
    adapter: adapterName, events: made.events, commandsPerRound: Number(commandsArg), rounds: Number(roundsArg),
    cachedCommandsPerSec: Math.round(median(rates.cached)), uncachedCommandsPerSec: Math.round(median(rates.uncached)),
  }));
} finally {
  await store.close();
  await cleanup();
}
