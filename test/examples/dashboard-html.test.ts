/**
 * The HTML dashboard renderer on a typed dashboard fixture: self-contained (no script, no
 * external resource), every value escaped, every chart and table present with the figures of the
 * JSON, deterministic; and the series over time from a read-model state.
 */
import { describe, expect, it } from 'vitest';
import { dashboardContext, problemTrend, renderDashboardHtml, trendDates, type TrailStatus } from '../../src/dashboard-html/index';
import { pmSet } from '../../src/readmodels/pmap';
import { emptyState, type ProblemRow, type ProblemStatus, type ReadModelState } from '../../src/readmodels/state';
import { fixtureDashboard, fixtureNames, fixtureTrend, HOSTILE } from './support/dashboard-fixture';

const trail: TrailStatus = {
  ok: false, assurance: 'self-consistency', statement: 'checked every chain', events: 42, streams: 5, findingCount: 1,
  firstFailure: `broken link ${HOSTILE}`, digest: { treeSize: 42, rootHash: 'ab'.repeat(32), lastPosition: '42', createdAt: '2019-06-30T04:00:00.000Z', keyId: 'k1' },
};
const html = renderDashboardHtml(fixtureDashboard, { names: fixtureNames, trend: fixtureTrend, trail });

/** The text of the cell `field` in the row `key` of table `table`. */
const cell = (page: string, table: string, key: string, field: string) => {
  const t = page.match(new RegExp(`<table data-table="${table}">([\\s\\S]*?)</table>`))?.[1] ?? '';
  const row = t.split('<tr').find((r) => r.startsWith(` data-key="${key}"`)) ?? '';
  const m = row.match(new RegExp(`data-field="${field}"(?: data-value="([^"]*)")?[^>]*>([^<]*)<`));
  return m === null ? undefined : { value: m[1], text: m[2] };
};

