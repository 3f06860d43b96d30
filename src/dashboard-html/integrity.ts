/**
 * Sections about integrity: the accountability register (with the court rankings), reported vs
 * computed figures (gaps are falsification signals), and the trail's verification with its digest.
 */
import { barChart } from './charts';
import { esc, num, numCell, pct, textCell } from './format';
import { label } from './labels';
import { dataTable, figure, section, table, tr, type Namer } from './layout';
import { countTicks } from './svg';
import type { Dashboard, TrailStatus } from './types';

type Register = Dashboard['accountability']['register'][number];

const subjectOf = (r: Register, n: Namer): string =>
  (r.subject.kind === 'person' ? n.person(r.subject.personId) : `${n.court(r.subject.courtId)}${r.subject.department ? ` ${r.subject.department}` : ''}`);

/** The accountability register: counts by grounds and by sanction, every case, and the court rankings. */
export const accountabilitySection = (d: Dashboard, n: Namer): string => {
  const a = d.accountability;
  const groups = [
    ...['poor_work', 'falsification', 'overdue_rectification'].map((k) => ({ key: `grounds:${k}`, label: `事由 ${label(k)}`, v: a.byGrounds[k] ?? 0 })),
    ...['circulated_criticism', 'admonition_talk', 'accountability'].map((k) => ({ key: `sanction:${k}`, label: `处理 ${label(k)}`, v: a.bySanction[k] ?? 0 })),
  ];
  const { top, ticks } = countTicks(Math.max(0, ...groups.map((g) => g.v)));
  const chart = barChart({
    id: 'accountability-chart', title: '问责台账 Accountability cases by grounds and sanction', axisTitle: '案件数 Cases',
    desc: `${a.cases} cases, ${a.sanctioned} sanctioned; bars count cases by grounds (poor work, falsification, overdue rectification) and by sanction (circulated criticism, admonition talk, accountability).`,
  }, groups.map((g) => ({ key: g.key, label: g.label, value: g.v, shown: num(g.v) })), top, ticks);
  const register = table('accountability', `问责登记 Register (${a.cases} 件 cases, ${a.sanctioned} 件已处理 sanctioned)`,
    [['编号', 'Case'], ['对象', 'Subject'], ['单位', 'Unit'], ['事由', 'Grounds'], ['状态', 'Status'], ['处理', 'Sanction'], ['决定', 'Decided by'], ['公开', 'Published'], ['立案时间', 'Proposed']],
    a.register.map((r) => tr(r.caseId, textCell('caseId', r.caseId) + textCell('subject', subjectOf(r, n)) +
      textCell('unit', r.courtId === null ? '—' : `${n.court(r.courtId)}${r.department ? ` ${r.department}` : ''}`) + textCell('grounds', label(r.grounds)) +
      textCell('status', label(r.status, 'case')) + textCell('sanction', label(r.sanction)) +
      textCell('decidedBy', r.decidedBy === null ? '—' : `${n.person(r.decidedBy)}${r.body ? `（${label(r.body)}）` : ''}`) +
      textCell('published', r.published.join('、') || '—') + textCell('proposedAt', r.proposedAt.slice(0, 10)))), '没有问责案件 No case');
  const ranks = table('rankings', `考核排名 Appraisal ranking (${a.rankings.formula})`,
    [['名次', 'Rank'], ['单位', 'Court'], ['得分', 'Score'], ['问题数', 'Problems'], ['自查发现', 'Self-found'], ['整改率', 'Rate'], ['逾期', 'Overdue'], ['逾期销号', 'Closed late'], ['弄虚作假', 'Falsification'], ['退回报告', 'Returned reports']],
    a.rankings.byCourt.map((r) => tr(r.unit, numCell('rank', r.rank) + textCell('unit', n.court(r.unit)) + numCell('score', r.score) + numCell('problems', r.problems) +
      numCell('selfFound', r.selfFound) + numCell('rectificationRate', r.rectificationRate, pct) + numCell('overdue', r.overdue) + numCell('closedLate', r.closedLate) +
      numCell('falsification', r.falsification) + numCell('returnedReports', r.returnedReports))));
  return section('accountability', { zh: '问责台账', en: 'Accountability register' }, figure(chart, '事由与处理 grounds and sanctions') + register + dataTable(ranks, '法院排名 court rankings'));
};

