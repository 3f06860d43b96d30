/**
 * Sections about problems: the key figures, rectification rates by court and by department, the
 * colour board with the overdue list, and open vs closed problems over time.
 */
import { barChart, stackedChart, type BarRow } from './charts';
import { esc, num, numCell, pct, raw, textCell } from './format';
import { dataTable, figure, section, table, tr, type Namer } from './layout';
import { lineChart, type LineStyle } from './line';
import { PERCENT_TICKS, STYLES } from './svg';
import type { Dashboard, TrendPoint } from './types';

type RateRow = Dashboard['rates']['byCourt'][number];

/** A key figure: its field and raw value as data attributes, the bilingual label, the value as shown. */
export const kpi = (field: string, zh: string, en: string, value: number | null, shown: string): string =>
  `<div class="kpi" data-field="${esc(field)}" data-value="${esc(raw(value))}"><dt>${esc(zh)}<span class="en">${esc(en)}</span></dt><dd>${esc(shown)}</dd></div>`;

/** The key figures at the top of the page. */
export const summarySection = (d: Dashboard): string => {
  const p = d.problems;
  return section('summary', { zh: '总体情况', en: 'Key figures' }, `<dl class="kpis">${[
    kpi('problems.total', '问题总数', 'problems', p.total, num(p.total)),
    kpi('problems.closed', '已销号', 'closed', p.closed, num(p.closed)),
    kpi('problems.open', '未销号', 'open', p.open, num(p.open)),
    kpi('problems.rectificationRate', '整改率', 'rectification rate', p.rectificationRate, pct(p.rectificationRate)),
    kpi('problems.onTimeRate', '按时销号率', 'on-time rate', p.onTimeRate, pct(p.onTimeRate)),
    kpi('problems.overdue', '逾期', 'overdue', p.overdue, num(p.overdue)),
    kpi('problems.dueSoon', '临期', 'due soon', p.dueSoon, num(p.dueSoon)),
    kpi('problems.carriedOver', '结转下年', 'carried over', p.carriedOver, num(p.carriedOver)),
    kpi('tasks.total', '任务', 'tasks', d.tasks.total, num(d.tasks.total)),
    kpi('tasks.overdue', '逾期任务', 'overdue tasks', d.tasks.overdue, num(d.tasks.overdue)),
  ].join('')}</dl>`, `截至 As of ${d.asOf.today}（${d.asOf.timeZone}）· 黄色预警 yellow at ≤ ${d.asOf.thresholds.yellowDays} 天 days · 临期 due soon at ≤ ${d.asOf.thresholds.dueSoonDays} 天 days`);
};

const RATE_HEAD = [['单位', 'Unit'], ['问题数', 'Problems'], ['已销号', 'Closed'], ['整改率', 'Rate'], ['按时销号率', 'On-time rate'],
  ['逾期', 'Overdue'], ['退回', 'Returned'], ['重新整改', 'Reopened']] as const;

const rateRows = (rows: readonly RateRow[], name: (k: string) => string): string[] => rows.map((r) => tr(r.key,
  textCell('unit', name(r.key)) + numCell('total', r.total) + numCell('closed', r.closed) + numCell('rectificationRate', r.rectificationRate, pct) +
  numCell('onTimeRate', r.onTimeRate, pct) + numCell('overdue', r.overdue) + numCell('returned', r.returned) + numCell('reopened', r.reopened)));

const rateBars = (rows: readonly RateRow[], name: (k: string) => string): BarRow[] =>
  rows.map((r) => ({ key: r.key, label: name(r.key), value: r.rectificationRate, shown: `${pct(r.rectificationRate)}（${r.closed}/${r.total}）` }));

/** Rectification rate by court, or by department. */
export const ratesSection = (d: Dashboard, n: Namer, by: 'court' | 'department'): string => {
  const id = `rates-by-${by}`;
  const rows = by === 'court' ? d.rates.byCourt : d.rates.byDepartment;
  const name = by === 'court' ? (k: string) => n.court(k) : (k: string) => n.unit(k);
  const short = by === 'court' ? name : (k: string) => n.unitShort(k);
  const h = by === 'court' ? { zh: '整改率（按法院）', en: 'Rectification rate by court' } : { zh: '整改率（按部门）', en: 'Rectification rate by department' };
  const chart = barChart({
    id: `${id}-chart`, title: `${h.zh} ${h.en}`, axisTitle: '整改率 Rectification rate (closed / total)',
    desc: `${rows.length} ${by === 'court' ? 'courts' : 'departments'}; each bar is closed / total problems (withdrawn ones left out), printed after the bar.`,
  }, rateBars(rows, short), 1, PERCENT_TICKS);
  return section(id, h, figure(chart, '整改率 = 已销号 / 问题总数 · rate = closed / total') +
    dataTable(table(`${id}`, `${h.zh} ${h.en}`, RATE_HEAD, rateRows(rows, name))));
};

