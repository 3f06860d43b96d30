import { describe, expect, it } from 'vitest';
import { drawTargets, seedCommitment } from '../../src/campaign/inspection/draw';
import { caseIdForOverdueProblem, problemIdForFinding } from '../../src/campaign/ids';
import { closeOff, fails, grantMeasureExtension, ok, testLedger, type TestLedger } from './support/ledger-world';

const seed = '0123456789abcdef0123456789abcdef';

const routineWithFinding = async (t: TestLedger) => {
  const L = t.ledger;
  await ok(L.inspection.plan('inspector', { inspectionId: 'I-1', kind: 'routine', title: '常规检查', targets: ['NANGUAN'] }));
  await ok(L.inspection.recordVisit('inspector', { inspectionId: 'I-1', courtId: 'NANGUAN', visitedOn: '2019-06-01' }));
  return ok(L.inspection.recordFinding('inspector', {
    inspectionId: 'I-1', findingId: 'F1', courtId: 'NANGUAN', department: '执行局', title: '卷宗归档滞后', description: '抽查5件均未归档',
    criterion: '归档期限规定', severity: 'minor',
  }));
};

describe('reaction: an inspection finding identifies a problem, linked both ways', () => {
  it('creates the problem, numbers it, links the finding back, with causation recorded', async () => {
    const t = await testLedger();
    const finding = await routineWithFinding(t);
    const report = await ok(t.ledger.reactions.run());
    const pid = problemIdForFinding('I-1', 'F1');
    expect(report.problemsIdentified).toEqual([pid]);
    expect(report.findingsLinked).toEqual(['I-1/F1']);
    expect(report.numbersAssigned).toEqual([{ problemId: pid, ledgerNumber: 'NANGUAN-2019-0001' }]);
    expect(report.failures).toEqual([]);
    const problem = await ok(t.ledger.load.problem(pid));
    expect(problem.state.details).toMatchObject({ source: 'routine_inspection', inspectionId: 'I-1', findingId: 'F1', courtId: 'NANGUAN' });
    expect((await ok(t.ledger.load.inspection('I-1'))).state.findings.get('F1')?.problemId).toBe(pid);
    const events = await t.all();
    const identified = events.find((e) => e.type === 'problem.identified')!;
    const linked = events.find((e) => e.type === 'inspection.finding_linked')!;
    const registered = events.find((e) => e.type === 'problem.registered')!;
    const f = finding.events[0]!;
    expect(identified.metadata).toMatchObject({ causationId: f.eventId, correlationId: f.metadata.correlationId, actor: { id: 'admin' } });
    expect(identified.metadata.actor.posts).toContain('system');
    expect(linked.metadata.causationId).toBe(identified.eventId);
    expect(registered.metadata.causationId).toBe(identified.eventId);
  });
  it('running again writes nothing', async () => {
    const t = await testLedger();
    await routineWithFinding(t);
    await ok(t.ledger.reactions.run());
    const before = await t.all();
    const again = await ok(t.ledger.reactions.run());
    expect(again).toEqual({
      problemsIdentified: [], findingsLinked: [], numbersAssigned: [], casesProposed: [], warningsGiven: [], remindersGiven: [], stepsTaken: [], failures: [],
    });
    expect((await t.all()).length).toBe(before.length);
  });
  it('two runs at once never duplicate', async () => {
    const t = await testLedger();
    await routineWithFinding(t);
    const runs = await Promise.all([t.ledger.reactions.run()(), t.ledger.reactions.run()(), t.ledger.reactions.run()()]);
    for (const r of runs) expect(r._tag === 'Right' && r.right.failures).toEqual([]);
    const events = await t.all();
    expect(events.filter((e) => e.type === 'problem.identified').length).toBe(1);
    expect(events.filter((e) => e.type === 'inspection.finding_linked').length).toBe(1);
    expect(events.filter((e) => e.type === 'problem.registered').length).toBe(1);
    expect(events.filter((e) => e.type === 'ledger_number.reserved').length).toBe(1);
  });
  it('derives event ids from the causing event', async () => {
    const a = await testLedger();
    const b = await testLedger();
    await routineWithFinding(a);
    await routineWithFinding(b);
    await ok(a.ledger.reactions.run());
    await ok(b.ledger.reactions.run());
    const ids = async (t: TestLedger) => (await t.all()).filter((e) => e.type === 'problem.identified').map((e) => e.eventId);
    expect(await ids(a)).toEqual(await ids(b));
  });
});

