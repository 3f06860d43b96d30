/**
 * Four eyes (双人审批): withdrawing a problem, closing it off (销号), granting an extension (problem
 * and task) and rating a task are proposed by office staff and approved by someone else with the
 * right — the office head or a member of the leading group — never by the proposer. Each rule has
 * a given/when/then test on the decider; a seeded property through the facade shows that an actor
 * without the right never changes the store.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/eventsourcing/envelope';
import { problemAggregate } from '../../src/campaign/problem/decider';
import type { ProblemEvent } from '../../src/campaign/problem/events';
import { taskAggregate } from '../../src/campaign/task/decider';
import type { TaskEvent } from '../../src/campaign/task/events';
import { ok, type TestLedger } from './support/ledger-world';
import { outsidersChangeNothing } from './support/outsiders';
import { closed, rectifying, verifiedHistory as courtKept } from './support/problems';
import { actor, campaign, org, specOf } from './support/world';

const problems = specOf(problemAggregate, { org, campaign });
const tasks = specOf(taskAggregate, { org, campaign });
const P = 'P-1';
const office = actor('office1');
const head = actor('office-head');
/** A member (成员) of the leading group who is neither its leader nor a deputy. */
const member: Actor = { id: 'lg-member', posts: ['court_leadership', 'leading_group_member'], unit: 'CITY' };

/** A verified problem the host court's office took over: its office closes it off (a court's own are in two-level.test.ts). */
const verifiedHistory: readonly ProblemEvent[] = [
  ...courtKept, { type: 'problem.taken_over', data: { problemId: 'P-1', fromCourtId: 'NANGUAN', byCourtId: 'CITY', reason: '提级办理' } },
];
const closeOff = { type: 'propose' as const, problemId: P, proposalId: 'C1', action: { kind: 'close' as const } };
const proposedBy = (by: string, proposalId = 'C1'): ProblemEvent =>
  ({ type: 'problem.decision_proposed', data: { problemId: P, proposalId, action: { kind: 'close' }, proposedBy: by } });
const approve = (proposalId = 'C1') => ({ type: 'approve' as const, problemId: P, proposalId });
const reject = (proposalId = 'C1') => ({ type: 'reject' as const, problemId: P, proposalId, reason: '佐证不足，暂不销号' });

