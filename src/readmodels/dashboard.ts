/**
 * The dashboard: every read model at one `now`, as one JSON-friendly object (no bigints, no
 * Maps, absent facts as null). It is what the CLI prints and what an HTML dashboard renders.
 */
import { accountabilityRegister, rankings } from './accountability';
import { resolveClock, type AtOptions } from './clock';
import { inspectionCoverage, unannouncedRecord } from './inspections';
import { colourBoard, dueSoonOf, overdueOf, problemLedger, type LedgerRow } from './ledger';
import { pmList } from './pmap';
import { rectificationRates } from './rates';
import { reportedVsComputed } from './reported';
import { regulationInventory } from './regulations';
import { reportTracker } from './reports';
import type { ReadModelState } from './state';
import { escalations, supervisionItems, warningsGiven } from './supervision';
import { taskMatrix } from './tasks';

/** Options of {@link dashboard}. */
export interface DashboardOptions extends AtOptions {
  /** See `reportedVsComputed`. Default 0.5 percentage points. */
  readonly rateTolerance?: number;
}

const brief = (r: LedgerRow) => ({
  ledgerNumber: r.ledgerNumber, problemId: r.problemId, courtId: r.courtId, department: r.department, title: r.title,
  status: r.status, deadline: r.deadline, daysLeft: r.daysLeft, colour: r.colour,
  responsiblePersonId: r.responsibility?.personId ?? null, responsibleLeaderId: r.responsibility?.leaderId ?? null,
});

/** Every read model at `options.now`. `problems.rectificationRate` is closed / total (null without problems). */
export const dashboard = (s: ReadModelState, options: DashboardOptions) => {
  const clock = resolveClock(options, s.catalog);
  const at: AtOptions = { now: clock.now, timeZone: clock.zone, calendar: clock.calendar, thresholds: clock.thresholds };
  const rates = rectificationRates(s, at);
  const board = colourBoard(s, at);
  const rows = problemLedger(s, at);
  const overdue = overdueOf(rows);
  const dueSoon = dueSoonOf(rows);
  const matrix = taskMatrix(s, at);
  const tracker = reportTracker(s, at);
  const reported = reportedVsComputed(s, { timeZone: clock.zone, ...(options.rateTolerance === undefined ? {} : { rateTolerance: options.rateTolerance }) });
  const unannounced = unannouncedRecord(s);
  const register = accountabilityRegister(s);
  const items = supervisionItems(s, at);
  const all = pmList(s.problems);
  const count = <T extends string>(xs: readonly T[]) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});
  return {
    asOf: { now: clock.now, today: clock.today, timeZone: clock.timeZone, thresholds: clock.thresholds, lastPosition: s.lastPosition },
    campaign: s.catalog.campaign ?? null,
    tasks: { total: matrix.tasks.length, byStatus: matrix.byStatus, overdue: matrix.overdue, matrix },
    problems: {
      total: rates.overall.total,
      closed: rates.overall.closed,
      open: rates.overall.total - rates.overall.closed,
      withdrawn: all.filter((p) => p.status === 'withdrawn').length,
      carriedOver: all.filter((p) => (p.carriedInto?.length ?? 0) > 0).length,
      overdue: rates.overall.overdue,
      dueSoon: dueSoon.length,
      rectificationRate: rates.overall.rectificationRate,
      onTimeRate: rates.overall.onTimeRate,
      returnedRate: rates.overall.returnedRate,
      reopenedRate: rates.overall.reopenedRate,
      colours: board.totals,
    },
    rates: { byCourt: rates.byCourt, byDepartment: rates.byDepartment, byTask: rates.byTask, byCategory: rates.byCategory },
    colourBoard: board.byCourt,
    overdue: overdue.map(brief),
    dueSoon: dueSoon.map(brief),
    reports: {
      byPeriod: tracker.byPeriod, byCourt: tracker.byCourt,
      missing: tracker.rows.filter((r) => r.standing === 'missing').map((r) => ({ periodId: r.periodId, courtId: r.courtId, deadline: r.deadline })),
      late: tracker.rows.filter((r) => r.standing === 'late').map((r) => ({ periodId: r.periodId, courtId: r.courtId, deadline: r.deadline })),
    },
    inspections: {
      total: pmList(s.inspections).length,
      coverage: inspectionCoverage(s),
      unannounced: {
        total: unannounced.length,
        byStatus: { pending: 0, passed: 0, failed: 0, ...count(unannounced.map((u) => u.status)) },
        failed: unannounced.filter((u) => u.status === 'failed').map((u) => ({ inspectionId: u.inspectionId, failedChecks: u.checks.filter((c) => c.ok === false).map((c) => c.check) })),
      },
    },
    accountability: {
      cases: register.length,
      sanctioned: register.filter((r) => r.sanction !== null).length,
      byGrounds: count(register.map((r) => r.grounds)),
      bySanction: count(register.flatMap((r) => (r.sanction === null ? [] : [r.sanction]))),
      register,
      rankings: rankings(s, at),
    },
    regulations: regulationInventory(s),
    supervision: {
      total: items.length,
      open: items.filter((i) => i.status !== 'closed').length,
      byColour: { red: 0, yellow: 0, blue: 0, ...count(items.flatMap((i) => (i.colour === null ? [] : [i.colour]))) },
      items,
      ladder: s.catalog.followUp?.ladder ?? null,
      escalations: escalations(s, at),
      warningsGiven: warningsGiven(s),
    },
    reportedVsComputed: { checked: reported.checked, withGaps: reported.withGaps, notVerifiable: reported.notVerifiable, gaps: reported.gaps },
  };
};

/** The dashboard's type. */
export type Dashboard = ReturnType<typeof dashboard>;
