/**
 * Organization commands. Only `establish` may be issued by an actor the organization does not
 * know yet: it founds the organization with its first (intermediate) court and registers the
 * issuing actor as its administrator, holding the `system` post.
 */
import * as t from 'io-ts';
import { DepartmentName, Id, LongText, ShortText, distinctListOf, optional, struct } from '../codecs';
import type { CommandUnion } from '../define';
import { StandingPostCodec } from '../posts';
import { CourtLevel } from './events';

/** Founds the organization: its first court and its administrator (who must be the issuing actor). */
export const Establish = struct({
  court: struct({ courtId: Id, name: ShortText }),
  administrator: t.intersection([struct({ personId: Id, name: ShortText }), optional({ department: DepartmentName })]),
});
/** Input of `organization.establish`. */
export type Establish = t.TypeOf<typeof Establish>;

/** Registers a court; a grassroots court names its parent. */
export const RegisterCourt = t.intersection([
  struct({ courtId: Id, name: ShortText, level: CourtLevel }),
  optional({ parentCourtId: Id }),
]);
/** Input of `organization.registerCourt`. */
export type RegisterCourt = t.TypeOf<typeof RegisterCourt>;

/** Registers a department of a court. */
export const RegisterDepartment = t.intersection([
  struct({ courtId: Id, department: DepartmentName }),
  optional({ nameEn: ShortText }),
]);
/** Input of `organization.registerDepartment`. */
export type RegisterDepartment = t.TypeOf<typeof RegisterDepartment>;

/** Registers a person in a court (and department), optionally with standing posts. */
export const RegisterPerson = t.intersection([
  struct({ personId: Id, name: ShortText, courtId: Id }),
  optional({ department: DepartmentName, posts: distinctListOf(StandingPostCodec, 0, 8) }),
]);
/** Input of `organization.registerPerson`. */
export type RegisterPerson = t.TypeOf<typeof RegisterPerson>;

/** Moves a person to another unit. */
export const TransferPerson = t.intersection([
  struct({ personId: Id, courtId: Id, reason: LongText }),
  optional({ department: DepartmentName }),
]);
/** Input of `organization.transferPerson`. */
export type TransferPerson = t.TypeOf<typeof TransferPerson>;

/** Gives a person a standing post. */
export const AssignPost = struct({ personId: Id, post: StandingPostCodec });
/** Input of `organization.assignPost`. */
export type AssignPost = t.TypeOf<typeof AssignPost>;

/** Takes a standing post away. */
export const RevokePost = struct({ personId: Id, post: StandingPostCodec, reason: LongText });
/** Input of `organization.revokePost`. */
export type RevokePost = t.TypeOf<typeof RevokePost>;

/** Records that a person left. */
export const DeactivatePerson = struct({ personId: Id, reason: LongText });
/** Input of `organization.deactivatePerson`. */
export type DeactivatePerson = t.TypeOf<typeof DeactivatePerson>;

/** Input codecs of the Organization's commands, by command name. */
export const organizationCommands = {
  establish: Establish,
  registerCourt: RegisterCourt,
  registerDepartment: RegisterDepartment,
  registerPerson: RegisterPerson,
  transferPerson: TransferPerson,
  assignPost: AssignPost,
  revokePost: RevokePost,
  deactivatePerson: DeactivatePerson,
} as const;

/** Any Organization command. */
export type OrganizationCommand = CommandUnion<typeof organizationCommands>;