describe('four eyes on a problem: office staff propose, the office head or the leading group approve', () => {
  it('given a verified problem, when someone who is not office staff proposes closing it off, then problem.rights.proposer_not_office', () => {
    for (const who of ['ng-president', 'deputy', 'tmo-head', 'inspector']) {
      const e = problems.given(verifiedHistory).when(closeOff, { actor: actor(who) }).thenNotAuthorized('problem.propose', 'problem.rights.proposer_not_office');
      expect(e.message).toContain(who);
    }
  });
  it('given a proposal, when office staff without the head\'s post approve or reject it, then problem.rights.approver_not_entitled', () => {
    const given = problems.given([...verifiedHistory, proposedBy('office-head')]);
    given.when(approve(), { actor: office }).thenNotAuthorized('problem.approve', 'problem.rights.approver_not_entitled');
    given.when(reject(), { actor: office }).thenNotAuthorized('problem.reject', 'problem.rights.approver_not_entitled');
    given.when(approve(), { actor: actor('ng-president') }).thenNotAuthorized('problem.approve', 'problem.rights.approver_not_entitled');
  });
  it('given the office head proposed it, when the office head approves or rejects it, then problem.rights.approver_is_proposer', () => {
    const given = problems.given([...verifiedHistory, proposedBy('office-head')]);
    given.when(approve(), { actor: head }).thenNotAuthorized('problem.approve', 'problem.rights.approver_is_proposer');
    given.when(reject(), { actor: head }).thenNotAuthorized('problem.reject', 'problem.rights.approver_is_proposer');
  });
  it('given a proposal by office staff, when the office head, the leader, a deputy or a member of the leading group approves, then the decision is taken', () => {
    for (const who of [head, actor('president'), actor('deputy'), member]) {
      problems.given([...verifiedHistory, proposedBy('office1')]).when(approve(), { actor: who })
        .thenEmits([{ type: 'problem.closed', data: { problemId: P, verifierId: 'ng-verifier', proposalId: 'C1', proposedBy: 'office1', approvedBy: who.id } }]);
    }
  });
  it('given a pending proposal, when it is rejected, then nothing it proposed happens, and the matter may be proposed again', () => {
    const s = problems.given([...verifiedHistory, proposedBy('office1')]).when(reject(), { actor: head })
      .thenEmits([{ type: 'problem.proposal_rejected', data: { problemId: P, proposalId: 'C1', rejectedBy: 'office-head', reason: '佐证不足，暂不销号' } }]);
    expect(s.status).toBe('verified');
    const rejected: ProblemEvent = { type: 'problem.proposal_rejected', data: { problemId: P, proposalId: 'C1', rejectedBy: 'office-head', reason: 'x' } };
    problems.given([...verifiedHistory, proposedBy('office1'), rejected]).when({ ...closeOff, proposalId: 'C2' }, { actor: office }).thenEmitsTypes('problem.decision_proposed');
    problems.given([...verifiedHistory, proposedBy('office1'), rejected]).when(approve(), { actor: head }).thenRefused('problem.proposal.decided');
  });
  it('given a proposal, when another is made with its id or about the same matter, or an unknown one is decided, then the proposal rules refuse', () => {
    problems.given([...verifiedHistory, proposedBy('office1')]).when(closeOff, { actor: office }).thenRefused('problem.proposal.exists');
    problems.given([...verifiedHistory, proposedBy('office1')]).when({ ...closeOff, proposalId: 'C2' }, { actor: office }).thenRefused('problem.proposal.pending');
    problems.given(verifiedHistory).when(approve('C9'), { actor: head }).thenRefused('problem.proposal.unknown');
    problems.given([...verifiedHistory, proposedBy('office1'), { ...closed, data: { ...closed.data, proposalId: 'C1' } } as ProblemEvent])
      .when(reject(), { actor: head }).thenRefused('problem.proposal.decided');
  });
  it('given a withdrawal proposed while the problem was open, when it is approved after the problem was closed, then the approval checks again (problem.closed)', () => {
    const withdrawal: ProblemEvent = { type: 'problem.decision_proposed', data: { problemId: P, proposalId: 'W1', action: { kind: 'withdraw', reason: '误报' }, proposedBy: 'office1' } };
    problems.given([...rectifying, withdrawal]).when(approve('W1'), { actor: actor('deputy') }).thenEmitsTypes('problem.withdrawn');
    problems.given([...verifiedHistory, withdrawal, closed]).when(approve('W1'), { actor: actor('deputy') }).thenRefused('problem.closed');
  });
});

const issued: TaskEvent = {
  type: 'task.issued',
  data: { taskId: 'T-01', number: 1, categoryId: '1', title: '落实院庭长监管权责清单', leadDepartments: ['审管办'], coDepartments: [], scopeCourts: ['NANGUAN'], dueDate: '2019-06-30' },
};
const accepted: TaskEvent = { type: 'task.accepted', data: { taskId: 'T-01', courtId: 'CITY', department: '审管办' } };
const completed: TaskEvent = { type: 'task.completion_reported', data: { taskId: 'T-01', summary: 'done', evidence: [] } };
const rate = { type: 'propose' as const, taskId: 'T-01', proposalId: 'E1', action: { kind: 'evaluate' as const, rating: 'excellent' as const, comment: '完成出色' } };
const rated = (by: string): TaskEvent => ({ type: 'task.decision_proposed', data: { taskId: 'T-01', proposalId: 'E1', action: rate.action, proposedBy: by } });

