/**
 * Supervision items (督办事项): the lifecycle 拟办 → 立项 → 审批 → 交办 → 签收 → 办理/反馈 → 复核 → 办结 (退回
 * for rework), its policies, the feedback schedule, the working-day deadline, the number per
 * office and year, and that an unauthorized actor changes nothing.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { bindDecider } from '../../src/campaign/aggregate';
import type { SupervisionCommand } from '../../src/campaign/supervision/commands';
import { supervisionAggregate } from '../../src/campaign/supervision/decider';
import type { SupervisionEvent } from '../../src/campaign/supervision/events';
import { formatSupervisionNumber } from '../../src/campaign/supervision/numbering';
import { T0, actor, campaign, org, specOf, stranger } from './support/world';
import { fails, ok, testLedger } from './support/ledger-world';

const I = 'S-1';
const spec = specOf(supervisionAggregate, { org, campaign });
const office = actor('office1');
const leader = actor('president');
const execHead = actor('exec-head');
const day = (d: string) => `${d}T02:00:00.000Z`;

const instruction = { kind: 'leader_instruction' as const, text: '请执行局抓紧清理积案', givenBy: 'president', givenOn: '2019-05-30' };
const proposed: SupervisionEvent = { type: 'supervision.proposed', data: { itemId: I, title: '清理积案', content: '年底前清理长期未结案件', source: instruction, proposedBy: 'office1' } };
const opened: SupervisionEvent = { type: 'supervision.opened', data: { itemId: I, office: '督', year: 2019, sequence: 12, number: '督〔2019〕12号', openedBy: 'office1' } };
const approved: SupervisionEvent = { type: 'supervision.approved', data: { itemId: I, approvedBy: 'president' } };
const lead = { courtId: 'CITY', department: '执行局' };
const assigned: SupervisionEvent = { type: 'supervision.assigned', data: {
  itemId: I, lead, co: [{ courtId: 'CITY', department: '立案庭' }], deadline: '2019-06-28', feedbackEveryDays: 5, assignedOn: '2019-06-01', assignedBy: 'office1',
} };
const received: SupervisionEvent = { type: 'supervision.received', data: { itemId: I, receivedBy: 'exec-head', receivedOn: '2019-06-01' } };
const finalFeedback: SupervisionEvent = { type: 'supervision.feedback_given', data: { itemId: I, period: 2, summary: '已清理', final: true, givenBy: 'exec-head', givenOn: '2019-06-06' } };
const passed: SupervisionEvent = { type: 'supervision.review_passed', data: { itemId: I, reviewedBy: 'office1' } };
const closed: SupervisionEvent = { type: 'supervision.closed', data: { itemId: I, closedBy: 'president', closedOn: '2019-06-10' } };
const handling = [proposed, opened, approved, assigned, received];

describe('supervision: the lifecycle, one step after another', () => {
  it('拟办 by the office from a leader\'s instruction (its text and author kept), 审批 by a leader, 交办 with units, deadline and frequency', () => {
    spec.given([]).when({ type: 'propose', itemId: I, title: '清理积案', content: '年底前清理长期未结案件', source: instruction }, { actor: office }).thenEmits([proposed]);
    spec.given([proposed]).when({ type: 'open', itemId: I, office: '督', year: 2019, sequence: 12, number: '督〔2019〕12号' }, { actor: office }).thenEmits([opened]);
    spec.given([proposed, opened]).when({ type: 'approve', itemId: I }, { actor: leader }).thenEmits([approved]);
    spec.given([proposed, opened, approved]).when({
      type: 'assign', itemId: I, lead, co: [{ courtId: 'CITY', department: '立案庭' }], deadline: '2019-06-28', feedbackEveryDays: 5,
    }, { actor: office }).thenEmits([assigned]);
    const s = spec.given([proposed, opened, approved, assigned]).when({ type: 'receive', itemId: I }, { actor: execHead }).thenEmits([received]);
    expect(s.status).toBe('handling');
  });
  it('反馈 (final) → 复核 passed → 办结; or 退回 back to 办理, counted', () => {
    const s1 = spec.given(handling).when({ type: 'giveFeedback', itemId: I, summary: '已清理', final: true }, { actor: execHead, recordedAt: day('2019-06-06') })
      .thenEmits([finalFeedback]);
    expect(s1.status).toBe('under_review');
    spec.given([...handling, finalFeedback]).when({ type: 'review', itemId: I, outcome: 'passed' }, { actor: office }).thenEmits([passed]);
    const back = spec.given([...handling, finalFeedback]).when({ type: 'review', itemId: I, outcome: 'returned', reason: '台账不全' }, { actor: office })
      .thenEmitsTypes('supervision.returned');
    expect([back.status, back.timesReturned]).toEqual(['handling', 1]);
    spec.given([...handling, finalFeedback, passed]).when({ type: 'close', itemId: I }, { actor: leader, recordedAt: day('2019-06-10') }).thenEmits([closed]);
  });
  it('refuses a step out of order, an unknown item, a second proposal, and closing before the review passed', () => {
    spec.given([proposed]).when({ type: 'approve', itemId: I }, { actor: leader }).thenRefused('supervision.step.out_of_order');
    spec.given([proposed, opened]).when({ type: 'assign', itemId: I, lead, deadline: '2019-06-28', feedbackEveryDays: 5 }, { actor: office })
      .thenRefused('supervision.step.out_of_order');
    spec.given([]).when({ type: 'receive', itemId: I }, { actor: execHead }).thenRefused('supervision.not_found');
    spec.given([proposed]).when({ type: 'propose', itemId: I, title: 'x', content: 'x', source: instruction }, { actor: office }).thenRefused('supervision.already_proposed');
    spec.given([...handling, finalFeedback]).when({ type: 'close', itemId: I }, { actor: leader }).thenRefused('supervision.close.not_reviewed');
    spec.given(handling).when({ type: 'review', itemId: I, outcome: 'passed' }, { actor: office }).thenRefused('supervision.review.not_requested');
    spec.given([]).when({ type: 'propose', itemId: I, title: 'x', content: 'x', source: { ...instruction, givenBy: 'nobody' } }, { actor: office })
      .thenRefused('supervision.source.unknown_person');
  });
  it('交办 checks the units and the deadline', () => {
    const given = spec.given([proposed, opened, approved]);
    const a = { type: 'assign' as const, itemId: I, lead, deadline: '2019-06-28', feedbackEveryDays: 5 };
    given.when({ ...a, lead: { courtId: 'CITY', department: '研究室' } }, { actor: office }).thenRefused('supervision.unit.unknown');
    given.when({ ...a, co: [lead] }, { actor: office }).thenRefused('supervision.unit.lead_and_co');
    given.when({ ...a, deadline: '2019-05-31' }, { actor: office }).thenRefused('supervision.deadline.in_past');
  });
});

describe('supervision: policies', () => {
  it('the proposer cannot approve, and only leaders approve', () => {
    spec.given([{ ...proposed, data: { ...proposed.data, proposedBy: 'president' } } as SupervisionEvent, opened])
      .when({ type: 'approve', itemId: I }, { actor: leader }).thenNotAuthorized('supervision.approve');
    spec.given([proposed, opened]).when({ type: 'approve', itemId: I }, { actor: office }).thenNotAuthorized('supervision.approve');
  });
  it('only the lead unit signs and reports; the assignee cannot review or close its own item', () => {
    spec.given([proposed, opened, approved, assigned]).when({ type: 'receive', itemId: I }, { actor: actor('tmo-head') }).thenNotAuthorized('supervision.receive');
    spec.given(handling).when({ type: 'giveFeedback', itemId: I, summary: 'x' }, { actor: actor('tmo-staff') }).thenNotAuthorized('supervision.giveFeedback');
    const own = { ...assigned, data: { ...assigned.data, lead: { courtId: 'CITY', department: '办公室' } } } as SupervisionEvent;
    const ownReviewed = [proposed, opened, approved, own, received, finalFeedback, passed];
    spec.given(ownReviewed).when({ type: 'close', itemId: I }, { actor: office }).thenNotAuthorized('supervision.close');
    spec.given(ownReviewed.slice(0, -1)).when({ type: 'review', itemId: I, outcome: 'passed' }, { actor: office }).thenNotAuthorized('supervision.review');
    spec.given(ownReviewed).when({ type: 'close', itemId: I }, { actor: leader }).thenEmitsTypes('supervision.closed');
  });
  it('property (seeded): an actor without the right changes nothing, whatever the command and the step', () => {
    const steps = [[], [proposed], [proposed, opened], [proposed, opened, approved], [proposed, opened, approved, assigned], handling,
      [...handling, finalFeedback], [...handling, finalFeedback, passed]];
    const commands: SupervisionCommand[] = [
      { type: 'propose', itemId: I, title: 'x', content: 'x', source: instruction },
      { type: 'open', itemId: I, office: '督', year: 2019, sequence: 1, number: '督〔2019〕1号' },
      { type: 'approve', itemId: I }, { type: 'assign', itemId: I, lead, deadline: '2019-06-28', feedbackEveryDays: 5 },
      { type: 'receive', itemId: I }, { type: 'giveFeedback', itemId: I, summary: 'x', final: true },
      { type: 'review', itemId: I, outcome: 'passed' }, { type: 'close', itemId: I }, { type: 'remind', itemId: I, rule: 'x' },
      { type: 'warn', itemId: I, colour: 'red', rule: 'x' },
    ];
    const outsiders = [stranger, actor('ng-staff'), actor('cy-staff'), actor('tmo-staff')];
    const decider = bindDecider(supervisionAggregate, { org, campaign });
    fc.assert(fc.property(fc.constantFrom(...steps), fc.constantFrom(...commands), fc.constantFrom(...outsiders), (given, c, who) => {
      const state = given.reduce(decider.evolve, decider.initialState);
      const r = decider.decide(c, state, { actor: who, recordedAt: T0, effectiveAt: T0 });
      expect(E.isLeft(r)).toBe(true);
    }), { seed: 1404, numRuns: 300 });
  });
});

describe('supervision: schedule, reminders, closed items', () => {
  it('one feedback per period of the schedule set at 交办; a second in the same period is refused; the next period takes one', () => {
    const first = spec.given(handling).when({ type: 'giveFeedback', itemId: I, summary: '进展一' }, { actor: execHead, recordedAt: day('2019-06-03') })
      .thenEmitsTypes('supervision.feedback_given');
    expect(first.lastPeriod).toBe(1);
    const fb1: SupervisionEvent = { type: 'supervision.feedback_given', data: { itemId: I, period: 1, summary: '进展一', final: false, givenBy: 'exec-head', givenOn: '2019-06-03' } };
    spec.given([...handling, fb1]).when({ type: 'giveFeedback', itemId: I, summary: '进展二' }, { actor: execHead, recordedAt: day('2019-06-05') })
      .thenRefused('supervision.feedback.off_schedule');
    spec.given([...handling, fb1]).when({ type: 'giveFeedback', itemId: I, summary: '进展二' }, { actor: execHead, recordedAt: day('2019-06-06') })
      .thenEmitsTypes('supervision.feedback_given');
    spec.given([proposed, opened, approved, assigned]).when({ type: 'giveFeedback', itemId: I, summary: 'x' }, { actor: execHead })
      .thenRefused('supervision.step.out_of_order');
  });
  it('催办 and 预警 are recorded (who, which unit, which rule, which day); nothing is done to a closed item, not even a reminder', () => {
    const s = spec.given(handling).when({ type: 'remind', itemId: I, rule: 'feedback.overdue' }, { actor: office, recordedAt: day('2019-06-10') })
      .thenEmits([{ type: 'supervision.reminded', data: { itemId: I, remindedUnit: lead, remindedBy: 'office1', rule: 'feedback.overdue', day: '2019-06-10' } }]);
    expect(s.reminders).toHaveLength(1);
    spec.given([proposed]).when({ type: 'remind', itemId: I, rule: 'x' }, { actor: office }).thenRefused('supervision.not_assigned');
    const done = [...handling, finalFeedback, passed, closed];
    spec.given(done).when({ type: 'remind', itemId: I, rule: 'x' }, { actor: office }).thenRefused('supervision.closed');
    spec.given(done).when({ type: 'giveFeedback', itemId: I, summary: 'x' }, { actor: execHead }).thenRefused('supervision.closed');
  });
  it('in a campaign counting working days, a deadline on a holiday is refused and the schedule counts working days', () => {
    const working = { ...campaign, dayCount: 'working' as const };
    const w = specOf(supervisionAggregate, { org, campaign: working });
    w.given([proposed, opened, approved]).when({ type: 'assign', itemId: I, lead, deadline: '2019-10-01', feedbackEveryDays: 5 }, { actor: office, recordedAt: day('2019-09-20') })
      .thenRefused('calendar.deadline_not_working_day');
    const a9: SupervisionEvent = { type: 'supervision.assigned', data: { ...assigned.data, assignedOn: '2019-09-24', deadline: '2019-10-31' } } as SupervisionEvent;
    const fb: SupervisionEvent = { type: 'supervision.feedback_given', data: { itemId: I, period: 1, summary: 'x', final: false, givenBy: 'exec-head', givenOn: '2019-09-25' } };
    // Assigned Tue Sep 24; five working days later is Mon Sep 30 (Sep 29, a Sunday, is worked), so period 2 starts then;
    // the National Day week does not count, and Oct 8 is still period 2.
    w.given([proposed, opened, approved, a9, received, fb]).when({ type: 'giveFeedback', itemId: I, summary: 'y' }, { actor: execHead, recordedAt: day('2019-09-29') })
      .thenRefused('supervision.feedback.off_schedule');
    w.given([proposed, opened, approved, a9, received, fb]).when({ type: 'giveFeedback', itemId: I, summary: 'y' }, { actor: execHead, recordedAt: day('2019-10-08') })
      .thenEmits([{ type: 'supervision.feedback_given', data: { itemId: I, period: 2, summary: 'y', final: false, givenBy: 'exec-head', givenOn: '2019-10-08' } }]);
  });
});

describe('supervision: through the facade', () => {
  it('numbers per issuing office and year (督〔2019〕1号, 2号; 办〔2019〕1号; 督〔2020〕1号), reserving nothing for a refused command', async () => {
    const t = await testLedger();
    const { ledger } = t;
    const propose = (itemId: string) => ok(ledger.supervision.propose('office1', {
      itemId, title: '落实领导小组决定', content: '健全督办制度', source: { kind: 'leading_group_decision', decision: '第一次领导小组会议决定' },
    }));
    for (const id of ['A', 'B', 'C', 'D', 'E']) await propose(id);
    const number = async (itemId: string, office: string) => (await ok(ledger.supervision.open('office1', { itemId, office }))).state.opening?.number;
    expect(await number('A', '督')).toBe('督〔2019〕1号');
    const refused = await fails(ledger.supervision.open('ng-staff', { itemId: 'B', office: '督' }));
    expect(refused._tag).toBe('NotAuthorized');
    expect(await number('B', '督')).toBe('督〔2019〕2号');
    expect(await number('C', '办')).toBe('办〔2019〕1号');
    t.setNow('2020-01-02T02:00:00.000Z');
    expect(await number('D', '督')).toBe('督〔2020〕1号');
    expect((await fails(ledger.supervision.open('office1', { itemId: 'A', office: '督' }))).message).toContain('opened');
    expect(await number('E', '督')).toBe('督〔2020〕2号');
    expect(formatSupervisionNumber('督', 2019, 12)).toBe('督〔2019〕12号');
  });
  it('a number costs the same however many the office gave before: its reservation stream is not read again', async () => {
    const t = await testLedger();
    const { ledger, store } = t;
    const ids = Array.from({ length: 12 }, (_, i) => `N-${i}`);
    for (const itemId of ids) {
      await ok(ledger.supervision.propose('office1', {
        itemId, title: '落实领导小组决定', content: '健全督办制度', source: { kind: 'leading_group_decision', decision: '第一次领导小组会议决定' },
      }));
    }
    // Count the reservation-stream events each opening reads.
    let read = 0;
    const readStream = store.readStream.bind(store);
    const counting: typeof store.readStream = (streamId, options) => {
      const events = readStream(streamId, options);
      if (!streamId.includes('/supervision-numbers/')) return events;
      return (async function* () { for await (const e of events) { read++; yield e; } })();
    };
    Object.defineProperty(store, 'readStream', { value: counting, configurable: true, writable: true });
    const readPerOpening: number[] = [];
    for (const itemId of ids) {
      read = 0;
      await ok(ledger.supervision.open('office1', { itemId, office: '督' }));
      readPerOpening.push(read);
    }
    expect(readPerOpening.slice(1)).toEqual(Array<number>(ids.length - 1).fill(0));
  });
  it('a subject must exist; an unknown item is refused; a refusal stores nothing', async () => {
    const t = await testLedger();
    const before = (await t.all()).length;
    const e = await fails(t.ledger.supervision.propose('office1', {
      itemId: 'X', title: 'x', content: 'x', source: { kind: 'report', periodId: '2019-H1', courtId: 'NANGUAN' }, subject: { kind: 'problem', problemId: 'P-404' },
    }));
    expect(e._tag === 'RuleViolated' && e.rule).toBe('supervision.subject.unknown');
    expect((await fails(t.ledger.supervision.remind('office1', { itemId: 'nope', rule: 'x' }))).message).toContain('no supervision item');
    expect((await t.all()).length).toBe(before);
  });
});
