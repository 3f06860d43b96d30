/**
 * The supervision read model: items with their colours at a given moment, the ladder step each late
 * problem reached, and the "warnings given" log — each checked against the recorded events of the
 * demo trail (with supervision items added), not against the read model's own folds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/eventsourcing/envelope';
import { dashboard } from '../../src/readmodels/dashboard';
import { CannotApply } from '../../src/readmodels/errors';
import { problemLedger } from '../../src/readmodels/ledger';
import { campaignReadModel, deserializeState, serializeState } from '../../src/readmodels/projection';
import type { ReadModelState } from '../../src/readmodels/state';
import { escalations, supervisionItems, warningsGiven } from '../../src/readmodels/supervision';
import { ITEMS, supervisedDemoState } from '../office/supervised';

let state: ReadModelState;
let events: readonly RecordedEvent[];
let now: string;

beforeAll(async () => { ({ state, events, now } = await supervisedDemoState()); }, 180_000);

const byId = (at: string) => new Map(supervisionItems(state, { now: at }).map((i) => [i.itemId, i]));

describe('supervision items at a moment', () => {
  it('lists numbered items first, each with its stage, units, deadline and feedback schedule', () => {
    const all = supervisionItems(state, { now });
    expect(all.at(-1)?.itemId).toBe(ITEMS.proposed); // the only one without a number
    const items = all.filter((i) => (Object.values(ITEMS) as string[]).includes(i.itemId));
    expect(items.map((i) => i.itemId)).toEqual([ITEMS.instruction, ITEMS.decision, ITEMS.proposed]);
    const [a, b, c] = items;
    expect(a).toMatchObject({ status: 'assigned', source: 'leader_instruction', lead: { courtId: 'xc', department: '执行局' }, co: [{ courtId: 'xc', department: '立案庭' }], deadline: '2020-03-31', period: 1, colour: null });
    // every 10 days from Monday 2020-01-06: in working days the 10th is Sunday 01-19, worked before the Spring Festival (国办发明电〔2019〕16号)
    expect(a?.nextFeedbackDue).toBe(state.catalog.dayCount === 'working' ? '2020-01-19' : '2020-01-16');
    expect(c).toMatchObject({ status: 'proposed', number: null, lead: null, colour: null, daysLeft: null });
    expect(b).toMatchObject({ status: 'handling', reminders: 1, warnings: 1, feedbackMissing: true, nextFeedbackDue: '2020-01-07' });
  });

  it('colours an item yellow when a feedback period passed without feedback, blue when its deadline is within the campaign threshold, red once past it', () => {
    expect(byId('2020-01-07T02:00:00.000Z').get(ITEMS.decision)?.colour).toBe('yellow');
    const approaching = state.catalog.followUp?.approachingDays ?? 3;
    expect(byId('2020-01-06T09:00:00.000Z').get(ITEMS.decision)).toMatchObject({ colour: approaching >= 4 ? 'blue' : null, daysLeft: 4, feedbackMissing: false });
    expect(byId('2020-01-11T02:00:00.000Z').get(ITEMS.decision)?.colour).toBe('red');
    expect(byId('2020-03-30T02:00:00.000Z').get(ITEMS.instruction)?.colour).toBe('blue');
    expect(byId('2020-04-01T02:00:00.000Z').get(ITEMS.instruction)).toMatchObject({ colour: 'red', daysLeft: -1 });
  });
});

describe('the escalation step of each late problem', () => {
  it('lists every overdue problem of the ledger with the last ladder step recorded for it', () => {
    const late = problemLedger(state, { now }).filter((r) => r.colour === 'red').map((r) => r.problemId).sort();
    const views = escalations(state, { now });
    expect(views.map((v) => v.problemId).sort()).toEqual(late);
    expect(late.length).toBeGreaterThan(0);
    for (const v of views) {
      const steps = events.filter((e) => e.type === 'follow_up.escalated' && (e.data as { subject: { problemId?: string } }).subject.problemId === v.problemId);
      const last = steps.at(-1)?.data as { step: string; day: string } | undefined;
      expect(v.step).toBe(last?.step ?? null);
      expect(v.stepDay).toBe(last?.day ?? null);
      expect(v.stepsTaken).toBe(steps.length);
      expect(v.daysOverdue).toBeGreaterThan(0);
    }
  });
});

describe('the warnings given', () => {
  it('holds every warning, reminder and ladder step on the trail, in the order recorded, with whom it addressed and the day', () => {
    const recorded = events.filter((e) => ['supervision.warned', 'supervision.reminded', 'follow_up.warned', 'follow_up.escalated'].includes(e.type));
    const log = warningsGiven(state);
    expect(log.map((w) => w.at)).toEqual(recorded.map((e) => e.metadata.recordedAt));
    expect(log.map((w) => w.day)).toEqual(recorded.map((e) => (e.data as { day: string }).day));
    const reminder = log.find((w) => w.kind === 'reminder' && w.subject.id === ITEMS.decision)!;
    expect(reminder).toMatchObject({ subject: { kind: 'supervision', id: ITEMS.decision, label: '督〔2020〕2号 完善审判流程节点管理' }, addressedTo: { courtId: 'dc', department: '审管办' }, rule: 'feedback.period_1.missing', day: '2020-01-07' });
    expect(log.some((w) => w.kind === 'escalation' && w.subject.kind === 'problem')).toBe(true);
  });

  it('is on the dashboard with the items and the escalations', () => {
    const d = dashboard(state, { now });
    const items = supervisionItems(state, { now });
    expect(d.supervision.items).toEqual(items);
    const colours = (c: string) => items.filter((i) => i.colour === c).length;
    expect(d.supervision).toMatchObject({ total: items.length, open: items.filter((i) => i.status !== 'closed').length, byColour: { red: colours('red'), yellow: colours('yellow'), blue: colours('blue') } });
    expect(colours('yellow')).toBeGreaterThan(0);
    expect(d.supervision.warningsGiven).toEqual(warningsGiven(state));
    expect(d.supervision.escalations).toEqual(escalations(state, { now }));
  });
});

describe('the fold', () => {
  it('refuses an event of an item never proposed, keeps the slices through serialization, and reads an older state as having none', () => {
    const p = campaignReadModel();
    const assigned = events.find((e) => e.type === 'supervision.assigned')!;
    expect(() => p.apply(p.initialState, assigned)).toThrow(CannotApply);
    expect(() => p.apply(p.initialState, assigned)).toThrow(/was never proposed/);
    expect(deserializeState(serializeState(state))).toEqual(state);
    const { supervision: _s, followUps: _f, ...old } = state;
    expect(deserializeState(JSON.stringify(old))).toMatchObject({ supervision: { size: 0 }, followUps: { size: 0 } });
  });
});
