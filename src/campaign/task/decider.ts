/**
 * The Task's rules: issued once, in a known category and within its number range, to departments
 * of the organizer court, for known courts, due no earlier than today; a due date moves only when
 * an extension requested before it (by the trusted clock) is granted; decomposed once per court of
 * its scope, never due after the task; completion is reported after acceptance, then returned or
 * evaluated; an evaluated task is finished.
 */
import type { DecisionContext } from '../../eventsourcing/decider';
import { actorCourt, actorDepartment } from '../actors';
import { accept, refuse, requireLaunched, type AggregateSpec, type DomainEnv } from '../aggregate';
import { ev } from '../define';
import { localDate, onOrBefore } from '../time';
import type { TaskCommand } from './commands';
import { taskEvents as TE, type TaskEvent } from './events';
import { taskPolicy } from './policy';
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
  if (c.dueDate < localDate(ctx.recordedAt, env.campaign.utcOffsetMinutes)) {
    return refuse('task.due_date.in_past', `the due date ${c.dueDate} has already passed`);
  }
  const { type: _t, ...rest } = c;
  return accept<TaskEvent>(ev(TE.issued, { ...rest, coDepartments: co }));
};

/** Decides a Task command. */
export const decideTask = (c: TaskCommand, s: TaskState, ctx: DecisionContext, env: DomainEnv) => {
  if (c.type === 'issue') return decideIssue(c, s, ctx, env);
  const task = s.task;
  if (task === undefined || s.dueDate === undefined) return refuse('task.not_issued', `task "${c.taskId}" has not been issued`);
  const offset = env.campaign.utcOffsetMinutes;
  switch (c.type) {
    case 'accept': {
      const key = `${actorCourt(ctx.actor)}/${actorDepartment(ctx.actor)}`;
      if (s.acceptedBy.has(key)) return refuse('task.already_accepted', `department ${key} already accepted task "${c.taskId}"`);
      return accept<TaskEvent>(ev(TE.accepted, { taskId: c.taskId, courtId: actorCourt(ctx.actor) ?? '', department: actorDepartment(ctx.actor) ?? '' }));
    }
    case 'decompose': {
      if (!task.scopeCourts.includes(c.courtId)) return refuse('task.court.not_in_scope', `court "${c.courtId}" is not in the scope of task "${c.taskId}"`);
      if (s.parts.has(c.courtId)) return refuse('task.already_decomposed', `task "${c.taskId}" is already decomposed for court "${c.courtId}"`);
      if (c.dueDate > s.dueDate) return refuse('task.decompose.due_after_task', `the part's due date ${c.dueDate} is after the task's (${s.dueDate})`);
      const { type: _t, ...data } = c;
      return accept<TaskEvent>(ev(TE.decomposed, data));
    }
    case 'reportProgress': {
      if (c.courtId !== env.campaign.organizerCourtId && !task.scopeCourts.includes(c.courtId)) {
        return refuse('task.court.not_in_scope', `court "${c.courtId}" is not in the scope of task "${c.taskId}"`);
      }
      if (s.status === 'completion_reported') return refuse('task.progress.after_completion', 'completion has been reported; wait for the evaluation or a return');
      const { type: _t, ...data } = c;
      return accept<TaskEvent>(ev(TE.progressReported, data));
    }
    case 'requestExtension': {
      if (!onOrBefore(ctx.recordedAt, s.dueDate, offset)) {
        return refuse('task.extension.after_deadline', `the due date ${s.dueDate} has passed; an extension must be requested before it`, { dueDate: s.dueDate, recordedAt: ctx.recordedAt });
      }
      if (s.extensions.has(c.requestId)) return refuse('task.extension.duplicate_request', `request "${c.requestId}" already exists`);
      if ([...s.extensions.values()].some((x) => x.decision === 'pending')) return refuse('task.extension.pending', 'another extension request is pending');
      if (c.requestedDueDate <= s.dueDate) return refuse('task.extension.not_later', `the requested due date ${c.requestedDueDate} is not after ${s.dueDate}`);
      if (s.status === 'completion_reported') return refuse('task.extension.after_completion', 'completion has already been reported');
      return accept<TaskEvent>(ev(TE.extensionRequested, {
        taskId: c.taskId, requestId: c.requestId, currentDueDate: s.dueDate, requestedDueDate: c.requestedDueDate, reason: c.reason,
      }));
    }
    case 'grantExtension':
    case 'denyExtension': {
      const x = s.extensions.get(c.requestId);
      if (x === undefined) return refuse('task.extension.unknown_request', `no extension request "${c.requestId}"`);
      if (x.decision !== 'pending') return refuse('task.extension.already_decided', `request "${c.requestId}" was already ${x.decision}`);
      return c.type === 'grantExtension'
        ? accept<TaskEvent>(ev(TE.extensionGranted, { taskId: c.taskId, requestId: c.requestId, previousDueDate: s.dueDate, newDueDate: x.requestedDueDate }))
        : accept<TaskEvent>(ev(TE.extensionDenied, { taskId: c.taskId, requestId: c.requestId, reason: c.reason }));
    }
    case 'reportCompletion': {
      if (s.status === 'completion_reported') return refuse('task.completion.already_reported', 'completion has already been reported');
      if (s.acceptedBy.size === 0) return refuse('task.not_accepted', `task "${c.taskId}" has not been accepted yet`);
      return accept<TaskEvent>(ev(TE.completionReported, { taskId: c.taskId, summary: c.summary, evidence: c.evidence ?? [] }));
    }
    case 'returnForRework': {
      if (s.status !== 'completion_reported') return refuse('task.return.not_completed', 'only a reported completion can be returned');
      return accept<TaskEvent>(ev(TE.returned, { taskId: c.taskId, reason: c.reason }));
    }
    case 'evaluate': {
      if (s.status !== 'completion_reported') return refuse('task.evaluate.not_completed', 'only a reported completion can be evaluated');
      return accept<TaskEvent>(ev(TE.evaluated, { taskId: c.taskId, rating: c.rating, comment: c.comment }));
    }
  }
};

/** Before the policy: the campaign is launched, the task exists and is not finished. */
export const precheckTask = (c: TaskCommand, s: TaskState, env: DomainEnv) => {
  const notLaunched = requireLaunched(env);
  if (notLaunched) return notLaunched;
  if (c.type === 'issue') return undefined;
  if (s.status === 'none') return refuse('task.not_issued', `task "${c.taskId}" has not been issued`);
  if (s.status === 'evaluated') return refuse('task.finished', `task "${c.taskId}" has been evaluated and is finished`);
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
