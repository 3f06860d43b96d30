import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

/** Package entry points: output path (under dist/) → source file. */
const library: Record<string, string> = {
  index: 'src/index.ts',
  'adapters/memory/index': 'adapters/memory/index.ts',
  'adapters/sqlite/index': 'adapters/sqlite/index.ts',
  'adapters/eventstoredb/index': 'adapters/eventstoredb/index.ts',
};
const present = (entries: Record<string, string>) =>
  Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

const external = ['better-sqlite3', '@eventstore/db-client', 'vitest', 'fast-check'];

export default defineConfig([
  {
    entry: present(library),
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    splitting: true,
    target: 'node20',
    external,
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
  },
]);
