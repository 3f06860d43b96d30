/**
 * `npm run example:http` — the HTTP service on the demo data: opens the SQLite file (building the
 * demo into it first when it does not exist), then serves the campaign it holds on a loopback
 * address with the development authenticator.
 *
 *   npm run example:http -- --port 8080 --db examples/http-service/demo.db --log-level info
 *
 * The demo's events are dated in its scenario year, so the service's clock continues from the
 * last recorded event (plus the time since the service started) instead of today's date; pass
 * `--clock system` for the machine's clock.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../../adapters/sqlite/index';
import { createCampaignRegistry } from '../../src/campaign/index';
import { developmentHeaderAuthenticator } from './auth';
import { buildDemoFile } from './demo';
import { createHttpService } from './service';
import { unwrap } from '../../src/eventsourcing/runnable';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'examples/http-service/demo.db' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    clock: { type: 'string', default: 'scenario' },
    'log-level': { type: 'string', default: 'info' },
    'max-connections': { type: 'string', default: '512' },
  },
});

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const main = async (): Promise<void> => {
  const db = values.db as string;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${JSON.stringify(values.port)}`);
  const level = values['log-level'] as string;
  if (!LEVELS.includes(level)) throw new Error(`--log-level must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(level)}`);
  const maxConnections = Number(values['max-connections']);
  if (!Number.isInteger(maxConnections) || maxConnections < 1) throw new Error(`--max-connections must be a positive whole number, got ${JSON.stringify(values['max-connections'])}`);
  if (values.clock !== 'scenario' && values.clock !== 'system') throw new Error(`--clock must be scenario or system, got ${JSON.stringify(values.clock)}`);
  if (!existsSync(db)) {
    mkdirSync(dirname(db), { recursive: true });
    console.log(`building the demo into ${db} …`);
    await buildDemoFile(db);
  }
  const store = await unwrap(openSqliteStore({ path: db, registry: createCampaignRegistry() }));
  let namespace: string | undefined;
  let lastRecordedAt: string | undefined;
  for await (const e of store.readAll()) {
    namespace ??= e.streamId.slice(0, e.streamId.indexOf('/'));
    lastRecordedAt = e.metadata.recordedAt;
  }
  if (namespace === undefined || lastRecordedAt === undefined) throw new Error(`${db} holds no campaign; delete it to build the demo again`);
  const started = Date.now();
  const from = Date.parse(lastRecordedAt);
  const clock = values.clock === 'system' ? () => new Date() : () => new Date(from + (Date.now() - started));
  const service = createHttpService({
    store, namespace, authenticator: developmentHeaderAuthenticator, clock, maxConnections,
    publicReads: true, // a local demo: anyone may read
    logger: { level },
  });
  const url = await service.listen(port, values.host as string);
  console.log([
    `campaign "${namespace}" from ${db} at ${url}  (clock: ${values.clock === 'system' ? 'system' : `scenario, from ${lastRecordedAt}`})`,
    'DEVELOPMENT ONLY: the X-Actor-Id header is believed without proof.',
    `  dashboard   ${url}/dashboard.html`,
    `  ledger      curl '${url}/problems?colour=red'`,
    `  live feed   curl -N ${url}/events`,
    'Ctrl-C stops it.',
  ].join('\n'));
  const stop = async () => {
    await service.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
};

main().catch((x: unknown) => {
  console.error(x instanceof Error ? x.message : String(x));
  process.exit(1);
});
