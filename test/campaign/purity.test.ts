import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindDecider } from '../../src/campaign/aggregate';
import { problemAggregate } from '../../src/campaign/problem/decider';
import { taskAggregate } from '../../src/campaign/task/decider';
import { replay } from '../../src/campaign/aggregate';
import { ok, testLedger } from './support/ledger-world';
import { actor, campaign, org } from './support/world';
import { rectifying } from './support/problems';

afterEach(() => { vi.useRealTimers(); });

describe('deciders never read a clock', () => {
  it('decide the same whatever the system time; only the trusted recordedAt matters', () => {
    const decide = () => {
      const d = bindDecider(problemAggregate, { org, campaign });
      const ctx = { actor: actor('ng-staff'), recordedAt: '2019-06-30T15:00:00.000Z', effectiveAt: '2019-06-30T15:00:00.000Z' };
      return d.decide({ type: 'requestExtension', problemId: 'P-1', measureId: 'M1', requestId: 'X1', requestedDeadline: '2019-07-31', reason: 'x' }, replay(problemAggregate, rectifying), ctx);
    };
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2019-01-01T00:00:00.000Z'));
    const early = decide();
    vi.setSystemTime(new Date('2030-01-01T00:00:00.000Z'));
    const late = decide();
    expect(early).toEqual(late);
    expect(early._tag).toBe('Right');
  });
  it('the same holds for a task deadline', () => {
    const d = bindDecider(taskAggregate, { org, campaign });
    const c = { type: 'issue' as const, taskId: 'T-1', number: 1, categoryId: '1', title: 'x', leadDepartments: ['审管办'], scopeCourts: ['NANGUAN'], dueDate: '2019-06-30' };
    const ctx = { actor: actor('office1'), recordedAt: '2019-06-01T00:00:00.000Z', effectiveAt: '2019-06-01T00:00:00.000Z' };
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-01-01T00:00:00.000Z'));
    expect(d.decide(c, taskAggregate.initialState, ctx)._tag).toBe('Right');
  });
});

describe('nothing is edited or deleted', () => {
  it('a correction is a new event with its reason; what was identified stays as it was recorded', async () => {
    const t = await testLedger();
    await ok(t.ledger.problem.identify('ng-staff', {
      problemId: 'P-1', courtId: 'NANGUAN', source: 'self_inspection', title: '原标题', description: 'x', criterion: 'x', severity: 'minor',
    }));
    const before = (await t.all()).filter((e) => e.streamId.endsWith('/problem/P-1'));
    const r = await ok(t.ledger.problem.correct('office1', { problemId: 'P-1', reason: '标题有误', title: '新标题' }));
    expect(r.state.details?.title).toBe('新标题');
    const after = (await t.all()).filter((e) => e.streamId.endsWith('/problem/P-1'));
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after[after.length - 1]).toMatchObject({ type: 'problem.corrected', data: { title: '新标题', reason: '标题有误' }, metadata: { reason: '标题有误' } });
  });
});
