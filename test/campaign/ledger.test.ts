import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import { createCampaignLedger } from '../../src/campaign/ledger';
import { campaignStreams } from '../../src/campaign/streams';
import { fails, ok, testLedger } from './support/ledger-world';
import { NS } from './support/world';
import { orThrow } from '../../src/eventsourcing/runnable';

const identify = {
  problemId: 'P-1', courtId: 'NANGUAN', department: '执行局', source: 'self_inspection' as const, title: '执行案款发放超期',
  description: '部分案款未按期发放', criterion: '案款发放期限规定', severity: 'moderate' as const,
};

describe('facade: validation, actor resolution, metadata', () => {
  it('refuses invalid input with errors naming each field, storing nothing', async () => {
    const t = await testLedger();
    const before = (await t.all()).length;
    const e = await fails(t.ledger.task.issue('office1', {
      taskId: 'T 1', number: 0, categoryId: '1', title: '', leadDepartments: [], scopeCourts: ['NANGUAN'], dueDate: '2019-13-40',
    } as never));
    expect(e._tag).toBe('ValidationFailed');
    const paths = e._tag === 'ValidationFailed' ? e.issues.map((i) => i.path) : [];
    expect(paths).toEqual(expect.arrayContaining(['taskId', 'number', 'title', 'leadDepartments', 'dueDate']));
    expect(e.message).toContain('dueDate: expected ISO date, got "2019-13-40"');
    expect((await t.all()).length).toBe(before);
  });
  it('names nested fields and options', async () => {
    const t = await testLedger();
    const e = await fails(t.ledger.problem.markLongTerm('ng-president', { problemId: 'P-1', reason: 'x', milestones: [{ milestoneId: 'S1', content: 'x', due: 'soon' }] }));
    expect(e.message).toContain('milestones[0].due: expected ISO date');
    const o = await fails(t.ledger.problem.identify('ng-staff', identify, { effectiveAt: 'yesterday' }));
    expect(o.message).toContain('options.effectiveAt');
    const a = await fails(t.ledger.problem.identify('', identify));
    expect(a.message).toContain('actorId');
  });
  it('drops fields the command does not name', async () => {
    const t = await testLedger();
    const r = await ok(t.ledger.problem.identify('ng-staff', { ...identify, injected: 'x' } as never));
    expect(r.events[0]?.data).not.toHaveProperty('injected');
  });
  it('refuses an unknown actor as NotAuthorized and stores nothing', async () => {
    const t = await testLedger();
    const before = (await t.all()).length;
    const e = await fails(t.ledger.problem.identify('mallory', identify));
    expect(e).toMatchObject({ _tag: 'NotAuthorized', actorId: 'mallory' });
    expect((await t.all()).length).toBe(before);
  });
  it('records the resolved actor (posts and unit), reason, effective time and trusted recorded time', async () => {
    const t = await testLedger();
    t.setNow('2019-06-03T01:00:00.000Z');
    const r = await ok(t.ledger.problem.identify('ng-staff', identify, { effectiveAt: '2019-06-01T00:00:00.000Z', reason: '自查' }));
    expect(r.events[0]?.metadata).toMatchObject({
      actor: { id: 'ng-staff', posts: ['staff'], unit: 'NANGUAN/执行局' }, reason: '自查',
      recordedAt: '2019-06-03T01:00:00.000Z', effectiveAt: '2019-06-01T00:00:00.000Z',
    });
    const w = await ok(t.ledger.problem.correct('ng-president', { problemId: 'P-1', reason: '误报', severity: 'minor' }));
    expect(w.events[0]?.metadata.reason).toBe('误报');
    expect(w.events[0]?.metadata.actor.posts).toEqual(['court_president', 'first_responsible']);
  });
  it('refuses an effective time in the future', async () => {
    const t = await testLedger();
    const e = await fails(t.ledger.problem.identify('ng-staff', identify, { effectiveAt: '2019-06-05T00:00:00.000Z' }));
    expect(e).toMatchObject({ _tag: 'RuleViolated', rule: 'effective_at.in_future' });
  });
  it('founds an organization from nothing: only the establish command, only for oneself', async () => {
    const store = createMemoryStore();
    const ledger = orThrow(createCampaignLedger({ store, namespace: 'n1' }));
    const court = { courtId: 'CITY', name: '市中院' };
    expect(await fails(ledger.organization.registerCourt('root', { ...court, level: 'intermediate' }))).toMatchObject({ _tag: 'NotAuthorized' });
    expect(await fails(ledger.organization.establish('root', { court, administrator: { personId: 'someone', name: 'x' } }))).toMatchObject({ _tag: 'NotAuthorized', actorId: 'root' });
    await ok(ledger.organization.establish('root', { court, administrator: { personId: 'root', name: 'Root' } }));
    expect(await ok(ledger.load.actor('root'))).toEqual({ id: 'root', posts: ['system'], unit: 'CITY' });
  });
  it('answers a bad namespace or cache size with a ValidationFailed naming it (never a throw), and stores nothing', async () => {
    const store = createMemoryStore();
    for (const namespace of ['a/b', '', '-x', 'x'.repeat(65), null as unknown as string, 7 as unknown as string]) {
      const created = createCampaignLedger({ store, namespace });
      expect(created, String(namespace)).toMatchObject({ _tag: 'Left', left: { _tag: 'ValidationFailed', issues: [{ path: 'namespace' }] } });
      expect(campaignStreams(namespace)).toEqual(created);
    }
    expect(createCampaignLedger({ store, namespace: 'ok-1' })._tag).toBe('Right');
    for (const cachedStreams of [-1, 1.5, Number.NaN]) {
      expect(createCampaignLedger({ store, namespace: 'ok-1', cachedStreams })).toMatchObject({ _tag: 'Left', left: { _tag: 'ValidationFailed', issues: [{ path: 'cachedStreams' }] } });
    }
    expect((await store.streamHead('a/b/organization')())._tag).toBe('Right');
    let events = 0;
    for await (const _ of store.readAll()) events += 1;
    expect(events).toBe(0);
  });
  it('keeps every stream of a campaign under its namespace', async () => {
    const t = await testLedger();
    await ok(t.ledger.problem.identify('ng-staff', identify));
    const other = orThrow(createCampaignLedger({ store: t.store, namespace: `${NS}-b` }));
    await ok(other.organization.establish('x', { court: { courtId: 'C', name: 'c' }, administrator: { personId: 'x', name: 'x' } }));
    const ids = new Set((await t.all()).map((e) => e.streamId));
    expect([...ids].every((s) => s.startsWith(`${NS}/`))).toBe(true);
    expect(ids.has(`${NS}/problem/P-1`)).toBe(true);
    expect(ids.has(`${NS}/organization`)).toBe(true);
  });
});

