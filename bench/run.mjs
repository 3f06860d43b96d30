// npm run bench [-- --adapter memory,sqlite --events 100000 --runs 3 --scenario a,b --history 10000,1000000 --commands 1800]
// Prints a table and writes bench/results.json. Each scenario runs in a child process of its own.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { adapters } from './adapters.mjs';
import { scenarios } from './scenarios.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};
const adapterNames = arg('adapter', 'memory,sqlite').split(',');
const events = Number(arg('events', '100000'));
const runs = Number(arg('runs', '3'));
const only = arg('scenario', '') ? arg('scenario', '').split(',') : Object.keys(scenarios);
if (!Number.isInteger(events) || events < 100) throw new Error('--events must be an integer >= 100');
// command-throughput: the history sizes it runs after, and the commands it times.
const histories = arg('history', '10000,1000000').split(',').map(Number);
if (histories.some((h) => !Number.isInteger(h) || h < 0)) throw new Error('--history must be integers >= 0, comma-separated');
const commands = arg('commands', '1800');
if (!/^[1-9][0-9]*$/.test(commands)) throw new Error('--commands must be an integer >= 1');

const results = [];
for (const name of adapterNames) {
  if (!adapters[name]) throw new Error(`unknown adapter "${name}" (known: ${Object.keys(adapters).join(', ')})`);
  for (const variant of await adapters[name]()) {
    for (const scenario of only) {
      if (!scenarios[scenario]) throw new Error(`unknown scenario "${scenario}"`);
      if (scenario === 'append-concurrent' && name === 'memory') continue;
      if (variant.durability === 'full' && !['append-single', 'append-batch-100', 'append-concurrent'].includes(scenario)) continue;
      const sizes = scenario === 'command-throughput' ? histories
        : [variant.durability === 'full' && scenario === 'append-single' ? Math.min(events, 20000) : events];
      for (const n of sizes) {
        try {
          const out = execFileSync(process.execPath, ['--expose-gc', new URL('child.mjs', import.meta.url).pathname, name, variant.durability, scenario, String(n), String(runs)], {
            encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_COMMANDS: commands },
          });
          const row = JSON.parse(out.trim().split('\n').pop());
          results.push(row);
          const rate = row.commandsPerSec === undefined ? `${String(row.eventsPerSec).padStart(10)} ev/s ` : `${String(row.commandsPerSec).padStart(10)} cmd/s`;
          console.log(`${row.adapter.padEnd(13)} ${row.scenario.padEnd(18)} ${row.durability.padEnd(11)} ${String(row.events).padStart(9)} ev ${rate}  ${row.seconds.toFixed(3)} s  ${row.peakRssMb} MB`);
        } catch (x) {
          console.error(`${name} ${variant.durability} ${scenario} ${n}: failed: ${x.message.split('\n')[0]}`);
          process.exitCode = 1;
        }
      }
    }
  }
}
const out = { node: process.version, cpus: cpus().length, results };
writeFileSync(new URL('results.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
console.log(`wrote bench/results.json (${results.length} rows)`);
