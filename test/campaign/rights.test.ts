/**
 * Rules of rights (separation of duties): each has a given/when/then test on the decider and a
 * seeded property through the facade (an actor without the right never changes the store).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { problemAggregate } from '../../src/campaign/problem/decider';
import type { ProblemEvent } from '../../src/campaign/problem/events';
import { campaignAggregate } from '../../src/campaign/campaign/decider';
import { closeOff, ok, type TestLedger } from './support/ledger-world';
import { outsidersChangeNothing } from './support/outsiders';
import { assigned, closureRequested, done, evidence, measure } from './support/problems';
import { actor, campaign, campaignEventsList, org, specOf } from './support/world';

const problems = specOf(problemAggregate, { org, campaign });
const P = 'P-1';
const TEXT = fc.constantFrom('改为一般问题', '系误报', '回头看');

const found = (source: 'routine_inspection' | 'unannounced_inspection' | 'higher_level_feedback'): ProblemEvent => ({
  type: 'problem.identified',
  data: {
    problemId: P, courtId: 'NANGUAN', department: '执行局', source, title: '执行案款发放超期', description: '部分案款未按期发放',
    criterion: '案款发放期限规定', severity: 'serious', evidence: [], ...(source === 'higher_level_feedback' ? {} : { inspectionId: 'I-1', findingId: 'F-1' }),
  },
});
const closedAfter = (first: ProblemEvent): ProblemEvent[] => [
  first, assigned, measure(), done(), evidence(), closureRequested,
  { type: 'problem.verified', data: { problemId: P, verifierId: 'verifier1', note: '核查属实' } },
  { type: 'problem.closed', data: { problemId: P, verifierId: 'verifier1' } },
];

describe('rights: what an inspection found is corrected, withdrawn or reopened only by the inspecting side', () => {
  const correct = { type: 'correct' as const, problemId: P, reason: '降级', severity: 'minor' as const };
  const withdraw = { type: 'propose' as const, problemId: P, proposalId: 'W1', action: { kind: 'withdraw' as const, reason: '系误报' } };
  const reopen = { type: 'reopen' as const, problemId: P, reason: '回头看发现反弹' };
  for (const source of ['routine_inspection', 'unannounced_inspection', 'higher_level_feedback'] as const) {
    it(`${source}: the inspected court's president and first responsible person may not correct, withdraw or reopen it`, () => {
      const open = problems.given([found(source)]);
      open.when(correct, { actor: actor('ng-president') }).thenNotAuthorized('problem.correct', 'problem.rights.inspected_court');
      open.when(withdraw, { actor: actor('ng-president') }).thenNotAuthorized('problem.propose', 'problem.rights.inspected_court');
      open.when(withdraw, { actor: actor('ng-office') }).thenNotAuthorized('problem.propose', 'problem.rights.inspected_court');
      problems.given(closedAfter(found(source))).when(reopen, { actor: actor('ng-verifier') })
        .thenNotAuthorized('problem.reopen', 'problem.rights.inspected_court');
    });
  }
  it('someone of another court who does not inspect may not either', () => {
    problems.given([found('routine_inspection')]).when(correct, { actor: actor('tmo-head') })
      .thenNotAuthorized('problem.correct', 'problem.rights.not_inspecting_side');
    problems.given(closedAfter(found('routine_inspection'))).when(reopen, { actor: actor('verifier1') })
      .thenNotAuthorized('problem.reopen', 'problem.rights.not_inspecting_side');
  });
  it('the inspecting side may: the inspection office corrects and reopens, the leading group withdraws', () => {
    problems.given([found('routine_inspection')]).when(correct, { actor: actor('inspector') }).thenEmitsTypes('problem.corrected');
    problems.given([found('higher_level_feedback')]).when(correct, { actor: actor('office1') }).thenEmitsTypes('problem.corrected');
    const proposed = problems.given([found('unannounced_inspection')]).when(withdraw, { actor: actor('office1') }).thenEmitsTypes('problem.decision_proposed');
    expect(proposed.proposals.get('W1')).toMatchObject({ proposedBy: 'office1', status: 'pending' });
    const proposal: ProblemEvent = { type: 'problem.decision_proposed', data: { problemId: P, proposalId: 'W1', action: withdraw.action, proposedBy: 'office1' } };
    problems.given([found('unannounced_inspection'), proposal]).when({ type: 'approve', problemId: P, proposalId: 'W1' }, { actor: actor('deputy') })
      .thenEmitsTypes('problem.withdrawn');
    problems.given(closedAfter(found('unannounced_inspection'))).when(reopen, { actor: actor('inspector') }).thenEmitsTypes('problem.reopened');
  });
  it('a problem the court found itself is still corrected by its first responsible person', () => {
    const own: ProblemEvent = {
      type: 'problem.identified',
      data: { problemId: P, courtId: 'NANGUAN', source: 'self_inspection', title: '自查：案款发放超期', description: '自查发现', criterion: '案款发放期限规定', severity: 'serious', evidence: [] },
    };
    problems.given([own]).when(correct, { actor: actor('ng-president') }).thenEmitsTypes('problem.corrected');
  });

  it('property: nobody of the inspected court, nor a non-inspector, changes the store', async () => {
    const setup = async (t: TestLedger) => {
      const L = t.ledger;
      for (const id of ['P-1', 'P-2']) {
        await ok(L.problem.identify('office1', {
          problemId: id, courtId: 'NANGUAN', department: '执行局', source: 'higher_level_feedback', title: '上级法院反馈：案款发放超期',
          description: '省院督查发现案款发放超期', criterion: '案款发放期限规定', severity: 'serious',
        }));
      }
      await ok(L.problem.assignResponsibility('ng-president', { problemId: 'P-1', leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
      await ok(L.problem.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', content: '清理案款', deadline: '2019-06-30' }));
      await ok(L.problem.completeMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', note: '已完成' }));
      await ok(L.problem.attachEvidence('ng-staff', { problemId: 'P-1', evidence: { sha256: 'a'.repeat(64), description: '发放记录' } }));
      await ok(L.problem.requestClosure('ng-staff', { problemId: 'P-1', summary: '整改完成' }));
      await ok(L.problem.verify('verifier1', { problemId: 'P-1', note: '核查属实' }));
      await closeOff(L, 'P-1');
    };
    const inspected = ['ng-president', 'ng-vp', 'ng-head', 'ng-staff', 'ng-exec-verifier', 'ng-office', 'ng-verifier'];
    const outsiders = ['tmo-head', 'tmo-staff', 'tmo-verifier', 'verifier1', 'exec-head', 'discipline', 'cy-president', 'cy-staff'];
    const attempts = fc.oneof(
      fc.record({ aggregate: fc.constant('problem'), command: fc.constant('correct'), actor: fc.constantFrom(...inspected, ...outsiders),
        input: fc.record({ problemId: fc.constantFrom('P-1', 'P-2'), reason: TEXT, severity: fc.constantFrom('minor' as const, 'moderate' as const) }) }),
      fc.record({ aggregate: fc.constant('problem'), command: fc.constant('propose'), actor: fc.constantFrom(...inspected, ...outsiders),
        input: fc.record({ problemId: fc.constant('P-2'), proposalId: fc.constant('W1'), action: fc.record({ kind: fc.constant('withdraw'), reason: TEXT }) }) }),
      fc.record({ aggregate: fc.constant('problem'), command: fc.constant('reopen'), actor: fc.constantFrom(...inspected, ...outsiders),
        input: fc.record({ problemId: fc.constant('P-1'), reason: TEXT }) }),
    );
    await outsidersChangeNothing(setup, attempts);
  }, 60_000);
});

describe('rights: the verifier is independent of the responsible side and of whoever did the measures', () => {
  const verify = { type: 'verify' as const, problemId: P, note: '核查属实' };
  const self: ProblemEvent = found('higher_level_feedback');
  it('refuses a verifier who completed a measure, or who is the responsible leader', () => {
    problems.given([self, assigned, measure(), done('M1', 'ng-verifier'), evidence(), closureRequested]).when(verify, { actor: actor('ng-verifier') })
      .thenNotAuthorized('problem.verify', 'problem.verify.not_independent');
    const led: ProblemEvent = { type: 'problem.responsibility_assigned', data: { problemId: P, leaderId: 'ng-verifier', courtId: 'NANGUAN', department: '执行局', personId: 'ng-staff' } };
    problems.given([self, led, measure(), done('M1', 'ng-staff'), evidence(), closureRequested]).when({ type: 'returnVerification', problemId: P, reason: 'x' }, { actor: actor('ng-verifier') })
      .thenNotAuthorized('problem.returnVerification', 'problem.verify.not_independent');
  });
  it('accepts a verifier who did none of it (an old trail without who completed the measure folds too)', () => {
    problems.given([self, assigned, measure(), done('M1', 'ng-staff'), evidence(), closureRequested]).when(verify, { actor: actor('ng-verifier') })
      .thenEmitsTypes('problem.verified');
    problems.given([self, assigned, measure(), done(), evidence(), closureRequested]).when(verify, { actor: actor('ng-verifier') })
      .thenEmitsTypes('problem.verified');
  });
  it('property: the responsible side, the measures\' doers and non-verifiers never change the store', async () => {
    const setup = async (t: TestLedger) => {
      const L = t.ledger;
      await ok(L.problem.identify('ng-staff', {
        problemId: 'P-1', courtId: 'NANGUAN', department: '执行局', source: 'self_inspection', title: '执行案款发放超期',
        description: '部分案款未按期发放', criterion: '案款发放期限规定', severity: 'moderate',
      }));
      await ok(L.problem.assignResponsibility('ng-president', { problemId: 'P-1', leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
      await ok(L.problem.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', content: '清理案款', deadline: '2019-06-30' }));
      await ok(L.problem.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M2', content: '建立台账', deadline: '2019-06-30' }));
      await ok(L.problem.completeMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', note: '已完成' }));
      await ok(L.problem.completeMeasure('ng-head', { problemId: 'P-1', measureId: 'M2', note: '已完成' }));
      await ok(L.problem.attachEvidence('ng-staff', { problemId: 'P-1', evidence: { sha256: 'a'.repeat(64), description: '发放记录' } }));
      await ok(L.problem.requestClosure('ng-staff', { problemId: 'P-1', summary: '整改完成' }));
    };
    const attempts = fc.record({
      aggregate: fc.constant('problem'), command: fc.constantFrom('verify', 'returnVerification'),
      actor: fc.constantFrom('ng-staff', 'ng-head', 'ng-president', 'ng-exec-verifier', 'ng-office', 'cy-staff', 'office1', 'tmo-head'),
      input: fc.record({ problemId: fc.constant('P-1'), note: TEXT, reason: TEXT }),
    });
    await outsidersChangeNothing(setup, attempts);
  }, 60_000);
});

describe('rights: a court\'s first responsible person is its president unless its own leadership or the leading group changes it', () => {
  const spec = specOf(campaignAggregate, { namespace: 'mgmt-2019', org });
  it('the president is first responsible by default; an outsider may not change it', () => {
    if (!actor('cy-president').posts.includes('first_responsible')) throw new Error('the president is not first responsible');
    if (!actor('president').posts.includes('first_responsible')) throw new Error('the host president is not first responsible by default');
    spec.given(campaignEventsList).when({ type: 'replaceFirstResponsible', courtId: 'NANGUAN', personId: 'ng-vp', reason: 'x' }, { actor: actor('office1') })
      .thenNotAuthorized('campaign.replaceFirstResponsible', 'campaign.rights.first_responsible_outsider');
  });
  it('property: the office, departments and other courts never change it', async () => {
    const attempts = fc.record({
      aggregate: fc.constant('campaign'), command: fc.constantFrom('designateFirstResponsible', 'replaceFirstResponsible'),
      actor: fc.constantFrom('office1', 'tmo-head', 'tmo-staff', 'inspector', 'discipline', 'verifier1', 'exec-head', 'ng-head', 'ng-office', 'ng-staff', 'cy-president', 'cy-staff'),
      input: fc.record({ courtId: fc.constantFrom('NANGUAN', 'CHAOYANG', 'CITY'), personId: fc.constantFrom('ng-vp', 'ng-president', 'cy-president', 'deputy'), reason: TEXT }),
    }).filter((a) => !(a.actor === 'cy-president' && a.input.courtId === 'CHAOYANG'));
    await outsidersChangeNothing(async () => {}, attempts, ['campaign.rights.first_responsible_outsider']);
  }, 60_000);
});
