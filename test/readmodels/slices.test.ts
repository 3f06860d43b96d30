/** Each per-model projection folds its slices exactly as the combined read model does. */
import { expect, it } from 'vitest';
import { seedCommitment } from '../../src/campaign/inspection/draw';
import { project } from '../../src/eventsourcing/index';
import {
  accountabilityProjection, campaignReadModel, inspectionsProjection, problemLedgerProjection, reportsProjection, taskMatrixProjection,
} from '../../src/readmodels/projection';
import { ok, testLedger } from '../campaign/support/ledger-world';
import { NS } from '../campaign/support/world';

it('per-model projections equal the combined model on their slices', async () => {
  const t = await testLedger();
  const L = t.ledger;
  await ok(L.inspection.plan('inspector', { inspectionId: 'U-1', kind: 'unannounced', title: '明察暗访' }));
  await ok(L.inspection.commitSeed('inspector', { inspectionId: 'U-1', commitment: seedCommitment('0123456789abcdef0123456789abcdef'), candidates: ['NANGUAN', 'CHAOYANG'], count: 1 }));
  await ok(L.task.issue('office1', { taskId: 'T-01', number: 1, categoryId: '1', title: 'x', leadDepartments: ['审管办'], scopeCourts: ['NANGUAN'], dueDate: '2019-06-30' }));
  await ok(L.problem.identify('ng-staff', {
    problemId: 'P-1', courtId: 'NANGUAN', source: 'self_inspection', title: '案款', description: '超期', criterion: '规定', severity: 'minor', taskId: 'T-01',
  }));
  const events = await t.all();
  const all = project(campaignReadModel({ namespace: NS }), events);
  expect(project(inspectionsProjection({ namespace: NS }), events).inspections).toEqual(all.inspections);
  expect(project(problemLedgerProjection({ namespace: NS }), events).problems).toEqual(all.problems);
  expect(project(taskMatrixProjection({ namespace: NS }), events).tasks).toEqual(all.tasks);
  expect(project(reportsProjection({ namespace: NS }), events).reports).toEqual(all.reports);
  expect(project(accountabilityProjection({ namespace: NS }), events).cases).toEqual(all.cases);
  expect(all.inspections).not.toEqual(project(problemLedgerProjection({ namespace: NS }), events).inspections);
});
