/**
 * Checks a dashboard page as the browser shows it against the dashboard JSON: every section,
 * chart and table is there and accessible, and every figure shown (the bar, segment or cell's raw
 * value, and the text a reader sees) equals the JSON's. Formats are written out here again on
 * purpose, so a wrong format in the renderer fails.
 */
import { expect } from 'vitest';
import type { TrendPoint } from '../../../src/dashboard-html/index';
import type { Dashboard } from '../../../src/readmodels/dashboard';
import type { PageData, Shown } from './page-data';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const int = (n: number | null) => (n === null ? '—' : String(n));
const raw = (n: number | null) => (n === null ? 'null' : String(n));
/** A number that need not be whole (a claimed or computed figure): up to two decimals. */
const dec = (n: number | null) => (n === null ? '—' : Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

/** A figure shown as `json`, formatted with `fmt`. */
const same = (where: string, shown: Shown | undefined, json: number | null, fmt: (n: number | null) => string = int) => {
  expect(shown, `${where} is shown`).toBeDefined();
  expect(shown?.value, `${where}: raw value`).toBe(raw(json));
  expect(shown?.text, `${where}: text`).toBe(fmt(json));
};

const rowsOf = (p: PageData, table: string) => {
  const t = p.tables[table];
  expect(t, `table ${table}`).toBeDefined();
  return t?.rows ?? {};
};

const mark = (p: PageData, chart: string, key: string, series: string) =>
  p.marks.find((m) => m.chart === chart && m.key === key && m.series === series)?.value;

const SECTIONS = ['summary', 'rates-by-court', 'rates-by-department', 'colour-board', 'task-matrix', 'trend', 'reports', 'inspections', 'accountability', 'supervision', 'regulations', 'reported', 'trail'];
const WARNING_SHOWN: Readonly<Record<string, string>> = { blue: '蓝色预警 blue', yellow: '黄色预警 yellow', red: '红色预警 red' };

/** What the page shows beyond the JSON, to check as well. */
export interface Extras {
  readonly trend: readonly TrendPoint[];
  readonly digest: { readonly rootHash: string; readonly treeSize: number };
}

/** Compares the page with the dashboard JSON. */
export const expectDashboard = (p: PageData, d: Dashboard, x: Extras): void => {
  expect(p.sections).toEqual(SECTIONS);
  expect(p.charts.map((c) => c.id)).toEqual(['rates-by-court-chart', 'rates-by-department-chart', 'colour-board-chart', 'task-matrix-chart', 'trend-chart',
    'reports-chart', 'inspections-chart', 'accountability-chart', 'reported-chart']);
  for (const c of p.charts) {
    expect(c, c.id).toMatchObject({ role: 'img', labelled: true });
    expect(c.title.length * c.desc.length * c.width * c.marks, `${c.id} has a title, a description, a size and marks`).toBeGreaterThan(0);
  }
  for (const [id, t] of Object.entries(p.tables)) expect(t.caption !== '' && t.headScoped, `table ${id} has a caption and column headers`).toBe(true);

  const pr = d.problems;
  for (const [f, v, fmt] of [['problems.total', pr.total, int], ['problems.closed', pr.closed, int], ['problems.open', pr.open, int],
    ['problems.rectificationRate', pr.rectificationRate, pct], ['problems.onTimeRate', pr.onTimeRate, pct], ['problems.overdue', pr.overdue, int],
    ['problems.dueSoon', pr.dueSoon, int], ['tasks.total', d.tasks.total, int], ['tasks.overdue', d.tasks.overdue, int]] as const) same(f, p.kpis[f], v, fmt);

  for (const [table, rows] of [['rates-by-court', d.rates.byCourt], ['rates-by-department', d.rates.byDepartment]] as const) {
    const shown = rowsOf(p, table);
    expect(Object.keys(shown)).toEqual(rows.map((r) => r.key));
    for (const r of rows) {
      const s = shown[r.key] ?? {};
      for (const f of ['total', 'closed', 'overdue', 'returned', 'reopened'] as const) same(`${table} ${r.key} ${f}`, s[f], r[f]);
      same(`${table} ${r.key} rate`, s.rectificationRate, r.rectificationRate, pct);
      same(`${table} ${r.key} on-time`, s.onTimeRate, r.onTimeRate, pct);
      expect(mark(p, `${table}-chart`, r.key, 'value'), `${table} bar ${r.key}`).toBe(raw(r.rectificationRate));
    }
  }

  const board = rowsOf(p, 'colour-board');
  expect(Object.keys(board)).toEqual([...d.colourBoard.map((c) => c.courtId), 'all']);
  for (const c of [...d.colourBoard, { courtId: 'all', ...pr.colours }]) {
    for (const k of ['green', 'yellow', 'red', 'noDeadline'] as const) {
      same(`colour ${c.courtId} ${k}`, board[c.courtId]?.[k], c[k]);
      if (c.courtId !== 'all') expect(mark(p, 'colour-board-chart', c.courtId, k), `segment ${c.courtId} ${k}`).toBe(String(c[k]));
    }
  }
  const overdue = rowsOf(p, 'overdue');
  expect(Object.keys(overdue)).toEqual(d.overdue.map((o) => o.problemId));
  for (const o of d.overdue) same(`overdue ${o.problemId}`, overdue[o.problemId]?.daysOverdue, o.daysLeft === null ? null : -o.daysLeft);

  const m = d.tasks.matrix;
  const tasks = rowsOf(p, 'task-matrix');
  expect(Object.keys(tasks)).toEqual(m.tasks.map((t) => t.taskId));
  let cells = 0;
  for (const t of m.tasks) {
    same(`task ${t.number} number`, tasks[t.taskId]?.number, t.number);
    same(`task ${t.number} days left`, tasks[t.taskId]?.daysLeft, t.daysLeft);
    const sum = (k: 'total' | 'closed' | 'overdue') => t.courts.reduce((n, c) => n + c.problems[k], 0);
    same(`task ${t.number} problems`, tasks[t.taskId]?.problems, sum('total'));
    same(`task ${t.number} overdue problems`, tasks[t.taskId]?.overdue, sum('overdue'));
    const scoped = t.courts.filter((c) => c.inScope);
    const done = t.status === 'evaluated' || t.status === 'completion_reported';
    const completion = done ? 1 : scoped.length === 0 ? null : scoped.reduce((n, c) => n + (c.progressPercent ?? 0), 0) / scoped.length / 100;
    same(`task ${t.number} completion`, tasks[t.taskId]?.completion, completion, pct);
    for (const dep of m.departments) {
      const named = t.courts.flatMap((c) => c.departments.filter((x) => x.department === dep));
      const key = `${t.taskId}|${dep}`;
      if (named.length === 0) { expect(p.marks.some((k) => k.chart === 'task-matrix-chart' && k.key === key), `no cell ${key}`).toBe(false); continue; }
      cells++;
      expect(mark(p, 'task-matrix-chart', key, named[0]?.role ?? 'other'), `heat cell ${t.number} ${dep}`).toBe(raw(completion));
    }
  }
  expect(p.marks.filter((k) => k.chart === 'task-matrix-chart')).toHaveLength(cells);

  const trend = rowsOf(p, 'trend');
  expect(Object.keys(trend)).toEqual(x.trend.map((t) => t.date));
  for (const t of x.trend) for (const k of ['open', 'closed'] as const) expect(mark(p, 'trend-chart', t.date, k), `trend ${t.date} ${k}`).toBe(String(t[k]));
  const last = x.trend[x.trend.length - 1];
  if (last !== undefined) {
    same('trend now: open', trend[last.date]?.open, pr.open);
    same('trend now: closed', trend[last.date]?.closed, pr.closed);
  }

  const periods = rowsOf(p, 'reports-by-period');
  expect(Object.keys(periods)).toEqual(d.reports.byPeriod.map((r) => r.periodId));
  for (const r of d.reports.byPeriod) for (const k of ['expected', 'on_time', 'late', 'missing', 'pending'] as const) {
    same(`reports ${r.periodId} ${k}`, periods[r.periodId]?.[k], r[k]);
    if (k !== 'expected') expect(mark(p, 'reports-chart', r.periodId, k)).toBe(String(r[k]));
  }
  const byCourt = rowsOf(p, 'reports-by-court');
  for (const r of d.reports.byCourt) for (const k of ['expected', 'on_time', 'late', 'missing'] as const) same(`reports ${r.courtId} ${k}`, byCourt[r.courtId]?.[k], r[k]);
  expect(Object.keys(rowsOf(p, 'reports-late'))).toEqual([...d.reports.missing, ...d.reports.late].map((r) => `${r.periodId}@${r.courtId}`));

  const cov = rowsOf(p, 'inspections');
  const covRows = [...d.inspections.coverage.byPeriod.map((c) => [c.periodId ?? 'no-period', c] as const), ['overall', d.inspections.coverage.overall] as const];
  expect(Object.keys(cov)).toEqual(covRows.map(([k]) => k));
  for (const [k, c] of covRows) {
    same(`coverage ${k}`, cov[k]?.coverage, c.coverage, pct);
    same(`inspected ${k}`, cov[k]?.inspected, c.inspected.length);
    expect(mark(p, 'inspections-chart', k, 'value')).toBe(raw(c.coverage));
  }
  const un = rowsOf(p, 'unannounced').unannounced ?? {};
  same('unannounced total', un.total, d.inspections.unannounced.total);
  for (const k of ['pending', 'passed', 'failed'] as const) same(`unannounced ${k}`, un[k], d.inspections.unannounced.byStatus[k] ?? 0);

  const a = d.accountability;
  expect(Object.keys(rowsOf(p, 'accountability'))).toEqual(a.register.map((r) => r.caseId));
  for (const g of ['poor_work', 'falsification', 'overdue_rectification']) expect(mark(p, 'accountability-chart', `grounds:${g}`, 'value')).toBe(String(a.byGrounds[g] ?? 0));
  for (const s of ['circulated_criticism', 'admonition_talk', 'accountability']) expect(mark(p, 'accountability-chart', `sanction:${s}`, 'value')).toBe(String(a.bySanction[s] ?? 0));
  const ranks = rowsOf(p, 'rankings');
  for (const r of a.rankings.byCourt) {
    same(`rank ${r.unit}`, ranks[r.unit]?.rank, r.rank);
    same(`rank ${r.unit} rate`, ranks[r.unit]?.rectificationRate, r.rectificationRate, pct);
  }

  const sv = d.supervision;
  for (const [f, v] of [['supervision.total', sv.total], ['supervision.open', sv.open], ['supervision.red', sv.byColour.red ?? 0],
    ['supervision.yellow', sv.byColour.yellow ?? 0], ['supervision.blue', sv.byColour.blue ?? 0], ['supervision.warningsGiven', sv.warningsGiven.length]] as const) same(f, p.kpis[f], v);
  const items = rowsOf(p, 'supervision-items');
  expect(Object.keys(items)).toEqual(sv.items.map((i) => i.itemId));
  for (const i of sv.items) {
    same(`item ${i.itemId} days left`, items[i.itemId]?.daysLeft, i.daysLeft);
    same(`item ${i.itemId} reminders`, items[i.itemId]?.reminders, i.reminders);
    expect(items[i.itemId]?.colour, `item ${i.itemId} colour`).toEqual(i.colour === null ? { value: null, text: '—' } : { value: i.colour, text: WARNING_SHOWN[i.colour] });
  }
  const late = rowsOf(p, 'escalations');
  expect(Object.keys(late)).toEqual(sv.escalations.map((e) => e.problemId));
  for (const e of sv.escalations) same(`escalation ${e.problemId} days overdue`, late[e.problemId]?.daysOverdue, e.daysOverdue);
  const given = rowsOf(p, 'warnings-given');
  expect(Object.keys(given)).toHaveLength(sv.warningsGiven.length);
  sv.warningsGiven.forEach((w, k) => expect(given[String(k)]?.day?.text, `warning ${k} day`).toBe(w.day));

  const rv = d.reportedVsComputed;
  for (const k of ['checked', 'withGaps', 'notVerifiable'] as const) expect(mark(p, 'reported-chart', k, 'value')).toBe(String(rv[k]));
  const gaps = Object.values(rowsOf(p, 'gaps'));
  expect(gaps).toHaveLength(rv.gaps.length);
  rv.gaps.forEach((g, i) => {
    same(`gap ${i} claimed`, gaps[i]?.claimed, g.claimed, dec);
    same(`gap ${i} computed`, gaps[i]?.computed, g.computed, dec);
  });

  expect(p.trail.ok?.value).toBe('true');
  expect(p.trail.rootHash).toEqual({ value: x.digest.rootHash, text: x.digest.rootHash });
  same('digest tree size', p.trail.treeSize, x.digest.treeSize);
};
