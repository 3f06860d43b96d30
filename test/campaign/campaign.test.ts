import { describe, it } from 'vitest';
import { campaignAggregate } from '../../src/campaign/campaign/decider';
import { NS, actor, campaignEventsList, org, specOf } from './support/world';

const spec = specOf(campaignAggregate, { namespace: NS, org });
const given = spec.given(campaignEventsList);
const office = actor('office1');
const launched = spec.given(campaignEventsList.slice(0, 1));

describe('campaign: launch', () => {
  it('is launched by the organizer court president, with the namespace as its id and +08:00 by default', () => {
    spec.given([]).when({ type: 'launch', name: '加强管理年', organizerCourtId: 'CITY', startYear: 2019, endYear: 2021 }, { actor: actor('president', undefined) })
      .thenEmits([{ type: 'campaign.launched', data: {
        campaignId: NS, name: '加强管理年', organizerCourtId: 'CITY', startYear: 2019, endYear: 2021, utcOffsetMinutes: 480,
      } }]);
  });
  it('refuses a second launch, reversed years, an unknown court, and a grassroots president', () => {
    given.when({ type: 'launch', name: 'x', organizerCourtId: 'CITY', startYear: 2019, endYear: 2021 }, { actor: actor('president') })
      .thenRefused('campaign.already_launched');
    spec.given([]).when({ type: 'launch', name: 'x', organizerCourtId: 'CITY', startYear: 2021, endYear: 2019 }, { actor: actor('president', undefined) })
      .thenRefused('campaign.years.reversed');
    spec.given([]).when({ type: 'launch', name: 'x', organizerCourtId: 'NOPE', startYear: 2019, endYear: 2021 }, { actor: { id: 'admin', posts: ['system'] } })
      .thenRefused('campaign.court.unknown');
    spec.given([]).when({ type: 'launch', name: 'x', organizerCourtId: 'CITY', startYear: 2019, endYear: 2021 }, { actor: actor('ng-president', undefined) })
      .thenNotAuthorized('campaign.launch');
  });
  it('refuses every other command before the launch', () => {
    spec.given([]).when({ type: 'defineCategory', categoryId: '1', name: 'x' }, { actor: { id: 'admin', posts: ['system'] } })
      .thenRefused('campaign.not_launched');
  });
});

