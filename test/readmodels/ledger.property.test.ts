import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colourBoard, dueSoonList, overdueList, problemLedger } from '../../src/readmodels/ledger';
import { problemLedgerProjection } from '../../src/readmodels/projection';
import { rectificationRates } from '../../src/readmodels/rates';
import { naiveLedger, naiveRates } from './naive-ledger';
import { problemHistoryArb as historyArb, nowNear, nowSelArb, playHistory } from './history';
import { projectAll } from './world';

const zoneArb = fc.constantFrom({ timeZone: 'Asia/Shanghai', offsetH: 8 }, { timeZone: 'UTC', offsetH: 0 });
const RUNS = { numRuns: 60 };

describe('the problem ledger equals a naive recomputation from the raw events', () => {
  it('rows, colours, overdue and due-soon lists, board', async () => {
    await fc.assert(fc.asyncProperty(historyArb, nowSelArb, zoneArb, fc.nat({ max: 15 }), async (steps, sel, zone, yellow) => {
      const w = await playHistory(steps);
      const events = await w.events();
      const nowMs = nowNear(events, sel, zone.offsetH);
      const state = await projectAll(w, problemLedgerProjection());
      const now = new Date(nowMs).toISOString();
      const opts = { now, timeZone: zone.timeZone, thresholds: { yellowDays: yellow, dueSoonDays: yellow + 10 } };
      const naive = naiveLedger(events, { nowMs, offsetH: zone.offsetH, yellow, dueSoon: yellow + 10 });
      expect(problemLedger(state, opts)).toEqual(naive);
      const byLeft = (a: { daysLeft: number | null }, b: { daysLeft: number | null }) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0);
      expect(overdueList(state, opts)).toEqual(naive.filter((r) => r.colour === 'red').sort(byLeft));
      expect(dueSoonList(state, opts)).toEqual(naive.filter((r) => r.dueSoon).sort(byLeft));
      const live = naive.filter((r) => r.status !== 'withdrawn');
      const count = (c: string | null) => live.filter((r) => r.colour === c).length;
      expect(colourBoard(state, opts).totals).toEqual({ green: count('green'), yellow: count('yellow'), red: count('red'), noDeadline: count(null) });
    }), RUNS);
  });

  it('filters by court, department, task, category, status and colour', async () => {
    await fc.assert(fc.asyncProperty(historyArb, nowSelArb, fc.record({
      courtId: fc.option(fc.constantFrom('C1', 'C2', 'C3'), { nil: undefined }),
      department: fc.option(fc.constantFrom('审管办', '立案庭'), { nil: undefined }),
      taskId: fc.option(fc.constantFrom('T1', 'T2', 'T3', 'T4'), { nil: undefined }),
      categoryId: fc.option(fc.constantFrom('K1', 'K2'), { nil: undefined }),
      status: fc.option(fc.constantFrom('open', 'closed', 'withdrawn', 'verified'), { nil: undefined }),
      colour: fc.option(fc.constantFrom('green', 'yellow', 'red', 'none'), { nil: undefined }),
    }, { requiredKeys: [] }), async (steps, sel, filter) => {
      const w = await playHistory(steps);
      const nowMs = nowNear(await w.events(), sel);
      const state = await projectAll(w, problemLedgerProjection());
      const naive = naiveLedger(await w.events(), { nowMs, offsetH: 8, yellow: 10, dueSoon: 20 });
      const want = naive.filter((r) => Object.entries(filter).every(([k, v]) => v === undefined || (k === 'colour' ? (r.colour ?? 'none') === v : (r as any)[k] === v)));
      expect(problemLedger(state, { now: new Date(nowMs).toISOString(), filter: filter as any })).toEqual(want);
    }), RUNS);
  });

  it('rectification, on-time, returned and reopened rates by court, department, task and category', async () => {
    await fc.assert(fc.asyncProperty(historyArb, nowSelArb, zoneArb, async (steps, sel, zone) => {
      const w = await playHistory(steps);
      const nowMs = nowNear(await w.events(), sel, zone.offsetH);
      const state = await projectAll(w, problemLedgerProjection());
      const naive = naiveRates(await w.events(), { nowMs, offsetH: zone.offsetH, yellow: 10, dueSoon: 20 });
      expect(rectificationRates(state, { now: new Date(nowMs).toISOString(), timeZone: zone.timeZone })).toEqual(naive);
    }), RUNS);
  });
});
