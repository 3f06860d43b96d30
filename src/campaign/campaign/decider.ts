/**
 * The Campaign's rules: launched once by an existing court; one plan; categories with disjoint
 * task ranges; phases inside the campaign's years that do not overlap; report periods whose
 * deadline is not before their end; one leader of the leading group; one office; and exactly one
 * first responsible person per court, who belongs to that court's leadership (by default its
 * president; a change is a replacement with a reason, never a second designation).
 */
import type { DecisionContext } from '../../eventsourcing/decider';
import { type AggregateSpec } from '../aggregate';
import { accept, refuse } from '../rules';
import { ev } from '../define';
import type { OrganizationState } from '../organization/state';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../time';
import type { CampaignCommand } from './commands';
import { campaignEvents as CE, type CampaignEvent } from './events';
import { campaignPolicy } from './policy';
import { evolveCampaign, firstResponsibleOf, initialCampaign, type CampaignState } from './state';

export { evolveCampaign, initialCampaign, type CampaignState };

/** What the Campaign decides against: the namespace (its id) and the Organization. */
export interface CampaignEnv {
  readonly namespace: string;
  readonly org: OrganizationState;
}

const activeIn = (org: OrganizationState, personId: string, courtId?: string) => {
  const p = org.people.get(personId);
  if (p === undefined || !p.active) return refuse('campaign.person.unknown', `no active person "${personId}"`, { personId });
  if (courtId !== undefined && p.courtId !== courtId) {
    return refuse('campaign.person.not_in_court', `person "${personId}" does not belong to court "${courtId}"`, { personId, courtId });
  }
  return undefined;
};

/** The first responsible person is a member of the court's leadership (its president or a 班子成员). */
const leadershipOf = (org: OrganizationState, personId: string, courtId: string) => {
  const p = org.people.get(personId);
  return p !== undefined && (p.posts.has('court_president') || p.posts.has('court_leadership'))
    ? undefined
    : refuse('campaign.first_responsible.not_leadership',
      `person "${personId}" is not a member of the leadership (court_president or court_leadership) of court "${courtId}"`, { personId, courtId });
};

/** The escalation steps in their only order (预警 → 催办 → 约谈 → 通报 → 问责). */
export const LADDER = ['warning', 'reminder', 'talk', 'circular', 'accountability'] as const;

const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }) => a.start <= b.end && b.start <= a.end;

