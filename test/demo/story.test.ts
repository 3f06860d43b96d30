/**
 * What the demo campaign contains, read back from its events and read models: the real plan, the
 * first half's ledger, the second half's rectification, reports, inspections and the falsification
 * case. The figures are not fixed here; the properties the story promises are.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import { verifyStore } from '../../src/audit/verify';
import { isWorkingDay } from '../../src/campaign/calendar';
import { localDate } from '../../src/campaign/time';
import { drawTargets } from '../../src/campaign/inspection/draw';
import { createCampaignRegistry } from '../../src/campaign/registry';
import { buildDemo, type DemoSummary } from '../../src/demo/index';
import { PLAN_DOCUMENT_SHA256 } from '../../src/demo/setup';
import type { RecordedEvent } from '../../src/eventsourcing/envelope';
import { expandDepartments } from '../../src/plans/management-year/departments';
import { managementYearPlan } from '../../src/plans/management-year/index';
import { dashboard, type Dashboard } from '../../src/readmodels/dashboard';
import { campaignReadModel } from '../../src/readmodels/projection';

const store = createMemoryStore({ registry: createCampaignRegistry() });
let events: RecordedEvent[] = [];
let summary: DemoSummary;
let d: Dashboard;
const ofType = (type: string) => events.filter((e) => e.type === type);
const data = (e: RecordedEvent | undefined) => e?.data as Record<string, any>;

beforeAll(async () => {
  summary = await buildDemo({ store });
  for await (const e of store.readAll()) events.push(e);
  const p = campaignReadModel({ namespace: summary.namespace });
  const state = events.reduce(p.apply, p.initialState);
  d = dashboard(state, { now: events[events.length - 1]!.metadata.recordedAt });
}, 60_000);

describe('the plan', () => {
  it('adopts the plan document by its SHA-256 (the plan text of the fixtures)', () => {
    const text = readFileSync(fileURLToPath(new URL('../fixtures/management-year-plan.txt', import.meta.url)));
    expect(createHash('sha256').update(text).digest('hex')).toBe(PLAN_DOCUMENT_SHA256);
    expect(data(ofType('campaign.plan_adopted')[0])).toMatchObject({ documentSha256: PLAN_DOCUMENT_SHA256, planId: managementYearPlan.id });
  });

  it('issues all 37 tasks in 4 categories with the plan\'s responsible departments', () => {
    expect(ofType('campaign.category_defined').map((e) => data(e).categoryId)).toEqual(['1', '2', '3', '4']);
    const issued = ofType('task.issued').map(data);
    expect(issued.map((t) => t.number)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    for (const t of managementYearPlan.tasks) {
      const lead = expandDepartments(t.leadDepartments);
      expect(E.isRight(lead)).toBe(true);
      expect(issued[t.number - 1]).toMatchObject({ categoryId: String(t.categoryId), title: t.title, leadDepartments: (lead as E.Right<string[]>).right });
    }
    expect(d.tasks.total).toBe(37);
  });

  it('gives task 6 (the intermediate court\'s 审级指导) to the intermediate court alone: no grassroots court has it in scope or decomposed', () => {
    const t6 = ofType('task.issued').map(data).find((t) => t.number === 6);
    expect(t6?.scopeCourts).toHaveLength(1);
    expect(ofType('task.decomposed').map(data).filter((x) => x.taskId === t6?.taskId)).toEqual([]);
    expect(ofType('task.progress_reported').map(data).filter((x) => x.taskId === t6?.taskId && x.courtId !== t6?.scopeCourts[0])).toEqual([]);
  });

  it('sets up the leading group and its office as the plan says', () => {
    const roles = ofType('campaign.leading_group_member_appointed').map((e) => data(e).role);
    expect(roles.filter((r) => r === 'leader')).toHaveLength(1);
    expect(roles).toContain('deputy');
    expect(roles).toContain('member');
    expect(data(ofType('campaign.office_established')[0])).toMatchObject({ name: managementYearPlan.office.name, department: '办公室' });
    expect(ofType('campaign.first_responsible_designated')).toHaveLength(5);
  });

  it('labels every court and person as fictional', () => {
    for (const e of [...ofType('organization.court_registered'), ...ofType('organization.person_registered')]) expect(data(e).name).toContain('虚构');
  });
});

describe('the first half: the ledger', () => {
  it('finds problems by self-inspection and by inspection, registers and assigns every one', () => {
    const sources = new Set(ofType('problem.identified').map((e) => data(e).source));
    expect([...sources].sort()).toEqual(['routine_inspection', 'self_inspection']);
    const identified = ofType('problem.identified').length;
    expect(identified).toBe(summary.problems);
    expect(ofType('problem.registered')).toHaveLength(identified);
    expect(new Set(ofType('problem.responsibility_assigned').map((e) => e.streamId)).size).toBe(identified);
    expect(ofType('problem.identified').every((e) => e.metadata.recordedAt < '2019-07-01')).toBe(true);
  });

  it('records a backdated entry (effective a day or more before it was recorded)', () => {
    const lag = (e: RecordedEvent) => Date.parse(e.metadata.recordedAt) - Date.parse(e.metadata.effectiveAt);
    expect(events.some((e) => lag(e) > 86_400_000)).toBe(true);
  });
});

describe('the second half', () => {
  it('rectifies: verified closures, returned verifications, extensions granted and denied, overdue problems', () => {
    expect(d.problems.closed).toBeGreaterThan(d.problems.total / 3);
    expect(d.problems.rectificationRate).toBeCloseTo(d.problems.closed / d.problems.total, 10);
    expect(d.problems.overdue).toBeGreaterThan(0);
    expect(ofType('problem.verification_returned').length).toBeGreaterThan(0);
    expect(ofType('problem.extension_granted').length).toBeGreaterThan(0);
    expect(ofType('problem.extension_denied')).toHaveLength(1);
    expect(ofType('problem.marked_long_term')).toHaveLength(1);
    expect(ofType('problem.withdrawn')).toHaveLength(1);
    expect(ofType('task.extension_granted')).toHaveLength(1);
    expect(ofType('task.extension_denied')).toHaveLength(1);
    expect(ofType('task.returned')).toHaveLength(1);
    expect(d.tasks.overdue).toBeGreaterThan(0);
  });

  it('has periodic reports in every period, some late, one returned for overstated figures that the read model flags', () => {
    expect(d.reports.byPeriod).toHaveLength(3);
    for (const p of d.reports.byPeriod) expect(p.late).toBeGreaterThan(0);
    expect(ofType('report.returned').length).toBeGreaterThanOrEqual(2);
    expect(ofType('report.consolidated')).toHaveLength(3);
    expect(d.reportedVsComputed.gaps.some((g) => g.figure === 'problemsClosed' && g.claimed > (g.computed ?? 0))).toBe(true);
  });

  it('draws the unannounced inspection\'s targets from the committed seed, as anyone can check', () => {
    const revealed = data(ofType('inspection.seed_revealed')[0]);
    const committed = data(ofType('inspection.seed_committed')[0]);
    expect(drawTargets(revealed.seed, revealed.beacon.hash, committed.candidates, committed.count)).toEqual(revealed.targets);
    expect(revealed.targets).toEqual(summary.drawn);
    const visits = ofType('inspection.visit_recorded').filter((e) => e.streamId.endsWith('/U-2019-01')).map((e) => data(e).courtId);
    expect(visits).toEqual(summary.drawn);
    expect(d.inspections.unannounced.byStatus.failed).toBe(0);
  });

  it('finds a false closure claimed in a report: reopened, falsification case, circulated criticism, published, closed', () => {
    const { problemId, caseId, courtId } = summary.falsification;
    const failed = ofType('inspection.spot_check_recorded').filter((e) => data(e).passed === false);
    expect(failed.map((e) => data(e).problemId)).toEqual([problemId]);
    const stream = events.filter((e) => e.streamId.endsWith(`/problem/${problemId}`)).map((e) => e.type);
    expect(stream.indexOf('problem.closed')).toBeLessThan(stream.indexOf('problem.reopened'));
    const q3 = ofType('report.submitted').filter((e) => data(e).periodId === '2019-Q3' && data(e).courtId === courtId);
    expect(q3.length).toBeGreaterThan(0);
    const closedAt = events.find((e) => e.type === 'problem.closed' && e.streamId.endsWith(`/problem/${problemId}`))!.metadata.recordedAt;
    expect(closedAt < q3[0]!.metadata.recordedAt).toBe(true);
    const c = d.accountability.register.find((r) => r.caseId === caseId);
    expect(c).toMatchObject({ grounds: 'falsification', sanction: 'circulated_criticism', status: 'closed' });
    expect(c?.published.length).toBe(1);
  });

  it('ends with overdue cases proposed by the reactions, and a trail that verifies', async () => {
    expect(d.accountability.byGrounds.overdue_rectification).toBeGreaterThan(0);
    const v = await verifyStore(store)();
    expect(E.isRight(v) && v.right.ok).toBe(true);
    expect(events[events.length - 1]!.metadata.recordedAt >= '2019-12-30').toBe(true);
  });
});

describe('督办 on the working-day calendar', () => {
  const local = (iso: string) => localDate(iso, 480);
  it('counts working days, and no action of the demo falls on a weekend or a public holiday (recorded or effective)', () => {
    expect(data(ofType('campaign.day_count_chosen')[0])).toMatchObject({ dayCount: 'working' });
    const off = events.filter((e) => !isWorkingDay(local(e.metadata.recordedAt)) || !isWorkingDay(local(e.metadata.effectiveAt)));
    expect(off.map((e) => `${e.type} ${e.metadata.recordedAt} ${e.metadata.effectiveAt}`)).toEqual([]);
    // The National Day week passes without a single recorded fact.
    expect(events.filter((e) => local(e.metadata.recordedAt) >= '2019-10-01' && local(e.metadata.recordedAt) <= '2019-10-07')).toEqual([]);
  });

  it('runs supervision items from the leading group\'s decision, a leader\'s instruction (批示) and a report, each through to 办结', () => {
    const items = new Map<string, string[]>();
    for (const e of events.filter((x) => x.type.startsWith('supervision.'))) items.set(e.streamId, [...(items.get(e.streamId) ?? []), e.type]);
    const sources = ofType('supervision.proposed').map((e) => data(e).source.kind).sort();
    expect(sources).toEqual(['leader_instruction', 'leading_group_decision', 'report']);
    const instruction = data(ofType('supervision.proposed').find((e) => data(e).source.kind === 'leader_instruction'));
    expect(events.find((e) => e.type === 'organization.person_registered' && data(e).personId === instruction.source.givenBy)).toBeDefined();
    for (const [stream, types] of items) {
      const order = ['supervision.proposed', 'supervision.opened', 'supervision.approved', 'supervision.assigned', 'supervision.received'];
      expect(types.filter((t) => order.includes(t)), stream).toEqual(order);
      expect(types.at(-1), stream).toBe('supervision.closed');
      expect(types.filter((t) => t === 'supervision.feedback_given').length, stream).toBeGreaterThan(1);
    }
    expect(ofType('supervision.opened').map((e) => data(e).number)).toEqual(ofType('supervision.opened').map((_, i) => `督〔2019〕${i + 1}号`));
    expect(ofType('supervision.returned')).toHaveLength(1);
    // The assignee never closes its own item; the approver is never the proposer.
    for (const e of ofType('supervision.closed')) {
      const assigned = data(events.find((x) => x.streamId === e.streamId && x.type === 'supervision.assigned'));
      expect((e.metadata.actor.unit ?? '').startsWith(`${assigned.lead.courtId}/${assigned.lead.department ?? ''}`)).toBe(false);
    }
  });

  it('records a reminder (催办) for a missed feedback period, and warnings, on working days, as the reactions gave them', () => {
    const reminded = ofType('supervision.reminded');
    expect(reminded.length).toBeGreaterThan(0);
    for (const r of reminded) {
      const feedback = events.filter((e) => e.streamId === r.streamId && e.type === 'supervision.feedback_given' && e.position < r.position).map((e) => data(e).period);
      const missing = Number(/period_(\d+)/.exec(data(r).rule)?.[1]);
      expect(feedback).not.toContain(missing);
      expect(r.metadata.actor.posts).toContain('system');
    }
    expect(ofType('follow_up.warned').length).toBeGreaterThan(0);
  });

  it('takes at least one overdue problem up the whole ladder 预警 → 催办 → 约谈 → 通报 → 问责, a step at a time, before its case opens', () => {
    const ladder = ['warning', 'reminder', 'talk', 'circular', 'accountability'];
    const steps = new Map<string, RecordedEvent[]>();
    for (const e of ofType('follow_up.escalated')) steps.set(data(e).subject.problemId, [...(steps.get(data(e).subject.problemId) ?? []), e]);
    const full = [...steps].filter(([, xs]) => xs.map((x) => data(x).step).join() === ladder.join());
    expect(full.length).toBeGreaterThan(0);
    for (const [problemId, xs] of full) {
      const days = xs.map((x) => local(x.metadata.recordedAt));
      expect([...days].sort()).toEqual(days);
      expect(new Set(days).size).toBe(days.length);
      const opened = ofType('accountability.case_proposed').find((e) => data(e).grounds === 'overdue_rectification' && data(e).evidence.some((v: any) => v.problemId === problemId));
      expect(opened).toBeDefined();
      expect(opened!.position > xs.at(-1)!.position).toBe(true);
    }
    // One case per problem, never one per measure.
    const cases = ofType('accountability.case_proposed').filter((e) => data(e).grounds === 'overdue_rectification').map((e) => data(e).evidence[0].problemId);
    expect(new Set(cases).size).toBe(cases.length);
  });
});
