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
 * - `denyExtension`, `returnForRework`: `campaign_office`, `leading_group_leader` or `leading_group_deputy`;
 * - `propose` (granting an extension, rating the task): office staff (`campaign_office`,
 *   `task.rights.proposer_not_office`);
 * - `approve`, `reject`: the office head (`department_head` of the campaign office) or a member of the
 *   leading group (`task.rights.approver_not_entitled`), never the proposer
 *   (`task.rights.approver_is_proposer`). Four eyes: see `four-eyes.ts`;
 * - `recordNoProblemFound` (查摆 found nothing): that court's `first_responsible`, `court_president`
 *   or `court_leadership`, or `campaign_office`.
 */
import type { Actor } from '../../eventsourcing/envelope';
import { actorCourt, actorDepartment } from '../actors';
import type { DomainEnv, Policy } from '../aggregate';
import { LEADERS, holdsAny, type Post } from '../posts';
import { approverRight, proposerRight, type FourEyesRules } from '../four-eyes';
import type { TaskCommand } from './commands';
import type { TaskAction } from './events';
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

/** The rule codes of the Task's four eyes. */
export const TASK_RIGHTS: FourEyesRules = {
  proposerNotOffice: 'task.rights.proposer_not_office', approverNotEntitled: 'task.rights.approver_not_entitled',
  approverIsProposer: 'task.rights.approver_is_proposer', exists: 'task.proposal.exists', pending: 'task.proposal.pending',
  unknown: 'task.proposal.unknown', decided: 'task.proposal.decided',
};

const ACTION_NAMES: Record<TaskAction['kind'], string> = { grant_extension: 'granting a task extension', evaluate: 'rating a task' };

const decision = (s: TaskState, proposalId: string) => {
  const p = s.proposals.get(proposalId);
  return { p, what: p === undefined ? 'a proposal' : ACTION_NAMES[p.action.kind] };
};

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
  denyExtension: supervisor,
  reportCompletion: leadHead('reporting completion'),
  returnForRework: supervisor,
  recordNoProblemFound: (c, _s, actor) =>
    holdsAny(actor.posts, ['campaign_office'])
    || (holdsAny(actor.posts, ['first_responsible', 'court_president', 'court_leadership']) && actorCourt(actor) === c.courtId)
    || `recording that court "${c.courtId}" found no problem requires its first_responsible, court_president or court_leadership, or the campaign_office role`,
  propose: (c, _s, actor) => proposerRight(TASK_RIGHTS, actor, ACTION_NAMES[c.action.kind]),
  approve: (c, s, actor) => { const { p, what } = decision(s, c.proposalId); return approverRight(TASK_RIGHTS, actor, what, p); },
  reject: (c, s, actor) => { const { p, what } = decision(s, c.proposalId); return approverRight(TASK_RIGHTS, actor, what, p); },
};
