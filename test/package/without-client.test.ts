/**
 * The EventStoreDB entry point of the packed package, installed without one or both of its optional
 * clients: importing it never throws (from ESM or CommonJS), and a missing client is a typed
 * StoreUnavailable naming the package to install when a store is opened, never a thrown
 * MODULE_NOT_FOUND. `npm test` builds first; the package is packed once per build.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { consumer, node, packed, packedWithout, type Packed } from './pack';

const ESDB = '@eventstore/db-client';
const KURRENT = '@kurrent/kurrentdb-client';
/** Nothing listens on port 1: the server cannot be reached. */
const UNREACHABLE = 'esdb://127.0.0.1:1?tls=false';

let full: Packed;
beforeAll(async () => {
  full = await packed();
}, 180_000);

/** Runs an ES module in a consumer project of `home`; returns what it printed, as JSON. */
const esm = (home: Packed, name: string, code: string): unknown => {
  const dir = consumer(home, name, { 'package.json': JSON.stringify({ name, private: true, type: 'module' }), 'main.mjs': code });
  return JSON.parse(node(dir, ['main.mjs']));
};

/** What an open gave, or what an operation on the opened store gave, as plain data. */
const report = `
  const tagOf = (x) => x._tag === 'Left' ? { left: x.left._tag, message: x.left.message } : { right: true };
`;

describe('the EventStoreDB entry point without its clients', () => {
  it('imports without either client; opening is a StoreUnavailable naming the package, never a throw', { timeout: 60_000 }, () => {
    const home = packedWithout(full, 'no-esdb-client', [ESDB, KURRENT]);
    const out = esm(home, 'no-client', `${report}
      const e = await import('campaign-ledger/adapters/eventstoredb');
      const auto = await e.openEventStoreDbStore({ connectionString: ${JSON.stringify(UNREACHABLE)} });
      const esdb = await e.openEventStoreDbStore({ connectionString: ${JSON.stringify(UNREACHABLE)}, driver: '${ESDB}' });
      const kurrent = await e.openEventStoreDbStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false' });
      let created;
      try {
        e.createEventStoreDbStore({ connectionString: ${JSON.stringify(UNREACHABLE)} });
        created = 'made';
      } catch (x) {
        created = { name: x.name, left: x.error._tag, message: x.error.message };
      }
      console.log(JSON.stringify({ auto: tagOf(auto), esdb: tagOf(esdb), kurrent: tagOf(kurrent), created }));
    `) as Record<string, { left: string; message: string; name?: string }>;
    expect(out.auto).toMatchObject({ left: 'StoreUnavailable' });
    expect(out.auto?.message).toContain(`"${KURRENT}" is not installed`);
    expect(out.auto?.message).toContain(`npm install ${KURRENT}@1`);
    expect(out.esdb).toMatchObject({ left: 'StoreUnavailable' });
    expect(out.esdb?.message).toContain(`npm install ${ESDB}@6.2.1`);
    expect(out.kurrent?.message).toContain(`npm install ${KURRENT}@1`);
    expect(out.created).toMatchObject({ name: 'LedgerFailure', left: 'StoreUnavailable' });
    expect(out.created?.message).toContain(`npm install ${ESDB}@6.2.1`);
    expect(out.created?.message).toContain('openEventStoreDbStore');
  });

  it('requires from CommonJS without either client', () => {
    const home = packedWithout(full, 'no-esdb-client-cjs', [ESDB, KURRENT]);
    const dir = consumer(home, 'no-client-cjs', {
      'package.json': JSON.stringify({ name: 'no-client-cjs', private: true, type: 'commonjs' }),
      'main.js': `
        const e = require('campaign-ledger/adapters/eventstoredb');
        e.openEventStoreDbStore({ connectionString: ${JSON.stringify(UNREACHABLE)}, driver: '${ESDB}' })
          .then((r) => console.log(typeof e.createEventStoreDbStore, r._tag, r.left._tag, r.left.message.includes('npm install ${ESDB}@6.2.1')));
      `,
    });
    expect(node(dir, ['main.js'])).toBe('function Left StoreUnavailable true');
  });

  it(`opens with ${KURRENT} alone; an unreachable server is a StoreUnavailable from the operation, never a throw`, { timeout: 60_000 }, () => {
    const home = packedWithout(full, 'kurrent-only', [ESDB]);
    const out = esm(home, 'kurrent-only', `${report}
      const e = await import('campaign-ledger/adapters/eventstoredb');
      const opened = await e.openEventStoreDbStore({ connectionString: ${JSON.stringify(UNREACHABLE)} });
      if (opened._tag === 'Left') {
        console.log(JSON.stringify({ opened: tagOf(opened) }));
      } else {
        const store = opened.right;
        const head = await store.streamHead('s')();
        const appended = await store.append('s', [{ eventId: '00000000-0000-4000-8000-000000000001', type: 'T', schemaVersion: 1, data: {}, metadata: { actor: { id: 'a', posts: [] }, correlationId: 'c', causationId: 'c', recordedAt: '2019-01-01T00:00:00.000Z', effectiveAt: '2019-01-01T00:00:00.000Z' } }], 'no_stream')();
        await store.close();
        console.log(JSON.stringify({ opened: tagOf(opened), kurrentClient: store.client instanceof (await import('${KURRENT}')).KurrentDBClient, head: tagOf(head), appended: tagOf(appended) }));
      }
    `) as Record<string, unknown>;
    expect(out.opened).toEqual({ right: true });
    expect(out.kurrentClient).toBe(true);
    expect(out.head).toMatchObject({ left: 'StoreUnavailable' });
    expect(String((out.head as { message: string }).message)).toContain('127.0.0.1:1');
    expect(out.appended).toMatchObject({ left: 'StoreUnavailable' });
  });
});