describe('campaign: plan, categories, phases, report periods', () => {
  it('adopts the plan once, pinned by its SHA-256', () => {
    const s = given.when({ type: 'adoptPlan', planId: 'plan', title: '实施方案', documentSha256: 'a'.repeat(64), issuedOn: '2019-05-20' }, { actor: office })
      .thenEmitsTypes('campaign.plan_adopted');
    spec.given([...campaignEventsList, { type: 'campaign.plan_adopted', data: s.plan! }])
      .when({ type: 'adoptPlan', planId: 'plan2', title: 'x', documentSha256: 'b'.repeat(64), issuedOn: '2019-05-21' }, { actor: office })
      .thenRefused('campaign.plan.already_adopted');
  });
  it('keeps category task ranges disjoint and whole', () => {
    given.when({ type: 'defineCategory', categoryId: '2', name: '加强政务管理', firstTask: 16, lastTask: 23 }, { actor: office }).thenEmitsTypes('campaign.category_defined');
    given.when({ type: 'defineCategory', categoryId: '2', name: 'x', firstTask: 15, lastTask: 23 }, { actor: office }).thenRefused('campaign.category.range_overlaps');
    given.when({ type: 'defineCategory', categoryId: '1', name: 'x' }, { actor: office }).thenRefused('campaign.category.exists');
    given.when({ type: 'defineCategory', categoryId: '2', name: 'x', firstTask: 30, lastTask: 24 }, { actor: office }).thenRefused('campaign.category.reversed_range');
    given.when({ type: 'defineCategory', categoryId: '2', name: 'x', firstTask: 24 }, { actor: office }).thenRefused('campaign.category.partial_range');
  });
  it('keeps phases inside the campaign years and apart', () => {
    const p = { type: 'definePhase' as const, phaseId: '2019-h1', name: '上半年', start: '2019-05-20', end: '2019-06-30', goals: ['查问题'] };
    const s = given.when(p, { actor: office }).thenEmitsTypes('campaign.phase_defined');
    spec.given([...campaignEventsList, { type: 'campaign.phase_defined', data: s.phases.get('2019-h1')! }])
      .when({ ...p, phaseId: '2019-h2', start: '2019-06-30', end: '2019-12-31' }, { actor: office }).thenRefused('campaign.phase.overlaps');
    given.when({ ...p, end: '2019-05-01' }, { actor: office }).thenRefused('campaign.phase.reversed');
    given.when({ ...p, start: '2022-01-01', end: '2022-06-30' }, { actor: office }).thenRefused('campaign.phase.outside_campaign');
  });
  it('checks report periods: dates in order, deadline after the end, known courts', () => {
    const p = { type: 'defineReportPeriod' as const, periodId: '2019-H2', name: 'x', from: '2019-07-01', to: '2019-12-31', deadline: '2020-01-10', courts: ['NANGUAN'] };
    given.when(p, { actor: office }).thenEmitsTypes('campaign.report_period_defined');
    given.when({ ...p, periodId: '2019-H1' }, { actor: office }).thenRefused('campaign.period.exists');
    given.when({ ...p, to: '2019-06-01' }, { actor: office }).thenRefused('campaign.period.reversed');
    given.when({ ...p, deadline: '2019-12-01' }, { actor: office }).thenRefused('campaign.period.deadline_before_end');
    given.when({ ...p, courts: ['NOPE'] }, { actor: office }).thenRefused('campaign.court.unknown');
  });
  it('the host court\'s consolidated report is due after its subordinates\' reports (campaign.period.consolidated_deadline_not_after)', () => {
    const p = { type: 'defineReportPeriod' as const, periodId: '2019-H2', name: 'x', from: '2019-07-01', to: '2019-12-31', deadline: '2020-01-10', courts: ['NANGUAN'] };
    const { type: _type, ...data } = p;
    given.when({ ...p, consolidatedDeadline: '2020-01-20' }, { actor: office })
      .thenEmits([{ type: 'campaign.report_period_defined', data: { ...data, consolidatedDeadline: '2020-01-20' } }]);
    given.when({ ...p, consolidatedDeadline: '2020-01-10' }, { actor: office }).thenRefused('campaign.period.consolidated_deadline_not_after');
    given.when({ ...p, consolidatedDeadline: '2020-01-05' }, { actor: office }).thenRefused('campaign.period.consolidated_deadline_not_after');
  });
  it('only the office, the leader or the system define them', () => {
    given.when({ type: 'defineCategory', categoryId: '9', name: 'x' }, { actor: actor('tmo-staff') }).thenNotAuthorized('campaign.defineCategory');
  });
});

describe('campaign: leading group and office', () => {
  it('has one leader', () => {
    given.when({ type: 'appointLeadingGroupMember', personId: 'deputy', role: 'leader' }, { actor: actor('president') })
      .thenRefused('campaign.leading_group.already_member');
    given.when({ type: 'appointLeadingGroupMember', personId: 'tmo-head', role: 'leader' }, { actor: actor('president') })
      .thenRefused('campaign.leading_group.leader_exists');
    given.when({ type: 'appointLeadingGroupMember', personId: 'tmo-head', role: 'member' }, { actor: actor('president') })
      .thenEmitsTypes('campaign.leading_group_member_appointed');
    given.when({ type: 'appointLeadingGroupMember', personId: 'ghost', role: 'member' }, { actor: actor('president') })
      .thenRefused('campaign.person.unknown');
  });
  it('dismisses only members, with a reason; the office appoints nobody', () => {
    given.when({ type: 'dismissLeadingGroupMember', personId: 'tmo-head', reason: 'x' }, { actor: actor('president') })
      .thenRefused('campaign.leading_group.not_member');
    given.when({ type: 'dismissLeadingGroupMember', personId: 'deputy', reason: 'retired' }, { actor: actor('president') })
      .thenEmitsTypes('campaign.leading_group_member_dismissed');
    given.when({ type: 'appointLeadingGroupMember', personId: 'tmo-head', role: 'member' }, { actor: office })
      .thenNotAuthorized('campaign.appointLeadingGroupMember');
  });
  it('sets the office up once, in an existing unit', () => {
    given.when({ type: 'establishOffice', name: 'x', courtId: 'CITY', department: '审管办' }, { actor: actor('president') })
      .thenRefused('campaign.office.already_established');
    launched.when({ type: 'establishOffice', name: 'x', courtId: 'CITY', department: '不存在' }, { actor: actor('president') })
      .thenRefused('campaign.office.unknown_unit');
  });
});

