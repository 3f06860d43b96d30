import { describe, expect, it } from 'vitest';
import { fillCampaign, projectLedger } from '../../bench/readmodel-scenarios';
import { createMemoryStore } from '../../adapters/memory/index';
import { createCampaignRegistry } from '../../src/campaign/registry';
import { problemLedger } from '../../src/readmodels/ledger';
import { problemLedgerProjection } from '../../src/readmodels/projection';
import { project, type RecordedEvent } from '../../src/eventsourcing/index';

describe('the project-ledger bench scenario', () => {
  it('writes valid campaign events and folds every one of them into the ledger', async () => {
    const store = createMemoryStore({ registry: createCampaignRegistry() });
    await fillCampaign(store, 500);
    const all: RecordedEvent[] = [];
    for await (const e of store.readAll()) all.push(e);
    expect(await projectLedger(store)).toBe(all.length);
    const rows = problemLedger(project(problemLedgerProjection(), all), { now: '2019-06-01T00:00:00Z' });
    expect(rows.length).toBe(all.filter((e) => e.type === 'problem.identified').length);
    expect(rows.every((r) => r.status === 'closed' && r.colour === 'green')).toBe(true);
  });
});
