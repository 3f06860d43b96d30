import { describe, expect, it } from 'vitest';
import { problemAggregate } from '../../src/campaign/problem/decider';
import { isProblemOverdue, overdueMeasures, problemDeadline } from '../../src/campaign/problem/state';
import type { ProblemCommand } from '../../src/campaign/problem/commands';
import type { ProblemEvent } from '../../src/campaign/problem/events';
import { actor, campaign, org, specOf } from './support/world';
import {
  assigned, awaiting, closedHistory, closureRequested, done, evidence, identified, measure, ready, rectifying, reopened, verified, verifiedHistory,
} from './support/problems';

const spec = specOf(problemAggregate, { org, campaign });
const P = 'P-1';
const staff = actor('ng-staff');
const office = actor('office1');
const ngOffice = actor('ng-office');
const ngHead = actor('ng-office-head');
const verifier = actor('ng-verifier');

describe('problem: identify', () => {
  const c: ProblemCommand = {
    type: 'identify', problemId: P, courtId: 'NANGUAN', department: '执行局', source: 'self_inspection', title: '执行案款发放超期',
    description: '部分案款未按期发放', criterion: '案款发放期限规定', severity: 'moderate',
  };
  it('someone of the court identifies a self-inspection problem', () => {
    spec.given([]).when(c, { actor: staff }).thenEmits([identified]);
  });
  it('refuses duplicates, unknown courts and departments, inspection sources without their inspection', () => {
    spec.given([identified]).when(c, { actor: staff }).thenRefused('problem.already_identified');
    spec.given([]).when({ ...c, courtId: 'NOPE' }, { actor: actor('admin') }).thenNotAuthorized('problem.identify');
    spec.given([]).when({ ...c, source: 'higher_level_feedback', courtId: 'NOPE' }, { actor: office }).thenRefused('problem.court.unknown');
    spec.given([]).when({ ...c, department: '研究室' }, { actor: staff }).thenRefused('problem.department.unknown');
    spec.given([]).when({ ...c, source: 'unannounced_inspection' }, { actor: actor('inspector') }).thenRefused('problem.source.inspection_required');
    spec.given([]).when({ ...c, findingId: 'F1' }, { actor: staff }).thenRefused('problem.source.inspection_required');
  });
  it('policy by source: another court cannot self-inspect; only the inspection office records inspection problems', () => {
    spec.given([]).when(c, { actor: actor('cy-staff') }).thenNotAuthorized('problem.identify');
    spec.given([]).when({ ...c, source: 'routine_inspection', inspectionId: 'I-1' }, { actor: staff }).thenNotAuthorized('problem.identify');
    spec.given([]).when({ ...c, source: 'routine_inspection', inspectionId: 'I-1' }, { actor: actor('inspector') }).thenEmitsTypes('problem.identified');
    spec.given([]).when({ ...c, source: 'higher_level_feedback' }, { actor: staff }).thenNotAuthorized('problem.identify');
  });
  it('refuses every other command on a problem never identified', () => {
    spec.given([]).when({ type: 'planMeasure', problemId: P, measureId: 'M1', content: 'x', deadline: '2019-06-30' }, { actor: staff })
      .thenRefused('problem.not_found');
  });
});

