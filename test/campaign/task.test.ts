import { describe, expect, it } from 'vitest';
import { taskAggregate } from '../../src/campaign/task/decider';
import type { TaskEvent } from '../../src/campaign/task/events';
import type { TaskCommand } from '../../src/campaign/task/commands';
import { actor, campaign, org, specOf } from './support/world';

const spec = specOf(taskAggregate, { org, campaign });
const office = actor('office1');
const head = actor('tmo-head');
const issue: TaskCommand = {
  type: 'issue', taskId: 'T-01', number: 1, categoryId: '1', title: '落实院庭长监管权责清单',
  leadDepartments: ['审管办'], coDepartments: ['立案庭'], scopeCourts: ['NANGUAN', 'CHAOYANG'], dueDate: '2019-06-30',
};
const { type: _omit, ...issueData } = issue as Extract<TaskCommand, { type: 'issue' }>;
const issuedEv: TaskEvent = { type: 'task.issued', data: { ...issueData, coDepartments: ['立案庭'] } };
const accepted: TaskEvent = { type: 'task.accepted', data: { taskId: 'T-01', courtId: 'CITY', department: '审管办' } };
const completed: TaskEvent = { type: 'task.completion_reported', data: { taskId: 'T-01', summary: 'done', evidence: [] } };
const requested: TaskEvent = {
  type: 'task.extension_requested',
  data: { taskId: 'T-01', requestId: 'R1', currentDueDate: '2019-06-30', requestedDueDate: '2019-07-31', reason: 'more courts' },
};

describe('task: issue', () => {
  it('the campaign office issues a task', () => {
    spec.given([]).when(issue, { actor: office }).thenEmits([issuedEv]);
  });
  it('refuses a second issue, unknown category, number outside the category, unknown department or court, a past due date', () => {
    spec.given([issuedEv]).when(issue, { actor: office }).thenRefused('task.already_issued');
    spec.given([]).when({ ...issue, categoryId: '9' }, { actor: office }).thenRefused('task.category.unknown');
    spec.given([]).when({ ...issue, number: 16 }, { actor: office }).thenRefused('task.number.outside_category');
    spec.given([]).when({ ...issue, leadDepartments: ['信息化委员会办公室'] }, { actor: office }).thenRefused('task.department.unknown');
    spec.given([]).when({ ...issue, coDepartments: ['审管办'] }, { actor: office }).thenRefused('task.department.lead_and_co');
    spec.given([]).when({ ...issue, scopeCourts: ['NOPE'] }, { actor: office }).thenRefused('task.court.unknown');
    spec.given([]).when({ ...issue, dueDate: '2019-05-31' }, { actor: office }).thenRefused('task.due_date.in_past');
  });
  it('only the campaign office issues tasks', () => {
    spec.given([]).when(issue, { actor: head }).thenNotAuthorized('task.issue');
    spec.given([]).when(issue, { actor: actor('president') }).thenNotAuthorized('task.issue');
  });
  it('refuses any task command before the campaign is launched', () => {
    specOf(taskAggregate, { org, campaign: { ...campaign, launched: false } }).given([]).when(issue, { actor: office }).thenRefused('campaign.not_launched');
  });
  it('refuses commands on a task never issued', () => {
    spec.given([]).when({ type: 'accept', taskId: 'T-01' }, { actor: head }).thenRefused('task.not_issued');
  });
});

describe('task: accept, decompose, progress', () => {
  it('the head of a lead department accepts once; others may not', () => {
    spec.given([issuedEv]).when({ type: 'accept', taskId: 'T-01' }, { actor: head }).thenEmits([accepted]);
    spec.given([issuedEv, accepted]).when({ type: 'accept', taskId: 'T-01' }, { actor: head }).thenRefused('task.already_accepted');
    spec.given([issuedEv]).when({ type: 'accept', taskId: 'T-01' }, { actor: actor('tmo-staff') }).thenNotAuthorized('task.accept');
    spec.given([issuedEv]).when({ type: 'accept', taskId: 'T-01' }, { actor: actor('exec-head') }).thenNotAuthorized('task.accept');
  });
  it('decomposes once per court in scope, never due after the task', () => {
    const d = { type: 'decompose' as const, taskId: 'T-01', courtId: 'NANGUAN', assignment: '梳理清单', dueDate: '2019-06-20' };
    spec.given([issuedEv]).when(d, { actor: head }).thenEmitsTypes('task.decomposed');
    spec.given([issuedEv, { type: 'task.decomposed', data: { taskId: 'T-01', courtId: 'NANGUAN', assignment: 'x', dueDate: '2019-06-20' } }])
      .when(d, { actor: head }).thenRefused('task.already_decomposed');
    spec.given([issuedEv]).when({ ...d, courtId: 'CITY' }, { actor: head }).thenRefused('task.court.not_in_scope');
    spec.given([issuedEv]).when({ ...d, dueDate: '2019-07-01' }, { actor: head }).thenRefused('task.decompose.due_after_task');
    spec.given([issuedEv]).when(d, { actor: actor('ng-staff') }).thenNotAuthorized('task.decompose');
  });
  it('progress comes from a responsible department or the court reported on', () => {
    const p = { type: 'reportProgress' as const, taskId: 'T-01', courtId: 'NANGUAN', summary: '进展', percent: 40 };
    spec.given([issuedEv]).when(p, { actor: actor('tmo-staff') }).thenEmitsTypes('task.progress_reported');
    spec.given([issuedEv]).when(p, { actor: actor('ng-president') }).thenEmitsTypes('task.progress_reported');
    spec.given([issuedEv]).when(p, { actor: actor('cy-president') }).thenNotAuthorized('task.reportProgress');
    spec.given([issuedEv]).when({ ...p, courtId: 'ELSEWHERE' }, { actor: actor('tmo-staff') }).thenRefused('task.court.not_in_scope');
    spec.given([issuedEv, accepted, completed]).when(p, { actor: actor('tmo-staff') }).thenRefused('task.progress.after_completion');
  });
});

