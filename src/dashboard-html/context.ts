/**
 * What the page shows beyond the dashboard JSON, computed from the same read-model state: display
 * names (courts, people, categories, departments in English) and open vs closed problems over
 * time; and the trail's status from a verification report.
 */
import type { VerifyReport } from '../audit/report';
import { departments as planDepartments } from '../plans/management-year/index';
import { resolveClock, type AtOptions } from '../readmodels/clock';
import { pmList } from '../readmodels/pmap';
import { statusAt } from '../readmodels/problem-view';
import type { ReadModelState } from '../readmodels/state';
import { addDays, endOfLocalDayMs, localDate } from '../campaign/time';
import type { DashboardNames, TrailStatus, TrendPoint } from './types';

/** The dates of the series: weekly over up to 16 weeks, else month ends (quarter ends beyond 4 years), then `today`. */
export const trendDates = (first: string, today: string): string[] => {
  if (first > today) return [today];
  const span = (Date.parse(today) - Date.parse(first)) / 86_400_000;
  const out: string[] = [];
  if (span <= 112) {
    for (let d = addDays(first, 6); d < today; d = addDays(d, 7)) out.push(d);
  } else {
    const step = span > 4 * 366 ? 3 : 1;
    let y = Number(first.slice(0, 4));
    let m = Number(first.slice(5, 7));
    for (;;) {
      m += step; // the first day of the month after this one, minus a day, is the month's last day
      if (m > 12) { y += Math.floor((m - 1) / 12); m = ((m - 1) % 12) + 1; }
      const end = addDays(`${y}-${String(m).padStart(2, '0')}-01`, -1);
      if (end >= today) break;
      if (end >= first) out.push(end);
    }
  }
  return [...out, today];
};

/**
 * Open and closed problems (withdrawn ones left out) at the end of each date of {@link trendDates},
 * from the first identification to `now`; the last point is at `now` itself. Status changes count
 * at their recorded time.
 */
export const problemTrend = (state: ReadModelState, options: AtOptions): TrendPoint[] => {
  const clock = resolveClock(options, state.catalog);
  const problems = pmList(state.problems);
  if (problems.length === 0) return [];
  const first = problems.reduce((min, p) => (p.identifiedAt < min ? p.identifiedAt : min), problems[0]?.identifiedAt ?? clock.now);
  const dates = trendDates(localDate(first, clock.zone), clock.today);
  return dates.map((date, i) => {
    const at = i === dates.length - 1 ? clock.nowMs : endOfLocalDayMs(date, clock.zone) - 1;
    let open = 0; let closed = 0;
    for (const p of problems) {
      const s = statusAt(p, at);
      if (s === undefined || s === 'withdrawn') continue;
      if (s === 'closed') closed++; else open++;
    }
    return { date, identified: open + closed, open, closed };
  });
};

/** Display names from the state's catalog, with the English names of the management-year plan's departments. */
export const dashboardNames = (state: ReadModelState): DashboardNames => ({
  courts: Object.fromEntries(Object.values(state.catalog.courts).map((c) => [c.courtId, c.name])),
  people: Object.fromEntries(pmList(state.catalog.people).map((p) => [p.personId, p.name])),
  categories: Object.fromEntries(Object.values(state.catalog.categories).map((c) => [c.categoryId, c.name])),
  departmentsEn: Object.fromEntries(planDepartments.map((d) => [d.name, d.nameEn])),
});

/** Names and the series over time for `renderDashboardHtml`, from the state the dashboard was computed from. */
export const dashboardContext = (state: ReadModelState, options: AtOptions): { readonly names: DashboardNames; readonly trend: TrendPoint[] } =>
  ({ names: dashboardNames(state), trend: problemTrend(state, options) });

/** The trail's status for the page, from a verification report (made with `digestAt` to show a digest). */
export const trailStatus = (report: VerifyReport): TrailStatus => ({
  ok: report.ok,
  assurance: report.assurance,
  statement: report.statement,
  events: report.events,
  streams: report.streams,
  findingCount: report.findingCount,
  firstFailure: report.firstFailure === undefined ? null : report.firstFailure.message,
  digest: report.digest === undefined ? null : {
    treeSize: report.digest.treeSize, rootHash: report.digest.rootHash, lastPosition: report.digest.lastPosition,
    createdAt: report.digest.createdAt, keyId: (report.digest as { signature?: { keyId: string } }).signature?.keyId ?? null,
  },
});
