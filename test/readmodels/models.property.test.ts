import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountabilityRegister, rankings } from '../../src/readmodels/accountability';
import { dashboard } from '../../src/readmodels/dashboard';
import { inspectionCoverage, unannouncedRecord } from '../../src/readmodels/inspections';
import { campaignReadModel } from '../../src/readmodels/projection';
import { reportedVsComputed } from '../../src/readmodels/reported';
import { reportTracker } from '../../src/readmodels/reports';
import { taskMatrix } from '../../src/readmodels/tasks';
import { historyArb, nowNear, nowSelArb, playHistory } from './history';
import { naiveCoverage, naiveRankings, naiveRegister, naiveUnannounced } from './naive-inspections-cases';
import { replayProblems } from './naive-problems';
import { naiveReported, naiveTaskMatrix, naiveTracker } from './naive-tasks-reports';
import { projectAll } from './world';

const RUNS = { numRuns: 40 };
const zoneArb = fc.constantFrom({ timeZone: 'Asia/Shanghai', offsetH: 8 }, { timeZone: 'UTC', offsetH: 0 });

const setup = async (steps: Parameters<typeof playHistory>[0], sel: { pick: number; days: number; ms: number }, offsetH: number) => {
  const w = await playHistory(steps);
  const events = await w.events();
  const state = await projectAll(w, campaignReadModel());
  const nowMs = nowNear(events, sel, offsetH);
  return { events, state, nowMs, now: new Date(nowMs).toISOString() };
};

describe('every read model equals a naive recomputation from the raw events', () => {
  it('the task matrix', async () => {
    await fc.assert(fc.asyncProperty(historyArb, nowSelArb, zoneArb, async (steps, sel, zone) => {
      const { events, state, nowMs, now } = await setup(steps, sel, zone.offsetH);
      expect(taskMatrix(state, { now, timeZone: zone.timeZone })).toEqual(naiveTaskMatrix(events, { nowMs, offsetH: zone.offsetH, yellow: 10, dueSoon: 20 }));
    }), RUNS);
  });

  it('the report tracker', async () => {
    await fc.assert(fc.asyncProperty(historyArb, fc.integer({ min: Date.parse('2019-03-01T00:00:00Z'), max: Date.parse('2019-08-01T00:00:00Z') }), zoneArb, async (steps, nowMs, zone) => {
      const { events, state } = await setup(steps, { pick: 0, days: 0, ms: 0 }, zone.offsetH);
      const now = new Date(nowMs).toISOString();
      expect(reportTracker(state, { now, timeZone: zone.timeZone })).toEqual(naiveTracker(events, { nowMs, offsetH: zone.offsetH, yellow: 10, dueSoon: 20 }));
    }), RUNS);
  });

  it('reported vs computed, figures as of each period end', async () => {
    await fc.assert(fc.asyncProperty(historyArb, zoneArb, async (steps, zone) => {
      const { events, state } = await setup(steps, { pick: 0, days: 0, ms: 0 }, zone.offsetH);
      const got = reportedVsComputed(state, { timeZone: zone.timeZone });
      const want = naiveReported(events, zone.offsetH);
      expect(got.reports.map((r) => ({ reportId: r.reportId, version: r.version, computed: r.computed, gaps: r.gaps.map(({ figure, claimed, computed }) => ({ figure, claimed, computed })) }))).toEqual(want);
      expect(got.gaps).toHaveLength(want.reduce((n, r) => n + r.gaps.length, 0));
    }), RUNS);
  });

  it('inspection coverage and the unannounced-inspection checks', async () => {
    await fc.assert(fc.asyncProperty(historyArb, async (steps) => {
      const { events, state } = await setup(steps, { pick: 0, days: 0, ms: 0 }, 8);
      expect(inspectionCoverage(state)).toEqual(naiveCoverage(events));
      const got = unannouncedRecord(state).map((u) => ({ inspectionId: u.inspectionId, status: u.status, checks: u.checks.map((c) => [c.check, c.ok]), targets: u.targets, visited: u.visited }));
      expect(got).toEqual(await naiveUnannounced(events));
    }), RUNS);
  });

  it('the accountability register and the rankings', async () => {
    await fc.assert(fc.asyncProperty(historyArb, nowSelArb, async (steps, sel) => {
      const { events, state, nowMs, now } = await setup(steps, sel, 8);
      expect(accountabilityRegister(state)).toEqual(naiveRegister(events));
      const r = rankings(state, { now });
      const rows = (xs: typeof r.byCourt) => xs.map((x) => [x.unit, x.rank, x.problems, x.closed, x.overdue, x.closedLate, x.selfFound, x.cases, x.sanctions, x.returnedReports, x.score]);
      const want = naiveRankings(events, { nowMs, offsetH: 8, yellow: 10, dueSoon: 20 });
      expect({ byCourt: rows(r.byCourt), byDepartment: rows(r.byDepartment) }).toEqual(want);
    }), RUNS);
  });

  it('the dashboard headline figures, and the dashboard is plain JSON', async () => {
    await fc.assert(fc.asyncProperty(historyArb, nowSelArb, async (steps, sel) => {
      const { events, state, now } = await setup(steps, sel, 8);
      const d = dashboard(state, { now });
      const live = [...replayProblems(events).values()].filter((p) => p.status !== 'withdrawn');
      const closed = live.filter((p) => p.status === 'closed').length;
      expect(d.tasks.total).toBe(events.filter((e) => e.type === 'task.issued').length);
      expect(d.problems.total).toBe(live.length);
      expect(d.problems.closed).toBe(closed);
      expect(d.problems.rectificationRate).toBe(live.length ? closed / live.length : null);
      expect(d.problems.overdue).toBe(d.overdue.length);
      expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    }), { numRuns: 20 });
  });
});
