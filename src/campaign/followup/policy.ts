/**
 * Who may follow up: warnings and escalation steps are given by the `campaign_office` (督查室), a
 * leader of the leading group, or `system` (the reactions).
 */
import type { DomainEnv, Policy } from '../aggregate';
import { LEADERS, holdsAny } from '../posts';
import type { FollowUpCommand } from './commands';
import type { FollowUpState } from './state';

const office = (_c: unknown, _s: FollowUpState, actor: { readonly posts: readonly string[] }): true | string =>
  holdsAny(actor.posts, ['campaign_office', 'system', ...LEADERS]) || 'requires the campaign_office role, a leader of the leading group, or the system post';

/** The follow-up's policy table. */
export const followUpPolicy: Policy<FollowUpCommand, FollowUpState, DomainEnv> = { warn: office, escalate: office };