/** Reported vs computed: how many report versions were checked, and every gap found. */
export const reportedSection = (d: Dashboard, n: Namer): string => {
  const r = d.reportedVsComputed;
  const bars = [
    { key: 'checked', label: '已核对 checked', value: r.checked }, { key: 'withGaps', label: '有差异 with gaps', value: r.withGaps },
    { key: 'notVerifiable', label: '无法核对 not verifiable', value: r.notVerifiable },
  ];
  const { top, ticks } = countTicks(Math.max(0, ...bars.map((b) => b.value)));
  const chart = barChart({
    id: 'reported-chart', title: '报送数与计算数 Reported vs computed', axisTitle: '报告版本数 Report versions',
    desc: `${r.checked} submitted report versions checked against the figures computed from the events, ${r.withGaps} with gaps, ${r.notVerifiable} not verifiable.`,
  }, bars.map((b) => ({ ...b, shown: num(b.value) })), top, ticks);
  const court = (reportId: string) => n.court(reportId.slice(reportId.indexOf('@') + 1));
  const gaps = table('gaps', '差异清单 Gaps (a gap is a falsification signal)', [['报告', 'Report'], ['单位', 'Court'], ['版本', 'Version'], ['指标', 'Figure'],
    ['报送', 'Claimed'], ['计算', 'Computed'], ['说明', 'Note']], r.gaps.map((g, i) => tr(`${g.reportId}#${g.version}#${g.figure}#${i}`,
    textCell('reportId', g.reportId) + textCell('court', court(g.reportId)) + numCell('version', g.version) + textCell('figure', label(g.figure)) +
    numCell('claimed', g.claimed) + numCell('computed', g.computed) + textCell('note', g.note))), '没有差异 No gap');
  return section('reported', { zh: '报送数与计算数', en: 'Reported vs computed' }, figure(chart, '报告所报数字与事件计算结果的对照 claimed figures against the events') + gaps);
};

/** The trail's verification status and digest. */
export const trailSection = (t: TrailStatus | undefined): string => {
  const h = { zh: '留痕校验', en: 'Audit trail verification' };
  if (t === undefined) return section('trail', h, '<p class="note" data-field="trail.ok" data-value="null">未校验 The trail was not verified for this page.</p>');
  const row = (field: string, zh: string, en: string, value: string, rawValue: string = value) =>
    `<tr data-key="${esc(field)}"><th scope="row">${esc(zh)}<span class="en">${esc(en)}</span></th><td data-field="${esc(field)}" data-value="${esc(rawValue)}"${field === 'rootHash' ? ' class="hash"' : ''}>${esc(value)}</td></tr>`;
  const status = t.ok ? '✔ 校验通过 verified: no finding' : `✘ 校验未通过 FAILED: ${t.findingCount} finding(s)`;
  const dg = t.digest;
  const rows = [
    row('ok', '结论', 'Result', status, String(t.ok)), row('assurance', '保证程度', 'Assurance', t.assurance), row('statement', '说明', 'Statement', t.statement),
    row('events', '事件数', 'Events', num(t.events), String(t.events)), row('streams', '流数', 'Streams', num(t.streams), String(t.streams)),
    ...(t.firstFailure === null ? [] : [row('firstFailure', '首个问题', 'First failure', t.firstFailure)]),
    ...(dg === null ? [] : [
      row('treeSize', '摘要覆盖事件数', 'Digest tree size', num(dg.treeSize), String(dg.treeSize)), row('rootHash', '摘要根哈希', 'Digest root (SHA-256)', dg.rootHash),
      row('lastPosition', '最后位置', 'Last position', dg.lastPosition), row('createdAt', '摘要时间', 'Digest made at', dg.createdAt),
      row('keyId', '签名密钥', 'Signing key', dg.keyId ?? '未签名 unsigned'),
    ]),
  ];
  return section('trail', h, `<table data-table="trail" class="${t.ok ? 'ok' : 'failed'}"><caption>${esc(status)}</caption><tbody>${rows.join('')}</tbody></table>`);
};
