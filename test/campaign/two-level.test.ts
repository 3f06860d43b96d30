/**
 * Two levels (两级法院): each court's office keeps its own ledger (registers, assigns, marks
 * long-term, closes off); the host court's office supervises every ledger: returns a court's
 * handling (退回), spot-checks it (抽查, recorded) and takes a problem over with a reason. Every rule
 * given/when/then, and a seeded property: an actor of another court, or without the right, never
 * changes the store.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/campaign/aggregate';
import { problemAggregate } from '../../src/campaign/problem/decider';
import type { ProblemEvent } from '../../src/campaign/problem/events';
import { ok, testLedger, type TestLedger } from './support/ledger-world';
import { outsidersChangeNothing } from './support/outsiders';
import { closedHistory, identified, rectifying, verifiedHistory } from './support/problems';
import { actor, campaign, org, specOf } from './support/world';

const spec = specOf(problemAggregate, { org, campaign });
const P = 'P-1';
const ngOffice = actor('ng-office');
const cyOffice = actor('cy-office');
const host = actor('office1');
const takenOver: ProblemEvent = { type: 'problem.taken_over', data: { problemId: P, fromCourtId: 'NANGUAN', byCourtId: 'CITY', reason: '整改进展缓慢，提级办理' } };
const register = { type: 'register' as const, problemId: P, ledgerNumber: 'NANGUAN-2019-0001', sequence: 1 };
const closeOff = { type: 'propose' as const, problemId: P, proposalId: 'C1', action: { kind: 'close' as const } };
const approve = { type: 'approve' as const, problemId: P, proposalId: 'C1' };
const proposed = (by: string): ProblemEvent => ({ type: 'problem.decision_proposed', data: { problemId: P, proposalId: 'C1', action: { kind: 'close' }, proposedBy: by } });

describe('two levels: each court\'s office keeps its own ledger', () => {
  it('the court\'s own office registers its problem; the host court\'s office and another court\'s office may not', () => {
    spec.given([identified]).when(register, { actor: ngOffice }).thenEmitsTypes('problem.registered');
    spec.given([identified]).when(register, { actor: host }).thenNotAuthorized('problem.register', 'problem.rights.not_own_office');
    spec.given([identified]).when(register, { actor: cyOffice }).thenNotAuthorized('problem.register', 'problem.rights.not_own_office');
    spec.given([identified]).when(register, { actor: actor('ng-president') }).thenEmitsTypes('problem.registered');
  });
  it('the court\'s own office proposes closing off (销号) and its head approves; the host court\'s office and its head may not', () => {
    spec.given(verifiedHistory).when(closeOff, { actor: ngOffice }).thenEmits([proposed('ng-office')]);
    const s = spec.given([...verifiedHistory, proposed('ng-office')]).when(approve, { actor: actor('ng-office-head') }).thenEmitsTypes('problem.closed');
    expect(s.status).toBe('closed');
    spec.given([...verifiedHistory, proposed('ng-office')]).when(approve, { actor: actor('ng-president') }).thenEmitsTypes('problem.closed');
    spec.given(verifiedHistory).when(closeOff, { actor: host }).thenNotAuthorized('problem.propose', 'problem.rights.not_own_office');
    spec.given(verifiedHistory).when(closeOff, { actor: cyOffice }).thenNotAuthorized('problem.propose', 'problem.rights.not_own_office');
    spec.given([...verifiedHistory, proposed('ng-office')]).when(approve, { actor: actor('office-head') })
      .thenNotAuthorized('problem.approve', 'problem.rights.approver_not_entitled');
    spec.given([...verifiedHistory, proposed('ng-office')]).when(approve, { actor: ngOffice })
      .thenNotAuthorized('problem.approve', 'problem.rights.approver_not_entitled');
    spec.given([...verifiedHistory, proposed('ng-office-head')]).when(approve, { actor: actor('ng-office-head') })
      .thenNotAuthorized('problem.approve', 'problem.rights.approver_is_proposer');
  });
  it('the court\'s office assigns responsibility and marks long-term; another court\'s office may not', () => {
    const a = { type: 'assignResponsibility' as const, problemId: P, leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' };
    spec.given([identified]).when(a, { actor: ngOffice }).thenEmitsTypes('problem.responsibility_assigned');
    spec.given([identified]).when(a, { actor: host }).thenNotAuthorized('problem.assignResponsibility', 'problem.rights.not_own_office');
    const mark = { type: 'markLongTerm' as const, problemId: P, reason: '需长期整改', milestones: [{ milestoneId: 'S1', content: '制度建立', due: '2019-12-31' }] };
    spec.given(rectifying).when(mark, { actor: ngOffice }).thenEmitsTypes('problem.marked_long_term');
    spec.given(rectifying).when(mark, { actor: cyOffice }).thenNotAuthorized('problem.markLongTerm', 'problem.rights.not_own_office');
  });
  it('the refusal names the actor, the right and the court whose office is needed', () => {
    spec.given(verifiedHistory).when(closeOff, { actor: host }).thenNotAuthorized('problem.propose', 'problem.rights.not_own_office');
    const r = problemAggregate.policy.propose(closeOff, replay(problemAggregate, verifiedHistory), host, { org, campaign });
    expect(r).toMatchObject({ rule: 'problem.rights.not_own_office' });
    expect((r as { message: string }).message).toContain('court_office of court "NANGUAN"');
  });
});

describe('two levels: the host court\'s office supervises every ledger', () => {
  it('returns (退回) a court\'s closure: the problem is open again and needs fresh evidence', () => {
    const s = spec.given(closedHistory).when({ type: 'returnHandling', problemId: P, reason: '佐证材料不实' }, { actor: host })
      .thenEmits([{ type: 'problem.handling_returned', data: { problemId: P, courtId: 'NANGUAN', reason: '佐证材料不实' } }]);
    expect([s.status, s.freshEvidence, s.timesHandlingReturned]).toEqual(['open', 0, 1]);
    const returned: ProblemEvent = { type: 'problem.handling_returned', data: { problemId: P, courtId: 'NANGUAN', reason: 'x' } };
    spec.given([...closedHistory, returned]).when({ type: 'requestClosure', problemId: P, summary: 'x' }, { actor: actor('ng-staff') })
      .thenRefused('problem.closure.no_evidence');
    spec.given(verifiedHistory).when({ type: 'returnHandling', problemId: P, reason: 'x' }, { actor: host }).thenEmitsTypes('problem.handling_returned');
    spec.given(rectifying).when({ type: 'returnHandling', problemId: P, reason: 'x' }, { actor: host }).thenRefused('problem.open');
  });
  it('only the host court\'s office returns, spot-checks and takes over: never the court\'s own office', () => {
    spec.given(closedHistory).when({ type: 'returnHandling', problemId: P, reason: 'x' }, { actor: ngOffice })
      .thenNotAuthorized('problem.returnHandling', 'problem.rights.not_supervising_office');
    spec.given(closedHistory).when({ type: 'spotCheck', problemId: P, checkId: 'C1', passed: true, note: 'x' }, { actor: ngOffice })
      .thenNotAuthorized('problem.spotCheck', 'problem.rights.not_supervising_office');
    spec.given(rectifying).when({ type: 'takeOver', problemId: P, reason: 'x' }, { actor: cyOffice })
      .thenNotAuthorized('problem.takeOver', 'problem.rights.not_supervising_office');
  });
  it('records a spot check (抽查), passed or not, once per check id; the status stays', () => {
    const s = spec.given(closedHistory).when({ type: 'spotCheck', problemId: P, checkId: 'C1', passed: false, note: '现场核查未整改到位' }, { actor: host })
      .thenEmits([{ type: 'problem.spot_checked', data: { problemId: P, checkId: 'C1', courtId: 'NANGUAN', passed: false, note: '现场核查未整改到位' } }]);
    expect([s.status, s.spotChecks.length]).toEqual(['closed', 1]);
    const c1: ProblemEvent = { type: 'problem.spot_checked', data: { problemId: P, checkId: 'C1', courtId: 'NANGUAN', passed: true, note: 'x' } };
    spec.given([...closedHistory, c1]).when({ type: 'spotCheck', problemId: P, checkId: 'C1', passed: true, note: 'x' }, { actor: host })
      .thenRefused('problem.spot_check.exists');
  });
  it('takes a problem over with a recorded reason: from then on the host court\'s office keeps it, the court\'s office no longer', () => {
    const s = spec.given(rectifying).when({ type: 'takeOver', problemId: P, reason: '整改进展缓慢，提级办理' }, { actor: host }).thenEmits([takenOver]);
    expect(s.takenOverBy).toBe('CITY');
    spec.given([...verifiedHistory, takenOver]).when(closeOff, { actor: host }).thenEmitsTypes('problem.decision_proposed');
    spec.given([...verifiedHistory, takenOver, proposed('office1')]).when(approve, { actor: actor('office-head') }).thenEmitsTypes('problem.closed');
    spec.given([...verifiedHistory, takenOver, proposed('office1')]).when(approve, { actor: actor('ng-office-head') })
      .thenNotAuthorized('problem.approve', 'problem.rights.approver_not_entitled');
    spec.given([...verifiedHistory, takenOver]).when(closeOff, { actor: ngOffice }).thenNotAuthorized('problem.propose', 'problem.rights.proposer_not_office');
    spec.given([...rectifying, takenOver]).when({ type: 'takeOver', problemId: P, reason: 'x' }, { actor: host }).thenRefused('problem.take_over.already');
    spec.given(closedHistory).when({ type: 'takeOver', problemId: P, reason: 'x' }, { actor: host }).thenRefused('problem.closed');
  });
  it('the host court\'s own problems are kept by its office already: nothing to take over', () => {
    const own: ProblemEvent = { type: 'problem.identified', data: { ...(identified.data as Extract<ProblemEvent, { type: 'problem.identified' }>['data']), courtId: 'CITY', department: '执行局' } };
    spec.given([own]).when({ type: 'takeOver', problemId: P, reason: 'x' }, { actor: host }).thenRefused('problem.take_over.own_court');
    spec.given([own]).when(register, { actor: host }).thenEmitsTypes('problem.registered');
    spec.given([own]).when(register, { actor: ngOffice }).thenNotAuthorized('problem.register', 'problem.rights.not_own_office');
  });
});

describe('two levels through the facade', () => {
  it('each court registers in its own ledger; the host court\'s office takes one over, closes it, spot-checks and returns another', async () => {
    const t = await testLedger();
    const L = t.ledger.problem;
    const base = { department: '执行局', source: 'self_inspection' as const, title: 'x', description: 'x', criterion: 'x', severity: 'minor' as const };
    await ok(L.identify('ng-staff', { ...base, problemId: 'P-1', courtId: 'NANGUAN' }));
    await ok(L.identify('cy-staff', { ...base, problemId: 'P-2', courtId: 'CHAOYANG', department: '立案庭' }));
    expect((await ok(L.register('ng-office', { problemId: 'P-1' }))).state.ledgerNumber).toBe('NANGUAN-2019-0001');
    expect((await ok(L.register('cy-office', { problemId: 'P-2' }))).state.ledgerNumber).toBe('CHAOYANG-2019-0001');
    const taken = await ok(L.takeOver('office1', { problemId: 'P-1', reason: '整改进展缓慢，提级办理' }));
    expect(taken.events[0]?.metadata.reason).toBe('整改进展缓慢，提级办理');
    await ok(L.spotCheck('office1', { problemId: 'P-2', checkId: 'C1', passed: true, note: '台账登记规范' }));
    expect((await ok(t.ledger.load.problem('P-2'))).state.spotChecks).toHaveLength(1);
  });
});

describe('two levels: property', () => {
  const setup = async (t: TestLedger) => {
    const L = t.ledger.problem;
    await ok(L.identify('ng-staff', { problemId: 'P-1', courtId: 'NANGUAN', department: '执行局', source: 'self_inspection', title: 'x', description: 'x', criterion: 'x', severity: 'minor' }));
    await ok(L.identify('ng-staff', { problemId: 'P-2', courtId: 'NANGUAN', department: '执行局', source: 'self_inspection', title: 'x', description: 'x', criterion: 'x', severity: 'minor' }));
    await ok(L.assignResponsibility('ng-president', { problemId: 'P-1', leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
    await ok(L.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', content: 'x', deadline: '2019-06-30' }));
    await ok(L.completeMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', note: 'x' }));
    await ok(L.attachEvidence('ng-staff', { problemId: 'P-1', evidence: { sha256: 'a'.repeat(64), description: 'x' } }));
    await ok(L.requestClosure('ng-staff', { problemId: 'P-1', summary: 'x' }));
    await ok(L.verify('verifier1', { problemId: 'P-1', note: 'x' }));
    await ok(L.propose('ng-office', { problemId: 'P-1', proposalId: 'C9', action: { kind: 'close' } }));
  };
  const TEXT = fc.constantFrom('理由', 'x');
  it('another court\'s people, and the host court\'s people, never keep a NANGUAN problem nor approve its closure: the store is unchanged', async () => {
    const keeping = fc.record({
      aggregate: fc.constant('problem'), command: fc.constantFrom('register', 'propose', 'assignResponsibility', 'markLongTerm', 'carryOver'),
      actor: fc.constantFrom('office1', 'tmo-head', 'tmo-staff', 'inspector', 'president', 'deputy', 'cy-office', 'cy-president', 'cy-staff'),
      input: fc.record({
        problemId: fc.constantFrom('P-1', 'P-2'), leaderId: fc.constant('ng-president'), department: fc.constant('执行局'), personId: fc.constant('ng-staff'),
        reason: TEXT, milestones: fc.constant([{ milestoneId: 'S1', content: 'x', due: '2019-12-31' }]),
        proposalId: fc.constant('C1'), action: fc.constant({ kind: 'close' }), fromYear: fc.constant(2019), toYear: fc.constant(2020),
      }),
    }).filter((a) => !(a.command === 'assignResponsibility' && a.actor === 'president'));
    await outsidersChangeNothing(setup, keeping, ['problem.rights.not_own_office']);
  }, 60_000);
  it('nobody but the head of NANGUAN\'s office or its president decides on closing a NANGUAN problem off: the store is unchanged', async () => {
    const deciding = fc.record({
      aggregate: fc.constant('problem'), command: fc.constantFrom('approve', 'reject'),
      actor: fc.constantFrom('office-head', 'office1', 'president', 'deputy', 'ng-office', 'ng-head', 'ng-vp', 'cy-office', 'cy-president'),
      input: fc.record({ problemId: fc.constant('P-1'), proposalId: fc.constant('C9'), reason: TEXT }),
    });
    await outsidersChangeNothing(setup, deciding, ['problem.rights.approver_not_entitled', 'problem.rights.approver_is_proposer']);
  }, 60_000);
  it('nobody but the host court\'s office returns, spot-checks or takes over: the store is unchanged', async () => {
    const supervising = fc.record({
      aggregate: fc.constant('problem'), command: fc.constantFrom('returnHandling', 'spotCheck', 'takeOver'),
      actor: fc.constantFrom('ng-office', 'ng-president', 'ng-head', 'ng-staff', 'cy-office', 'cy-president', 'inspector', 'tmo-head', 'president', 'verifier1'),
      input: fc.record({ problemId: fc.constantFrom('P-1', 'P-2'), reason: TEXT, checkId: fc.constantFrom('C1', 'C2'), passed: fc.boolean(), note: TEXT }),
    });
    await outsidersChangeNothing(setup, supervising, ['problem.rights.not_supervising_office']);
  }, 60_000);
});
