/** The read models over histories written through the campaign facade (the domain's own test world). */
import { describe, expect, it } from 'vitest';
import { drawTargets, seedCommitment } from '../../src/campaign/inspection/draw';
import { project, type RecordedEvent } from '../../src/eventsourcing/index';
import { campaignReadModel } from '../../src/readmodels/projection';
import { unannouncedRecord } from '../../src/readmodels/inspections';
import { reportedVsComputed } from '../../src/readmodels/reported';
import { reportTracker } from '../../src/readmodels/reports';
import { dashboard } from '../../src/readmodels/dashboard';
import { ok, testLedger } from '../campaign/support/ledger-world';
import { NS } from '../campaign/support/world';

const seed = '0123456789abcdef0123456789abcdef';
const model = (events: RecordedEvent[]) => project(campaignReadModel({ namespace: NS }), events);

describe('read models of a history written through the facade', () => {
  it('given an unannounced inspection done by the book, when it is checked, then every check passes; a wrong seed fails', async () => {
    const t = await testLedger();
    const L = t.ledger;
    await ok(L.inspection.plan('inspector', { inspectionId: 'U-1', kind: 'unannounced', title: '明察暗访' }));
    await ok(L.inspection.commitSeed('inspector', { inspectionId: 'U-1', commitment: seedCommitment(seed), candidates: ['NANGUAN', 'CHAOYANG'], count: 1 }));
    t.setNow('2019-06-01T17:00:00.000Z');
    await ok(L.task.issue('office1', { taskId: 'T-01', number: 1, categoryId: '1', title: 'x', leadDepartments: ['审管办'], scopeCourts: ['NANGUAN'], dueDate: '2019-06-30' }));
    const beacon = (await ok(L.load.beacon('U-1')))!;
    const [target] = drawTargets(seed, beacon.hash, ['NANGUAN', 'CHAOYANG'], 1);
    await ok(L.inspection.recordVisit('inspector', { inspectionId: 'U-1', courtId: target!, visitedOn: '2019-06-02' }));
    await ok(L.inspection.revealSeed('inspector', { inspectionId: 'U-1', seed }));
    const events = await t.all();
    const [record] = unannouncedRecord(model(events));
    expect(record).toMatchObject({ inspectionId: 'U-1', status: 'passed', targets: [target], visited: [target], undrawnVisits: [] });
    expect(record!.checks.filter((c) => c.ok !== true)).toEqual([]);
    const forged = events.map((e) => (e.type === 'inspection.seed_revealed' ? { ...e, data: { ...(e.data as object), seed: 'ff'.repeat(16) } } : e));
    const [bad] = unannouncedRecord(model(forged));
    expect(bad!.status).toBe('failed');
    // (With two candidates the forged seed may happen to re-draw the same court, so only the commitment check is certain.)
    expect(bad!.checks.filter((c) => c.ok === false).map((c) => c.check)).toContain('seed_matches_commitment');
  });

  it('given reports for the first half, when compared with the events up to 30 June, then a falsified figure is a gap and a missing report shows after its deadline', async () => {
    const t = await testLedger();
    const L = t.ledger;
    await ok(L.problem.identify('ng-staff', { problemId: 'P-1', courtId: 'NANGUAN', department: '执行局', source: 'self_inspection', title: 'x', description: 'x', criterion: 'x', severity: 'minor' }));
    await ok(L.problem.assignResponsibility('ng-president', { problemId: 'P-1', leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
    await ok(L.problem.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', content: 'x', deadline: '2019-06-20' }));
    t.setNow('2019-07-02T02:00:00.000Z');
    const honest = { found: 'x', measures: 'x', results: 'x', figures: { problemsFound: 1, problemsClosed: 0, rectificationRatePercent: 0, overdue: 1 } };
    await ok(L.report.submit('ng-president', { periodId: '2019-H1', courtId: 'NANGUAN', ...honest }));
    await ok(L.report.return('office1', { periodId: '2019-H1', courtId: 'NANGUAN', reason: '请核实' }));
    await ok(L.report.submit('ng-president', { periodId: '2019-H1', courtId: 'NANGUAN', ...honest, figures: { problemsFound: 1, problemsClosed: 1, rectificationRatePercent: 100, overdue: 0 } }));
    const state = model(await t.all());
    const r = reportedVsComputed(state);
    expect(r.reports.map((x) => [x.version, x.gaps.map((g) => [g.figure, g.claimed, g.computed])])).toEqual([
      [1, []],
      [2, [['problemsClosed', 1, 0], ['rectificationRatePercent', 100, 0], ['overdue', 0, 1]]],
    ]);
    expect(r.reports[0]!.cutoff).toBe('2019-06-30T16:00:00.000Z');
    const standing = (now: string) => reportTracker(state, { now }).rows.map((x) => [x.courtId, x.standing]);
    expect(standing('2019-07-10T15:59:59.999Z')).toEqual([['NANGUAN', 'on_time'], ['CHAOYANG', 'pending']]);
    expect(standing('2019-07-10T16:00:00.000Z')).toEqual([['NANGUAN', 'on_time'], ['CHAOYANG', 'missing']]);
    const d = dashboard(state, { now: '2019-07-11T00:00:00.000Z' });
    expect(d.problems).toMatchObject({ total: 1, closed: 0, overdue: 1, rectificationRate: 0 });
    expect(d.reportedVsComputed.withGaps).toBe(1);
  });
});
