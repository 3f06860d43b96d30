/**
 * Each court's ledger and the city's totals (courtLedgers), checked against a naive recount from
 * the raw events: on a two-level trail made through the facade (two courts, a take-over, returns,
 * spot checks, a withdrawal) and on the demo's trail.
 */
import { describe, expect, it } from 'vitest';
import { campaignReadModel, courtLedgers, type LedgerFigures } from '../../src/readmodels/index';
import type { RecordedEvent } from '../../src/eventsourcing/envelope';
import { closeOff, ok, testLedger } from '../campaign/support/ledger-world';
import { supervisedDemoState } from '../office/supervised';
import { NS } from '../campaign/support/world';

type D = Record<string, any>;

/** The figures recounted from the events alone, by court, with the city as the sum. */
const naive = (events: readonly RecordedEvent[]): { byCourt: Record<string, LedgerFigures>; city: LedgerFigures } => {
  const problems = new Map<string, { court: string; number: boolean; closed: boolean; withdrawn: boolean; taken: boolean; returned: number; checks: number; failed: number }>();
  const courts: string[] = [];
  for (const e of events) {
    const d = e.data as D;
    if (e.type === 'organization.established') courts.push(d.court.courtId);
    if (e.type === 'organization.court_registered') courts.push(d.courtId);
    if (e.type === 'problem.identified') problems.set(d.problemId, { court: d.courtId, number: false, closed: false, withdrawn: false, taken: false, returned: 0, checks: 0, failed: 0 });
    const p = problems.get(d.problemId);
    if (p === undefined) continue;
    if (e.type === 'problem.registered') p.number = true;
    if (e.type === 'problem.closed') p.closed = true;
    if (e.type === 'problem.reopened' || e.type === 'problem.handling_returned') p.closed = false;
    if (e.type === 'problem.withdrawn') p.withdrawn = true;
    if (e.type === 'problem.taken_over') p.taken = true;
    if (e.type === 'problem.handling_returned') p.returned++;
    if (e.type === 'problem.spot_checked') { p.checks++; if (!d.passed) p.failed++; }
  }
  const zero = (): LedgerFigures => ({ problems: 0, registered: 0, open: 0, closed: 0, takenOver: 0, handlingReturned: 0, spotChecks: 0, spotChecksFailed: 0 });
  const byCourt: Record<string, LedgerFigures> = Object.fromEntries(courts.map((c) => [c, zero()]));
  const city = zero();
  for (const p of problems.values()) {
    if (p.withdrawn) continue;
    for (const f of [byCourt[p.court] ??= zero(), city] as { -readonly [K in keyof LedgerFigures]: number }[]) {
      f.problems++; if (p.number) f.registered++; if (p.closed) f.closed++; else f.open++;
      if (p.taken) f.takenOver++; f.handlingReturned += p.returned; f.spotChecks += p.checks; f.spotChecksFailed += p.failed;
    }
  }
  return { byCourt, city };
};

const fold = (events: readonly RecordedEvent[]) => {
  const p = campaignReadModel({ namespace: NS });
  let s = p.initialState;
  for (const e of events) s = p.apply(s, e);
  return s;
};

describe('each court\'s ledger and the city\'s', () => {
  it('on a two-level trail: per court and for the city, as a naive recount from the events', async () => {
    const t = await testLedger();
    const L = t.ledger.problem;
    const base = { source: 'self_inspection' as const, title: 'x', description: 'x', criterion: 'x', severity: 'minor' as const };
    for (const id of ['N-1', 'N-2', 'N-3']) await ok(L.identify('ng-staff', { ...base, problemId: id, courtId: 'NANGUAN', department: '执行局' }));
    await ok(L.identify('cy-staff', { ...base, problemId: 'C-1', courtId: 'CHAOYANG', department: '立案庭' }));
    for (const id of ['N-1', 'N-2']) await ok(L.register('ng-office', { problemId: id }));
    await ok(L.register('cy-office', { problemId: 'C-1' }));
    await ok(L.assignResponsibility('ng-president', { problemId: 'N-1', leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
    await ok(L.planMeasure('ng-staff', { problemId: 'N-1', measureId: 'M1', content: 'x', deadline: '2019-06-30' }));
    await ok(L.completeMeasure('ng-staff', { problemId: 'N-1', measureId: 'M1', note: 'x' }));
    await ok(L.attachEvidence('ng-staff', { problemId: 'N-1', evidence: { sha256: 'a'.repeat(64), description: 'x' } }));
    await ok(L.requestClosure('ng-staff', { problemId: 'N-1', summary: 'x' }));
    await ok(L.verify('verifier1', { problemId: 'N-1', note: 'x' }));
    await closeOff(t.ledger, 'N-1');
    await ok(L.spotCheck('office1', { problemId: 'N-1', checkId: 'S1', passed: false, note: '未整改到位' }));
    await ok(L.returnHandling('office1', { problemId: 'N-1', reason: '抽查未通过' }));
    await ok(L.spotCheck('office1', { problemId: 'C-1', checkId: 'S2', passed: true, note: '规范' }));
    await ok(L.takeOver('office1', { problemId: 'C-1', reason: '提级办理' }));
    await ok(L.propose('office1', { problemId: 'N-3', proposalId: 'W1', action: { kind: 'withdraw', reason: '重复登记' } }));
    await ok(L.approve('deputy', { problemId: 'N-3', proposalId: 'W1' }));
    const events = await t.all();
    const got = courtLedgers(fold(events));
    const want = naive(events);
    expect(Object.fromEntries(got.byCourt.map(({ courtId, ...f }) => [courtId, f]))).toEqual(want.byCourt);
    expect(got.city).toEqual(want.city);
    expect(got.byCourt.find((r) => r.courtId === 'NANGUAN')).toMatchObject({ problems: 2, registered: 2, open: 2, closed: 0, handlingReturned: 1, spotChecks: 1, spotChecksFailed: 1 });
    expect(got.city).toMatchObject({ problems: 3, registered: 3, takenOver: 1, spotChecks: 2 });
  });

  it('on the demo\'s trail: every court\'s ledger and the city\'s, as a naive recount', async () => {
    const { state, events } = await supervisedDemoState();
    const got = courtLedgers(state);
    const want = naive(events);
    expect(Object.fromEntries(got.byCourt.map(({ courtId, ...f }) => [courtId, f]))).toEqual(want.byCourt);
    expect(got.city).toEqual(want.city);
    expect(got.city.registered).toBeGreaterThan(0);
    expect(got.byCourt.filter((r) => r.registered > 0).length).toBeGreaterThan(1);
  }, 120_000);
});