describe('facade: the problem life cycle end to end', () => {
  it('identifies, registers, rectifies, verifies independently and closes off', async () => {
    const t = await testLedger();
    const L = t.ledger;
    await ok(L.problem.identify('ng-staff', identify));
    const reg = await ok(L.problem.register('ng-office', { problemId: 'P-1' }));
    expect(reg.state.ledgerNumber).toBe('NANGUAN-2019-0001');
    await ok(L.problem.assignResponsibility('ng-president', { problemId: 'P-1', leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
    await ok(L.problem.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', content: '清理案款', deadline: '2019-06-30' }));
    await ok(L.problem.completeMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', note: '已完成' }));
    await ok(L.problem.attachEvidence('ng-staff', { problemId: 'P-1', evidence: { sha256: 'a'.repeat(64), description: '发放记录' } }));
    await ok(L.problem.requestClosure('ng-staff', { problemId: 'P-1', summary: '整改完成' }));
    const bad = await fails(L.problem.verify('ng-exec-verifier', { problemId: 'P-1', note: 'x' }));
    expect(bad).toMatchObject({ _tag: 'NotAuthorized', right: 'problem.verify', rule: 'problem.verify.not_independent' });
    await ok(L.problem.verify('ng-verifier', { problemId: 'P-1', note: '核查属实' }));
    await ok(L.problem.propose('ng-office', { problemId: 'P-1', proposalId: 'C1', action: { kind: 'close' } }));
    const closed = await ok(L.problem.approve('ng-office-head', { problemId: 'P-1', proposalId: 'C1' }));
    expect(closed.events[0]?.data).toMatchObject({ proposalId: 'C1', proposedBy: 'ng-office', approvedBy: 'ng-office-head' });
    expect(closed.state.status).toBe('closed');
    const loaded = await ok(L.load.problem('P-1'));
    expect(loaded.state.status).toBe('closed');
    expect(loaded.revision).toBe(closed.revision);
  });
  it('a refused register reserves no number', async () => {
    const t = await testLedger();
    await ok(t.ledger.problem.identify('ng-staff', identify));
    expect(await fails(t.ledger.problem.register('ng-staff', { problemId: 'P-1' }))).toMatchObject({ _tag: 'NotAuthorized' });
    expect(await fails(t.ledger.problem.register('ng-office', { problemId: 'P-404' }))).toMatchObject({ rule: 'problem.not_found' });
    expect((await t.all()).some((e) => e.streamId.includes('/ledger-numbers/'))).toBe(false);
  });
  it('ledger numbers stay unique under concurrent registrations', async () => {
    const t = await testLedger();
    const n = 25;
    for (let i = 0; i < n; i++) await ok(t.ledger.problem.identify('ng-staff', { ...identify, problemId: `P-${i}` }));
    const results = await Promise.all(Array.from({ length: n }, (_, i) => t.ledger.problem.register('ng-office', { problemId: `P-${i}` })()));
    const numbers = results.map((r) => (r._tag === 'Right' ? r.right.state.ledgerNumber : `ERR ${r.left.message}`));
    expect(new Set(numbers).size).toBe(n);
    expect(numbers.every((x) => x?.startsWith('NANGUAN-2019-'))).toBe(true);
  });
  it('refuses a problem linked to a task or inspection that does not exist', async () => {
    const t = await testLedger();
    expect(await fails(t.ledger.problem.identify('ng-staff', { ...identify, taskId: 'T-404' }))).toMatchObject({ rule: 'problem.task.unknown' });
    expect(await fails(t.ledger.problem.identify('inspector', { ...identify, source: 'routine_inspection', inspectionId: 'I-404' })))
      .toMatchObject({ rule: 'problem.inspection.unknown' });
  });
});

describe('facade: reports up the hierarchy', () => {
  const figures = { problemsFound: 3, problemsClosed: 1, rectificationRatePercent: 33.3, overdue: 0 };
  it('a grassroots report is accepted, then consolidated into the intermediate court\'s report', async () => {
    const t = await testLedger();
    const L = t.ledger;
    const submit = { periodId: '2019-H1', found: 'x', measures: 'x', results: 'x', figures };
    t.setNow('2019-07-05T02:00:00.000Z');
    const s1 = await ok(L.report.submit('ng-president', { ...submit, courtId: 'NANGUAN' }));
    expect(s1.events[0]?.data).toMatchObject({ version: 1, onTime: true, deadline: '2019-07-10' });
    expect(await fails(L.report.consolidate('office1', { periodId: '2019-H1', courtId: 'CITY', sourceCourts: ['NANGUAN'] })))
      .toMatchObject({ rule: 'report.consolidate.not_accepted' });
    await ok(L.report.return('office1', { periodId: '2019-H1', courtId: 'NANGUAN', reason: '数据待核' }));
    t.setNow('2019-07-12T02:00:00.000Z');
    const s2 = await ok(L.report.submit('ng-president', { ...submit, courtId: 'NANGUAN', figures: { ...figures, problemsClosed: 2, rectificationRatePercent: 66.7 } }));
    expect(s2.events[0]?.data).toMatchObject({ version: 2, onTime: false });
    await ok(L.report.accept('president', { periodId: '2019-H1', courtId: 'NANGUAN', note: '收悉' }));
    const c = await ok(L.report.consolidate('office1', { periodId: '2019-H1', courtId: 'CITY', sourceCourts: ['NANGUAN'] }));
    expect(c.events[0]?.data).toMatchObject({ sources: [{ courtId: 'NANGUAN', version: 2, figures: { problemsClosed: 2 } }] });
    const city = await ok(L.report.submit('office1', { ...submit, courtId: 'CITY' }));
    expect(city.state.versions[0]?.consolidated).toHaveLength(1);
    const ng = await ok(L.load.report('2019-H1', 'NANGUAN'));
    expect(ng.state.versions.map((v) => v.figures.problemsClosed)).toEqual([1, 2]);
  });
});
