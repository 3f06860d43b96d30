/**
 * The Organization's rules: ids are unique, a grassroots court hangs under an existing court, a
 * person belongs to an existing court and department, a post is assigned once and revoked only
 * when held, and the last `system` post holder can be neither stripped of it nor deactivated.
 */
import * as E from 'fp-ts/Either';
import type { DecisionContext } from '../../eventsourcing/decider';
import type { LedgerError } from '../../eventsourcing/errors';
import { type AggregateSpec } from '../aggregate';
import { accept, refuse } from '../rules';
import { ev } from '../define';
import { organizationEvents as OE, type OrganizationEvent } from './events';
import type { OrganizationCommand } from './commands';
import { organizationPolicy } from './policy';
import { evolveOrganization, hasDepartment, holdersOf, initialOrganization, type OrganizationState, type Person } from './state';

export { evolveOrganization, initialOrganization, type OrganizationState };

const person = (s: OrganizationState, id: string) => s.people.get(id);

const checkUnit = (s: OrganizationState, courtId: string, department: string | undefined) => {
  if (!s.courts.has(courtId)) return refuse('organization.court.unknown', `no court "${courtId}"`, { courtId });
  if (department !== undefined && !hasDepartment(s, courtId, department)) {
    return refuse('organization.department.unknown', `court "${courtId}" has no department "${department}"`, { courtId, department });
  }
  return undefined;
};

const activePerson = (s: OrganizationState, personId: string): E.Either<LedgerError, Person> => {
  const p = person(s, personId);
  if (!p) return refuse('organization.person.unknown', `no person "${personId}"`, { personId });
  if (!p.active) return refuse('organization.person.inactive', `person "${personId}" has been deactivated`, { personId });
  return E.right(p);
};

const lastSystemHolder = (s: OrganizationState, personId: string) => {
  const holders = holdersOf(s, 'system');
  return holders.length === 1 && holders[0]?.personId === personId;
};

/** Decides an Organization command. */
export const decideOrganization = (c: OrganizationCommand, s: OrganizationState, _ctx: DecisionContext) => {
  if (c.type === 'establish') {
    if (s.established) return refuse('organization.already_established', 'the organization is already established');
    const { court, administrator: a } = c;
    return accept<OrganizationEvent>(
      ev(OE.courtRegistered, { courtId: court.courtId, name: court.name, level: 'intermediate' }),
      ...(a.department === undefined ? [] : [ev(OE.departmentRegistered, { courtId: court.courtId, department: a.department })]),
      ev(OE.personRegistered, { personId: a.personId, name: a.name, courtId: court.courtId, ...(a.department === undefined ? {} : { department: a.department }) }),
      ev(OE.postAssigned, { personId: a.personId, post: 'system' }),
    );
  }
  if (!s.established) return refuse('organization.not_established', 'the organization has not been established yet');
  switch (c.type) {
    case 'registerCourt': {
      if (s.courts.has(c.courtId)) return refuse('organization.court.exists', `court "${c.courtId}" already exists`, { courtId: c.courtId });
      if (c.level === 'grassroots' && c.parentCourtId === undefined) {
        return refuse('organization.court.parent_required', `grassroots court "${c.courtId}" needs the court above it`);
      }
      if (c.parentCourtId !== undefined && !s.courts.has(c.parentCourtId)) {
        return refuse('organization.court.unknown_parent', `no court "${c.parentCourtId}" to hang "${c.courtId}" under`, { parentCourtId: c.parentCourtId });
      }
      const { type: _t, ...data } = c;
      return accept(ev(OE.courtRegistered, data));
    }
    case 'registerDepartment': {
      const bad = checkUnit(s, c.courtId, undefined);
      if (bad) return bad;
      if (hasDepartment(s, c.courtId, c.department)) {
        return refuse('organization.department.exists', `court "${c.courtId}" already has department "${c.department}"`);
      }
      const { type: _t, ...data } = c;
      return accept(ev(OE.departmentRegistered, data));
    }
    case 'registerPerson': {
      if (s.people.has(c.personId)) return refuse('organization.person.exists', `person "${c.personId}" already exists`, { personId: c.personId });
      const bad = checkUnit(s, c.courtId, c.department);
      if (bad) return bad;
      const { type: _t, posts = [], ...data } = c;
      return accept<OrganizationEvent>(
        ev(OE.personRegistered, data),
        ...posts.map((post) => ev(OE.postAssigned, { personId: c.personId, post })),
      );
    }
    case 'transferPerson': {
      const found = activePerson(s, c.personId);
      if (E.isLeft(found)) return found;
      const p = found.right;
      const bad = checkUnit(s, c.courtId, c.department);
      if (bad) return bad;
      if (p.courtId === c.courtId && p.department === c.department) {
        return refuse('organization.person.same_unit', `person "${c.personId}" is already in that unit`);
      }
      const { type: _t, ...data } = c;
      return accept(ev(OE.personTransferred, data));
    }
    case 'assignPost': {
      const found = activePerson(s, c.personId);
      if (E.isLeft(found)) return found;
      const p = found.right;
      if (p.posts.has(c.post)) return refuse('organization.post.already_held', `person "${c.personId}" already holds post "${c.post}"`);
      return accept(ev(OE.postAssigned, { personId: c.personId, post: c.post }));
    }
    case 'revokePost': {
      const found = activePerson(s, c.personId);
      if (E.isLeft(found)) return found;
      const p = found.right;
      if (!p.posts.has(c.post)) return refuse('organization.post.not_held', `person "${c.personId}" does not hold post "${c.post}"`);
      if (c.post === 'system' && lastSystemHolder(s, c.personId)) {
        return refuse('organization.post.last_system', 'the last holder of the system post cannot lose it');
      }
      return accept(ev(OE.postRevoked, { personId: c.personId, post: c.post, reason: c.reason }));
    }
    case 'deactivatePerson': {
      const found = activePerson(s, c.personId);
      if (E.isLeft(found)) return found;
      const p = found.right;
      if (lastSystemHolder(s, c.personId)) return refuse('organization.post.last_system', 'the last holder of the system post cannot be deactivated');
      return accept(ev(OE.personDeactivated, { personId: c.personId, reason: c.reason }));
    }
  }
};

/** The Organization aggregate (its environment is empty: it needs nothing outside its stream). */
export const organizationAggregate: AggregateSpec<OrganizationCommand, OrganizationState, OrganizationEvent, unknown> = {
  name: 'organization',
  // Long-lived: every court, person and appointment (or phase, period, office) is on this one stream.
  snapshot: { name: 'organization', version: 1 },
  initialState: initialOrganization,
  evolve: evolveOrganization,
  decide: decideOrganization,
  policy: organizationPolicy,
  precheck: (c, s) => (c.type !== 'establish' && !s.established ? refuse('organization.not_established', 'the organization has not been established yet') : undefined),
};
