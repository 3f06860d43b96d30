import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Package entry points: output path (under dist/) → source file. */
const library: Record<string, string> = {
  index: 'src/index.ts',
  'kernel/index': 'src/kernel.ts',
  'readmodels/index': 'src/readmodels/index.ts',
  'audit/index': 'src/audit/index.ts',
  'dashboard/index': 'src/dashboard-html/index.ts',
  'plans/index': 'src/plans/index.ts',
  'adapters/memory/index': 'adapters/memory/index.ts',
  'adapters/sqlite/index': 'adapters/sqlite/index.ts',
  'adapters/eventstoredb/index': 'adapters/eventstoredb/index.ts',
  'adapters/postgresql/index': 'adapters/postgresql/index.ts',
};
const present = (entries: Record<string, string>) =>
  Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

const external = ['better-sqlite3', '@eventstore/db-client', '@kurrent/kurrentdb-client', 'pg', 'vitest', 'fast-check'];

/**
 * fp-ts 2 ships its modules as folders (`fp-ts/Either`), which Node's ESM loader refuses to import;
 * `fp-ts/lib/Either.js` loads from both ESM and CommonJS, so the built files import that.
 */
const rewriteFpTs = (dir = 'dist') => async () => {
  const files = (await readdir(dir, { recursive: true })).filter((f) => /\.(c?js)$/.test(f));
  await Promise.all(
    files.map(async (f) => {
      const path = join(dir, f);
      const text = await readFile(path, 'utf8');
      const next = text.replace(/(["'])fp-ts\/([A-Za-z]+)\1/g, '$1fp-ts/lib/$2.js$1');
      if (next !== text) await writeFile(path, next);
    }),
  );
};

export default defineConfig([
  {
    entry: present(library),
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    splitting: true,
    target: 'node20',
    // `import.meta.url` in the CommonJS files (the EventStoreDB adapter resolves its client from it).
    shims: true,
    external,
    onSuccess: rewriteFpTs(),
  },
  {
    // vitest cannot be loaded from CommonJS, so the testing entry is ESM-only.
    entry: present({ 'testing/index': 'src/testing/index.ts', 'cli/main': 'src/cli/main.ts' }),
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: false,
    splitting: true,
    target: 'node20',
    external,
    onSuccess: rewriteFpTs(),
  },
  {
    // The in-process EventStoreDB-protocol test server, for `npm run bench -- --adapter eventstoredb`.
    // Built outside dist/ so it never ships with the package.
    entry: present({
      'eventstoredb-server': 'test/support/bench-server.ts',
      'readmodel-scenarios': 'bench/readmodel-scenarios.ts',
      'command-scenarios': 'bench/command-scenarios.ts',
      province: 'bench/province.ts',
    }),
    outDir: 'bench/.build',
    format: ['esm'],
    dts: false,
    clean: true,
    target: 'node20',
    external: [...external, '@grpc/grpc-js'],
    onSuccess: rewriteFpTs('bench/.build'),
  },
]);
