/** The dashboard as text for a terminal: headline figures, then the tables that matter most. */
import type { Dashboard } from '../readmodels/dashboard';
import { percent, renderTable, type Column } from './output';

type RateRow = Dashboard['rates']['byCourt'][number];
type Brief = Dashboard['overdue'][number];
type Period = Dashboard['reports']['byPeriod'][number];
type Case = Dashboard['accountability']['register'][number];

const RATES: readonly Column<RateRow>[] = [
  { header: 'unit', cell: (r) => r.key },
  { header: 'problems', cell: (r) => r.total, right: true },
  { header: 'closed', cell: (r) => r.closed, right: true },
  { header: 'rate', cell: (r) => percent(r.rectificationRate), right: true },
  { header: 'on time', cell: (r) => percent(r.onTimeRate), right: true },
  { header: 'returned', cell: (r) => r.returned, right: true },
  { header: 'overdue', cell: (r) => r.overdue, right: true },
];

const OVERDUE: readonly Column<Brief>[] = [
  { header: 'ledger no.', cell: (r) => r.ledgerNumber },
  { header: 'court', cell: (r) => r.courtId },
  { header: 'department', cell: (r) => r.department },
  { header: 'deadline', cell: (r) => r.deadline },
  { header: 'days', cell: (r) => r.daysLeft, right: true },
  { header: 'title', cell: (r) => (r.title.length > 30 ? `${r.title.slice(0, 29)}…` : r.title) },
];

const PERIODS: readonly Column<Period>[] = [
  { header: 'period', cell: (p) => p.name ?? p.periodId },
  { header: 'deadline', cell: (p) => p.deadline },
  { header: 'expected', cell: (p) => p.expected, right: true },
  { header: 'on time', cell: (p) => p.on_time, right: true },
  { header: 'late', cell: (p) => p.late, right: true },
  { header: 'missing', cell: (p) => p.missing, right: true },
  { header: 'pending', cell: (p) => p.pending, right: true },
];

const CASES: readonly Column<Case>[] = [
  { header: 'case', cell: (c) => c.caseId },
  { header: 'grounds', cell: (c) => c.grounds },
  { header: 'unit', cell: (c) => [c.courtId, c.department].filter(Boolean).join('/') },
  { header: 'status', cell: (c) => c.status },
  { header: 'sanction', cell: (c) => c.sanction },
  { header: 'published', cell: (c) => c.published.join(', ') },
];

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

const counts = (o: Readonly<Record<string, number>>): string =>
  Object.entries(o).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';

/** The dashboard as text. */
export const dashboardText = (d: Dashboard): string => {
  const p = d.problems;
  const unannounced = d.inspections.unannounced;
  const coverage = d.inspections.coverage.overall;
  const out: string[] = [
    `${d.campaign?.name ?? 'Campaign'} — as of ${d.asOf.now} (${d.asOf.today}, ${d.asOf.timeZone})`,
    '',
    `Tasks: ${d.tasks.total} (${counts(d.tasks.byStatus)}); overdue ${d.tasks.overdue}`,
    `Problems: ${p.total} found, ${p.closed} closed, ${p.open} open, ${p.withdrawn} withdrawn; ${p.overdue} overdue, ${p.dueSoon} due soon`,
    `Rectification rate (closed / total): ${percent(p.rectificationRate)}; on time ${percent(p.onTimeRate)}; returned ${percent(p.returnedRate)}; reopened ${percent(p.reopenedRate)}`,
    `Colours: green ${p.colours.green}, yellow ${p.colours.yellow}, red ${p.colours.red}, no deadline ${p.colours.noDeadline}`,
    `Inspections: ${d.inspections.total}; coverage ${percent(coverage.coverage)}${coverage.neverInspected.length ? ` (never inspected: ${coverage.neverInspected.join(', ')})` : ''}; unannounced ${unannounced.total} (check of the committed selection: ${counts(unannounced.byStatus)})`,
    `Accountability: ${d.accountability.cases} case(s), ${d.accountability.sanctioned} sanctioned (${counts(d.accountability.bySanction)})`,
    `Reported vs computed: ${d.reportedVsComputed.checked} report version(s) checked, ${d.reportedVsComputed.withGaps} with gaps`,
    '',
    'Rectification by court',
    renderTable(RATES, d.rates.byCourt),
  ];
  if (d.reports.byPeriod.length) out.push('Periodic reports', renderTable(PERIODS, d.reports.byPeriod));
  if (d.overdue.length) {
    out.push(`Overdue problems (${d.overdue.length}${d.overdue.length > 10 ? ', the 10 most overdue' : ''})`, renderTable(OVERDUE, d.overdue.slice(0, 10)));
  }
  if (d.reportedVsComputed.gaps.length) {
    out.push('Gaps between reported and computed figures');
    for (const g of d.reportedVsComputed.gaps.slice(0, 10)) out.push(`  ${g.reportId} v${g.version} ${g.figure}: claimed ${num(g.claimed)}, the events say ${g.computed === null ? '-' : num(g.computed)}`);
    out.push('');
  }
  if (d.accountability.register.length) out.push('Accountability register', renderTable(CASES, d.accountability.register));
  return `${out.join('\n')}`;
};
