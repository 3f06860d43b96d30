/**
 * The deciders and the dashboard read dates in one time model: for every campaign offset and every
 * instant around a deadline's end, the decider's "overdue" and "today" (hence days left) and the
 * dashboard's agree. The dashboard is given no zone: it takes the campaign's own offset.
 */
import fc from 'fast-check';
import { isLeft } from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { initialCampaign } from '../../src/campaign/campaign/state';
import { initialOrganization } from '../../src/campaign/organization/state';
import type { ProblemEvent } from '../../src/campaign/problem/events';
import { decideProblem, evolveProblem, initialProblem, overdueMeasures } from '../../src/campaign/problem/decider';
import { addDays, daysBetween, endOfLocalDayMs, localDate } from '../../src/campaign/time';
import { dashboard } from '../../src/readmodels/dashboard';
import { problemLedger } from '../../src/readmodels/ledger';
import { campaignReadModel } from '../../src/readmodels/projection';
import { NS, createWorld, projectAll } from './world';

const DAY = 86_400_000;
const P = 'P1';
const identified = {
  problemId: P, courtId: 'C1', source: 'self_inspection', title: 'Late filings', description: 'Filings were late.',
  criterion: 'Rule 7', severity: 'moderate', evidence: [{ sha256: 'a'.repeat(64), description: 'photo' }],
} as const;

/** The decider's view at `now`: overdue measures, today's local date, and whether an extension may still be asked. */
const deciderAt = (offset: number, deadline: string, now: string) => {
  const events: ProblemEvent[] = [
    { type: 'problem.identified', data: identified },
    { type: 'problem.measure_planned', data: { problemId: P, measureId: 'M1', content: 'Fix it.', deadline } },
  ];
  const state = events.reduce(evolveProblem, initialProblem);
  const env = { org: initialOrganization, campaign: { ...initialCampaign, launched: true, campaignId: NS, utcOffsetMinutes: offset } };
  const ctx = { actor: { id: 'office-1', posts: ['campaign_office'] }, recordedAt: now, effectiveAt: now };
  const today = localDate(now, offset);
  const extension = decideProblem({
    type: 'requestExtension', problemId: P, measureId: 'M1', requestId: 'X1', requestedDeadline: addDays(deadline, 30), reason: 'More time.',
  }, state, ctx, env);
  const refusedAsLate = isLeft(extension) && JSON.stringify(extension.left).includes('problem.extension.after_deadline');
  return { overdue: overdueMeasures(state, today).length > 0, daysLeft: daysBetween(today, deadline), refusedAsLate };
};

/** A world with the campaign launched at `offset` and one problem whose one measure is due on `deadline`. */
const dashboardState = async (offset: number, deadline: string) => {
  const w = createWorld(`${addDays(deadline, -40)}T00:00:00.000Z`);
  await w.emit(w.s.campaign, 'campaign.launched', {
    campaignId: NS, name: 'Campaign', organizerCourtId: 'C1', startYear: 2019, endYear: 2021, utcOffsetMinutes: offset,
  });
  await w.emit(w.s.problem(P), 'problem.identified', identified);
  await w.emit(w.s.problem(P), 'problem.measure_planned', { problemId: P, measureId: 'M1', content: 'Fix it.', deadline });
  return projectAll(w, campaignReadModel());
};

const offsetArb = fc.oneof(fc.integer({ min: -720, max: 840 }), fc.constantFrom(-720, -300, 0, 330, 345, 480, 840));
const deadlineArb = fc.integer({ min: 0, max: 700 }).map((d) => addDays('2019-03-01', d));
/** Instants around the end of the deadline's local day: the boundary itself, a millisecond either side, or days away. */
const deltaArb = fc.oneof(fc.constantFrom(-1, 0, 1, -DAY, -DAY - 1, DAY, DAY - 1), fc.integer({ min: -3 * DAY, max: 3 * DAY }));

describe('one time model: the deciders and the dashboard agree on deadlines', () => {
  it('overdue, days left and the last day to ask for an extension, over random offsets and instants', async () => {
    await fc.assert(fc.asyncProperty(offsetArb, deadlineArb, fc.array(deltaArb, { minLength: 1, maxLength: 8 }), async (offset, deadline, deltas) => {
      const state = await dashboardState(offset, deadline);
      const end = endOfLocalDayMs(deadline, offset);
      for (const delta of deltas) {
        const now = new Date(end + delta).toISOString();
        const decider = deciderAt(offset, deadline, now);
        const row = problemLedger(state, { now })[0];
        const board = dashboard(state, { now });
        expect(decider.overdue).toBe(delta >= 0);
        expect(row?.colour === 'red').toBe(decider.overdue);
        expect(board.overdue.map((r) => r.problemId)).toEqual(decider.overdue ? [P] : []);
        expect(board.problems.overdue).toBe(decider.overdue ? 1 : 0);
        expect(row?.daysLeft).toBe(decider.daysLeft);
        expect(decider.refusedAsLate).toBe(decider.overdue);
        expect(board.asOf.today).toBe(localDate(now, offset));
      }
    }), { seed: 20190630, numRuns: 150 });
  });

  it('shows the campaign\'s own offset as the zone of the dates', async () => {
    const state = await dashboardState(-300, '2019-06-30');
    const d = dashboard(state, { now: '2019-07-01T04:59:59.999Z' });
    expect(d.asOf).toMatchObject({ today: '2019-06-30', timeZone: 'UTC-05:00' });
    expect(d.overdue).toEqual([]);
    expect(dashboard(state, { now: '2019-07-01T05:00:00.000Z' }).overdue.map((r) => r.problemId)).toEqual([P]);
  });
});