describe('task: a due date moves only through an extension requested before it', () => {
  const req = { type: 'requestExtension' as const, taskId: 'T-01', requestId: 'R1', requestedDueDate: '2019-07-31', reason: 'more courts' };
  it('accepts a request on the last local day (23:00 +08:00)', () => {
    spec.given([issuedEv, accepted]).when(req, { actor: head, recordedAt: '2019-06-30T15:00:00.000Z' }).thenEmits([requested]);
  });
  it('refuses a request after the deadline by the trusted clock, whatever effective time the caller claims', () => {
    spec.given([issuedEv, accepted]).when(req, { actor: head, recordedAt: '2019-06-30T16:30:00.000Z', effectiveAt: '2019-06-20T00:00:00.000Z' })
      .thenRefused('task.extension.after_deadline');
  });
  it('refuses an effective time later than the recorded time', () => {
    spec.given([issuedEv, accepted]).when(req, { actor: head, recordedAt: '2019-06-10T00:00:00.000Z', effectiveAt: '2019-06-11T00:00:00.000Z' })
      .thenRefused('effective_at.in_future');
  });
  it('refuses a date not later, a second pending request, a reused request id', () => {
    spec.given([issuedEv, accepted]).when({ ...req, requestedDueDate: '2019-06-30' }, { actor: head }).thenRefused('task.extension.not_later');
    spec.given([issuedEv, accepted, requested]).when({ ...req, requestId: 'R2' }, { actor: head }).thenRefused('task.extension.pending');
    spec.given([issuedEv, accepted, requested]).when(req, { actor: head }).thenRefused('task.extension.duplicate_request');
    spec.given([issuedEv, accepted]).when(req, { actor: actor('tmo-staff') }).thenNotAuthorized('task.requestExtension');
  });
  const grant = { type: 'propose' as const, taskId: 'T-01', proposalId: 'G1', action: { kind: 'grant_extension' as const, requestId: 'R1' } };
  const grantProposed: TaskEvent = { type: 'task.decision_proposed', data: { taskId: 'T-01', proposalId: 'G1', action: grant.action, proposedBy: 'office1' } };
  it('a granted extension moves the due date (proposed by the office, approved by a leader); a denied one does not', () => {
    const pending = spec.given([issuedEv, accepted, requested]).when(grant, { actor: office }).thenEmits([grantProposed]);
    expect(pending.dueDate).toBe('2019-06-30');
    const s = spec.given([issuedEv, accepted, requested, grantProposed]).when({ type: 'approve', taskId: 'T-01', proposalId: 'G1' }, { actor: actor('deputy') })
      .thenEmits([{ type: 'task.extension_granted', data: { taskId: 'T-01', requestId: 'R1', previousDueDate: '2019-06-30', newDueDate: '2019-07-31', proposalId: 'G1', proposedBy: 'office1', approvedBy: 'deputy' } }]);
    expect(s.dueDate).toBe('2019-07-31');
    const d = spec.given([issuedEv, accepted, requested]).when({ type: 'denyExtension', taskId: 'T-01', requestId: 'R1', reason: 'no' }, { actor: actor('deputy') })
      .thenEmitsTypes('task.extension_denied');
    expect(d.dueDate).toBe('2019-06-30');
  });
  it('decides a request only once, only if it exists, only by a supervisor', () => {
    const granted: TaskEvent = { type: 'task.extension_granted', data: { taskId: 'T-01', requestId: 'R1', previousDueDate: '2019-06-30', newDueDate: '2019-07-31' } };
    spec.given([issuedEv, accepted, requested, granted]).when({ type: 'denyExtension', taskId: 'T-01', requestId: 'R1', reason: 'x' }, { actor: office })
      .thenRefused('task.extension.already_decided');
    spec.given([issuedEv, accepted, requested, granted]).when(grant, { actor: office }).thenRefused('task.extension.already_decided');
    spec.given([issuedEv, accepted]).when({ ...grant, action: { kind: 'grant_extension', requestId: 'R9' } }, { actor: office }).thenRefused('task.extension.unknown_request');
    spec.given([issuedEv, accepted, requested]).when(grant, { actor: head }).thenNotAuthorized('task.propose', 'task.rights.proposer_not_office');
  });
});

