/**
 * Actor resolution. A command carries only an actor id; the actor's posts and unit are resolved
 * from the Organization (standing posts, unit) and the Campaign (leading group roles, the office,
 * first responsible persons) as folded when the command is handled, and recorded in the metadata.
 * An unknown or deactivated actor is NotAuthorized. The unit is written `court` or `court/department`.
 */
import * as E from 'fp-ts/Either';
import type { Actor } from '../eventsourcing/envelope';
import { errors, type NotAuthorized } from '../eventsourcing/errors';
import { presidentOf, type CampaignState } from './campaign/state';
import { parseUnitKey, unitKey } from './codecs';
import type { OrganizationState } from './organization/state';
import { CAMPAIGN_ROLES, STANDING_POSTS, type Post } from './posts';

const ORDER: readonly Post[] = [...STANDING_POSTS, ...CAMPAIGN_ROLES];

/**
 * The campaign roles a person holds in a campaign (empty when the campaign is not launched). With
 * the Organization, a court's president is its `first_responsible` until someone is designated.
 */
export const campaignRolesOf = (
  campaign: CampaignState | undefined, personId: string, courtId: string, department: string | undefined, org?: OrganizationState,
): Post[] => {
  if (campaign === undefined || !campaign.launched) return [];
  const roles: Post[] = [];
  const role = campaign.leadingGroup.get(personId);
  if (role !== undefined) roles.push(`leading_group_${role}`);
  const office = campaign.office;
  if (office !== undefined && office.courtId === courtId && office.department === department) roles.push('campaign_office');
  const designated = campaign.firstResponsible.get(courtId);
  const first = designated ?? (org === undefined ? undefined : presidentOf(org, courtId));
  if (first === personId) roles.push('first_responsible');
  return roles;
};

/** Resolves an actor id to the actor recorded in metadata, or NotAuthorized naming the actor. */
export const resolveActor = (
  actorId: string, org: OrganizationState, campaign?: CampaignState,
): E.Either<NotAuthorized, Actor> => {
  const p = org.people.get(actorId);
  if (p === undefined) return E.left(errors.notAuthorized(actorId, 'actor.known', 'the organization has no such person'));
  if (!p.active) return E.left(errors.notAuthorized(actorId, 'actor.active', 'the person has been deactivated'));
  const posts = new Set<Post>([...p.posts, ...campaignRolesOf(campaign, p.personId, p.courtId, p.department, org)]);
  return E.right({
    id: p.personId,
    posts: ORDER.filter((x) => posts.has(x)),
    unit: unitKey({ courtId: p.courtId, ...(p.department === undefined ? {} : { department: p.department }) }),
  });
};

/** The court of a resolved actor. */
export const actorCourt = (actor: Actor): string | undefined => parseUnitKey(actor.unit)?.courtId;

/** The department of a resolved actor, if they belong to one. */
export const actorDepartment = (actor: Actor): string | undefined => parseUnitKey(actor.unit)?.department;

/** Whether the actor belongs to this department of this court. */
export const inUnit = (actor: Actor, courtId: string, department: string): boolean =>
  actorCourt(actor) === courtId && actorDepartment(actor) === department;
