/**
 * The README's five-minute tour, as an application writes it: static imports of the package's
 * entry points, compiled strict under `nodenext`. `test/docs/tour.test.ts` runs it against the
 * repository's build; `test/package/example-consumer.test.ts` installs the packed tarball into a
 * copy of this project, compiles it with `tsc` and runs it with Node.
 */
// tour:start
import assert from 'node:assert/strict';
import {
  createCampaignLedger, createCampaignRegistry, campaignReadModel, runProjection, dashboard, verifyStore, createDigest,
  unwrap, orThrow, toJson,
} from 'campaign-ledger';
import { createMemoryStore } from 'campaign-ledger/adapters/memory';

// A store (memory here; SQLite, PostgreSQL and EventStoreDB are separate entry points) and the ledger.
// What can fail answers with an Either (here: a namespace that is not one); `orThrow` gives its Right
// or throws a LedgerFailure carrying the error, and `unwrap` does the same for a command it runs.
const store = createMemoryStore({ registry: createCampaignRegistry() });
const ledger = orThrow(createCampaignLedger({ store, namespace: 'demo-2019' }));

// The organization: a court, its departments, people and their posts.
const org = ledger.organization;
await unwrap(org.establish('admin', { court: { courtId: 'CITY', name: '市中院' }, administrator: { personId: 'admin', name: 'Admin', department: '办公室' } }));
await unwrap(org.registerDepartment('admin', { courtId: 'CITY', department: '执行局' }));
await unwrap(org.registerDepartment('admin', { courtId: 'CITY', department: '审管办' }));
await unwrap(org.registerPerson('admin', { personId: 'president', name: '院长', courtId: 'CITY', posts: ['court_president'] }));
await unwrap(org.registerPerson('admin', { personId: 'clerk', name: '执行干警', courtId: 'CITY', department: '执行局', posts: ['staff'] }));
await unwrap(org.registerPerson('admin', { personId: 'checker', name: '核查员', courtId: 'CITY', department: '审管办', posts: ['verifier'] }));

// The campaign, its office (whose members act as the campaign office) and the leading group's leader.
await unwrap(ledger.campaign.launch('president', { name: '加强管理年', organizerCourtId: 'CITY', startYear: 2019, endYear: 2021 }));
await unwrap(ledger.campaign.establishOffice('president', { name: '领导小组办公室', courtId: 'CITY', department: '办公室' }));
await unwrap(ledger.campaign.appointLeadingGroupMember('president', { personId: 'president', role: 'leader' }));

// A problem: identified, entered in the ledger, rectified, verified independently, closed off.
const p = ledger.problem;
await unwrap(p.identify('clerk', {
  problemId: 'P-1', courtId: 'CITY', source: 'self_inspection', title: '案款发放不及时',
  description: '部分案款超期未发放', criterion: '案款管理规定', severity: 'moderate', department: '执行局',
}));
await unwrap(p.register('admin', { problemId: 'P-1' }));
await unwrap(p.assignResponsibility('president', { problemId: 'P-1', leaderId: 'president', department: '执行局', personId: 'clerk' }));
await unwrap(p.planMeasure('clerk', { problemId: 'P-1', measureId: 'M1', content: '清理超期案款', deadline: '2029-06-30' }));
await unwrap(p.completeMeasure('clerk', { problemId: 'P-1', measureId: 'M1', note: '已全部发放' }));
await unwrap(p.attachEvidence('clerk', { problemId: 'P-1', evidence: { sha256: 'a'.repeat(64), description: '发放记录' } }));
await unwrap(p.requestClosure('clerk', { problemId: 'P-1', summary: '整改完成' }));
const refused = await p.verify('clerk', { problemId: 'P-1', note: '自己核查自己' }); // awaiting runs it; a refusal is a value
assert.equal(refused._tag === 'Left' && refused.left._tag, 'NotAuthorized'); // not a verifier
await unwrap(p.verify('checker', { problemId: 'P-1', note: '核查属实' }));
// Closing off (销号) takes four eyes: the office proposes, someone else with the right approves.
await unwrap(p.propose('admin', { problemId: 'P-1', proposalId: 'C-1', action: { kind: 'close' } }));
const closed = await unwrap(p.approve('president', { problemId: 'P-1', proposalId: 'C-1' }));
assert.equal(closed.state.status, 'closed');

// Read models are folds over the events; dates are judged at an explicit `now`.
const model = await unwrap(runProjection(store, store.checkpoints, campaignReadModel({ namespace: 'demo-2019' })));
const board = dashboard(model.state, { now: new Date().toISOString() });
assert.deepEqual([board.problems.total, board.problems.closed, board.problems.rectificationRate], [1, 1, 1]);

// The audit trail: every chain verified, and a digest to hand to the auditors (as JSON: bigints become strings).
const report = await unwrap(verifyStore(store));
assert.equal(report.ok, true);
const digest = await unwrap(createDigest(store));
assert.equal(digest.treeSize, report.events);
console.log(toJson({ closed: closed.state.status, treeSize: digest.treeSize, rootHash: digest.rootHash }));
// tour:end
