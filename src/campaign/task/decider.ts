/**
 * The Task's rules: issued once, in a known category and within its number range, to departments
 * of the organizer court, for known courts, due no earlier than today; a due date moves only when
 * an extension requested before it (by the trusted clock) is granted; decomposed once per court of
 * its scope, never due after the task; completion is reported after acceptance, then returned or
 * evaluated; an evaluated task is finished.
 */
import { refuseDeadline } from '../calendar';
import * as E from 'fp-ts/Either';
import type { DecisionContext } from '../../eventsourcing/decider';
import { actorCourt, actorDepartment } from '../actors';
import { requireLaunched, type AggregateSpec, type DomainEnv } from '../aggregate';
import { accept, refuse } from '../rules';
import { ev } from '../define';
import { pendingRequest, refuseRequest, type ExtensionRules } from '../extensions';
import { decideFourEyes, type Approval } from '../four-eyes';
import { localDate } from '../time';
import type { TaskCommand } from './commands';
import { taskEvents as TE, type TaskAction, type TaskEvent } from './events';
import { TASK_RIGHTS, taskPolicy } from './policy';
import { evolveTask, initialTask, type TaskState } from './state';

export { evolveTask, initialTask, type TaskState };

const decideIssue = (c: Extract<TaskCommand, { type: 'issue' }>, s: TaskState, ctx: DecisionContext, env: DomainEnv) => {
  if (s.status !== 'none') return refuse('task.already_issued', `task "${c.taskId}" is already issued`);
  const category = env.campaign.categories.get(c.categoryId);
  if (category === undefined) return refuse('task.category.unknown', `no category "${c.categoryId}"`, { categoryId: c.categoryId });
  if (category.firstTask !== undefined && category.lastTask !== undefined && (c.number < category.firstTask || c.number > category.lastTask)) {
    return refuse('task.number.outside_category', `task number ${c.number} is outside category "${c.categoryId}" (${category.firstTask}-${category.lastTask})`);
  }
  const co = c.coDepartments ?? [];
  const both = co.find((d) => c.leadDepartments.includes(d));
  if (both !== undefined) return refuse('task.department.lead_and_co', `"${both}" is both a lead and a co-responsible department`);
  const home = env.org.courts.get(env.campaign.organizerCourtId);
  const unknownDept = [...c.leadDepartments, ...co].find((d) => !home?.departments.has(d));
  if (unknownDept !== undefined) {
    return refuse('task.department.unknown', `the organizer court "${env.campaign.organizerCourtId}" has no department "${unknownDept}"`, { department: unknownDept });
  }
  const unknownCourt = c.scopeCourts.find((x) => !env.org.courts.has(x));
  if (unknownCourt !== undefined) return refuse('task.court.unknown', `no court "${unknownCourt}"`, { courtId: unknownCourt });
  if (c.dueDate < localDate(ctx.effectiveAt, env.campaign.utcOffsetMinutes)) { // as of the business time: a past plan is issued backdated
    return refuse('task.due_date.in_past', `the due date ${c.dueDate} has already passed`);
  }
  const holiday = refuseDeadline(c.dueDate, env.campaign.dayCount);
  if (holiday !== undefined) return holiday;
  const { type: _t, ...rest } = c;
  return accept(ev(TE.issued, { ...rest, coDepartments: co }));
};

/** The extension workflow of a task. */
const EXTENSIONS: ExtensionRules = {
  term: 'due date', detail: 'dueDate',
  afterDeadline: 'task.extension.after_deadline', duplicate: 'task.extension.duplicate_request', pending: 'task.extension.pending',
  notLater: 'task.extension.not_later', unknown: 'task.extension.unknown_request', decided: 'task.extension.already_decided',
};

/** What a proposal is about: one pending proposal per matter (an extension request, the rating). */
export const taskMatter = (a: TaskAction): string => (a.kind === 'grant_extension' ? `extension ${a.requestId}` : 'rating');

/**
 * The events of a decision taken with four eyes, or why it cannot be taken now: checked when it is
 * proposed (the events are then dropped) and again when it is approved.
 */
const decideAction = (a: TaskAction, s: Exclude<TaskState, { status: 'none' }>, approval: Approval) => {
  const taskId = s.task.taskId;
  switch (a.kind) {
    case 'grant_extension': {
      const pending = pendingRequest(EXTENSIONS, s.extensions, a.requestId);
      if (E.isLeft(pending)) return pending;
      return accept(ev(TE.extensionGranted, { taskId, requestId: a.requestId, previousDueDate: s.dueDate, newDueDate: pending.right.requestedDueDate, ...approval }));
    }
    case 'evaluate':
      if (s.status !== 'completion_reported') return refuse('task.evaluate.not_completed', 'only a reported completion can be evaluated');
      return accept(ev(TE.evaluated, { taskId, rating: a.rating, comment: a.comment, ...approval }));
  }
};

