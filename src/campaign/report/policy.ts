/**
 * Who may act on a Report:
 * - `submit`, `consolidate`: the reporting court's `first_responsible`, `court_president` or
 *   `court_leadership`, or — for the organizer court's own report — the `campaign_office`;
 * - `accept`, `return`: the `campaign_office` or a leader of the leading group, or the
 *   `court_president` / `first_responsible` of the court directly above the reporting court.
 */
import type { Actor } from '../../eventsourcing/envelope';
import { actorCourt } from '../actors';
import type { DomainEnv, Policy } from '../aggregate';
import { LEADERS, holdsAny } from '../posts';
import type { ReportCommand } from './commands';
import type { ReportState } from './state';

const reporter = (c: { courtId: string }, _s: ReportState, actor: Actor, env: DomainEnv): true | string => {
  if (actorCourt(actor) === c.courtId && holdsAny(actor.posts, ['first_responsible', 'court_president', 'court_leadership'])) return true;
  if (c.courtId === env.campaign.organizerCourtId && holdsAny(actor.posts, ['campaign_office'])) return true;
  return `requires the first_responsible, court_president or court_leadership of court "${c.courtId}"`;
};

const receiver = (c: { courtId: string }, _s: ReportState, actor: Actor, env: DomainEnv): true | string => {
  if (holdsAny(actor.posts, ['campaign_office', ...LEADERS])) return true;
  const parent = env.org.courts.get(c.courtId)?.parentCourtId;
  if (parent !== undefined && actorCourt(actor) === parent && holdsAny(actor.posts, ['court_president', 'first_responsible'])) return true;
  return `requires the campaign_office, a leader of the leading group, or the head of the court above "${c.courtId}"`;
};

/** The Report's policy table. */
export const reportPolicy: Policy<ReportCommand, ReportState, DomainEnv> = {
  submit: reporter,
  consolidate: reporter,
  accept: receiver,
  return: receiver,
};
