/**
 * Who may act on a Task. "The responsible department" means a lead department of the organizer
 * court. Only progress reports may also come from the court a report is about (its department of
 * the same name, or its first responsible person); acceptance, extension requests and completion
 * are the organizer court's lead departments' alone.
 * - `issue`: `campaign_office`;
 * - `accept`, `requestExtension`, `reportCompletion`: `department_head` of a lead department;
 * - `decompose`: a member (`department_head` or `staff`) of a lead department, or `campaign_office`;
 * - `reportProgress`: a member of a lead or co-responsible department (of the organizer court or of
 *   the court reported on), or that court's `first_responsible`;
 * - `grantExtension`, `denyExtension`, `returnForRework`, `evaluate`: `campaign_office`,
 *   `leading_group_leader` or `leading_group_deputy`;
 * - `recordNoProblemFound` (查摆 found nothing): that court's `first_responsible`, `court_president`
 *   or `court_leadership`, or `campaign_office`.
 */
import type { Actor } from '../../eventsourcing/envelope';
import { actorCourt, actorDepartment } from '../actors';
import type { DomainEnv, Policy } from '../aggregate';
import { LEADERS, holdsAny, type Post } from '../posts';
import type { TaskCommand } from './commands';
import type { TaskState } from './state';

const MEMBER: readonly Post[] = ['department_head', 'staff'];

const inDepartments = (actor: Actor, courts: readonly string[], departments: readonly string[], posts: readonly Post[]) => {
  const court = actorCourt(actor);
  const dept = actorDepartment(actor);
  return court !== undefined && courts.includes(court) && dept !== undefined && departments.includes(dept) && holdsAny(actor.posts, posts);
};

const leadHead = (what: string) => (_c: unknown, s: TaskState, actor: Actor, env: DomainEnv): true | string =>
  inDepartments(actor, [env.campaign.organizerCourtId], s.task?.leadDepartments ?? [], ['department_head'])
  || `${what} requires department_head of a lead department (${(s.task?.leadDepartments ?? []).join(', ') || 'none'})`;

const supervisor = (_c: unknown, _s: TaskState, actor: Actor): true | string =>
  holdsAny(actor.posts, ['campaign_office', ...LEADERS]) || 'requires the campaign_office role or a leader of the leading group';

/** The Task's policy table. */
export const taskPolicy: Policy<TaskCommand, TaskState, DomainEnv> = {
  issue: (_c, _s, actor) => holdsAny(actor.posts, ['campaign_office']) || 'issuing a task requires the campaign_office role',
  accept: leadHead('accepting'),
  decompose: (_c, s, actor, env) =>
    holdsAny(actor.posts, ['campaign_office'])
    || inDepartments(actor, [env.campaign.organizerCourtId], s.task?.leadDepartments ?? [], MEMBER)
    || 'decomposing requires membership of a lead department or the campaign_office role',
  reportProgress: (c, s, actor, env) => {
    const depts = [...(s.task?.leadDepartments ?? []), ...(s.task?.coDepartments ?? [])];
    if (inDepartments(actor, [env.campaign.organizerCourtId, c.courtId], depts, MEMBER)) return true;
    if (holdsAny(actor.posts, ['first_responsible']) && actorCourt(actor) === c.courtId) return true;
    return `reporting progress for court "${c.courtId}" requires membership of a responsible department or that court's first_responsible role`;
  },
  requestExtension: leadHead('requesting an extension'),
  grantExtension: supervisor,
  denyExtension: supervisor,
  reportCompletion: leadHead('reporting completion'),
  returnForRework: supervisor,
  evaluate: supervisor,
  recordNoProblemFound: (c, _s, actor) =>
    holdsAny(actor.posts, ['campaign_office'])
    || (holdsAny(actor.posts, ['first_responsible', 'court_president', 'court_leadership']) && actorCourt(actor) === c.courtId)
    || `recording that court "${c.courtId}" found no problem requires its first_responsible, court_president or court_leadership, or the campaign_office role`,
};
