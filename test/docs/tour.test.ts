/**
 * The README's five-minute tour. The README quotes the block between the `tour` markers, so
 * what newcomers read is exactly what runs here.
 */
import { describe, expect, it } from 'vitest';

describe('README tour', () => {
  it('runs', async () => {
    // tour:start
    const { createCampaignLedger, createCampaignRegistry, campaignReadModel, runProjection, dashboard, verifyStore, createDigest } =
      await import('campaign-ledger');
    const { createMemoryStore } = await import('campaign-ledger/adapters/memory');

    // A store (memory here; SQLite and EventStoreDB are separate entry points) and the ledger.
    const store = createMemoryStore({ registry: createCampaignRegistry() });
    const ledger = createCampaignLedger({ store, namespace: 'demo-2019' });
    const run = async <A>(command: () => Promise<{ _tag: 'Left'; left: { message: string } } | { _tag: 'Right'; right: A }>) => {
      const result = await command();
      if (result._tag === 'Left') throw new Error(result.left.message); // every failure is a typed value
      return result.right;
    };

    // The organization: a court, its departments, people and their posts.
    const org = ledger.organization;
    await run(org.establish('admin', { court: { courtId: 'CITY', name: '市中院' }, administrator: { personId: 'admin', name: 'Admin', department: '办公室' } }));
    await run(org.registerDepartment('admin', { courtId: 'CITY', department: '执行局' }));
    await run(org.registerDepartment('admin', { courtId: 'CITY', department: '审管办' }));
    await run(org.registerPerson('admin', { personId: 'president', name: '院长', courtId: 'CITY', posts: ['court_president'] }));
    await run(org.registerPerson('admin', { personId: 'clerk', name: '执行干警', courtId: 'CITY', department: '执行局', posts: ['staff'] }));
    await run(org.registerPerson('admin', { personId: 'checker', name: '核查员', courtId: 'CITY', department: '审管办', posts: ['verifier'] }));

    // The campaign, its office (whose members act as the campaign office) and the leading group's leader.
    await run(ledger.campaign.launch('president', { name: '加强管理年', organizerCourtId: 'CITY', startYear: 2019, endYear: 2021 }));
    await run(ledger.campaign.establishOffice('president', { name: '领导小组办公室', courtId: 'CITY', department: '办公室' }));
    await run(ledger.campaign.appointLeadingGroupMember('president', { personId: 'president', role: 'leader' }));

    // A problem: identified, entered in the ledger, rectified, verified independently, closed off.
    const p = ledger.problem;
    await run(p.identify('clerk', {
      problemId: 'P-1', courtId: 'CITY', source: 'self_inspection', title: '案款发放不及时',
      description: '部分案款超期未发放', criterion: '案款管理规定', severity: 'moderate', department: '执行局',
    }));
    await run(p.register('admin', { problemId: 'P-1' }));
    await run(p.assignResponsibility('president', { problemId: 'P-1', leaderId: 'president', department: '执行局', personId: 'clerk' }));
    await run(p.planMeasure('clerk', { problemId: 'P-1', measureId: 'M1', content: '清理超期案款', deadline: '2029-06-30' }));
    await run(p.completeMeasure('clerk', { problemId: 'P-1', measureId: 'M1', note: '已全部发放' }));
    await run(p.attachEvidence('clerk', { problemId: 'P-1', evidence: { sha256: 'a'.repeat(64), description: '发放记录' } }));
    await run(p.requestClosure('clerk', { problemId: 'P-1', summary: '整改完成' }));
    const refused = await p.verify('clerk', { problemId: 'P-1', note: '自己核查自己' })();
    expect(refused._tag === 'Left' && refused.left._tag).toBe('NotAuthorized'); // not a verifier
    await run(p.verify('checker', { problemId: 'P-1', note: '核查属实' }));
    // Closing off (销号) takes four eyes: the office proposes, someone else with the right approves.
    await run(p.propose('admin', { problemId: 'P-1', proposalId: 'C-1', action: { kind: 'close' } }));
    const closed = await run(p.approve('president', { problemId: 'P-1', proposalId: 'C-1' }));
    expect(closed.state.status).toBe('closed');

    // Read models are folds over the events; dates are judged at an explicit `now`.
    const model = await run(runProjection(store, store.checkpoints, campaignReadModel({ namespace: 'demo-2019' })));
    const board = dashboard(model.state, { now: new Date().toISOString() });
    expect(board.problems).toMatchObject({ total: 1, closed: 1, rectificationRate: 1 });

    // The audit trail: every chain verified, and a digest to hand to the auditors.
    const report = await run(verifyStore(store));
    expect(report.ok).toBe(true);
    const digest = await run(createDigest(store));
    expect(digest.treeSize).toBe(report.events);
    // tour:end
  });
});
