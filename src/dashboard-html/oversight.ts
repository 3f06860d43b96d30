/**
 * Sections about supervision: report punctuality (per period and per court) and inspection
 * coverage (per period, with the unannounced inspections' checks).
 */
import { barChart, stackedChart } from './charts';
import { esc, num, numCell, pct, textCell } from './format';
import { label } from './labels';
import { dataTable, figure, section, table, tr, type Namer } from './layout';
import { PERCENT_TICKS, STYLES } from './svg';
import type { Dashboard } from './types';

const STANDINGS = [STYLES.on_time, STYLES.late, STYLES.missing, STYLES.pending];
const STANDING_HEAD = [['应报', 'Expected'], ['按时', 'On time'], ['逾期报送', 'Late'], ['未报送', 'Missing'], ['未到期', 'Pending'], ['按时率', 'On-time share']] as const;

type Counts = Pick<Dashboard['reports']['byCourt'][number], 'expected' | 'on_time' | 'late' | 'missing' | 'pending'>;
const counts = (c: Counts): Record<string, number> => ({ on_time: c.on_time, late: c.late, missing: c.missing, pending: c.pending });

const standingCells = (c: Counts): string =>
  numCell('expected', c.expected) + numCell('on_time', c.on_time) + numCell('late', c.late) + numCell('missing', c.missing) +
  numCell('pending', c.pending) + numCell('onTimeShare', c.expected - c.pending === 0 ? null : c.on_time / (c.expected - c.pending), pct);

/** Report punctuality: on time, late, missing and not yet due, per period and per court. */
export const reportsSection = (d: Dashboard, n: Namer): string => {
  const r = d.reports;
  const periodName = (p: (typeof r.byPeriod)[number]) => p.name ?? p.periodId;
  const chart = stackedChart({
    id: 'reports-chart', title: '报告及时性 Report punctuality by period', axisTitle: '应报报告数 Reports expected',
    desc: 'Per report period, the expected reports by standing: on time (solid), late (diagonal), missing (crossed), not yet due (dotted).',
  }, r.byPeriod.map((p) => ({ key: p.periodId, label: periodName(p), parts: counts(p) })), STANDINGS);
  const byPeriod = table('reports-by-period', '按期次 By period', [['期次', 'Period'], ['报送截止', 'Deadline'], ...STANDING_HEAD],
    r.byPeriod.map((p) => tr(p.periodId, textCell('period', periodName(p)) + textCell('deadline', p.deadline ?? '—') + standingCells(p))));
  const byCourt = table('reports-by-court', '按法院 By court', [['单位', 'Court'], ...STANDING_HEAD],
    r.byCourt.map((c) => tr(c.courtId, textCell('court', n.court(c.courtId)) + standingCells(c))));
  const late = [...r.missing.map((x) => ({ ...x, standing: 'missing' })), ...r.late.map((x) => ({ ...x, standing: 'late' }))];
  const lateTable = table('reports-late', '逾期及未报送 Late and missing reports', [['期次', 'Period'], ['单位', 'Court'], ['截止', 'Deadline'], ['情况', 'Standing']],
    late.map((x) => tr(`${x.periodId}@${x.courtId}`, textCell('period', x.periodId) + textCell('court', n.court(x.courtId)) + textCell('deadline', x.deadline ?? '—') +
      textCell('standing', label(x.standing)))), '全部按时 None late or missing');
  return section('reports', { zh: '报告及时性', en: 'Report punctuality' }, figure(chart, '按时 on time · 逾期报送 late · 未报送 missing · 未到期 not yet due') +
    dataTable(byPeriod, '按期次 by period') + dataTable(byCourt, '按法院 by court') + lateTable);
};

/** Inspection coverage per period, and the unannounced inspections' status. */
export const inspectionsSection = (d: Dashboard, n: Namer): string => {
  const i = d.inspections;
  const rows = [...i.coverage.byPeriod, { ...i.coverage.overall, periodId: null }].map((c, k, all) => ({
    key: k === all.length - 1 ? 'overall' : c.periodId ?? 'no-period',
    label: k === all.length - 1 ? '全部 All' : c.periodId ?? '未定期次 No period',
    c,
  }));
  const total = i.coverage.courts.length;
  const chart = barChart({
    id: 'inspections-chart', title: '检查覆盖率 Inspection coverage', axisTitle: '已检查法院占比 Share of courts inspected',
    desc: `Per period and over all inspections, the share of the organization's ${total} courts visited at least once (inspected/courts printed after each bar).`,
  }, rows.map((r) => ({ key: r.key, label: r.label, value: r.c.coverage, shown: `${pct(r.c.coverage)}（${r.c.inspected.length}/${total}）` })), 1, PERCENT_TICKS);
  const cov = table('inspections', '检查覆盖 Coverage', [['期次', 'Period'], ['检查次数', 'Inspections'], ['已检查', 'Inspected'], ['覆盖率', 'Coverage'], ['未检查法院', 'Never inspected']],
    rows.map((r) => tr(r.key, textCell('period', r.label) + numCell('inspections', r.c.inspections) + numCell('inspected', r.c.inspected.length) +
      numCell('coverage', r.c.coverage, pct) + textCell('neverInspected', r.c.neverInspected.map((c) => n.court(c)).join('、') || '—'))));
  const u = i.unannounced;
  const un = table('unannounced', '明察暗访 Unannounced inspections (commitment checks)', [['总数', 'Total'], ['未揭示', 'Pending'], ['通过', 'Passed'], ['未通过', 'Failed']],
    [tr('unannounced', numCell('total', u.total) + numCell('pending', u.byStatus.pending ?? 0) + numCell('passed', u.byStatus.passed ?? 0) + numCell('failed', u.byStatus.failed ?? 0))]);
  const failed = u.failed.length === 0 ? '' : `<ul class="failed">${u.failed.map((f) => `<li>${esc(f.inspectionId)}: ${esc(f.failedChecks.join(', '))}</li>`).join('')}</ul>`;
  return section('inspections', { zh: '检查覆盖', en: 'Inspection coverage' }, figure(chart, `${num(i.total)} 次检查 inspections`) + dataTable(cov, '', true) + un + failed);
};
