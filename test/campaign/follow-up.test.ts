/**
 * Warnings (预警) and reminders (催办) as recorded facts, and the escalation ladder
 * (预警 → 催办 → 约谈 → 通报 → 问责): the campaign's settings, the follow-up's rules, and the
 * reaction that acts on working days only and opens one accountability case per problem, at the
 * step the campaign sets, after the earlier steps are on the trail.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { bindDecider } from '../../src/campaign/aggregate';
import { campaignAggregate } from '../../src/campaign/campaign/decider';
import { WORKING_DAYS } from '../../src/campaign/calendar';
import { warningColour } from '../../src/campaign/followup/colours';
import type { FollowUpCommand, SubjectFacts } from '../../src/campaign/followup/commands';
import { followUpAggregate } from '../../src/campaign/followup/decider';
import type { FollowUpEvent } from '../../src/campaign/followup/events';
import { caseIdForOverdueProblem } from '../../src/campaign/ids';
import { NATURAL_DAYS } from '../../src/campaign/time';
import { NS, T0, actor, campaign, campaignEventsList, org, specOf, stranger } from './support/world';
import { ok, testLedger } from './support/ledger-world';

const ladder = ['warning', 'reminder', 'talk', 'circular', 'accountability'] as const;
const full = { ...campaign, followUp: { approachingDays: 3, ladder: [...ladder], accountabilityAt: 'accountability' as const, stepEveryDays: 1 } };
const spec = specOf(followUpAggregate, { org, campaign: full });
const office = actor('office1');
const subject = { kind: 'problem' as const, problemId: 'P-1' };
const facts: SubjectFacts = { settled: false, deadline: '2019-05-30', overdue: true, addressedTo: { courtId: 'NANGUAN', department: '执行局' }, personId: 'ng-staff' };
const escalate = (f: SubjectFacts = facts): FollowUpCommand => ({ type: 'escalate', subject, rule: 'overdue', facts: f });
const stepped = (step: (typeof ladder)[number], day: string): FollowUpEvent => ({ type: 'follow_up.escalated', data: {
  subject, step, rule: 'overdue', deadline: '2019-05-30', day, addressedTo: facts.addressedTo, personId: 'ng-staff', givenBy: 'office1',
} });

describe('follow-up: the campaign sets the threshold and the ladder', () => {
  const cspec = specOf(campaignAggregate, { namespace: NS, org });
  const given = cspec.given(campaignEventsList);
  it('the leadership configures it; steps keep their order; accountability opens at a step on the ladder; staff cannot', () => {
    const s = given.when({ type: 'configureFollowUp', approachingDays: 5, ladder: ['warning', 'talk', 'accountability'], accountabilityAt: 'accountability', stepEveryDays: 2 }, { actor: actor('president') })
      .thenEmitsTypes('campaign.follow_up_configured');
    expect(s.followUp.ladder).toEqual(['warning', 'talk', 'accountability']);
    given.when({ type: 'configureFollowUp', approachingDays: 5, ladder: ['talk', 'warning'], accountabilityAt: 'talk', stepEveryDays: 1 }, { actor: actor('president') })
      .thenRefused('campaign.follow_up.ladder_order');
    given.when({ type: 'configureFollowUp', approachingDays: 5, ladder: ['warning', 'reminder'], accountabilityAt: 'accountability', stepEveryDays: 1 }, { actor: actor('president') })
      .thenRefused('campaign.follow_up.accountability_step');
    given.when({ type: 'configureFollowUp', approachingDays: 5, ladder: ['warning'], accountabilityAt: 'warning', stepEveryDays: 1 }, { actor: actor('ng-staff') })
      .thenNotAuthorized('campaign.configureFollowUp');
  });
  it('colours: red overdue, yellow behind or returned, blue within the threshold (in working days across a holiday)', () => {
    expect(warningColour({ deadline: '2019-06-10', behind: false }, '2019-06-11', 3, NATURAL_DAYS)).toBe('red');
    expect(warningColour({ deadline: '2019-06-30', behind: true }, '2019-06-11', 3, NATURAL_DAYS)).toBe('yellow');
    expect(warningColour({ deadline: '2019-06-13', behind: false }, '2019-06-11', 3, NATURAL_DAYS)).toBe('blue');
    expect(warningColour({ deadline: '2019-06-20', behind: false }, '2019-06-11', 3, NATURAL_DAYS)).toBeUndefined();
    expect(warningColour({ deadline: '2019-10-08', behind: false }, '2019-09-30', 3, NATURAL_DAYS)).toBeUndefined();
    expect(warningColour({ deadline: '2019-10-08', behind: false }, '2019-09-30', 3, WORKING_DAYS)).toBe('blue');
  });
});

describe('follow-up: the rules', () => {
  it('a warning is recorded once per colour and deadline, with whom it addressed and the day; a red one only when overdue', () => {
    const w: FollowUpCommand = { type: 'warn', subject, colour: 'red', rule: 'warning.red', facts };
    spec.given([]).when(w, { actor: office }).thenEmits([{ type: 'follow_up.warned', data: {
      subject, colour: 'red', rule: 'warning.red', deadline: '2019-05-30', day: '2019-06-01', addressedTo: facts.addressedTo, personId: 'ng-staff', givenBy: 'office1',
    } }]);
    const given = spec.given([{ type: 'follow_up.warned', data: { subject, colour: 'red', rule: 'x', deadline: '2019-05-30', day: '2019-06-01', addressedTo: facts.addressedTo, givenBy: 'office1' } }]);
    given.when(w, { actor: office }).thenRefused('follow_up.warning.already_given');
    spec.given([]).when({ ...w, facts: { ...facts, overdue: false, deadline: '2019-06-30' } }, { actor: office }).thenRefused('follow_up.warning.not_due');
    spec.given([]).when({ ...w, colour: 'blue', facts: { ...facts, overdue: false, deadline: '2019-06-30' } }, { actor: office }).thenRefused('follow_up.warning.not_due');
  });
  it('the ladder is climbed one step at a time, not sooner than the interval, and only while overdue; then it is complete', () => {
    spec.given([]).when(escalate(), { actor: office }).thenEmits([stepped('warning', '2019-06-01')]);
    spec.given([stepped('warning', '2019-06-01')]).when(escalate(), { actor: office }).thenRefused('follow_up.escalation.too_soon');
    spec.given([stepped('warning', '2019-05-31')]).when(escalate(), { actor: office }).thenEmits([stepped('reminder', '2019-06-01')]);
    spec.given([]).when(escalate({ ...facts, overdue: false, deadline: '2019-06-30' }), { actor: office }).thenRefused('follow_up.escalation.not_overdue');
    const all = ladder.map((s, i) => stepped(s, `2019-05-2${i}`));
    spec.given(all).when(escalate(), { actor: office }).thenRefused('follow_up.escalation.complete');
    spec.given([]).when(escalate({ ...facts, settled: true }), { actor: office }).thenRefused('follow_up.subject.closed');
  });
  it('property (seeded): an actor without the right records nothing', () => {
    const decider = bindDecider(followUpAggregate, { org, campaign: full });
    const outsiders = [stranger, actor('ng-staff'), actor('ng-president'), actor('tmo-head'), actor('verifier1')];
    fc.assert(fc.property(fc.constantFrom(...outsiders), fc.constantFrom<FollowUpCommand>(escalate(), { type: 'warn', subject, colour: 'red', rule: 'x', facts }),
      fc.integer({ min: 0, max: 5 }), (who, c, n) => {
        const state = ladder.slice(0, n).map((s) => stepped(s, '2019-05-20')).reduce(decider.evolve, decider.initialState);
        const r = decider.decide(c, state, { actor: who, recordedAt: T0, effectiveAt: T0 });
        expect(E.isLeft(r) && r.left._tag).toBe('NotAuthorized');
      }), { seed: 1914, numRuns: 200 });
  });
});

describe('follow-up: the reaction, on working days only', () => {
  it('warns, climbs 预警 → 催办 → 约谈 → 通报 → 问责 one working day at a time, skipping Saturday and the National Day week, then opens one case for the problem', async () => {
    const t = await testLedger();
    const L = t.ledger;
    await ok(L.campaign.chooseDayCount('office1', { dayCount: 'working' }));
    await ok(L.campaign.configureFollowUp('president', { approachingDays: 3, ladder: [...ladder], accountabilityAt: 'accountability', stepEveryDays: 1 }));
    t.setNow('2019-09-23T02:00:00.000Z');
    await ok(L.problem.identify('ng-staff', { problemId: 'P-1', courtId: 'NANGUAN', department: '执行局', source: 'self_inspection', title: 'x', description: 'x', criterion: 'x', severity: 'minor' }));
    await ok(L.problem.assignResponsibility('ng-president', { problemId: 'P-1', leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
    await ok(L.problem.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', content: 'x', deadline: '2019-09-25' }));
    await ok(L.problem.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M2', content: 'y', deadline: '2019-09-25' }));
    const run = async (d: string) => { t.setNow(`${d}T02:00:00.000Z`); return ok(L.reactions.run()); };
    expect((await run('2019-09-24')).warningsGiven).toEqual(['problem:P-1:blue']);
    const days = ['2019-09-26', '2019-09-27', '2019-09-28', '2019-09-29', '2019-09-30', '2019-10-01', '2019-10-07', '2019-10-08', '2019-10-09'];
    const steps: Record<string, string[]> = {};
    const cases: string[] = [];
    for (const d of days) {
      const r = await run(d);
      expect(r.failures).toEqual([]);
      steps[d] = r.stepsTaken.map((s) => s.step);
      cases.push(...r.casesProposed);
    }
    expect(steps).toEqual({
      '2019-09-26': ['warning'], '2019-09-27': ['reminder'], '2019-09-28': [], '2019-09-29': ['talk'], '2019-09-30': ['circular'],
      '2019-10-01': [], '2019-10-07': [], '2019-10-08': ['accountability'], '2019-10-09': [],
    });
    expect(cases).toEqual([caseIdForOverdueProblem('P-1')]);
    const trail = (await t.all()).filter((e) => e.type.startsWith('follow_up.'));
    expect(trail.map((e) => [e.type, (e.data as { colour?: string; step?: string }).colour ?? (e.data as { step: string }).step, (e.data as { day: string }).day])).toEqual([
      ['follow_up.warned', 'blue', '2019-09-24'], ['follow_up.warned', 'red', '2019-09-26'], ['follow_up.escalated', 'warning', '2019-09-26'],
      ['follow_up.escalated', 'reminder', '2019-09-27'], ['follow_up.escalated', 'talk', '2019-09-29'], ['follow_up.escalated', 'circular', '2019-09-30'],
      ['follow_up.escalated', 'accountability', '2019-10-08'],
    ]);
    expect(trail.every((e) => e.metadata.actor.id === 'admin')).toBe(true);
  });
  it('reminds the lead unit of a supervision item whose feedback period passed without feedback, once, and warns of its colour', async () => {
    const t = await testLedger();
    const L = t.ledger;
    await ok(L.campaign.chooseDayCount('office1', { dayCount: 'working' }));
    t.setNow('2019-09-23T02:00:00.000Z');
    await ok(L.supervision.propose('office1', { itemId: 'S-1', title: '清理积案', content: 'x', source: { kind: 'leading_group_decision', decision: '领导小组第二次会议' } }));
    await ok(L.supervision.open('office1', { itemId: 'S-1', office: '督' }));
    await ok(L.supervision.approve('president', { itemId: 'S-1' }));
    await ok(L.supervision.assign('office1', { itemId: 'S-1', lead: { courtId: 'CITY', department: '执行局' }, deadline: '2019-10-31', feedbackEveryDays: 2 }));
    await ok(L.supervision.receive('exec-head', { itemId: 'S-1' }));
    t.setNow('2019-09-27T02:00:00.000Z');
    const r = await ok(L.reactions.run());
    expect(r.remindersGiven).toEqual(['S-1:feedback.period_1.missing']);
    expect(r.warningsGiven).toEqual(['supervision:S-1:yellow']);
    expect((await ok(L.reactions.run())).remindersGiven).toEqual([]);
    const item = await ok(L.load.supervision('S-1'));
    expect(item.state.reminders[0]).toMatchObject({ remindedUnit: { courtId: 'CITY', department: '执行局' }, remindedBy: 'admin', rule: 'feedback.period_1.missing', day: '2019-09-27' });
  });
});
