/** Folds Organization and Campaign events (and the task index) into the {@link Catalog}. */
import type { CampaignEvent } from '../campaign/campaign/events';
import type { OrganizationEvent } from '../campaign/organization/events';
import type { TaskIssued } from '../campaign/task/events';
import type { RecordedEvent } from '../eventsourcing/envelope';
import { CannotApply } from './errors';
import { pmGet, pmSet } from './pmap';
import type { Catalog, PersonRow } from './state';

const person = (c: Catalog, e: RecordedEvent, personId: string): PersonRow => {
  const p = pmGet(c.people, personId);
  if (p === undefined) throw new CannotApply(e.type, e.streamId, `person "${personId}" was never registered`);
  return p;
};

/** Folds one Organization event. */
export const applyOrganization = (c: Catalog, ev: OrganizationEvent, e: RecordedEvent): Catalog => {
  switch (ev.type) {
    case 'organization.court_registered': {
      const d = ev.data;
      return { ...c, courts: { ...c.courts, [d.courtId]: { courtId: d.courtId, name: d.name, level: d.level, ...(d.parentCourtId ? { parentCourtId: d.parentCourtId } : {}) } } };
    }
    case 'organization.department_registered': {
      const list = c.departments[ev.data.courtId] ?? [];
      if (list.includes(ev.data.department)) return c;
      return { ...c, departments: { ...c.departments, [ev.data.courtId]: [...list, ev.data.department] } };
    }
    case 'organization.person_registered': {
      const d = ev.data;
      const row: PersonRow = { personId: d.personId, name: d.name, courtId: d.courtId, ...(d.department ? { department: d.department } : {}), posts: [], active: true };
      return { ...c, people: pmSet(c.people, d.personId, row) };
    }
    case 'organization.person_transferred': {
      const { department: _old, ...p } = person(c, e, ev.data.personId);
      const row: PersonRow = { ...p, courtId: ev.data.courtId, ...(ev.data.department ? { department: ev.data.department } : {}) };
      return { ...c, people: pmSet(c.people, p.personId, row) };
    }
    case 'organization.post_assigned': {
      const p = person(c, e, ev.data.personId);
      if (p.posts.includes(ev.data.post)) return c;
      return { ...c, people: pmSet(c.people, p.personId, { ...p, posts: [...p.posts, ev.data.post] }) };
    }
    case 'organization.post_revoked': {
      const p = person(c, e, ev.data.personId);
      return { ...c, people: pmSet(c.people, p.personId, { ...p, posts: p.posts.filter((x) => x !== ev.data.post) }) };
    }
    case 'organization.person_deactivated': {
      const p = person(c, e, ev.data.personId);
      return { ...c, people: pmSet(c.people, p.personId, { ...p, active: false }) };
    }
  }
};

/** Folds one Campaign event (only the facts read models use; the rest leave the catalog as is). */
export const applyCampaign = (c: Catalog, ev: CampaignEvent): Catalog => {
  switch (ev.type) {
    case 'campaign.launched': {
      const d = ev.data;
      return { ...c, campaign: { campaignId: d.campaignId, name: d.name, organizerCourtId: d.organizerCourtId, utcOffsetMinutes: d.utcOffsetMinutes } };
    }
    case 'campaign.category_defined': {
      const d = ev.data;
      const row = {
        categoryId: d.categoryId, name: d.name,
        ...(d.firstTask === undefined ? {} : { firstTask: d.firstTask }), ...(d.lastTask === undefined ? {} : { lastTask: d.lastTask }),
      };
      return { ...c, categories: { ...c.categories, [d.categoryId]: row } };
    }
    case 'campaign.day_count_chosen':
      return { ...c, dayCount: ev.data.dayCount };
    case 'campaign.follow_up_configured':
      return { ...c, followUp: { ...ev.data, ladder: [...ev.data.ladder] } };
    case 'campaign.report_period_defined': {
      const d = ev.data;
      return { ...c, periods: { ...c.periods, [d.periodId]: { periodId: d.periodId, name: d.name, from: d.from, to: d.to, deadline: d.deadline, ...(d.consolidatedDeadline === undefined ? {} : { consolidatedDeadline: d.consolidatedDeadline }), courts: [...d.courts] } } };
    }
    default:
      return c;
  }
};

/** Records an issued task in the index (number, category, title). */
export const indexTask = (c: Catalog, d: TaskIssued, e: RecordedEvent): Catalog => {
  if (c.tasks[d.taskId] !== undefined) throw new CannotApply(e.type, e.streamId, `task "${d.taskId}" was already issued`);
  return { ...c, tasks: { ...c.tasks, [d.taskId]: { taskId: d.taskId, number: d.number, categoryId: d.categoryId, title: d.title } } };
};