const COLOURS = [STYLES.green, STYLES.yellow, STYLES.red, STYLES.noDeadline];

/** The colour board: counts per court and colour, the totals, and the overdue list. */
export const colourSection = (d: Dashboard, n: Namer): string => {
  const chart = stackedChart({
    id: 'colour-board-chart', title: '红黄绿预警 Warning colours by court', axisTitle: '问题数 Problems',
    desc: 'Per court, problems by warning colour: green (closed, or more than the yellow threshold left), yellow (due within it), red (overdue), grey (no deadline yet). Patterns: solid, diagonal, crossed, dotted.',
  }, d.colourBoard.map((c) => ({ key: c.courtId, label: n.court(c.courtId), parts: { green: c.green, yellow: c.yellow, red: c.red, noDeadline: c.noDeadline } })), COLOURS);
  const t = d.problems.colours;
  const head = [['单位', 'Unit'], ['绿', 'Green'], ['黄', 'Yellow'], ['红', 'Red'], ['无时限', 'No deadline']] as const;
  const cells = (c: typeof t) => numCell('green', c.green) + numCell('yellow', c.yellow) + numCell('red', c.red) + numCell('noDeadline', c.noDeadline);
  const rows = [...d.colourBoard.map((c) => tr(c.courtId, textCell('unit', n.court(c.courtId)) + cells(c))), tr('all', textCell('unit', '合计 Total') + cells(t))];
  const overdue = table('overdue', '逾期问题清单 Overdue problems (most overdue first)', [['台账编号', 'Ledger no.'], ['单位', 'Court'], ['部门', 'Department'],
    ['问题', 'Problem'], ['整改时限', 'Deadline'], ['逾期天数', 'Days overdue'], ['责任人', 'Responsible']], d.overdue.map((o) => tr(o.problemId,
    textCell('ledgerNumber', o.ledgerNumber ?? '—') + textCell('court', n.court(o.courtId)) + textCell('department', n.department(o.department)) +
    textCell('title', o.title) + textCell('deadline', o.deadline ?? '—') + numCell('daysOverdue', o.daysLeft === null ? null : -o.daysLeft) +
    textCell('responsible', n.person(o.responsiblePersonId)))), '没有逾期问题 No overdue problem');
  return section('colour-board', { zh: '红黄绿预警', en: 'Colour board' }, figure(chart, '绿 green · 黄 yellow · 红 red · 灰 no deadline') +
    dataTable(table('colour-board', '预警颜色 Warning colours', head, rows)) + overdue);
};

const LINES: readonly LineStyle[] = [
  { key: 'open', zh: '未销号', en: 'open', stroke: '#c62828', dash: '', marker: 'circle' },
  { key: 'closed', zh: '已销号', en: 'closed', stroke: '#1565c0', dash: '6 4', marker: 'square' },
];

/** Open and closed problems over time. */
export const trendSection = (trend: readonly TrendPoint[] | undefined): string => {
  const h = { zh: '问题整改走势', en: 'Open vs closed problems over time' };
  if (trend === undefined || trend.length === 0) return section('trend', h, '<p class="note">未提供走势数据 No series over time was provided.</p>');
  const chart = lineChart({
    id: 'trend-chart', title: `${h.zh} ${h.en}`, axisTitle: '日期 Date (end of day)', yTitle: '问题数 Problems',
    desc: `Open (solid line, round markers) and closed (dashed line, square markers) problems at ${trend.length} dates from ${trend[0]?.date} to ${trend[trend.length - 1]?.date}.`,
  }, trend.map((p) => ({ date: p.date, values: { open: p.open, closed: p.closed } })), LINES);
  const rows = trend.map((p) => tr(p.date, textCell('date', p.date) + numCell('identified', p.identified) + numCell('open', p.open) + numCell('closed', p.closed)));
  return section('trend', h, figure(chart, '实线 solid: 未销号 open · 虚线 dashed: 已销号 closed') +
    dataTable(table('trend', `${h.zh} ${h.en}`, [['日期', 'Date'], ['已发现', 'Identified'], ['未销号', 'Open'], ['已销号', 'Closed']], rows)));
};
