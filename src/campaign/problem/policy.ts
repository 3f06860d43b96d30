/**
 * Who may act on a Problem. "The responsible side" is the responsible person, the responsible
 * leader, the `department_head` of the responsible department, and the `first_responsible` of
 * the problem's court (who also acts before responsibility is assigned).
 * - `identify`: by source — self-inspection: anyone of the problem's court; routine or
 *   unannounced inspection: `inspection_office` (or `system`, for the reaction that turns a
 *   finding into a problem); report or higher-level feedback: `campaign_office`, a leader of the
 *   leading group, `system`, or (report) anyone of the problem's court;
 * - `register`: `campaign_office`, `system`, or the court's `first_responsible`;
 * - `assignResponsibility`, `markLongTerm`: the court's `first_responsible` or `court_president`, or `campaign_office`;
 * - measures, progress, evidence, extension requests, closure requests, milestones: the responsible side;
 * - `grantExtension`, `denyExtension`: `campaign_office` or a leader of the leading group;
 * - `verify`, `returnVerification`: `verifier` (independence is a rule, see the decider);
 * - `close` (销号): `campaign_office`;
 * - `reopen` (回头看): `inspection_office`, `verifier` or `campaign_office`;
 * - `withdraw`: a leader of the leading group, or the court's `first_responsible` (recorded as approver);
 * - `correct`: `campaign_office`, or the court's `first_responsible`.
 */
import type { Actor } from '../../eventsourcing/envelope';
import { actorCourt, inUnit } from '../actors';
import type { DomainEnv, Policy } from '../aggregate';
import { LEADERS, holdsAny, type Post } from '../posts';
import type { ProblemCommand } from './commands';
import type { ProblemState } from './state';

const courtOf = (s: ProblemState) => s.details?.courtId;
const courtRole = (actor: Actor, s: ProblemState, posts: readonly Post[]) => holdsAny(actor.posts, posts) && actorCourt(actor) === courtOf(s);

/** Whether the actor is on the problem's responsible side. */
export const isResponsibleSide = (actor: Actor, s: ProblemState): boolean => {
  if (courtRole(actor, s, ['first_responsible'])) return true;
  const r = s.responsibility;
  if (r === undefined) return false;
  return actor.id === r.personId || actor.id === r.leaderId || (inUnit(actor, r.courtId, r.department) && holdsAny(actor.posts, ['department_head']));
};

const responsible = (_c: unknown, s: ProblemState, actor: Actor): true | string =>
  isResponsibleSide(actor, s)
  || `requires the responsible person, leader or department head, or the first_responsible of court "${courtOf(s) ?? '?'}"`;

const either = (posts: readonly Post[], courtPosts: readonly Post[] = []) => (_c: unknown, s: ProblemState, actor: Actor): true | string =>
  holdsAny(actor.posts, posts) || courtRole(actor, s, courtPosts)
  || `requires ${[...posts, ...courtPosts.map((p) => `${p} of court "${courtOf(s) ?? '?'}"`)].join(' or ')}`;

/** The Problem's policy table. */
export const problemPolicy: Policy<ProblemCommand, ProblemState, DomainEnv> = {
  identify: (c, _s, actor) => {
    const own = actorCourt(actor) === c.courtId;
    switch (c.source) {
      case 'self_inspection':
        return own || `a self-inspection problem is identified by someone of court "${c.courtId}"`;
      case 'routine_inspection':
      case 'unannounced_inspection':
        return holdsAny(actor.posts, ['inspection_office', 'system']) || 'a problem from an inspection is identified by the inspection_office';
      case 'report':
        return own || holdsAny(actor.posts, ['campaign_office', 'system', ...LEADERS]) || 'a problem from a report is identified by its court or the campaign_office';
      case 'higher_level_feedback':
        return holdsAny(actor.posts, ['campaign_office', 'system', ...LEADERS]) || 'higher-level feedback is recorded by the campaign_office or the leading group';
    }
  },
  register: either(['campaign_office', 'system'], ['first_responsible']),
  assignResponsibility: either(['campaign_office'], ['first_responsible', 'court_president']),
  planMeasure: responsible,
  completeMeasure: responsible,
  recordProgress: responsible,
  attachEvidence: responsible,
  requestExtension: responsible,
  grantExtension: either(['campaign_office', ...LEADERS]),
  denyExtension: either(['campaign_office', ...LEADERS]),
  requestClosure: responsible,
  verify: either(['verifier']),
  returnVerification: either(['verifier']),
  close: either(['campaign_office']),
  reopen: either(['inspection_office', 'verifier', 'campaign_office']),
  markLongTerm: either(['campaign_office'], ['first_responsible', 'court_president']),
  reachMilestone: responsible,
  withdraw: either([...LEADERS], ['first_responsible']),
  correct: either(['campaign_office'], ['first_responsible']),
};
