/**
 * Who may keep a court's inventory of rules (制度建设):
 * - `record`, `link`: the court's own leadership (`court_president`, `court_leadership`) or a
 *   `department_head` of that court — those who answer for its rules — or the `campaign_office`,
 *   which supervises every court's inventory;
 * - `withdraw`: the court's own leadership or the `campaign_office` (a department head cannot
 *   take an entry off the inventory).
 */
import type { Actor } from '../../eventsourcing/envelope';
import { actorCourt } from '../actors';
import type { DomainEnv, Policy } from '../aggregate';
import { holdsAny, type Post } from '../posts';
import type { RegulationCommand } from './commands';
import type { RegulationState } from './state';

const ofCourt = (posts: readonly Post[]) => (courtId: string | undefined, actor: Actor): true | string =>
  holdsAny(actor.posts, ['campaign_office'])
  || (holdsAny(actor.posts, posts) && courtId !== undefined && actorCourt(actor) === courtId)
  || `requires the campaign_office role, or one of ${posts.join(', ')} of court ${courtId ?? '?'}`;

const keepers = ofCourt(['court_president', 'court_leadership', 'department_head']);
const leadership = ofCourt(['court_president', 'court_leadership']);

/** The rule entry's policy table. */
export const regulationPolicy: Policy<RegulationCommand, RegulationState, DomainEnv> = {
  record: (c, _s, actor) => keepers(c.courtId, actor),
  link: (_c, s, actor) => keepers(s.record?.courtId, actor),
  withdraw: (_c, s, actor) => leadership(s.record?.courtId, actor),
};
