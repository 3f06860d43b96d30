// Store factories for the benchmarks, by adapter name. Each returns { store, cleanup, durability }.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url);

export const adapters = {
  memory: async () => {
    const { createMemoryStore } = await import(new URL('adapters/memory/index.js', dist).href);
    return [{ durability: 'none', open: async () => ({ store: createMemoryStore(), cleanup: async () => {} }) }];
  },
  sqlite: async () => {
    const { openSqliteStore } = await import(new URL('adapters/sqlite/index.js', dist).href);
    return ['normal', 'full'].map((durability) => ({
      durability,
      open: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'cl-bench-'));
        const store = await openSqliteStore({ path: join(dir, 'bench.db'), durability });
        return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    }));
  },
  eventstoredb: async () => {
    const { startBenchServer } = await import(new URL('./.build/eventstoredb-server.js', import.meta.url).href).catch(() => {
      throw new Error('the eventstoredb bench needs the test server build (bench/.build/eventstoredb-server.js, made by npm run build)');
    });
    const { createEventStoreDbStore } = await import(new URL('adapters/eventstoredb/index.js', dist).href);
    return [{
      durability: 'test-server',
      open: async () => {
        const server = await startBenchServer();
        const store = await createEventStoreDbStore({ connectionString: server.connectionString });
        return { store, cleanup: async () => server.stop() };
      },
    }];
  },
};
