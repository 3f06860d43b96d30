import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import { generateProvince, provinceCourts } from '../../bench/province';
import { createDigest } from '../../src/audit/digest';
import { verifyStore } from '../../src/audit/verify';
import { createCampaignRegistry } from '../../src/campaign/registry';
import { runProjection } from '../../src/eventsourcing/projection';
import type { EventStore } from '../../src/eventsourcing/store';
import { dashboard } from '../../src/readmodels/dashboard';
import { campaignReadModel } from '../../src/readmodels/projection';

const EVENTS = 20_000;

const right = <T>(r: { _tag: 'Left'; left: { message: string } } | { _tag: 'Right'; right: T }): T => {
  if (r._tag === 'Left') throw new Error(r.left.message);
  return r.right;
};

const trail = async (seed: number) => {
  const store: EventStore = createMemoryStore({ registry: createCampaignRegistry() });
  const summary = await generateProvince(store, { events: EVENTS, seed });
  const digest = right(await createDigest(store, { at: summary.lastRecordedAt })());
  return { store, summary, digest };
};

describe('the province bench trail', () => {
  it('is exactly the asked size, passes verification and folds into every read model', async () => {
    const { store, summary, digest } = await trail(7);
    expect(summary.events).toBe(EVENTS);
    expect(digest.treeSize).toBe(EVENTS);
    const report = right(await verifyStore(store)());
    expect(report.ok).toBe(true);
    expect(report.events).toBe(EVENTS);
    // The read models apply every event (an unknown entity or a second creation would stop the fold).
    const folded = right(await runProjection(store, undefined, campaignReadModel())());
    const d = dashboard(folded.state, { now: summary.lastRecordedAt });
    expect(Object.keys(folded.state.catalog.courts).sort()).toEqual(provinceCourts().map((c) => c.courtId).sort());
    expect(d.tasks.total).toBe(37);
    expect(d.problems.total).toBeGreaterThan(0);
    expect(d.problems.closed).toBeGreaterThan(0);
    expect(d.reports.byCourt.length).toBeGreaterThan(0);
    const types = new Set<string>();
    for await (const e of store.readAll()) types.add(e.type.slice(0, e.type.indexOf('.')));
    expect([...types].sort()).toEqual(['accountability', 'campaign', 'follow_up', 'inspection', 'ledger_number', 'organization', 'problem', 'regulation', 'report', 'supervision', 'supervision_number', 'task']);
  });

  it('is the same trail for the same seed, another for another seed', async () => {
    const [a, b, c] = [await trail(7), await trail(7), await trail(8)];
    expect(b.digest.rootHash).toBe(a.digest.rootHash);
    expect(c.digest.rootHash).not.toBe(a.digest.rootHash);
  });

  it('refuses a size that is not a positive integer, writing nothing', async () => {
    const store = createMemoryStore({ registry: createCampaignRegistry() });
    await expect(generateProvince(store, { events: 0 })).rejects.toThrow(RangeError);
    await expect(generateProvince(store, { events: 1.5 })).rejects.toThrow(RangeError);
    let n = 0;
    for await (const _ of store.readAll()) n++;
    expect(n).toBe(0);
  });
});