/** Decides a Task command. */
export const decideTask = (c: TaskCommand, s: TaskState, ctx: DecisionContext, env: DomainEnv) => {
  if (c.type === 'issue') return decideIssue(c, s, ctx, env);
  if (s.status === 'none') return refuse('task.not_issued', `task "${c.taskId}" has not been issued`);
  const task = s.task;
  const offset = env.campaign.utcOffsetMinutes;
  switch (c.type) {
    case 'accept': {
      const key = `${actorCourt(ctx.actor)}/${actorDepartment(ctx.actor)}`;
      if (s.acceptedBy.has(key)) return refuse('task.already_accepted', `department ${key} already accepted task "${c.taskId}"`);
      return accept(ev(TE.accepted, { taskId: c.taskId, courtId: actorCourt(ctx.actor) ?? '', department: actorDepartment(ctx.actor) ?? '' }));
    }
    case 'decompose': {
      if (!task.scopeCourts.includes(c.courtId)) return refuse('task.court.not_in_scope', `court "${c.courtId}" is not in the scope of task "${c.taskId}"`);
      if (s.parts.has(c.courtId)) return refuse('task.already_decomposed', `task "${c.taskId}" is already decomposed for court "${c.courtId}"`);
      if (c.dueDate > s.dueDate) return refuse('task.decompose.due_after_task', `the part's due date ${c.dueDate} is after the task's (${s.dueDate})`);
      const { type: _t, ...data } = c;
      return accept(ev(TE.decomposed, data));
    }
    case 'reportProgress': {
      if (c.courtId !== env.campaign.organizerCourtId && !task.scopeCourts.includes(c.courtId)) {
        return refuse('task.court.not_in_scope', `court "${c.courtId}" is not in the scope of task "${c.taskId}"`);
      }
      if (s.status === 'completion_reported') return refuse('task.progress.after_completion', 'completion has been reported; wait for the evaluation or a return');
      const { type: _t, ...data } = c;
      return accept(ev(TE.progressReported, data));
    }
    case 'requestExtension': {
      const refused = refuseRequest(EXTENSIONS, {
        requestId: c.requestId, requested: c.requestedDueDate, current: s.dueDate, recordedAt: ctx.recordedAt, utcOffsetMinutes: offset,
        requests: s.extensions, competes: () => true, competing: 'another extension request is pending',
      });
      if (refused) return refused;
      if (s.status === 'completion_reported') return refuse('task.extension.after_completion', 'completion has already been reported');
      return accept(ev(TE.extensionRequested, {
        taskId: c.taskId, requestId: c.requestId, currentDueDate: s.dueDate, requestedDueDate: c.requestedDueDate, reason: c.reason,
      }));
    }
    case 'denyExtension': {
      const pending = pendingRequest(EXTENSIONS, s.extensions, c.requestId);
      if (E.isLeft(pending)) return pending;
      return accept(ev(TE.extensionDenied, { taskId: c.taskId, requestId: c.requestId, reason: c.reason }));
    }
    case 'reportCompletion': {
      if (s.status === 'completion_reported') return refuse('task.completion.already_reported', 'completion has already been reported');
      if (s.acceptedBy.size === 0) return refuse('task.not_accepted', `task "${c.taskId}" has not been accepted yet`);
      return accept(ev(TE.completionReported, { taskId: c.taskId, summary: c.summary, evidence: c.evidence ?? [] }));
    }
    case 'returnForRework': {
      if (s.status !== 'completion_reported') return refuse('task.return.not_completed', 'only a reported completion can be returned');
      return accept(ev(TE.returned, { taskId: c.taskId, reason: c.reason }));
    }
    case 'recordNoProblemFound': {
      if (c.courtId !== env.campaign.organizerCourtId && !task.scopeCourts.includes(c.courtId)) {
        return refuse('task.court.not_in_scope', `court "${c.courtId}" is not in the scope of task "${c.taskId}"`);
      }
      if (s.noProblemFound?.has(c.courtId)) return refuse('task.no_problem_found.already', `court "${c.courtId}" already recorded no problem under task "${c.taskId}"`);
      return accept(ev(TE.noProblemFound, { taskId: c.taskId, courtId: c.courtId, note: c.note, recordedBy: ctx.actor.id }));
    }
    case 'propose': case 'approve': case 'reject':
      return decideFourEyes<TaskAction, TaskEvent>(TASK_RIGHTS, c, s.proposals, ctx.actor.id, {
        matterOf: taskMatter,
        decide: (a, approval) => decideAction(a, s, approval),
        proposed: (proposalId, action, proposedBy) => ev(TE.decisionProposed, { taskId: c.taskId, proposalId, action, proposedBy }),
        rejected: (proposalId, rejectedBy, reason) => ev(TE.proposalRejected, { taskId: c.taskId, proposalId, rejectedBy, reason }),
      });
  }
};

/**
 * Before the policy: the campaign is launched, the task exists and is not finished; completion is
 * never reported by a co-responsible (协办) department (`task.completion.by_co_department`).
 */
export const precheckTask = (c: TaskCommand, s: TaskState, env: DomainEnv, ctx?: Pick<DecisionContext, 'actor'>) => {
  const notLaunched = requireLaunched(env);
  if (notLaunched) return notLaunched;
  if (c.type === 'issue') return undefined;
  if (s.status === 'none') return refuse('task.not_issued', `task "${c.taskId}" has not been issued`);
  if (s.status === 'evaluated') return refuse('task.finished', `task "${c.taskId}" has been evaluated and is finished`);
  if (c.type === 'reportCompletion' && s.task !== undefined && ctx !== undefined) {
    const dept = actorDepartment(ctx.actor);
    if (actorCourt(ctx.actor) === env.campaign.organizerCourtId && dept !== undefined && s.task.coDepartments.includes(dept) && !s.task.leadDepartments.includes(dept)) {
      return refuse('task.completion.by_co_department', `${ctx.actor.id} of ${dept}, a co-responsible (协办) department of task "${c.taskId}", reports its part with reportProgress; completion is reported by the lead (牵头) department (${s.task.leadDepartments.join('、')})`);
    }
  }
  return undefined;
};

/** The Task aggregate. */
export const taskAggregate: AggregateSpec<TaskCommand, TaskState, TaskEvent, DomainEnv> = {
  name: 'task',
  initialState: initialTask,
  evolve: evolveTask,
  decide: decideTask,
  policy: taskPolicy,
  precheck: precheckTask,
};