describe('problem: register and responsibility', () => {
  it('registers once with the reserved number', () => {
    spec.given([identified]).when({ type: 'register', problemId: P, ledgerNumber: 'TZ-0001', sequence: 1 }, { actor: ngOffice })
      .thenEmits([{ type: 'problem.registered', data: { problemId: P, ledgerNumber: 'TZ-0001', sequence: 1 } }]);
    spec.given([identified, { type: 'problem.registered', data: { problemId: P, ledgerNumber: 'TZ-0001', sequence: 1 } }])
      .when({ type: 'register', problemId: P, ledgerNumber: 'TZ-0002', sequence: 2 }, { actor: ngOffice }).thenRefused('problem.already_registered');
    spec.given([identified]).when({ type: 'register', problemId: P, ledgerNumber: 'TZ-0001', sequence: 1 }, { actor: staff }).thenNotAuthorized('problem.register');
  });
  it('assigns leader, department and person of the problem court', () => {
    const a = { type: 'assignResponsibility' as const, problemId: P, leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' };
    spec.given([identified]).when(a, { actor: actor('ng-president') }).thenEmits([assigned]);
    spec.given([identified, assigned]).when(a, { actor: actor('ng-president') }).thenRefused('problem.responsibility.unchanged');
    spec.given([identified]).when({ ...a, leaderId: 'ng-staff' }, { actor: ngOffice }).thenRefused('problem.responsibility.leader_invalid');
    spec.given([identified]).when({ ...a, personId: 'ng-office' }, { actor: ngOffice }).thenRefused('problem.responsibility.person_not_in_department');
    spec.given([identified]).when({ ...a, department: '研究室' }, { actor: ngOffice }).thenRefused('problem.department.unknown');
    spec.given([identified]).when(a, { actor: actor('cy-president') }).thenNotAuthorized('problem.assignResponsibility');
    spec.given([identified]).when(a, { actor: staff }).thenNotAuthorized('problem.assignResponsibility');
  });
});

describe('problem: measures, progress, evidence', () => {
  it('the responsible side plans, completes and reports; others may not', () => {
    spec.given([identified, assigned]).when({ type: 'planMeasure', problemId: P, measureId: 'M1', content: '清理案款', deadline: '2019-06-30' }, { actor: staff })
      .thenEmits([measure()]);
    spec.given(rectifying).when({ type: 'completeMeasure', problemId: P, measureId: 'M1', note: '已完成' }, { actor: actor('ng-head') }).thenEmits([done('M1', 'ng-head')]);
    spec.given(rectifying).when({ type: 'completeMeasure', problemId: P, measureId: 'M1', note: 'x' }, { actor: actor('ng-office') })
      .thenNotAuthorized('problem.completeMeasure');
    spec.given(rectifying).when({ type: 'recordProgress', problemId: P, note: '进行中', measureId: 'M1' }, { actor: staff }).thenEmitsTypes('problem.progress_recorded');
  });
  it('refuses duplicate or past measures, unknown or finished ones, duplicate evidence', () => {
    spec.given(rectifying).when({ type: 'planMeasure', problemId: P, measureId: 'M1', content: 'x', deadline: '2019-06-30' }, { actor: staff }).thenRefused('problem.measure.exists');
    spec.given(rectifying).when({ type: 'planMeasure', problemId: P, measureId: 'M2', content: 'x', deadline: '2019-05-31' }, { actor: staff })
      .thenRefused('problem.measure.deadline_in_past');
    spec.given(rectifying).when({ type: 'completeMeasure', problemId: P, measureId: 'M9', note: 'x' }, { actor: staff }).thenRefused('problem.measure.unknown');
    spec.given([...rectifying, done()]).when({ type: 'completeMeasure', problemId: P, measureId: 'M1', note: 'x' }, { actor: staff }).thenRefused('problem.measure.already_done');
    spec.given(rectifying).when({ type: 'recordProgress', problemId: P, note: 'x', measureId: 'M9' }, { actor: staff }).thenRefused('problem.measure.unknown');
    spec.given(ready).when({ type: 'attachEvidence', problemId: P, evidence: { sha256: 'a'.repeat(64), description: 'x' } }, { actor: staff })
      .thenRefused('problem.evidence.duplicate');
  });
});

describe('problem: a measure deadline moves only by an extension requested before it', () => {
  const req = { type: 'requestExtension' as const, problemId: P, measureId: 'M1', requestId: 'X1', requestedDeadline: '2019-07-31', reason: '涉及多案' };
  const requested = { type: 'problem.extension_requested' as const, data: { problemId: P, measureId: 'M1', requestId: 'X1', currentDeadline: '2019-06-30', requestedDeadline: '2019-07-31', reason: '涉及多案' } };
  const grant = { type: 'propose' as const, problemId: P, proposalId: 'G1', action: { kind: 'grant_extension' as const, requestId: 'X1' } };
  const grantProposed: ProblemEvent = { type: 'problem.decision_proposed', data: { problemId: P, proposalId: 'G1', action: grant.action, proposedBy: 'office1' } };
  it('is requested before the deadline and granted with four eyes: the office proposes, its head approves', () => {
    spec.given(rectifying).when(req, { actor: staff, recordedAt: '2019-06-30T15:59:59.000Z' }).thenEmits([requested]);
    const pending = spec.given([...rectifying, requested]).when(grant, { actor: office }).thenEmits([grantProposed]);
    expect(pending.measures.get('M1')?.deadline).toBe('2019-06-30');
    const s = spec.given([...rectifying, requested, grantProposed]).when({ type: 'approve', problemId: P, proposalId: 'G1' }, { actor: actor('office-head') }).thenEmits([{
      type: 'problem.extension_granted',
      data: { problemId: P, measureId: 'M1', requestId: 'X1', previousDeadline: '2019-06-30', newDeadline: '2019-07-31', proposalId: 'G1', proposedBy: 'office1', approvedBy: 'office-head' },
    }]);
    expect(s.measures.get('M1')?.deadline).toBe('2019-07-31');
  });
  it('is refused after the deadline by the trusted clock, even when backdated', () => {
    spec.given(rectifying).when(req, { actor: staff, recordedAt: '2019-06-30T16:00:00.000Z', effectiveAt: '2019-06-29T00:00:00.000Z' })
      .thenRefused('problem.extension.after_deadline');
  });
  it('refuses not-later dates, duplicates, a second pending request, decided or unknown requests, and the wrong deciders', () => {
    spec.given(rectifying).when({ ...req, requestedDeadline: '2019-06-01' }, { actor: staff }).thenRefused('problem.extension.not_later');
    spec.given([...rectifying, requested]).when(req, { actor: staff }).thenRefused('problem.extension.duplicate_request');
    spec.given([...rectifying, requested]).when({ ...req, requestId: 'X2' }, { actor: staff }).thenRefused('problem.extension.pending');
    spec.given([...rectifying, done()]).when(req, { actor: staff }).thenRefused('problem.measure.already_done');
    spec.given(rectifying).when(grant, { actor: office }).thenRefused('problem.extension.unknown_request');
    const denied = { type: 'problem.extension_denied' as const, data: { problemId: P, measureId: 'M1', requestId: 'X1', reason: 'no' } };
    spec.given([...rectifying, requested, denied]).when(grant, { actor: office }).thenRefused('problem.extension.already_decided');
    spec.given([...rectifying, requested, grantProposed, denied]).when({ type: 'approve', problemId: P, proposalId: 'G1' }, { actor: actor('office-head') })
      .thenRefused('problem.extension.already_decided');
    spec.given([...rectifying, requested]).when(grant, { actor: actor('ng-president') }).thenNotAuthorized('problem.propose', 'problem.rights.proposer_not_office');
  });
});

describe('problem: closes only with all measures done, evidence, and an independent verifier', () => {
  const requestClosure = { type: 'requestClosure' as const, problemId: P, summary: '整改完成' };
  it('closure is requested only when everything is in place', () => {
    spec.given([identified]).when(requestClosure, { actor: actor('ng-president') }).thenRefused('problem.closure.no_responsibility');
    spec.given([identified, assigned]).when(requestClosure, { actor: staff }).thenRefused('problem.closure.no_measures');
    spec.given([...rectifying, evidence()]).when(requestClosure, { actor: staff }).thenRefused('problem.closure.measures_not_done');
    spec.given([...rectifying, done()]).when(requestClosure, { actor: staff }).thenRefused('problem.closure.no_evidence');
    spec.given(ready).when(requestClosure, { actor: staff }).thenEmits([closureRequested]);
  });
  it('a verifier neither responsible nor in the responsible department verifies', () => {
    spec.given(awaiting).when({ type: 'verify', problemId: P, note: '核查属实' }, { actor: verifier }).thenEmits([verified]);
    spec.given(awaiting).when({ type: 'verify', problemId: P, note: 'x' }, { actor: actor('verifier1') }).thenEmitsTypes('problem.verified');
  });
  it('refuses a verifier in the responsible department', () => {
    spec.given(awaiting).when({ type: 'verify', problemId: P, note: 'x' }, { actor: actor('ng-exec-verifier') }).thenNotAuthorized('problem.verify', 'problem.verify.not_independent');
  });
  it('refuses the responsible person as verifier', () => {
    const self: ProblemEvent = { type: 'problem.responsibility_assigned', data: { problemId: P, leaderId: 'ng-president', courtId: 'NANGUAN', department: '执行局', personId: 'ng-exec-verifier' } };
    spec.given([identified, self, measure(), done(), evidence(), closureRequested]).when({ type: 'verify', problemId: P, note: 'x' }, { actor: actor('ng-exec-verifier') })
      .thenNotAuthorized('problem.verify', 'problem.verify.not_independent');
  });
  it('refuses someone without verifier authority', () => {
    spec.given(awaiting).when({ type: 'verify', problemId: P, note: 'x' }, { actor: actor('ng-office') }).thenNotAuthorized('problem.verify');
    spec.given(awaiting).when({ type: 'verify', problemId: P, note: 'x' }, { actor: office }).thenNotAuthorized('problem.verify');
  });
  it('verifies only a requested closure', () => {
    spec.given(ready).when({ type: 'verify', problemId: P, note: 'x' }, { actor: verifier }).thenRefused('problem.verify.not_requested');
  });
  const closeOff = { type: 'propose' as const, problemId: P, proposalId: 'C1', action: { kind: 'close' as const } };
  const closeProposed: ProblemEvent = { type: 'problem.decision_proposed', data: { problemId: P, proposalId: 'C1', action: { kind: 'close' }, proposedBy: 'ng-office' } };
  it('closes (销号) only after verification, proposed by the office and approved by its head', () => {
    spec.given(ready).when(closeOff, { actor: ngOffice }).thenRefused('problem.close.not_verified');
    spec.given(awaiting).when(closeOff, { actor: ngOffice }).thenRefused('problem.close.not_verified');
    spec.given(verifiedHistory).when(closeOff, { actor: ngOffice }).thenEmits([closeProposed]);
    const s = spec.given([...verifiedHistory, closeProposed]).when({ type: 'approve', problemId: P, proposalId: 'C1' }, { actor: ngHead })
      .thenEmits([{ type: 'problem.closed', data: { problemId: P, verifierId: 'ng-verifier', proposalId: 'C1', proposedBy: 'ng-office', approvedBy: 'ng-office-head' } }]);
    expect(s.status).toBe('closed');
    expect(s.proposals.get('C1')?.status).toBe('approved');
    spec.given(verifiedHistory).when(closeOff, { actor: staff }).thenNotAuthorized('problem.propose', 'problem.rights.not_own_office');
  });
  it('a returned closure goes back to rectification and needs a new verification', () => {
    const s = spec.given(awaiting).when({ type: 'returnVerification', problemId: P, reason: '证据不足' }, { actor: verifier }).thenEmitsTypes('problem.verification_returned');
    expect(s.status).toBe('open');
    spec.given([...awaiting, { type: 'problem.verification_returned', data: { problemId: P, verifierId: 'ng-verifier', reason: 'x' } }])
      .when(closeOff, { actor: ngOffice }).thenRefused('problem.close.not_verified');
  });
  it('no new measures while closure is pending', () => {
    spec.given(awaiting).when({ type: 'planMeasure', problemId: P, measureId: 'M2', content: 'x', deadline: '2019-07-30' }, { actor: staff })
      .thenRefused('problem.closure_requested');
  });
});

describe('problem: re-check, long term, withdrawal, correction', () => {
  it('a closed problem is reopened on re-check and needs fresh evidence to close again', () => {
    spec.given(ready).when({ type: 'reopen', problemId: P, reason: 'x' }, { actor: actor('inspector') }).thenRefused('problem.reopen.not_closed');
    const s = spec.given(closedHistory).when({ type: 'reopen', problemId: P, reason: '回头看发现反弹' }, { actor: actor('inspector') }).thenEmits([reopened]);
    expect(s.status).toBe('open');
    spec.given([...closedHistory, reopened]).when({ type: 'requestClosure', problemId: P, summary: 'x' }, { actor: staff }).thenRefused('problem.closure.no_evidence');
    spec.given([...closedHistory, reopened, evidence('b')]).when({ type: 'requestClosure', problemId: P, summary: 'x' }, { actor: staff }).thenEmitsTypes('problem.closure_requested');
    spec.given(closedHistory).when({ type: 'reopen', problemId: P, reason: 'x' }, { actor: staff }).thenNotAuthorized('problem.reopen');
    spec.given(closedHistory).when({ type: 'completeMeasure', problemId: P, measureId: 'M1', note: 'x' }, { actor: staff }).thenRefused('problem.closed');
  });
  it('a long-term problem closes only when its milestones are reached', () => {
    const mark = { type: 'markLongTerm' as const, problemId: P, reason: '需长期整改', milestones: [{ milestoneId: 'S1', content: '制度建立', due: '2019-12-31' }] };
    const marked = spec.given(ready).when(mark, { actor: actor('ng-president') }).thenEmitsTypes('problem.marked_long_term');
    expect(marked.longTerm?.milestones.size).toBe(1);
    const lt = { type: 'problem.marked_long_term' as const, data: { problemId: P, reason: '需长期整改', milestones: mark.milestones } };
    spec.given([...ready, lt]).when({ type: 'requestClosure', problemId: P, summary: 'x' }, { actor: staff }).thenRefused('problem.closure.milestones_pending');
    spec.given([...ready, lt]).when({ type: 'reachMilestone', problemId: P, milestoneId: 'S1', note: 'x' }, { actor: staff }).thenEmitsTypes('problem.milestone_reached');
    spec.given([...ready, lt, { type: 'problem.milestone_reached', data: { problemId: P, milestoneId: 'S1', note: 'x' } }])
      .when({ type: 'requestClosure', problemId: P, summary: 'x' }, { actor: staff }).thenEmitsTypes('problem.closure_requested');
    spec.given([...ready, lt]).when(mark, { actor: actor('ng-president') }).thenRefused('problem.long_term.already');
    spec.given(ready).when({ ...mark, milestones: [{ milestoneId: 'S1', content: 'x', due: '2019-01-01' }] }, { actor: ngOffice }).thenRefused('problem.long_term.milestone_in_past');
    spec.given(ready).when({ ...mark, milestones: [mark.milestones[0]!, mark.milestones[0]!] }, { actor: ngOffice }).thenRefused('problem.long_term.duplicate_milestone');
    spec.given([...ready, lt]).when({ type: 'reachMilestone', problemId: P, milestoneId: 'S9', note: 'x' }, { actor: staff }).thenRefused('problem.long_term.unknown_milestone');
  });
  it('is withdrawn with a reason, proposed by the office and approved by a leader, both recorded; then nothing more happens', () => {
    const withdraw = { type: 'propose' as const, problemId: P, proposalId: 'W1', action: { kind: 'withdraw' as const, reason: '误报' } };
    const proposed: ProblemEvent = { type: 'problem.decision_proposed', data: { problemId: P, proposalId: 'W1', action: withdraw.action, proposedBy: 'office1' } };
    spec.given(rectifying).when(withdraw, { actor: office }).thenEmits([proposed]);
    spec.given([...rectifying, proposed]).when({ type: 'approve', problemId: P, proposalId: 'W1' }, { actor: actor('deputy') })
      .thenEmits([{ type: 'problem.withdrawn', data: { problemId: P, reason: '误报', approvedBy: 'deputy', proposalId: 'W1', proposedBy: 'office1' } }]);
    spec.given(rectifying).when(withdraw, { actor: staff }).thenNotAuthorized('problem.propose', 'problem.rights.proposer_not_office');
    spec.given(closedHistory).when(withdraw, { actor: office }).thenRefused('problem.closed');
    spec.given([...rectifying, { type: 'problem.withdrawn', data: { problemId: P, reason: 'x', approvedBy: 'deputy' } }])
      .when({ type: 'recordProgress', problemId: P, note: 'x' }, { actor: staff }).thenRefused('problem.withdrawn');
  });
  it('corrections are new events with a reason, carrying only what changes', () => {
    const s = spec.given(rectifying).when({ type: 'correct', problemId: P, reason: '定性有误', severity: 'serious', title: '执行案款发放超期' }, { actor: office })
      .thenEmits([{ type: 'problem.corrected', data: { problemId: P, reason: '定性有误', severity: 'serious' } }]);
    expect(s.details?.severity).toBe('serious');
    spec.given(rectifying).when({ type: 'correct', problemId: P, reason: 'x', severity: 'moderate' }, { actor: office }).thenRefused('problem.correct.nothing');
    spec.given(rectifying).when({ type: 'correct', problemId: P, reason: 'x', department: '研究室' }, { actor: office }).thenRefused('problem.department.unknown');
    spec.given(rectifying).when({ type: 'correct', problemId: P, reason: 'x', severity: 'minor' }, { actor: staff }).thenNotAuthorized('problem.correct');
  });
});

describe('problem: overdue is derived, never stored', () => {
  it('lists measures past their deadline (plus grace) on a given date', () => {
    const s = spec.given([]).when({ type: 'identify', problemId: P, courtId: 'NANGUAN', source: 'self_inspection', title: 'x', description: 'x', criterion: 'x', severity: 'minor' }, { actor: staff })
      .thenEmitsTypes('problem.identified');
    expect(overdueMeasures(s, '2019-07-01')).toEqual([]);
    const r = spec.given(rectifying).when({ type: 'recordProgress', problemId: P, note: 'x' }, { actor: staff }).thenEmitsTypes('problem.progress_recorded');
    expect(overdueMeasures(r, '2019-06-30')).toEqual([]);
    expect(overdueMeasures(r, '2019-07-01').map((m) => m.measureId)).toEqual(['M1']);
    expect(overdueMeasures(r, '2019-07-05', 5)).toEqual([]);
    expect(overdueMeasures(r, '2019-07-06', 5).length).toBe(1);
  });
  it('given a measure past its own deadline while a later measure keeps the problem in time, when asked on that date, then the problem is not overdue (one rule per problem)', () => {
    const r = spec.given([...rectifying, measure('M2', '2019-08-31')]).when({ type: 'recordProgress', problemId: P, note: 'x' }, { actor: staff }).thenEmitsTypes('problem.progress_recorded');
    expect(problemDeadline(r)).toBe('2019-08-31');
    expect(isProblemOverdue(r, '2019-07-01')).toBe(false);
    expect(overdueMeasures(r, '2019-07-01')).toEqual([]);
    expect(isProblemOverdue(r, '2019-09-01')).toBe(true);
    expect(overdueMeasures(r, '2019-09-01').map((m) => m.measureId)).toEqual(['M1', 'M2']);
  });
});