/** Decides a Campaign command. */
export const decideCampaign = (c: CampaignCommand, s: CampaignState, _ctx: DecisionContext, env: CampaignEnv) => {
  if (c.type === 'launch') {
    if (s.launched) return refuse('campaign.already_launched', `campaign "${s.campaignId}" is already launched`);
    if (!env.org.courts.has(c.organizerCourtId)) return refuse('campaign.court.unknown', `no court "${c.organizerCourtId}"`);
    if (c.endYear < c.startYear) return refuse('campaign.years.reversed', `the campaign ends (${c.endYear}) before it starts (${c.startYear})`);
    return accept(ev(CE.launched, {
      campaignId: env.namespace, name: c.name, organizerCourtId: c.organizerCourtId, startYear: c.startYear, endYear: c.endYear,
      utcOffsetMinutes: c.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES,
      ...(c.parentCampaignId === undefined ? {} : { parentCampaignId: c.parentCampaignId }),
    }));
  }
  if (!s.launched) return refuse('campaign.not_launched', 'the campaign has not been launched yet');
  switch (c.type) {
    case 'adoptPlan': {
      if (s.plan !== undefined) return refuse('campaign.plan.already_adopted', `plan "${s.plan.planId}" is already adopted`);
      const { type: _t, ...data } = c;
      return accept(ev(CE.planAdopted, data));
    }
    case 'defineCategory': {
      if (s.categories.has(c.categoryId)) return refuse('campaign.category.exists', `category "${c.categoryId}" already exists`);
      if ((c.firstTask === undefined) !== (c.lastTask === undefined)) {
        return refuse('campaign.category.partial_range', 'give both firstTask and lastTask, or neither');
      }
      if (c.firstTask !== undefined && c.lastTask !== undefined) {
        if (c.lastTask < c.firstTask) return refuse('campaign.category.reversed_range', `task range ${c.firstTask}-${c.lastTask} is reversed`);
        const clash = [...s.categories.values()].find((k) =>
          k.firstTask !== undefined && k.lastTask !== undefined && k.firstTask <= c.lastTask! && c.firstTask! <= k.lastTask);
        if (clash) return refuse('campaign.category.range_overlaps', `task range ${c.firstTask}-${c.lastTask} overlaps category "${clash.categoryId}"`);
      }
      const { type: _t, ...data } = c;
      return accept(ev(CE.categoryDefined, data));
    }
    case 'definePhase': {
      if (s.phases.has(c.phaseId)) return refuse('campaign.phase.exists', `phase "${c.phaseId}" already exists`);
      if (c.end < c.start) return refuse('campaign.phase.reversed', `phase "${c.phaseId}" ends before it starts`);
      if (Number(c.start.slice(0, 4)) < s.startYear || Number(c.end.slice(0, 4)) > s.endYear) {
        return refuse('campaign.phase.outside_campaign', `phase "${c.phaseId}" is outside the campaign's years ${s.startYear}-${s.endYear}`);
      }
      const clash = [...s.phases.values()].find((p) => overlaps(p, c));
      if (clash) return refuse('campaign.phase.overlaps', `phase "${c.phaseId}" overlaps phase "${clash.phaseId}"`);
      const { type: _t, ...data } = c;
      return accept(ev(CE.phaseDefined, data));
    }
    case 'defineReportPeriod': {
      if (s.periods.has(c.periodId)) return refuse('campaign.period.exists', `report period "${c.periodId}" already exists`);
      if (c.to < c.from) return refuse('campaign.period.reversed', `report period "${c.periodId}" ends before it starts`);
      if (c.deadline < c.to) return refuse('campaign.period.deadline_before_end', `the deadline ${c.deadline} is before the period ends (${c.to})`);
      if (c.consolidatedDeadline !== undefined && c.consolidatedDeadline <= c.deadline) {
        return refuse('campaign.period.consolidated_deadline_not_after', `the host court's consolidated report (due ${c.consolidatedDeadline}) must be due after its subordinates' reports (${c.deadline})`);
      }
      const unknown = c.courts.find((x) => !env.org.courts.has(x));
      if (unknown !== undefined) return refuse('campaign.court.unknown', `no court "${unknown}"`, { courtId: unknown });
      const { type: _t, ...data } = c;
      return accept(ev(CE.reportPeriodDefined, data));
    }
    case 'appointLeadingGroupMember': {
      const bad = activeIn(env.org, c.personId);
      if (bad) return bad;
      if (s.leadingGroup.has(c.personId)) return refuse('campaign.leading_group.already_member', `person "${c.personId}" is already in the leading group`);
      if (c.role === 'leader' && [...s.leadingGroup.values()].includes('leader')) {
        return refuse('campaign.leading_group.leader_exists', 'the leading group already has a leader; dismiss them first');
      }
      return accept(ev(CE.leadingGroupMemberAppointed, { personId: c.personId, role: c.role }));
    }
    case 'dismissLeadingGroupMember': {
      if (!s.leadingGroup.has(c.personId)) return refuse('campaign.leading_group.not_member', `person "${c.personId}" is not in the leading group`);
      return accept(ev(CE.leadingGroupMemberDismissed, { personId: c.personId, reason: c.reason }));
    }
    case 'establishOffice': {
      if (s.office !== undefined) return refuse('campaign.office.already_established', `the office is already in ${s.office.courtId}/${s.office.department}`);
      if (!env.org.courts.get(c.courtId)?.departments.has(c.department)) {
        return refuse('campaign.office.unknown_unit', `court "${c.courtId}" has no department "${c.department}"`);
      }
      const { type: _t, ...data } = c;
      return accept(ev(CE.officeEstablished, data));
    }
    case 'designateFirstResponsible': {
      if (!env.org.courts.has(c.courtId)) return refuse('campaign.court.unknown', `no court "${c.courtId}"`, { courtId: c.courtId });
      const current = s.firstResponsible.get(c.courtId);
      if (current !== undefined) {
        return refuse('campaign.first_responsible.already_designated',
          `court "${c.courtId}" already has a first responsible person ("${current}"); replace them with a reason`, { courtId: c.courtId, current });
      }
      const bad = activeIn(env.org, c.personId, c.courtId) ?? leadershipOf(env.org, c.personId, c.courtId);
      if (bad) return bad;
      return accept(ev(CE.firstResponsibleDesignated, { courtId: c.courtId, personId: c.personId }));
    }
    case 'replaceFirstResponsible': {
      const current = firstResponsibleOf(s, env.org, c.courtId);
      if (current === undefined) return refuse('campaign.first_responsible.none', `court "${c.courtId}" has no first responsible person to replace`);
      if (current === c.personId) return refuse('campaign.first_responsible.same_person', `person "${c.personId}" already is the first responsible person`);
      const bad = activeIn(env.org, c.personId, c.courtId) ?? leadershipOf(env.org, c.personId, c.courtId);
      if (bad) return bad;
      return accept(ev(CE.firstResponsibleReplaced, { courtId: c.courtId, personId: c.personId, previousPersonId: current, reason: c.reason }));
    }
    case 'chooseDayCount':
      if (s.dayCount === c.dayCount) return refuse('campaign.day_count.unchanged', `the campaign already counts ${c.dayCount} days`);
      return accept(ev(CE.dayCountChosen, { dayCount: c.dayCount }));
    case 'configureFollowUp': {
      const order = c.ladder.map((x) => LADDER.indexOf(x));
      if (order.some((x, i) => i > 0 && x < (order[i - 1] ?? 0))) {
        return refuse('campaign.follow_up.ladder_order', `the ladder's steps go in the order ${LADDER.join(' → ')}; got ${c.ladder.join(' → ')}`);
      }
      if (!c.ladder.includes(c.accountabilityAt)) {
        return refuse('campaign.follow_up.accountability_step', `accountability opens at "${c.accountabilityAt}", which is not on the ladder ${c.ladder.join(' → ')}`);
      }
      const { type: _t, ...data } = c;
      return accept(ev(CE.followUpConfigured, data));
    }
  }
};

/** The Campaign aggregate. */
export const campaignAggregate: AggregateSpec<CampaignCommand, CampaignState, CampaignEvent, CampaignEnv> = {
  name: 'campaign',
  // Long-lived: every court, person and appointment (or phase, period, office) is on this one stream.
  snapshot: { name: 'campaign', version: 1 },
  initialState: initialCampaign,
  evolve: evolveCampaign,
  decide: decideCampaign,
  policy: campaignPolicy,
  precheck: (c, s) => (c.type !== 'launch' && !s.launched ? refuse('campaign.not_launched', 'the campaign has not been launched yet') : undefined),
};
