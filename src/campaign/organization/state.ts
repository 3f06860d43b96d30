/**
 * The Organization folded: courts with their departments, and people with their unit and
 * standing posts. Used by every policy (through actor resolution) and by roll-ups.
 */
import type { StandingPost } from '../posts';
import type { CourtLevel, OrganizationEvent } from './events';

/** A court and its departments. */
export interface Court {
  readonly courtId: string;
  readonly name: string;
  readonly level: CourtLevel;
  readonly parentCourtId?: string | undefined;
  readonly departments: ReadonlySet<string>;
}

/** A person, their unit and standing posts. */
export interface Person {
  readonly personId: string;
  readonly name: string;
  readonly courtId: string;
  readonly department?: string | undefined;
  readonly posts: ReadonlySet<StandingPost>;
  readonly active: boolean;
}

/** The Organization's state. */
export interface OrganizationState {
  readonly established: boolean;
  readonly courts: ReadonlyMap<string, Court>;
  readonly people: ReadonlyMap<string, Person>;
}

/** The empty organization. */
export const initialOrganization: OrganizationState = { established: false, courts: new Map(), people: new Map() };

const withCourt = (s: OrganizationState, c: Court): OrganizationState => ({ ...s, courts: new Map(s.courts).set(c.courtId, c) });
const withPerson = (s: OrganizationState, p: Person): OrganizationState => ({ ...s, people: new Map(s.people).set(p.personId, p) });
const person = (s: OrganizationState, id: string): Person | undefined => s.people.get(id);

/** Folds one Organization event. */
export const evolveOrganization = (s: OrganizationState, e: OrganizationEvent): OrganizationState => {
  switch (e.type) {
    case 'organization.court_registered': {
      const { courtId, name, level, parentCourtId } = e.data;
      return { ...withCourt(s, { courtId, name, level, parentCourtId, departments: new Set() }), established: true };
    }
    case 'organization.department_registered': {
      const c = s.courts.get(e.data.courtId);
      return c ? withCourt(s, { ...c, departments: new Set(c.departments).add(e.data.department) }) : s;
    }
    case 'organization.person_registered': {
      const { personId, name, courtId, department } = e.data;
      return withPerson(s, { personId, name, courtId, department, posts: new Set(), active: true });
    }
    case 'organization.person_transferred': {
      const p = person(s, e.data.personId);
      return p ? withPerson(s, { ...p, courtId: e.data.courtId, department: e.data.department }) : s;
    }
    case 'organization.post_assigned': {
      const p = person(s, e.data.personId);
      return p ? withPerson(s, { ...p, posts: new Set(p.posts).add(e.data.post) }) : s;
    }
    case 'organization.post_revoked': {
      const p = person(s, e.data.personId);
      if (!p) return s;
      const posts = new Set(p.posts);
      posts.delete(e.data.post);
      return withPerson(s, { ...p, posts });
    }
    case 'organization.person_deactivated': {
      const p = person(s, e.data.personId);
      return p ? withPerson(s, { ...p, active: false }) : s;
    }
  }
};

/** Whether a court has a department of this name. */
export const hasDepartment = (s: OrganizationState, courtId: string, department: string): boolean =>
  s.courts.get(courtId)?.departments.has(department) ?? false;

/** The courts directly under a court. */
export const childCourts = (s: OrganizationState, courtId: string): readonly string[] =>
  [...s.courts.values()].filter((c) => c.parentCourtId === courtId).map((c) => c.courtId);

/** Whether `courtId` is `ancestorId` or lies (transitively) under it. */
export const isWithin = (s: OrganizationState, courtId: string, ancestorId: string): boolean => {
  let cur: string | undefined = courtId;
  for (let guard = 0; cur !== undefined && guard < 64; guard++) {
    if (cur === ancestorId) return true;
    cur = s.courts.get(cur)?.parentCourtId;
  }
  return false;
};

/** Active people holding a standing post. */
export const holdersOf = (s: OrganizationState, post: StandingPost): readonly Person[] =>
  [...s.people.values()].filter((p) => p.active && p.posts.has(post));
