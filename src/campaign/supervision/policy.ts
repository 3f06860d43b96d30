/**
 * Who may act on a supervision item:
 * - `propose` (拟办), `open` (立项), `assign` (交办), `remind` (催办), `warn` (预警): `campaign_office` or `system`;
 * - `approve` (审批): a leader of the leading group, or `court_president`/`court_leadership` of the
 *   organizer court — and never the person who proposed the item;
 * - `receive` (签收), `giveFeedback` (反馈): a member of the lead unit (主办; only it reports);
 * - `review` (复核), `close` (办结): `campaign_office` or a leader of the leading group — and never a
 *   member of a unit the item is assigned to (the assignee cannot review or close its own item).
 */
import type { Actor } from '../../eventsourcing/envelope';
import { actorCourt, inUnit } from '../actors';
import type { DomainEnv, Policy } from '../aggregate';
import type { UnitRef } from '../codecs';
import { LEADERS, holdsAny } from '../posts';
import type { SupervisionCommand } from './commands';
import { assignedUnits, type SupervisionState } from './state';

/** Whether the actor belongs to the unit (a court, or a department of a court). */
export const inUnitRef = (actor: Actor, u: UnitRef): boolean =>
  u.department === undefined ? actorCourt(actor) === u.courtId : inUnit(actor, u.courtId, u.department);

const office = (_c: unknown, _s: SupervisionState, actor: Actor): true | string =>
  holdsAny(actor.posts, ['campaign_office', 'system']) || 'requires the campaign_office role or the system post';

const lead = (_c: unknown, s: SupervisionState, actor: Actor): true | string => {
  const u = s.assignment?.lead;
  return (u !== undefined && inUnitRef(actor, u)) || `requires a member of the lead unit ${u === undefined ? '(not assigned yet)' : `${u.courtId}${u.department === undefined ? '' : `/${u.department}`}`}`;
};

const notAssignee = (what: string) => (_c: unknown, s: SupervisionState, actor: Actor): true | string => {
  if (!holdsAny(actor.posts, ['campaign_office', ...LEADERS])) return `${what} requires the campaign_office role or a leader of the leading group`;
  const own = assignedUnits(s).find((u) => inUnitRef(actor, u));
  return own === undefined || `the assignee cannot ${what} its own item (${actor.id} belongs to ${own.courtId}${own.department === undefined ? '' : `/${own.department}`})`;
};

/** The supervision item's policy table. */
export const supervisionPolicy: Policy<SupervisionCommand, SupervisionState, DomainEnv> = {
  propose: office,
  open: office,
  approve: (_c, s, actor, env) => {
    const leader = holdsAny(actor.posts, LEADERS)
      || (holdsAny(actor.posts, ['court_president', 'court_leadership']) && actorCourt(actor) === env.campaign.organizerCourtId);
    if (!leader) return `requires a leader of the leading group, or court_president or court_leadership of the organizer court "${env.campaign.organizerCourtId}"`;
    return actor.id !== s.proposal?.proposedBy || 'the proposer of an item cannot approve it';
  },
  assign: office,
  receive: lead,
  giveFeedback: lead,
  review: notAssignee('review'),
  close: notAssignee('close'),
  remind: office,
  warn: office,
};
