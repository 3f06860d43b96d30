/**
 * The report tracker: for every report period and every court expected to report in it (the
 * courts named by the period's definition), whether its report came on time, late, or not at all.
 * "On time" is the first submitted version's `onTime` (decided by the domain from the trusted
 * time against the deadline); a resubmission after a return does not change it. With no
 * submission, a report is `missing` once the period's deadline (a local date) has passed at `now`,
 * `pending` before. Reports from courts the period did not name are listed with `expected: false`.
 * When a period sets a `consolidatedDeadline`, the host (organizer) court is expected too, and its
 * own consolidated report is due by that later date.
 */
import { resolveClock, type AtOptions } from './clock';
import { reportDeadline } from '../campaign/report/decider';
import { pmGet, pmList } from './pmap';
import type { PeriodRow, ReadModelState, ReportRow } from './state';

/** Where a report stands. */
export type ReportStanding = 'on_time' | 'late' | 'missing' | 'pending';

/** One court in one period. */
export interface ReportTrackerRow {
  readonly periodId: string;
  readonly courtId: string;
  readonly expected: boolean;
  readonly deadline: string | null;
  readonly standing: ReportStanding;
  readonly versions: number;
  readonly latestVersion: number | null;
  readonly latestStatus: 'submitted' | 'accepted' | 'returned' | null;
  readonly firstSubmittedAt: string | null;
  readonly returned: number;
}

/** Counts of each standing. */
export interface StandingCounts { readonly expected: number; readonly on_time: number; readonly late: number; readonly missing: number; readonly pending: number }

/** The tracker: rows, and counts per period and per court (counting expected reports only). */
export interface ReportTracker {
  readonly today: string;
  readonly rows: readonly ReportTrackerRow[];
  readonly byPeriod: readonly ({ readonly periodId: string; readonly name: string | null; readonly deadline: string | null } & StandingCounts)[];
  readonly byCourt: readonly ({ readonly courtId: string } & StandingCounts)[];
}

const trackerRow = (periodId: string, courtId: string, expected: boolean, period: PeriodRow | undefined, r: ReportRow | undefined, today: string, host: string): ReportTrackerRow => {
  const versions = [...(r?.versions ?? [])].sort((a, b) => a.version - b.version);
  const first = versions[0];
  const latest = versions[versions.length - 1];
  const deadline = period === undefined ? first?.deadline ?? null : reportDeadline(period, courtId, host);
  const standing: ReportStanding = first !== undefined
    ? (first.onTime ? 'on_time' : 'late')
    : deadline !== null && today > deadline ? 'missing' : 'pending';
  return {
    periodId, courtId, expected, deadline, standing, versions: versions.length, latestVersion: latest?.version ?? null,
    latestStatus: latest?.status ?? null, firstSubmittedAt: first?.submittedAt ?? null,
    returned: versions.filter((v) => v.status === 'returned').length,
  };
};

const counts = (rows: readonly ReportTrackerRow[]): StandingCounts => {
  const c = { expected: 0, on_time: 0, late: 0, missing: 0, pending: 0 };
  for (const r of rows) if (r.expected) { c.expected++; c[r.standing]++; }
  return c;
};

const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** The report tracker at `options.now`. */
export const reportTracker = (s: ReadModelState, options: AtOptions): ReportTracker => {
  const { today } = resolveClock(options, s.catalog);
  const host = s.catalog.campaign?.organizerCourtId ?? '';
  const periods = Object.values(s.catalog.periods).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.periodId < b.periodId ? -1 : 1));
  const rows: ReportTrackerRow[] = [];
  const seen = new Set<string>();
  for (const p of periods) {
    const expected = p.consolidatedDeadline !== undefined && host !== '' && !p.courts.includes(host) ? [...p.courts, host] : p.courts;
    for (const courtId of expected) {
      const id = `${p.periodId}@${courtId}`;
      seen.add(id);
      rows.push(trackerRow(p.periodId, courtId, true, p, pmGet(s.reports, id), today, host));
    }
  }
  const extra = pmList(s.reports).filter((r) => !seen.has(r.reportId) && r.versions.length > 0).sort(byKey((r) => r.reportId));
  for (const r of extra) rows.push(trackerRow(r.periodId, r.courtId, false, s.catalog.periods[r.periodId], r, today, host));
  const periodIds = [...new Set(rows.map((r) => r.periodId))];
  const byPeriod = periodIds.map((periodId) => {
    const p = s.catalog.periods[periodId];
    return { periodId, name: p?.name ?? null, deadline: p?.deadline ?? null, ...counts(rows.filter((r) => r.periodId === periodId)) };
  });
  const courtIds = [...new Set(rows.filter((r) => r.expected).map((r) => r.courtId))].sort();
  const byCourt = courtIds.map((courtId) => ({ courtId, ...counts(rows.filter((r) => r.courtId === courtId)) }));
  return { today, rows, byPeriod, byCourt };
};
