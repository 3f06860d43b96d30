// `npm run example:http`: bundles the TypeScript example (with the SDK sources it imports) into
// .tmp/http-service/ with tsup, a development dependency of this repository, and runs it. Node 20
// cannot run TypeScript itself; in your own project you would import the built package instead.
// Fastify stays external (loaded from node_modules), as do the native and optional store clients.
import { build } from 'tsup';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const outDir = resolve('.tmp/http-service');
await build({
  entry: { main: 'examples/http-service/main.ts' },
  outDir, format: ['esm'], platform: 'node', target: 'node20', config: false, silent: true,
  dts: false, sourcemap: true, splitting: false, clean: true,
  noExternal: [/^(?!better-sqlite3$|@eventstore\/db-client|fastify$)/], external: ['better-sqlite3', '@eventstore/db-client', 'fastify'],
});
await import(pathToFileURL(resolve(outDir, 'main.js')).href);
