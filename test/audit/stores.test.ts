/**
 * The audit trail on every store: the same seeded history on memory, SQLite, PostgreSQL and
 * EventStoreDB (the in-process test server) gives the same hashes and digest root, verifies, exports, imports
 * across stores and replays as of any moment alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import { openSqliteStore } from '../../adapters/sqlite/index';
import { stateAsOf } from '../../src/audit/as-of';
import { createDigest } from '../../src/audit/digest';
import { exportTrail, verifyTrailFile } from '../../src/audit/export';
import { importTrail } from '../../src/audit/import';
import { timeline } from '../../src/audit/timeline';
import { verifyStore } from '../../src/audit/verify';
import { createCommandHandler, type EventStore, type RecordedEvent } from '../../src/eventsourcing/index';
import type { EsdbTestServer } from '../support/esdb-server';
import { startServer, storeOn } from '../eventstoredb/helpers';
import { openPostgresStore } from '../../adapters/postgresql/index';
import { PG_URL, schemas } from '../postgresql/helpers';
import { caseDecider, caseRegistry, steppingClock, uuids, type CaseCommand } from './fixtures';
import { unwrap } from '../../src/eventsourcing/runnable';

const ok = async <A>(te: () => Promise<E.Either<{ message: string }, A>>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const all = async (store: EventStore) => { const out: RecordedEvent[] = []; for await (const e of store.readAll()) out.push(e); return out; };

const dir = mkdtempSync(join(tmpdir(), 'audit-stores-'));
let server: EsdbTestServer;
beforeAll(async () => { server = await startServer(); });
const made = schemas('audit');
afterAll(async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); await made.dropAll(); });

let files = 0;
const factories: Record<string, () => Promise<EventStore>> = {
  memory: async () => createMemoryStore({ registry: caseRegistry }),
  sqlite: () => unwrap(openSqliteStore({ path: join(dir, `s-${files++}.db`), registry: caseRegistry })),
  eventstoredb: async () => storeOn(server, { registry: caseRegistry }),
  postgresql: () => unwrap(openPostgresStore({ connectionString: PG_URL, schema: made.name(), registry: caseRegistry })),
};

/** The same seeded history on any store. */
const history = async (store: EventStore) => {
  const handler = createCommandHandler({ store, registry: caseRegistry, clock: steppingClock(Date.parse('2024-02-01T00:00:00.000Z'), 3_600_000), ids: uuids(7) });
  const actor = { id: 'alice', posts: ['judge'], unit: 'court-a' };
  const steps: [string, CaseCommand, string?][] = [
    ['case-1', { kind: 'open', title: '逾期立案', dept: '立案庭' }],
    ['case-2', { kind: 'open', title: 'lost file', dept: 'archive' }, '2024-01-01T00:00:00.000Z'],
    ['case-1', { kind: 'measure', measure: '培训' }],
    ['case-2', { kind: 'close' }],
    ['case-1', { kind: 'rename', title: '逾期立案（复查）' }],
    ['case-2', { kind: 'reopen' }],
  ];
  for (const [stream, cmd, effectiveAt] of steps) await ok(handler.handle(caseDecider, stream, cmd, { actor, reason: 'audit test', effectiveAt }));
};

const reference = async () => { const s = await factories.memory!(); await history(s); return s; };

describe.each(Object.keys(factories))('audit on the %s store', (name) => {
  it('gives the same hashes and digest root as every other store, and verifies', async () => {
    const store = await factories[name]!();
    await history(store);
    const ref = await reference();
    expect((await all(store)).map((e) => e.hash)).toEqual((await all(ref)).map((e) => e.hash));
    const at = '2024-03-01T00:00:00.000Z';
    const digest = await ok(createDigest(store, { at }));
    expect(digest.rootHash).toBe((await ok(createDigest(ref, { at }))).rootHash);
    for (const source of ['auto', 'envelopes'] as const) {
      const report = await ok(verifyStore(store, { source, against: digest }));
      expect(report).toMatchObject({ ok: true, events: 6, streams: 2, assurance: 'external-digest' });
    }
    if (store.readRaw) expect((await ok(verifyStore(store, { source: 'both' }))).ok).toBe(true);
    await store.close();
  });

  it('exports a file that verifies offline and imports into another store with every hash', async () => {
    const store = await factories[name]!();
    await history(store);
    const path = join(dir, `${name}-${files++}.jsonl`);
    const { digest } = await ok(exportTrail(store, path));
    expect((await ok(verifyTrailFile(path, { against: digest }))).ok).toBe(true);
    const target = await factories[name === 'memory' ? 'sqlite' : 'memory']!();
    const imported = await ok(importTrail(path, target, { registry: caseRegistry }));
    expect(imported.digest.rootHash).toBe(digest.rootHash);
    const back = await factories[name]!();
    const refPath = join(dir, `ref-${files++}.jsonl`);
    await ok(exportTrail(await reference(), refPath));
    await ok(importTrail(refPath, back));
    expect((await all(back)).map((e) => [e.eventId, e.revision, e.hash])).toEqual((await all(store)).map((e) => [e.eventId, e.revision, e.hash]));
    await Promise.all([store.close(), target.close(), back.close()]);
  });

  it('replays as of a time and a position, and lists timelines, like the memory store', async () => {
    const store = await factories[name]!();
    await history(store);
    const events = await all(store);
    const third = events[2] as RecordedEvent;
    const byTime = await ok(stateAsOf(store, 'case-1', caseDecider, { recordedAt: third.metadata.recordedAt }));
    expect(byTime.state).toMatchObject({ status: 'open', title: '逾期立案', measures: ['培训'] });
    const byPos = await ok(stateAsOf(store, 'case-2', caseDecider, { position: third.position }));
    expect(byPos.state).toMatchObject({ status: 'open', title: 'lost file' });
    const byEffective = await ok(stateAsOf(store, 'case-2', caseDecider, { effectiveAt: '2024-01-15T00:00:00.000Z' }));
    expect(byEffective).toMatchObject({ applied: 1, backdated: [{ revision: 0n }] });
    const t = await ok(timeline(store, { actor: 'alice' }));
    expect(t.map((x) => [x.streamId, x.type, x.reason])).toEqual(events.map((e) => [e.streamId, e.type, 'audit test']));
    await store.close();
  });
});
