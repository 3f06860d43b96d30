// Store factories for the benchmarks, by adapter name: variants { durability, open(registry?) -> { store, cleanup } }.
// Stores validate event data against a codec registry (the bench event's, or a scenario's own).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url);

/** The bench event's type with an io-ts codec, so every append also validates its data. */
const benchRegistry = async () => {
  const { createCodecRegistry } = await import(new URL('kernel/index.js', dist).href);
  const t = await import('io-ts');
  return createCodecRegistry([{
    type: 'RectificationProgressRecorded',
    schemaVersion: 1,
    codec: t.type({ problemId: t.string, measureId: t.string, progress: t.string, percent: t.number, evidence: t.array(t.string) }),
  }]);
};

export const adapters = {
  memory: async () => {
    const { createMemoryStore } = await import(new URL('adapters/memory/index.js', dist).href);
    const registry = await benchRegistry();
    return [{ durability: 'none', open: async (own) => ({ store: createMemoryStore({ registry: own ?? registry }), cleanup: async () => {} }) }];
  },
  sqlite: async () => {
    const { openSqliteStore } = await import(new URL('adapters/sqlite/index.js', dist).href);
    const registry = await benchRegistry();
    return ['normal', 'full'].map((durability) => ({
      durability,
      open: async (own) => {
        const dir = mkdtempSync(join(tmpdir(), 'cl-bench-'));
        const opened = await openSqliteStore({ path: join(dir, 'bench.db'), durability, registry: own ?? registry });
        if (opened._tag === 'Left') throw new Error(opened.left.message);
        const store = opened.right;
        return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    }));
  },
  eventstoredb: async () => {
    const { startBenchServer } = await import(new URL('./.build/eventstoredb-server.js', import.meta.url).href).catch(() => {
      throw new Error('the eventstoredb bench needs the test server build (bench/.build/eventstoredb-server.js, made by npm run build)');
    });
    const { createEventStoreDbStore } = await import(new URL('adapters/eventstoredb/index.js', dist).href);
    const registry = await benchRegistry();
    return [{
      durability: 'test-server',
      open: async (own) => {
        const server = await startBenchServer();
        const store = await createEventStoreDbStore({ connectionString: server.connectionString, registry: own ?? registry });
        return { store, cleanup: async () => server.stop() };
      },
    }];
  },
  postgresql: async () => {
    // A real server: PG_BENCH_URL, else PG_TEST_URL, else the local default. Every open gets a
    // fresh schema, dropped afterwards.
    const { openPostgresStore } = await import(new URL('adapters/postgresql/index.js', dist).href);
    const { default: pg } = await import('pg');
    const url = process.env.PG_BENCH_URL ?? process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const registry = await benchRegistry();
    return [{
      durability: 'server',
      open: async (own) => {
        const schema = `bench_${process.pid}_${Date.now()}`;
        const opened = await openPostgresStore({ connectionString: url, schema, registry: own ?? registry });
        if (opened._tag === 'Left') throw new Error(opened.left.message);
        const store = opened.right;
        return {
          store,
          cleanup: async () => {
            const client = new pg.Client({ connectionString: url });
            await client.connect();
            await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            await client.end();
          },
        };
      },
    }];
  },
};