describe('task: completion, return, evaluation', () => {
  it('completion needs an acceptance and is reported once', () => {
    const c = { type: 'reportCompletion' as const, taskId: 'T-01', summary: 'done' };
    spec.given([issuedEv]).when(c, { actor: head }).thenRefused('task.not_accepted');
    spec.given([issuedEv, accepted]).when(c, { actor: head }).thenEmits([completed]);
    spec.given([issuedEv, accepted, completed]).when(c, { actor: head }).thenRefused('task.completion.already_reported');
  });
  it('a completion is returned for rework or evaluated; an evaluated task is finished', () => {
    spec.given([issuedEv, accepted]).when({ type: 'returnForRework', taskId: 'T-01', reason: 'x' }, { actor: office }).thenRefused('task.return.not_completed');
    const r = spec.given([issuedEv, accepted, completed]).when({ type: 'returnForRework', taskId: 'T-01', reason: 'incomplete' }, { actor: office })
      .thenEmitsTypes('task.returned');
    expect(r.status).toBe('in_progress');
    const rate = { type: 'propose' as const, taskId: 'T-01', proposalId: 'E1', action: { kind: 'evaluate' as const, rating: 'good' as const, comment: 'ok' } };
    spec.given([issuedEv, accepted]).when(rate, { actor: office }).thenRefused('task.evaluate.not_completed');
    const proposed: TaskEvent = { type: 'task.decision_proposed', data: { taskId: 'T-01', proposalId: 'E1', action: rate.action, proposedBy: 'office1' } };
    spec.given([issuedEv, accepted, completed]).when(rate, { actor: office }).thenEmits([proposed]);
    const evaluated: TaskEvent = { type: 'task.evaluated', data: { taskId: 'T-01', rating: 'good', comment: 'ok', proposalId: 'E1', proposedBy: 'office1', approvedBy: 'office-head' } };
    spec.given([issuedEv, accepted, completed, proposed]).when({ type: 'approve', taskId: 'T-01', proposalId: 'E1' }, { actor: actor('office-head') }).thenEmits([evaluated]);
    // Approval checks again: a completion returned meanwhile cannot be rated.
    spec.given([issuedEv, accepted, completed, proposed, { type: 'task.returned', data: { taskId: 'T-01', reason: 'x' } }])
      .when({ type: 'approve', taskId: 'T-01', proposalId: 'E1' }, { actor: actor('office-head') }).thenRefused('task.evaluate.not_completed');
    spec.given([issuedEv, accepted, completed, evaluated]).when({ type: 'reportProgress', taskId: 'T-01', courtId: 'NANGUAN', summary: 'x', percent: 1 }, { actor: head })
      .thenRefused('task.finished');
    spec.given([issuedEv, accepted, completed]).when(rate, { actor: head }).thenNotAuthorized('task.propose', 'task.rights.proposer_not_office');
  });
});

describe('task: the lead (牵头) department reports completion, co-responsible (协办) departments their parts', () => {
  const ledBy立案庭: TaskEvent = { type: 'task.issued', data: { ...issueData, leadDepartments: ['立案庭'], coDepartments: ['审管办'] } };
  const acceptedByLead: TaskEvent = { type: 'task.accepted', data: { taskId: 'T-01', courtId: 'CITY', department: '立案庭' } };
  it('given a task led by 立案庭 with 审管办 co-responsible, when the head of 审管办 reports completion, then it is refused with task.completion.by_co_department', () => {
    spec.given([ledBy立案庭, acceptedByLead]).when({ type: 'reportCompletion', taskId: 'T-01', summary: 'done' }, { actor: head })
      .thenRefused('task.completion.by_co_department');
  });
  it('given the same task, when a member of 审管办 reports its part, then the progress is recorded', () => {
    spec.given([ledBy立案庭, acceptedByLead]).when({ type: 'reportProgress', taskId: 'T-01', courtId: 'CITY', summary: '协办部分已完成', percent: 100 }, { actor: actor('tmo-staff') })
      .thenEmitsTypes('task.progress_reported');
  });
});
