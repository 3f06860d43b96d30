/**
 * Who may run the Campaign:
 * - `launch`: `system`, or the `court_president` of the organizer court;
 * - the leading group and the office: `system`, the organizer court's `court_president`, or the
 *   `leading_group_leader`;
 * - plan, categories, phases, report periods: `system`, `leading_group_leader` or `campaign_office`;
 * - first responsible persons (`campaign.rights.first_responsible_outsider`): only the court's own
 *   leadership (its `court_president` or `court_leadership`) or the leading group (leader, deputy,
 *   member); never the office. By default a court's president is its first responsible person.
 */
import type { Actor } from '../../eventsourcing/envelope';
import { deny, type Policy, type PolicyVerdict } from '../aggregate';
import { actorCourt } from '../actors';
import { holdsAny } from '../posts';
import type { CampaignCommand } from './commands';
import type { CampaignEnv } from './decider';
import type { CampaignState } from './state';

const president = (actor: Actor, courtId: string) => holdsAny(actor.posts, ['court_president']) && actorCourt(actor) === courtId;

const leadership = (_c: unknown, s: CampaignState, actor: Actor): true | string =>
  holdsAny(actor.posts, ['system', 'leading_group_leader']) || president(actor, s.organizerCourtId)
  || `requires the system post, the leading_group_leader role, or court_president of the organizer court "${s.organizerCourtId}"`;

const office = (_c: unknown, _s: CampaignState, actor: Actor): true | string =>
  holdsAny(actor.posts, ['system', 'leading_group_leader', 'campaign_office'])
  || 'requires the system post, the leading_group_leader role or the campaign_office role';

/** The court's own leadership, or the host court's leading group, may designate or replace its first responsible person. */
const ownLeadership = (c: { readonly courtId: string }, _s: CampaignState, actor: Actor): PolicyVerdict =>
  (holdsAny(actor.posts, ['court_president', 'court_leadership']) && actorCourt(actor) === c.courtId)
  || holdsAny(actor.posts, ['leading_group_leader', 'leading_group_deputy', 'leading_group_member'])
  || deny('campaign.rights.first_responsible_outsider',
    `the first responsible person of court "${c.courtId}" is changed only by that court's leadership (court_president or court_leadership) or the leading group`);

/** The Campaign's policy table. */
export const campaignPolicy: Policy<CampaignCommand, CampaignState, CampaignEnv> = {
  launch: (c, _s, actor) =>
    holdsAny(actor.posts, ['system']) || president(actor, c.organizerCourtId)
    || `launching requires the system post, or court_president of the organizer court "${c.organizerCourtId}"`,
  adoptPlan: office,
  defineCategory: office,
  definePhase: office,
  defineReportPeriod: office,
  appointLeadingGroupMember: leadership,
  dismissLeadingGroupMember: leadership,
  establishOffice: leadership,
  designateFirstResponsible: ownLeadership,
  replaceFirstResponsible: ownLeadership,
  chooseDayCount: office,
  configureFollowUp: leadership,
};
