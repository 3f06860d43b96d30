import { describe, expect, it } from 'vitest';
import { InvalidQuery } from '../../src/readmodels/errors';
import { colourBoard, dueSoonList, overdueList, problemLedger } from '../../src/readmodels/ledger';
import { problemLedgerProjection } from '../../src/readmodels/projection';
import { createWorld, projectAll, type World } from './world';

const EVIDENCE = { sha256: 'a'.repeat(64), description: 'photo' };

/** Given: problem P1 in court C1 with one measure due 2019-06-30. */
const given = async (): Promise<World> => {
  const w = createWorld('2019-05-01T02:00:00.000Z');
  await w.emit(w.s.problem('P1'), 'problem.identified', {
    problemId: 'P1', courtId: 'C1', source: 'self_inspection', title: 'Late filings', description: 'Filings were late.',
    criterion: 'Rule 7', severity: 'moderate', evidence: [EVIDENCE],
  });
  await w.emit(w.s.problem('P1'), 'problem.measure_planned', { problemId: 'P1', measureId: 'M1', content: 'Fix it.', deadline: '2019-06-30' });
  return w;
};

const colourAt = async (w: World, now: string, extra: { timeZone?: string; thresholds?: { yellowDays?: number } } = {}) => {
  const state = await projectAll(w, problemLedgerProjection());
  return problemLedger(state, { now, ...extra })[0]?.colour;
};

describe('warning colours at their boundaries (Asia/Shanghai by default)', () => {
  it('is green with 11 days left and yellow with exactly 10', async () => {
    const w = await given();
    expect(await colourAt(w, '2019-06-19T04:00:00.000Z')).toBe('green');
    expect(await colourAt(w, '2019-06-20T04:00:00.000Z')).toBe('yellow');
  });

  it('is yellow on the deadline day itself (0 days left) and red the day after', async () => {
    const w = await given();
    expect(await colourAt(w, '2019-06-30T04:00:00.000Z')).toBe('yellow');
    expect(await colourAt(w, '2019-07-01T04:00:00.000Z')).toBe('red');
  });

  it('turns red exactly at local midnight in Shanghai (16:00 UTC), not at UTC midnight', async () => {
    const w = await given();
    expect(await colourAt(w, '2019-06-30T15:59:59.999Z')).toBe('yellow');
    expect(await colourAt(w, '2019-06-30T16:00:00.000Z')).toBe('red');
    expect(await colourAt(w, '2019-06-30T16:00:00.000Z', { timeZone: 'UTC' })).toBe('yellow');
    expect(await colourAt(w, '2019-07-01T00:00:00.000Z', { timeZone: 'UTC' })).toBe('red');
  });

  it('follows a configured yellow threshold', async () => {
    const w = await given();
    expect(await colourAt(w, '2019-06-20T04:00:00.000Z', { thresholds: { yellowDays: 5 } })).toBe('green');
    expect(await colourAt(w, '2019-06-25T04:00:00.000Z', { thresholds: { yellowDays: 5 } })).toBe('yellow');
  });

  it('uses the latest measure deadline after a granted extension', async () => {
    const w = await given();
    await w.emit(w.s.problem('P1'), 'problem.measure_planned', { problemId: 'P1', measureId: 'M2', content: 'Train staff.', deadline: '2019-06-10' });
    expect(await colourAt(w, '2019-07-01T04:00:00.000Z')).toBe('red');
    await w.emit(w.s.problem('P1'), 'problem.extension_granted', {
      problemId: 'P1', measureId: 'M1', requestId: 'X1', previousDeadline: '2019-06-30', newDeadline: '2019-07-31',
    });
    expect(await colourAt(w, '2019-07-01T04:00:00.000Z')).toBe('green');
    expect(await colourAt(w, '2019-07-21T04:00:00.000Z')).toBe('yellow');
  });

  it('is green once closed, even past the deadline; a withdrawn problem has no colour', async () => {
    const w = await given();
    await w.emit(w.s.problem('P1'), 'problem.closed', { problemId: 'P1', verifierId: 'V1' });
    expect(await colourAt(w, '2019-08-01T04:00:00.000Z')).toBe('green');
    await w.emit(w.s.problem('P1'), 'problem.withdrawn', { problemId: 'P1', reason: 'Found in error.', approvedBy: 'L1' });
    expect(await colourAt(w, '2019-08-01T04:00:00.000Z')).toBeNull();
  });
});

describe('overdue, due soon and the board', () => {
  it('lists a problem as due soon from 20 days left, and as overdue only past the deadline', async () => {
    const w = await given();
    const state = await projectAll(w, problemLedgerProjection());
    expect(dueSoonList(state, { now: '2019-06-09T04:00:00.000Z' })).toHaveLength(0);
    expect(dueSoonList(state, { now: '2019-06-10T04:00:00.000Z' }).map((r) => r.daysLeft)).toEqual([20]);
    expect(overdueList(state, { now: '2019-06-30T15:59:59.999Z' })).toHaveLength(0);
    expect(overdueList(state, { now: '2019-06-30T16:00:00.000Z' }).map((r) => [r.problemId, r.daysLeft])).toEqual([['P1', -1]]);
    expect(colourBoard(state, { now: '2019-07-01T04:00:00.000Z' }).totals).toEqual({ green: 0, yellow: 0, red: 1, noDeadline: 0 });
  });

  it('refuses a now that is not an instant, an unknown zone and a negative threshold, naming the field', async () => {
    const state = await projectAll(await given(), problemLedgerProjection());
    const fails = (f: () => unknown, path: string) => {
      try { f(); } catch (x) { expect(x).toBeInstanceOf(InvalidQuery); expect((x as InvalidQuery).path).toBe(path); return; }
      throw new Error('expected an InvalidQuery');
    };
    fails(() => problemLedger(state, { now: '2019-13-01' }), 'now');
    fails(() => problemLedger(state, { now: '2019-06-01T00:00:00Z', timeZone: 'Mars/Olympus' }), 'timeZone');
    fails(() => colourBoard(state, { now: '2019-06-01T00:00:00Z', thresholds: { yellowDays: -1 } }), 'thresholds.yellowDays');
  });
});
