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
import { demoCourts } from '../../src/demo/organization';
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
    expect(ofType('campaign.first_responsible_designated')).toHaveLength(ofType('organization.court_registered').length);
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
    expect(d.reports.byPeriod).toHaveLength(4);
    for (const p of d.reports.byPeriod) expect(p.late).toBeGreaterThan(0);
    expect(ofType('report.returned').length).toBeGreaterThanOrEqual(2);
    expect(ofType('report.consolidated')).toHaveLength(4);
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

  it('finds a false closure claimed in a report by a special check: reopened, falsification case, circulated criticism, published, closed', () => {
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

describe('a real year: a city-sized ledger, every task examined, the year closed and carried over', () => {
  const inScope = (t: Record<string, any>, courtId: string) => courtId === data(ofType('campaign.launched')[0]).organizerCourtId || t.scopeCourts.includes(courtId);

  it('keeps a city-sized ledger: at least 150 problems, found in every court', () => {
    const found = ofType('problem.identified').map(data);
    expect(found.length).toBeGreaterThanOrEqual(150);
    expect(found.length).toBe(summary.problems);
    expect(d.problems.total + d.problems.withdrawn).toBe(found.length);
    for (const c of demoCourts) expect(found.filter((p) => p.courtId === c.courtId).length, c.courtId).toBeGreaterThan(10);
  });

  it('gives every one of the 37 tasks findings or a recorded "no problem found", court by court', () => {
    const found = ofType('problem.identified').map(data);
    const nothing = ofType('task.no_problem_found').map(data);
    const issued = ofType('task.issued').map(data);
    expect(issued).toHaveLength(37);
    for (const t of issued) {
      expect(found.some((p) => p.taskId === t.taskId) || nothing.some((n) => n.taskId === t.taskId), t.taskId).toBe(true);
      for (const c of demoCourts.filter((x) => inScope(t, x.courtId))) {
        const has = found.some((p) => p.taskId === t.taskId && p.courtId === c.courtId) || nothing.some((n) => n.taskId === t.taskId && n.courtId === c.courtId);
        expect(has, `${t.taskId} @ ${c.courtId}`).toBe(true);
      }
    }
    expect(nothing.length).toBeGreaterThan(0);
    expect(new Set(issued.filter((t) => !found.some((p) => p.taskId === t.taskId)).map((t) => t.taskId)).size).toBeGreaterThan(0);
  });

  it('never rates a multi-year task complete in 2019: due at the end of the campaign, its stage of the year reported instead', () => {
    const due = new Map(ofType('task.issued').map((e) => [data(e).taskId as string, data(e).dueDate as string]));
    for (const g of ofType('task.extension_granted')) due.set(data(g).taskId, data(g).newDueDate);
    const multiYear = [...due].filter(([, date]) => date > '2020-12-31').map(([id]) => id);
    expect(multiYear.length).toBeGreaterThan(0);
    const rated = new Set(ofType('task.evaluated').map((e) => data(e).taskId));
    const reported = new Set(ofType('task.completion_reported').map((e) => data(e).taskId));
    for (const id of multiYear) {
      expect(rated.has(id), id).toBe(false);
      expect(reported.has(id), id).toBe(false);
      expect(ofType('task.progress_reported').some((e) => data(e).taskId === id), id).toBe(true);
    }
  });

  it('closes the year with the courts\' year-end summaries after it, consolidated, and the intermediate court\'s own', () => {
    const period = data(ofType('campaign.report_period_defined').find((e) => data(e).to === '2019-12-31'));
    expect(period).toBeDefined();
    const reports = ofType('report.submitted').filter((e) => data(e).periodId === period.periodId);
    for (const c of period.courts as string[]) {
      const mine = reports.filter((e) => data(e).courtId === c);
      expect(mine.length, c).toBeGreaterThan(0);
      expect(mine.every((e) => e.metadata.recordedAt > '2019-12-31T16:00:00.000Z'), c).toBe(true);
    }
    expect(ofType('report.consolidated').some((e) => String(data(e).reportId).startsWith(`${period.periodId}@`))).toBe(true);
    expect(reports.some((e) => data(e).courtId === data(ofType('campaign.launched')[0]).organizerCourtId)).toBe(true);
  });

  it('carries every problem still open at the end of 2019 into 2020, once, and nothing settled', () => {
    const endOf2019 = '2019-12-31T16:00:00.000Z';
    const status = new Map<string, string>();
    for (const e of events.filter((x) => x.metadata.recordedAt < endOf2019 && x.type.startsWith('problem.'))) {
      const id = data(e).problemId as string;
      if (e.type === 'problem.identified' || e.type === 'problem.reopened' || e.type === 'problem.verification_returned') status.set(id, 'open');
      if (e.type === 'problem.closed') status.set(id, 'closed');
      if (e.type === 'problem.withdrawn') status.set(id, 'withdrawn');
    }
    const open = [...status].filter(([, s]) => s === 'open').map(([id]) => id).sort();
    const carried = ofType('problem.carried_over').map(data);
    expect(carried.map((c) => c.problemId).sort()).toEqual(open);
    expect(carried.every((c) => c.fromYear === 2019 && c.toYear === 2020)).toBe(true);
    expect(open.length).toBeGreaterThan(0);
    expect(d.problems.carriedOver).toBe(open.length);
    expect(carried.some((c) => c.status === 'long_term')).toBe(true);
  });

  it('pursues the falsified closure along the chain — the clerk, the verifier who certified it, the responsible leader — and deals with the court under the 弄虚作假 rule', () => {
    const { problemId, courtId, cases } = summary.falsification;
    const stream = events.filter((e) => e.streamId.endsWith(`/problem/${problemId}`));
    const reopenedAt = stream.find((e) => e.type === 'problem.reopened')!.position;
    const clerk = stream.filter((e) => e.type === 'problem.closure_requested' && e.position < reopenedAt).at(-1)!.metadata.actor.id;
    const verifier = data(stream.filter((e) => e.type === 'problem.verified' && e.position < reopenedAt).at(-1)).verifierId;
    const leader = data(stream.filter((e) => e.type === 'problem.responsibility_assigned').at(-1)).leaderId;
    const register = d.accountability.register.filter((r) => cases.includes(r.caseId));
    const by = (subject: Record<string, unknown>) => register.find((r) => JSON.stringify(r.subject) === JSON.stringify(subject));
    expect(by({ kind: 'person', personId: clerk })).toMatchObject({ grounds: 'falsification', status: 'closed', sanction: 'circulated_criticism' });
    expect(by({ kind: 'person', personId: verifier })).toMatchObject({ grounds: 'falsification', status: 'closed', sanction: 'circulated_criticism' });
    expect(by({ kind: 'person', personId: leader })).toMatchObject({ grounds: 'falsification', status: 'closed', sanction: 'accountability' });
    expect(by({ kind: 'unit', courtId })).toMatchObject({ grounds: 'falsification', status: 'closed', sanction: 'circulated_criticism' });
    expect(new Set([clerk, verifier, leader]).size).toBe(3);
    for (const r of register) expect(r.published.length).toBe(1);
    // The court is the one whose Q3 report claimed more closures than its ledger and was returned.
    expect(ofType('report.returned').some((e) => data(e).reportId === `2019-Q3@${courtId}`)).toBe(true);
    expect(d.reportedVsComputed.gaps.some((g) => g.reportId.includes(courtId) && g.figure === 'problemsClosed' && g.claimed > (g.computed ?? 0))).toBe(true);
  });

  it('records each court\'s rules cleared, revised and made (固成果), each linked to its own problems or the plan\'s tasks, as the dashboard counts them', () => {
    const recorded = ofType('regulation.recorded').map(data);
    const courtOf = new Map(ofType('problem.identified').map((e) => [data(e).problemId as string, data(e).courtId as string]));
    for (const c of demoCourts) {
      const mine = recorded.filter((r) => r.courtId === c.courtId);
      expect(new Set(mine.map((r) => r.action)), c.courtId).toEqual(new Set(['made', 'revised', 'cleared']));
      expect(mine.every((r) => r.problemIds.every((p: string) => courtOf.get(p) === c.courtId))).toBe(true);
      expect(d.regulations.byCourt.find((x) => x.courtId === c.courtId)?.total).toBe(mine.length);
    }
    expect(d.regulations.overall.total).toBe(recorded.length);
    expect(recorded.some((r) => r.taskIds.includes(ofType('task.issued').map(data).find((t) => t.number === 18)?.taskId))).toBe(true);
  });
});