describe('reaction: rectification overdue past the grace proposes an accountability case', () => {
  const overdueProblem = async (t: TestLedger) => {
    const L = t.ledger;
    await ok(L.problem.identify('ng-staff', { problemId: 'P-1', courtId: 'NANGUAN', department: '执行局', source: 'self_inspection', title: 'x', description: 'x', criterion: 'x', severity: 'minor' }));
    await ok(L.problem.assignResponsibility('ng-president', { problemId: 'P-1', leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
    await ok(L.problem.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', content: 'x', deadline: '2019-06-10' }));
    await ok(L.problem.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M2', content: 'y', deadline: '2019-06-10' }));
  };
  it('waits for the grace, then proposes one case per problem (not per measure) against the responsible person, with the step on the trail', async () => {
    const t = await testLedger(true, { grace: { days: 5 } });
    await overdueProblem(t);
    t.setNow('2019-06-15T08:00:00.000Z');
    expect((await ok(t.ledger.reactions.run())).casesProposed).toEqual([]);
    t.setNow('2019-06-16T08:00:00.000Z');
    const r = await ok(t.ledger.reactions.run());
    const caseId = caseIdForOverdueProblem('P-1');
    expect(r.casesProposed).toEqual([caseId]);
    expect(r.stepsTaken).toEqual([{ problemId: 'P-1', step: 'accountability' }]);
    const c = await ok(t.ledger.load.accountability(caseId));
    expect(c.state.proposal).toMatchObject({ grounds: 'overdue_rectification', subject: { kind: 'person', personId: 'ng-staff' }, confirmed: ['overdue'] });
    expect((await ok(t.ledger.reactions.run())).casesProposed).toEqual([]);
  });
  it('a closed problem or one whose deadline was extended in time is not pursued', async () => {
    const t = await testLedger();
    await overdueProblem(t);
    t.setNow('2019-06-09T08:00:00.000Z');
    await ok(t.ledger.problem.requestExtension('ng-staff', { problemId: 'P-1', measureId: 'M1', requestId: 'X1', requestedDeadline: '2019-07-10', reason: 'x' }));
    await grantMeasureExtension(t.ledger, 'P-1', 'X1');
    await ok(t.ledger.problem.completeMeasure('ng-staff', { problemId: 'P-1', measureId: 'M2', note: 'done' }));
    t.setNow('2019-06-20T08:00:00.000Z');
    expect((await ok(t.ledger.reactions.run())).casesProposed).toEqual([]);
  });
  it('a "now" beyond the trusted clock cannot make a problem overdue', async () => {
    const t = await testLedger();
    await overdueProblem(t);
    const r = await ok(t.ledger.reactions.run(new Date('2019-07-01T00:00:00.000Z')));
    expect([r.casesProposed, r.stepsTaken, r.warningsGiven]).toEqual([[], [], []]);
    expect(r.failures.map((f) => f.error)).toMatchObject([{ rule: 'follow_up.warning.not_due' }, { rule: 'follow_up.escalation.not_overdue' }]);
  });
});

describe('unannounced inspection through the facade', () => {
  it('commits, waits for the beacon, visits the drawn target, reveals, and anyone re-draws', async () => {
    const t = await testLedger();
    const L = t.ledger;
    await ok(L.inspection.plan('inspector', { inspectionId: 'U-1', kind: 'unannounced', title: '明察暗访' }));
    await ok(L.inspection.commitSeed('inspector', { inspectionId: 'U-1', commitment: seedCommitment(seed), candidates: ['NANGUAN', 'CHAOYANG'], count: 1 }));
    expect(await ok(L.load.beacon('U-1'))).toBeUndefined();
    t.setNow('2019-06-01T17:00:00.000Z');
    expect(await fails(L.inspection.revealSeed('inspector', { inspectionId: 'U-1', seed }))).toMatchObject({ rule: 'inspection.beacon.not_available' });
    await ok(L.task.issue('office1', { taskId: 'T-01', number: 1, categoryId: '1', title: 'x', leadDepartments: ['审管办'], scopeCourts: ['NANGUAN'], dueDate: '2019-06-30' }));
    const beacon = (await ok(L.load.beacon('U-1')))!;
    expect(beacon.streamId).toBe('mgmt-2019/task/T-01');
    const [target] = drawTargets(seed, beacon.hash, ['NANGUAN', 'CHAOYANG'], 1);
    await ok(L.inspection.recordVisit('inspector', { inspectionId: 'U-1', courtId: target!, visitedOn: '2019-06-02' }));
    const r = await ok(L.inspection.revealSeed('inspector', { inspectionId: 'U-1', seed }));
    const reveal = r.state.reveal!;
    expect(reveal.targets).toEqual([target]);
    expect(reveal.undrawnVisits).toEqual([]);
    expect(drawTargets(reveal.seed, reveal.beacon.hash, r.state.commitment!.candidates, r.state.commitment!.count)).toEqual(reveal.targets);
    const stored = (await t.all()).find((e) => e.eventId === reveal.beacon.eventId);
    expect(stored?.hash).toBe(reveal.beacon.hash);
    await ok(L.inspection.conclude('inspector', { inspectionId: 'U-1', summary: '完成' }));
  });
});

describe('falsification through the facade: a failed spot check of a closed problem', () => {
  it('is confirmed from the ledger; a passed one is not enough', async () => {
    const t = await testLedger();
    const L = t.ledger;
    await ok(L.problem.identify('ng-staff', { problemId: 'P-1', courtId: 'NANGUAN', department: '执行局', source: 'self_inspection', title: 'x', description: 'x', criterion: 'x', severity: 'minor' }));
    await ok(L.problem.assignResponsibility('ng-president', { problemId: 'P-1', leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
    await ok(L.problem.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', content: 'x', deadline: '2019-06-30' }));
    await ok(L.problem.completeMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', note: 'x' }));
    await ok(L.problem.attachEvidence('ng-staff', { problemId: 'P-1', evidence: { sha256: 'b'.repeat(64), description: 'x' } }));
    await ok(L.problem.requestClosure('ng-staff', { problemId: 'P-1', summary: 'x' }));
    await ok(L.problem.verify('verifier1', { problemId: 'P-1', note: 'x' }));
    await closeOff(L, 'P-1');
    await ok(L.inspection.plan('inspector', { inspectionId: 'I-2', kind: 'routine', title: '回头看', targets: ['NANGUAN'] }));
    await ok(L.inspection.recordVisit('inspector', { inspectionId: 'I-2', courtId: 'NANGUAN', visitedOn: '2019-06-01' }));
    await ok(L.inspection.recordSpotCheck('inspector', { inspectionId: 'I-2', checkId: 'S-ok', problemId: 'P-1', passed: true, note: 'ok' }));
    await ok(L.inspection.recordSpotCheck('inspector', { inspectionId: 'I-2', checkId: 'S-bad', problemId: 'P-1', passed: false, note: '未整改' }));
    const propose = (checkId: string) => L.accountability.propose('discipline', {
      caseId: `AC-${checkId}`, subject: { kind: 'person', personId: 'ng-staff' }, grounds: 'falsification', summary: '虚报整改',
      evidence: [{ kind: 'spot_check', inspectionId: 'I-2', checkId }],
    });
    expect(await fails(propose('S-ok'))).toMatchObject({ rule: 'accountability.falsification.no_contradicting_evidence' });
    expect(await fails(propose('S-none'))).toMatchObject({ rule: 'accountability.evidence.not_found' });
    const r = await ok(propose('S-bad'));
    expect(r.state.proposal?.confirmed).toEqual(['failed_spot_check_of_closed_problem']);
  });
});
