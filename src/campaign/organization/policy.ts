/**
 * Who may change the Organization:
 * - `establish`: anyone the organization does not know yet, and only for themselves (the actor
 *   becomes the administrator, holding `system`);
 * - `registerCourt`: `system`;
 * - departments, people, transfers within a court, posts and deactivation: `system` anywhere, or
 *   the `court_president` of the court concerned — except the `system`, `court_president`,
 *   `inspection_office` and `discipline_office` posts (and the people holding them), which only
 *   `system` manages; moving a person to another court needs `system`.
 */
import type { Actor } from '../../eventsourcing/envelope';
import type { Policy } from '../aggregate';
import { actorCourt } from '../actors';
import { holdsAny, type StandingPost } from '../posts';
import type { OrganizationCommand } from './commands';
import type { OrganizationState } from './state';

const SYSTEM_ONLY_POSTS: readonly StandingPost[] = ['system', 'court_president', 'inspection_office', 'discipline_office'];

const holdsSystemOnly = (s: OrganizationState, personId: string) =>
  [...(s.people.get(personId)?.posts ?? [])].some((p) => SYSTEM_ONLY_POSTS.includes(p));

const systemOr = (actor: Actor, courtId: string | undefined, what: string): true | string => {
  if (holdsAny(actor.posts, ['system'])) return true;
  if (courtId !== undefined && holdsAny(actor.posts, ['court_president']) && actorCourt(actor) === courtId) return true;
  return `${what} requires the system post, or court_president of court "${courtId ?? '?'}"`;
};

const courtOfPerson = (s: OrganizationState, personId: string) => s.people.get(personId)?.courtId;

/** The Organization's policy table. */
export const organizationPolicy: Policy<OrganizationCommand, OrganizationState, unknown> = {
  establish: (c, _s, actor) =>
    actor.id === c.administrator.personId || `only the administrator named in the command ("${c.administrator.personId}") may establish the organization`,
  registerCourt: (_c, _s, actor) => holdsAny(actor.posts, ['system']) || 'registering a court requires the system post',
  registerDepartment: (c, _s, actor) => systemOr(actor, c.courtId, 'registering a department'),
  registerPerson: (c, _s, actor) => {
    if ((c.posts ?? []).some((p) => SYSTEM_ONLY_POSTS.includes(p)) && !holdsAny(actor.posts, ['system'])) {
      return `posts ${SYSTEM_ONLY_POSTS.join(', ')} are assigned only by the system post`;
    }
    return systemOr(actor, c.courtId, 'registering a person');
  },
  transferPerson: (c, s, actor) => {
    const from = courtOfPerson(s, c.personId);
    if (!holdsAny(actor.posts, ['system'])) {
      if (from !== undefined && from !== c.courtId) return 'moving a person to another court requires the system post';
      if (holdsSystemOnly(s, c.personId)) return `person "${c.personId}" holds a post only the system post manages`;
    }
    return systemOr(actor, from ?? c.courtId, 'transferring a person');
  },
  assignPost: (c, s, actor) =>
    SYSTEM_ONLY_POSTS.includes(c.post) && !holdsAny(actor.posts, ['system'])
      ? `post "${c.post}" is assigned only by the system post`
      : systemOr(actor, courtOfPerson(s, c.personId), 'assigning a post'),
  revokePost: (c, s, actor) =>
    SYSTEM_ONLY_POSTS.includes(c.post) && !holdsAny(actor.posts, ['system'])
      ? `post "${c.post}" is revoked only by the system post`
      : systemOr(actor, courtOfPerson(s, c.personId), 'revoking a post'),
  deactivatePerson: (c, s, actor) =>
    holdsSystemOnly(s, c.personId) && !holdsAny(actor.posts, ['system'])
      ? `person "${c.personId}" holds a post only the system post manages`
      : systemOr(actor, courtOfPerson(s, c.personId), 'deactivating a person'),
};