describe('campaign: one first responsible person per court, a member of its leadership', () => {
  const lg = actor('president');
  it('refuses a second designation for the same court', () => {
    given.when({ type: 'designateFirstResponsible', courtId: 'NANGUAN', personId: 'ng-vp' }, { actor: lg })
      .thenRefused('campaign.first_responsible.already_designated');
  });
  it('designates only a member of that court\'s leadership', () => {
    given.when({ type: 'designateFirstResponsible', courtId: 'CITY', personId: 'ng-head' }, { actor: lg })
      .thenRefused('campaign.person.not_in_court');
    given.when({ type: 'designateFirstResponsible', courtId: 'CITY', personId: 'tmo-head' }, { actor: lg })
      .thenRefused('campaign.first_responsible.not_leadership');
    given.when({ type: 'designateFirstResponsible', courtId: 'CITY', personId: 'president' }, { actor: lg })
      .thenEmitsTypes('campaign.first_responsible_designated');
    given.when({ type: 'designateFirstResponsible', courtId: 'NOPE', personId: 'president' }, { actor: lg })
      .thenRefused('campaign.court.unknown');
  });
  it('replaces with a reason, keeping exactly one; by default the president is replaced', () => {
    const s = given.when({ type: 'replaceFirstResponsible', courtId: 'NANGUAN', personId: 'ng-vp', reason: '院长调任' }, { actor: actor('ng-president') })
      .thenEmits([{ type: 'campaign.first_responsible_replaced', data: { courtId: 'NANGUAN', personId: 'ng-vp', previousPersonId: 'ng-president', reason: '院长调任' } }]);
    if (s.firstResponsible.get('NANGUAN') !== 'ng-vp') throw new Error('not replaced');
    given.when({ type: 'replaceFirstResponsible', courtId: 'NANGUAN', personId: 'ng-head', reason: 'x' }, { actor: lg })
      .thenRefused('campaign.first_responsible.not_leadership');
    given.when({ type: 'replaceFirstResponsible', courtId: 'NANGUAN', personId: 'ng-president', reason: 'x' }, { actor: lg })
      .thenRefused('campaign.first_responsible.same_person');
    given.when({ type: 'replaceFirstResponsible', courtId: 'CITY', personId: 'deputy', reason: 'x' }, { actor: lg })
      .thenEmits([{ type: 'campaign.first_responsible_replaced', data: { courtId: 'CITY', personId: 'deputy', previousPersonId: 'president', reason: 'x' } }]);
  });
  it('is changed only by the court\'s own leadership or the leading group: never the office, a department or another court', () => {
    const c = { type: 'replaceFirstResponsible' as const, courtId: 'NANGUAN', personId: 'ng-vp', reason: 'x' };
    for (const who of ['office1', 'tmo-head', 'cy-president', 'ng-head', 'ng-office']) {
      given.when(c, { actor: actor(who) }).thenNotAuthorized('campaign.replaceFirstResponsible', 'campaign.rights.first_responsible_outsider');
    }
    given.when({ type: 'designateFirstResponsible', courtId: 'CITY', personId: 'president' }, { actor: actor('tmo-head') })
      .thenNotAuthorized('campaign.designateFirstResponsible', 'campaign.rights.first_responsible_outsider');
    given.when(c, { actor: actor('ng-vp') }).thenEmitsTypes('campaign.first_responsible_replaced');
    given.when(c, { actor: actor('deputy') }).thenEmitsTypes('campaign.first_responsible_replaced');
  });
});
