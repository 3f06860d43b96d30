/**
 * Organization events: courts in a hierarchy (an intermediate court over grassroots courts),
 * their departments, people, and the standing posts they hold. One stream per namespace:
 * `${namespace}/organization`. A department is identified by its court and its name.
 */
import * as t from 'io-ts';
import { DepartmentName, Id, LongText, ShortText, optional, struct } from '../codecs';
import { definitionsOf, eventType, type EventUnion } from '../define';
import { StandingPostCodec } from '../posts';

/** The level of a court: 中院 (intermediate) or 基层法院 (grassroots). */
export const CourtLevel = t.keyof({ intermediate: null, grassroots: null }, 'CourtLevel');
/** The level of a court. */
export type CourtLevel = t.TypeOf<typeof CourtLevel>;

/** A court joined the organization; a grassroots court names the court above it. */
export const CourtRegistered = t.intersection([
  struct({ courtId: Id, name: ShortText, level: CourtLevel }),
  optional({ parentCourtId: Id }),
]);
/** Data of `organization.court_registered`. */
export type CourtRegistered = t.TypeOf<typeof CourtRegistered>;

/** A department was set up in a court (e.g. `审管办`). */
export const DepartmentRegistered = t.intersection([
  struct({ courtId: Id, department: DepartmentName }),
  optional({ nameEn: ShortText }),
]);
/** Data of `organization.department_registered`. */
export type DepartmentRegistered = t.TypeOf<typeof DepartmentRegistered>;

/** A person joined a court (and, usually, one of its departments). */
export const PersonRegistered = t.intersection([
  struct({ personId: Id, name: ShortText, courtId: Id }),
  optional({ department: DepartmentName }),
]);
/** Data of `organization.person_registered`. */
export type PersonRegistered = t.TypeOf<typeof PersonRegistered>;

/** A person moved to another court or department. Their posts stay with them. */
export const PersonTransferred = t.intersection([
  struct({ personId: Id, courtId: Id, reason: LongText }),
  optional({ department: DepartmentName }),
]);
/** Data of `organization.person_transferred`. */
export type PersonTransferred = t.TypeOf<typeof PersonTransferred>;

/** A person was given a standing post (held in their own unit). */
export const PostAssigned = struct({ personId: Id, post: StandingPostCodec });
/** Data of `organization.post_assigned`. */
export type PostAssigned = t.TypeOf<typeof PostAssigned>;

/** A person lost a standing post. */
export const PostRevoked = struct({ personId: Id, post: StandingPostCodec, reason: LongText });
/** Data of `organization.post_revoked`. */
export type PostRevoked = t.TypeOf<typeof PostRevoked>;

/** A person left; from now on they can issue no command. */
export const PersonDeactivated = struct({ personId: Id, reason: LongText });
/** Data of `organization.person_deactivated`. */
export type PersonDeactivated = t.TypeOf<typeof PersonDeactivated>;

/** The Organization's event types. */
export const organizationEvents = {
  courtRegistered: eventType('organization.court_registered', CourtRegistered),
  departmentRegistered: eventType('organization.department_registered', DepartmentRegistered),
  personRegistered: eventType('organization.person_registered', PersonRegistered),
  personTransferred: eventType('organization.person_transferred', PersonTransferred),
  postAssigned: eventType('organization.post_assigned', PostAssigned),
  postRevoked: eventType('organization.post_revoked', PostRevoked),
  personDeactivated: eventType('organization.person_deactivated', PersonDeactivated),
} as const;

/** Any Organization event. */
export type OrganizationEvent = EventUnion<typeof organizationEvents>;

/** Registry entries of the Organization's event types. */
export const organizationEventTypes = definitionsOf(organizationEvents);
