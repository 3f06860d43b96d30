/**
 * Who may act on an AccountabilityCase:
 * - `propose`: `inspection_office`, `discipline_office`, `campaign_office`, a leader of the
 *   leading group, or `system` (the overdue reaction);
 * - `establishFacts`: `discipline_office` or `inspection_office`;
 * - `decideSanction`, `dismiss`: the leading group (leader or deputy) or the `discipline_office`;
 * - `publish`: `campaign_office` or `discipline_office`;
 * - `close`: `discipline_office` or a leader of the leading group.
 */
import type { Actor } from '../../eventsourcing/envelope';
import type { DomainEnv, Policy } from '../aggregate';
import { LEADERS, holdsAny, type Post } from '../posts';
import type { AccountabilityCommand } from './commands';
import type { AccountabilityState } from './state';

const anyOf = (posts: readonly Post[]) => (_c: unknown, _s: AccountabilityState, actor: Actor): true | string =>
  holdsAny(actor.posts, posts) || `requires one of: ${posts.join(', ')}`;

/** The AccountabilityCase's policy table. */
export const accountabilityPolicy: Policy<AccountabilityCommand, AccountabilityState, DomainEnv> = {
  propose: anyOf(['inspection_office', 'discipline_office', 'campaign_office', 'system', ...LEADERS]),
  establishFacts: anyOf(['discipline_office', 'inspection_office']),
  decideSanction: anyOf([...LEADERS, 'discipline_office']),
  dismiss: anyOf([...LEADERS, 'discipline_office']),
  publish: anyOf(['campaign_office', 'discipline_office']),
  close: anyOf(['discipline_office', ...LEADERS]),
};
