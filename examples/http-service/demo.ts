/**
 * Builds the demo campaign (`buildDemo`, seeded and deterministic) into a new SQLite file, so
 * `npm run example:http` has something to serve. A build that fails removes what it wrote.
 */
import { rmSync } from 'node:fs';
import { openSqliteStore } from '../../adapters/sqlite/index';
import { createCampaignRegistry } from '../../src/campaign/index';
import { buildDemo, type DemoSummary } from '../../src/demo/index';
import { unwrap } from '../../src/eventsourcing/runnable';

/** Builds the demo into `path` (which must not exist yet). */
export const buildDemoFile = async (path: string): Promise<DemoSummary> => {
  // `normal` durability while building: a crash mid-build only means building again.
  const store = await unwrap(openSqliteStore({ path, durability: 'normal', registry: createCampaignRegistry() }));
  try {
    const summary = await buildDemo({ store });
    await store.close();
    return summary;
  } catch (x) {
    await store.close();
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    throw x;
  }
};