describe('renderDashboardHtml', () => {
  it('shows the supervision items with their colours written out, the ladder step of each late problem, and the warnings given', () => {
    expect(cell(html, 'supervision-items', 'SV1', 'number')?.text).toBe('督〔2019〕1号');
    expect(cell(html, 'supervision-items', 'SV1', 'colour')).toEqual({ value: 'red', text: '红色预警 red' });
    expect(html).toMatch(/<td data-field="colour" data-value="red" class="warn warn-red">/);
    expect(cell(html, 'supervision-items', 'SV1', 'daysLeft')).toEqual({ value: '-10', text: '-10' });
    expect(cell(html, 'supervision-items', 'SV1', 'status')?.text).toBe('办理中 handling');
    expect(cell(html, 'supervision-items', 'SV2', 'number')?.text).toBe('（未立项）');
    expect(cell(html, 'supervision-items', 'SV2', 'colour')?.text).toBe('—');
    expect(cell(html, 'escalations', 'P2', 'step')?.text).toBe('催办 reminder（2/3）');
    expect(cell(html, 'escalations', 'P2', 'next')?.text).toBe('问责 accountability');
    expect(html).toContain('阶梯 ladder: 预警 warning → 催办 reminder → 问责 accountability');
    expect(cell(html, 'warnings-given', '0', 'step')?.text).toBe('预警 warning');
    expect(cell(html, 'warnings-given', '1', 'kind')?.text).toBe('催办 reminder');
    expect(cell(html, 'warnings-given', '1', 'rule')?.text).toBe('feedback.period_2.missing');
    expect(html).toContain('<div class="kpi" data-field="supervision.warningsGiven" data-value="2"><dt>已发提醒<span class="en">warnings given</span></dt><dd>2</dd></div>');
  });

  it('is one self-contained document: no script, no external resource', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import/i);
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
    expect(html.match(/url\(([^)]*)\)/g)?.every((u) => u.startsWith('url(#'))).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('escapes every value from the data', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;q&#39;');
  });

  it('has every section, each chart with a title and a description', () => {
    for (const id of ['summary', 'rates-by-court', 'rates-by-department', 'colour-board', 'task-matrix', 'trend', 'reports', 'inspections', 'accountability', 'supervision', 'regulations', 'reported', 'trail']) {
      expect(html).toContain(`<section id="${id}"`);
    }
    const charts = [...html.matchAll(/<svg id="([^"]+)"[^>]*aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual(['rates-by-court-chart', 'rates-by-department-chart', 'colour-board-chart', 'task-matrix-chart', 'trend-chart', 'reports-chart',
      'inspections-chart', 'accountability-chart', 'reported-chart']);
    for (const id of charts) expect(html).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title><desc id="${id}-desc">[^<]+</desc>`));
  });

  it('shows the figures of the JSON in the tables and on the bars', () => {
    expect(cell(html, 'rates-by-court', 'C1', 'rectificationRate')).toEqual({ value: '0.5', text: '50.0%' });
    expect(cell(html, 'rates-by-court', 'C2', 'total')).toEqual({ value: '1', text: '1' });
    expect(cell(html, 'colour-board', 'all', 'red')).toEqual({ value: '2', text: '2' });
    expect(cell(html, 'overdue', 'p1', 'daysOverdue')).toEqual({ value: '20', text: '20' });
    expect(cell(html, 'inspections', 'overall', 'coverage')).toEqual({ value: '1', text: '100.0%' });
    expect(cell(html, 'gaps', 'R1@C2#1#problemsClosed#0', 'claimed')).toEqual({ value: '1', text: '1' });
    expect(cell(html, 'regulations', 'C2', 'cleared')).toEqual({ value: '1', text: '1' });
    expect(html).toContain('<div class="kpi" data-field="problems.carriedOver" data-value="1">');
    expect(cell(html, 'regulations', 'overall', 'total')).toEqual({ value: '2', text: '2' });
    expect(html).toMatch(/data-key="C1" data-series="value" data-value="0.5"\/>/);
    expect(html).toMatch(/data-key="C1" data-series="red" data-value="1"/);
    expect(html).toMatch(/data-key="T1\|审管办" data-series="lead" data-value="0.5"/);
    expect(html).toMatch(/data-key="2019-06-30" data-series="closed" data-value="1"/);
    expect(html).toContain('data-field="problems.rectificationRate" data-value="0.3333333333333333"');
  });

  it('states the trail status and its digest, and says so when the trail was not verified', () => {
    expect(html).toContain('✘ 校验未通过 FAILED: 1 finding(s)');
    expect(html).toContain(`data-field="rootHash" data-value="${'ab'.repeat(32)}"`);
    const bare = renderDashboardHtml(fixtureDashboard);
    expect(bare).toContain('data-field="trail.ok" data-value="null"');
    expect(bare).toContain('No series over time was provided');
    expect(cell(bare, 'rates-by-court', 'C2', 'unit')?.text).toBe('C2'); // ids stand in for names when none are given
    expect(cell(html, 'rates-by-court', 'C2', 'unit')?.text).toBe('东城 &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;q&#39;');
  });

  it('gives the same bytes for the same input', () => {
    expect(renderDashboardHtml(fixtureDashboard, { names: fixtureNames, trend: fixtureTrend, trail })).toBe(html);
  });
});

const problem = (id: string, log: readonly [string, ProblemStatus][]): ProblemRow => ({
  problemId: id, courtId: 'C1', source: 'self_inspection', title: id, criterion: 'c', severity: 'minor', measures: [], milestones: [],
  longTerm: false, status: log[log.length - 1]?.[1] ?? 'open', statusLog: log.map(([at, value]) => ({ at, value })), deadlineLog: [],
  identifiedAt: log[0]?.[0] ?? '', identifiedEffectiveAt: log[0]?.[0] ?? '', returned: 0, reopened: 0, evidence: 0,
});

describe('problemTrend', () => {
  const withProblems = (...ps: ProblemRow[]): ReadModelState => {
    const s = emptyState();
    return { ...s, problems: ps.reduce((m, p) => pmSet(m, p.problemId, p), s.problems) };
  };

  it('samples weekly over a short span and month ends over a long one, always ending today', () => {
    expect(trendDates('2019-06-01', '2019-06-20')).toEqual(['2019-06-07', '2019-06-14', '2019-06-20']);
    expect(trendDates('2019-01-15', '2019-06-20')).toEqual(['2019-01-31', '2019-02-28', '2019-03-31', '2019-04-30', '2019-05-31', '2019-06-20']);
    expect(trendDates('2019-01-15', '2019-01-15')).toEqual(['2019-01-15']);
    expect(trendDates('2015-01-15', '2019-12-31').length).toBeLessThan(25);
  });

  it('counts open and closed at each local day end by recorded time, withdrawn left out', () => {
    // Asia/Shanghai: 2019-06-07 ends at 2019-06-07T16:00Z.
    const s = withProblems(
      problem('a', [['2019-06-01T02:00:00.000Z', 'open'], ['2019-06-07T15:59:00.000Z', 'closed']]),
      problem('b', [['2019-06-02T02:00:00.000Z', 'open'], ['2019-06-07T16:01:00.000Z', 'closed']]),
      problem('c', [['2019-06-03T02:00:00.000Z', 'open'], ['2019-06-10T02:00:00.000Z', 'withdrawn']]),
    );
    expect(problemTrend(s, { now: '2019-06-15T04:00:00.000Z' })).toEqual([
      { date: '2019-06-07', identified: 3, open: 2, closed: 1 },
      { date: '2019-06-14', identified: 2, open: 0, closed: 2 },
      { date: '2019-06-15', identified: 2, open: 0, closed: 2 },
    ]);
    expect(problemTrend(emptyState(), { now: '2019-06-15T04:00:00.000Z' })).toEqual([]);
    expect(dashboardContext(s, { now: '2019-06-15T04:00:00.000Z' }).names.departmentsEn?.['审管办']).toBe('Trial Management Office');
  });
});
