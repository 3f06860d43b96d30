/**
 * Imports the built package the way a user would (by its name, through the `exports` map), from
 * ESM and from CommonJS, so a broken exports map fails here. `npm test` builds first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, unknown> };

const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }).trim();

describe('the built package', () => {
  it('has been built (run `npm run build`)', () => {
    expect(existsSync(`${root}dist/index.js`), 'dist/ is missing: run `npm run build`').toBe(true);
  });

  it('points every export at a file that exists', () => {
    const files: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') files.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(pkg.exports);
    for (const f of files) expect(existsSync(`${root}${f}`), f).toBe(true);
  });

  it('loads from ESM by name', () => {
    const out = run(['--input-type=module', '-e', `
      const core = await import('campaign-ledger');
      const mem = await import('campaign-ledger/adapters/memory');
      const store = mem.createMemoryStore();
      const r = await store.append('s', [{ eventId: '00000000-0000-4000-8000-000000000001', type: 'T', schemaVersion: 1, data: {}, metadata: { actor: { id: 'a', posts: [] }, correlationId: 'c', causationId: 'c', recordedAt: '2019-01-01T00:00:00.000Z', effectiveAt: '2019-01-01T00:00:00.000Z' } }], 'no_stream')();
      console.log(typeof core.createCampaignLedger, r._tag, core.GENESIS_HASH.length);
    `]);
    expect(out).toBe('function Right 64');
  });

  it('loads from CommonJS by name', () => {
    const out = run(['-e', `
      const core = require('campaign-ledger');
      const mem = require('campaign-ledger/adapters/memory');
      console.log(typeof core.canonicalJson, typeof mem.createMemoryStore, core.canonicalJson({ b: 1, a: [2n] }));
    `]);
    expect(out).toBe('function function {"a":["2"],"b":1}');
  });

  it('loads the SQLite and EventStoreDB entry points by name from ESM and CommonJS', () => {
    const esm = run(['--input-type=module', '-e', `
      const s = await import('campaign-ledger/adapters/sqlite');
      const e = await import('campaign-ledger/adapters/eventstoredb');
      const opened = await s.openSqliteStore({ path: ':memory:' });
      const store = opened.right;
      const head = await store.streamHead('x')();
      await store.close();
      console.log(typeof e.createEventStoreDbStore, head._tag);
    `]);
    expect(esm).toBe('function Right');
    const cjs = run(['-e', `
      const s = require('campaign-ledger/adapters/sqlite');
      const e = require('campaign-ledger/adapters/eventstoredb');
      console.log(typeof s.openSqliteStore, typeof e.createEventStoreDbStore);
    `]);
    expect(cjs).toBe('function function');
  });

  it('loads the PostgreSQL entry point by name from ESM and CommonJS (the driver only when a store opens)', () => {
    const esm = run(['--input-type=module', '-e', `
      const p = await import('campaign-ledger/adapters/postgresql');
      const r = await p.openPostgresStore({ connectionString: 'mysql://x' }).then((e) => e.left._tag);
      console.log(typeof p.openPostgresStore, p.DEFAULT_SCHEMA, r);
    `]);
    expect(esm).toBe('function campaign_ledger ValidationFailed');
    const cjs = run(['-e', `
      const p = require('campaign-ledger/adapters/postgresql');
      console.log(typeof p.openPostgresStore);
    `]);
    expect(cjs).toBe('function');
  });

  it('exposes the testing helpers to ESM only', () => {
    const out = run(['--input-type=module', '-e', `
      const t = await import('campaign-ledger/testing');
      console.log(typeof t.runStoreContract, typeof t.deciderSpec);
    `]);
    expect(out).toBe('function function');
  });

  it('does not need a store driver to load the core and the memory store', () => {
    const out = run(['-e', `
      const Module = require('node:module');
      const orig = Module._resolveFilename;
      Module._resolveFilename = function (req, ...rest) {
        if (req === 'better-sqlite3' || req === 'pg' || req.startsWith('@eventstore/')) throw new Error('driver loaded: ' + req);
        return orig.call(this, req, ...rest);
      };
      require('campaign-ledger'); require('campaign-ledger/adapters/memory');
      console.log('ok');
    `]);
    expect(out).toBe('ok');
  });
});