describe('four eyes on a task: rating and extensions', () => {
  it('given a reported completion, when the lead department\'s head proposes its rating, then task.rights.proposer_not_office', () => {
    tasks.given([issued, accepted, completed]).when(rate, { actor: actor('tmo-head') }).thenNotAuthorized('task.propose', 'task.rights.proposer_not_office');
  });
  it('given a proposed rating, when office staff or the proposer approve it, then task.rights.approver_not_entitled / approver_is_proposer', () => {
    tasks.given([issued, accepted, completed, rated('office-head')]).when({ type: 'approve', taskId: 'T-01', proposalId: 'E1' }, { actor: office })
      .thenNotAuthorized('task.approve', 'task.rights.approver_not_entitled');
    tasks.given([issued, accepted, completed, rated('office-head')]).when({ type: 'approve', taskId: 'T-01', proposalId: 'E1' }, { actor: head })
      .thenNotAuthorized('task.approve', 'task.rights.approver_is_proposer');
  });
  it('given a proposed rating, when a leader approves it, then the task is rated with proposer and approver recorded', () => {
    const s = tasks.given([issued, accepted, completed, rated('office1')]).when({ type: 'approve', taskId: 'T-01', proposalId: 'E1' }, { actor: actor('president') })
      .thenEmits([{ type: 'task.evaluated', data: { taskId: 'T-01', rating: 'excellent', comment: '完成出色', proposalId: 'E1', proposedBy: 'office1', approvedBy: 'president' } }]);
    expect(s.status).toBe('evaluated');
  });
  it('given a pending rating, when a second is proposed or an unknown one approved, then task.proposal.pending / unknown', () => {
    tasks.given([issued, accepted, completed, rated('office1')]).when({ ...rate, proposalId: 'E2' }, { actor: office }).thenRefused('task.proposal.pending');
    tasks.given([issued, accepted, completed, rated('office1')]).when(rate, { actor: office }).thenRefused('task.proposal.exists');
    tasks.given([issued, accepted, completed]).when({ type: 'reject', taskId: 'T-01', proposalId: 'E9', reason: 'x' }, { actor: head }).thenRefused('task.proposal.unknown');
  });
});

const TEXT = fc.constantFrom('依据不足', '同意');
/** People who are not office staff (so may not propose). */
const NOT_OFFICE = ['president', 'deputy', 'tmo-head', 'tmo-staff', 'verifier1', 'inspector', 'discipline', 'exec-head', 'ng-president', 'ng-head', 'ng-staff', 'ng-office', 'cy-president', 'cy-staff'];
/** People who may not approve: office staff without the head's post, and everyone outside the office and the leading group. */
const NOT_APPROVER = ['office1', 'admin', 'tmo-head', 'tmo-staff', 'verifier1', 'inspector', 'discipline', 'exec-head', 'ng-president', 'ng-head', 'ng-staff', 'ng-office', 'cy-president', 'cy-staff'];

