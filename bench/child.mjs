// Runs one scenario on one adapter in its own process and prints one JSON line (so peak RSS is its own).
import { adapters } from './adapters.mjs';
import { scenarios } from './scenarios.mjs';

const [adapterName, durability, scenarioName, eventsArg, runsArg] = process.argv.slice(2);
const variants = await adapters[adapterName]();
const variant = variants.find((v) => v.durability === durability);
const scenario = scenarios[scenarioName];
const events = Number(eventsArg);
const times = [];
let processed = 0;
let history = events;
for (let r = 0; r < Number(runsArg); r++) {
  const { store, cleanup } = await variant.open(scenario.registry ? await scenario.registry() : undefined);
  try {
    if (scenario.setup) {
      const made = await scenario.setup(store, events);
      if (made?.events !== undefined) history = made.events;
    }
    const t0 = process.hrtime.bigint();
    processed = await scenario.run(store, events);
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  } finally {
    await store.close();
    await cleanup();
  }
}
const rates = times.map((s) => processed / s).sort((a, b) => a - b);
const median = (xs) => (xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2);
const seconds = median([...times].sort((a, b) => a - b));
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
// A command scenario: `events` is the history it ran after, the rate is in commands per second.
const rate = scenario.unit === 'commands'
  ? { events: history, commands: processed, runs: times.length, seconds, commandsPerSec: Math.round(median(rates)) }
  : { events: processed, runs: times.length, seconds, eventsPerSec: Math.round(median(rates)) };
process.stdout.write(JSON.stringify({
  adapter: adapterName, scenario: scenarioName, durability, concurrency: scenarioName === 'append-concurrent' ? 100 : 1,
  ...rate, peakRssMb,
}) + '\n');
