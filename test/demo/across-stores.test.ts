/**
 * Everything but the position is fixed before a store sees an event: the same seeded demo gives the
 * same event hashes, in the same order, and so the same digest root, on every store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import { openSqliteStore } from '../../adapters/sqlite/index';
import { createEventStoreDbStore } from '../../adapters/eventstoredb/index';
import { createDigest } from '../../src/audit/digest';
import { createCampaignRegistry } from '../../src/campaign/registry';
import { buildDemo } from '../../src/demo/index';
import type { EventStore } from '../../src/eventsourcing/index';
import { EsdbTestServer } from '../support/esdb-server';
import { openPostgresStore } from '../../adapters/postgresql/index';
import { PG_URL, schemas } from '../postgresql/helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

const dir = mkdtempSync(join(tmpdir(), 'cl-across-'));
const made = schemas('across');
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await made.dropAll();
});

const fingerprint = async (store: EventStore) => {
  const summary = await buildDemo({ store, seed: 7 });
  const hashes: string[] = [];
  for await (const e of store.readAll()) hashes.push(`${e.streamId}#${e.revision}:${e.hash}`);
  const digest = await createDigest(store, { at: summary.endedAt })();
  if (E.isLeft(digest)) throw new Error(digest.left.message);
  await store.close();
  return { hashes, root: digest.right.rootHash, size: digest.right.treeSize };
};

describe('the seeded demo on every store', () => {
  it('gives identical event hashes and digest roots on memory, SQLite, PostgreSQL and EventStoreDB', async () => {
    const registry = createCampaignRegistry();
    const memory = await fingerprint(createMemoryStore({ registry }));
    const sqlite = await fingerprint(await unwrap(openSqliteStore({ path: join(dir, 'demo.db'), durability: 'normal', registry })));
    const server = await EsdbTestServer.start({ mode: 'batch' });
    try {
      const esdb = await fingerprint(createEventStoreDbStore({ connectionString: server.connectionString, namespace: 'across', registry }));
      expect(esdb).toEqual(memory);
    } finally {
      await server.close();
    }
    expect(memory.size).toBeGreaterThan(1000);
    expect(sqlite).toEqual(memory);
    const postgres = await fingerprint(await unwrap(openPostgresStore({ connectionString: PG_URL, schema: made.name(), registry })));
    expect(postgres).toEqual(memory);
  }, 300_000);
});