describe('four eyes: an actor without the right never changes the store', () => {
  const setup = async (t: TestLedger) => {
    const L = t.ledger;
    for (const id of ['P-1', 'P-2']) {
      await ok(L.problem.identify('ng-staff', {
        problemId: id, courtId: 'NANGUAN', department: '执行局', source: 'self_inspection', title: '执行案款发放超期',
        description: '部分案款未按期发放', criterion: '案款发放期限规定', severity: 'moderate',
      }));
      await ok(L.problem.assignResponsibility('ng-president', { problemId: id, leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
      await ok(L.problem.planMeasure('ng-staff', { problemId: id, measureId: 'M1', content: '清理案款', deadline: '2019-06-30' }));
    }
    await ok(L.problem.completeMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', note: '已完成' }));
    await ok(L.problem.attachEvidence('ng-staff', { problemId: 'P-1', evidence: { sha256: 'a'.repeat(64), description: '发放记录' } }));
    await ok(L.problem.requestClosure('ng-staff', { problemId: 'P-1', summary: '整改完成' }));
    await ok(L.problem.verify('verifier1', { problemId: 'P-1', note: '核查属实' }));
    await ok(L.problem.takeOver('office1', { problemId: 'P-1', reason: '提级办理' }));
    await ok(L.problem.propose('office1', { problemId: 'P-1', proposalId: 'C1', action: { kind: 'close' } }));
    await ok(L.problem.requestExtension('ng-staff', { problemId: 'P-2', measureId: 'M1', requestId: 'X1', requestedDeadline: '2019-07-31', reason: '涉及多案' }));
    await ok(L.problem.propose('office1', { problemId: 'P-2', proposalId: 'G1', action: { kind: 'grant_extension', requestId: 'X1' } }));
    await ok(L.problem.propose('office-head', { problemId: 'P-2', proposalId: 'W1', action: { kind: 'withdraw', reason: '与已登记问题重复' } }));
    await ok(L.task.issue('office1', { taskId: 'T-1', number: 1, categoryId: '1', title: '落实院庭长监管权责清单', leadDepartments: ['审管办'], scopeCourts: ['NANGUAN'], dueDate: '2019-06-30' }));
    await ok(L.task.accept('tmo-head', { taskId: 'T-1' }));
    await ok(L.task.reportCompletion('tmo-head', { taskId: 'T-1', summary: '已完成' }));
    await ok(L.task.propose('office-head', { taskId: 'T-1', proposalId: 'E1', action: { kind: 'evaluate', rating: 'good', comment: '良好' } }));
  };
  const problemAction = fc.oneof(
    fc.constant({ kind: 'close' }), fc.record({ kind: fc.constant('withdraw'), reason: TEXT }), fc.constant({ kind: 'grant_extension', requestId: 'X1' }),
  );
  const decide = (aggregate: 'problem' | 'task', ids: fc.Arbitrary<Record<string, string>>, actors: readonly string[]) =>
    fc.record({
      aggregate: fc.constant(aggregate), command: fc.constantFrom('approve', 'reject'), actor: fc.constantFrom(...actors),
      input: fc.tuple(ids, TEXT).map(([i, reason]) => ({ ...i, reason })),
    }).map((a) => (a.command === 'approve' ? { ...a, input: Object.fromEntries(Object.entries(a.input).filter(([k]) => k !== 'reason')) } : a));
  const attempts = fc.oneof(
    fc.record({
      aggregate: fc.constant('problem'), command: fc.constant('propose'), actor: fc.constantFrom(...NOT_OFFICE),
      input: fc.record({ problemId: fc.constantFrom('P-1', 'P-2'), proposalId: fc.constantFrom('N1', 'C1'), action: problemAction }),
    }),
    fc.record({
      aggregate: fc.constant('task'), command: fc.constant('propose'), actor: fc.constantFrom(...NOT_OFFICE),
      input: fc.record({ taskId: fc.constant('T-1'), proposalId: fc.constant('N1'), action: fc.constant({ kind: 'evaluate', rating: 'poor', comment: '差' }) }),
    }),
    decide('problem', fc.constantFrom({ problemId: 'P-1', proposalId: 'C1' }, { problemId: 'P-2', proposalId: 'G1' }, { problemId: 'P-2', proposalId: 'W1' }), NOT_APPROVER),
    decide('problem', fc.constant({ problemId: 'P-2', proposalId: 'W1' }), ['office-head']), // its own proposal
    decide('task', fc.constant({ taskId: 'T-1', proposalId: 'E1' }), [...NOT_APPROVER, 'office-head']),
  );
  it('property: proposing without being office staff, deciding without the right or on one\'s own proposal is refused and stores nothing', async () => {
    await outsidersChangeNothing(setup, attempts, [
      'problem.rights.proposer_not_office', 'problem.rights.approver_not_entitled', 'problem.rights.approver_is_proposer',
      'task.rights.proposer_not_office', 'task.rights.approver_not_entitled', 'task.rights.approver_is_proposer',
    ], 60);
  }, 120_000);
});
