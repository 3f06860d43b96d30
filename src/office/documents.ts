/**
 * The documents an office circulates, built from the read models (pure: state in, document out):
 * - a supervision notice (督办通知) from a supervision item that has been assigned (交办);
 * - a circular (通报) from an accountability case whose sanction has been decided;
 * - a court's periodic report (报告) with its problems in three tables — 已整改, 正在整改, 长期坚持 —
 *   and the figures it reported beside the ledger's own, at the period's end; sent upward, it names
 *   the court's president as 签发人.
 * Each is an {@link OfficialDocument} (the elements of GB/T 9704-2012); `officialDocx` writes it.
 * A document asked of something that does not exist, or is not at that stage yet, is an
 * `InvalidQuery` naming `id`, with the reason.
 */
import type { UnitRef } from '../campaign/codecs';
import { endOfLocalDayMs, localDate } from '../campaign/time';
import { campaignZone } from '../readmodels/clock';
import { InvalidQuery } from '../readmodels/errors';
import { pmGet, pmList } from '../readmodels/pmap';
import { deadlineAt, statusAt } from '../readmodels/problem-view';
import { figuresAt } from '../readmodels/reported';
import type { CaseRow, ProblemRow, ReadModelState, SupervisionRow } from '../readmodels/state';
import { activityName, courtName, organizerName } from './campaign-names';
import type { OfficialBlock, OfficialDocument } from './official';
import { chineseDate } from './text';

/** The kinds of document. */
export const DOCUMENT_KINDS = ['supervision-notice', 'circular', 'report'] as const;
/** A kind of document. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Options of the builders. */
export interface DocumentOptions {
  /** 发文字号 for a circular or a report (a supervision notice carries its item's number). Default: a draft number with the year, to be filled in when issued. */
  readonly number?: string;
}

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number): string => CN_NUMBERS[n - 1] ?? String(n);

const personName = (s: ReadModelState, personId: string): string => pmGet(s.catalog.people, personId)?.name ?? personId;
const unitName = (s: ReadModelState, u: UnitRef): string => `${courtName(s.catalog, u.courtId)}${u.department ?? ''}`;
const draftNumber = (date: string): string => `〔${date.slice(0, 4)}〕  号`;
const sentence = (text: string): string => (/[。！？；.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}。`);

const sourceText = (s: ReadModelState, r: SupervisionRow): string => {
  const src = r.source;
  switch (src.kind) {
    case 'leading_group_decision':
      return `根据${src.decision}${src.decidedOn === undefined ? '' : `（${chineseDate(src.decidedOn)}）`}的决定`;
    case 'leader_instruction':
      return `${personName(s, src.givenBy)}同志于${chineseDate(src.givenOn)}批示：“${src.text}”为抓好批示落实`;
    case 'inspection':
      return `根据督查检查（${pmGet(s.inspections, src.inspectionId)?.title ?? src.inspectionId}）发现的问题`;
    case 'report':
      return `根据${courtName(s.catalog, src.courtId)}${s.catalog.periods[src.periodId]?.name ?? src.periodId}报告反映的情况`;
  }
};

const subjectText = (s: ReadModelState, r: SupervisionRow): string | undefined => {
  const x = r.subject;
  if (x === undefined) return undefined;
  if (x.kind === 'task') {
    const t = s.catalog.tasks[x.taskId];
    return t === undefined ? `任务 ${x.taskId}` : `实施方案第${t.number}项任务“${t.title}”`;
  }
  if (x.kind === 'problem') {
    const p = pmGet(s.problems, x.problemId);
    return p === undefined ? `问题 ${x.problemId}` : `问题台账${p.ledgerNumber ?? ''}“${p.title}”`;
  }
  return `${courtName(s.catalog, x.courtId)}${s.catalog.periods[x.periodId]?.name ?? x.periodId}报告中的不足：${x.shortfall}`;
};

/** 督办通知: the notice of an assigned supervision item to its lead unit (主办), co-units (协办) copied. */
export const supervisionNotice = (s: ReadModelState, itemId: string): OfficialDocument => {
  const r = pmGet(s.supervision, itemId);
  if (r === undefined) throw new InvalidQuery('id', `no supervision item "${itemId}" (known: ${pmList(s.supervision).map((x) => x.itemId).join(', ') || 'none'})`);
  const a = r.assignment;
  if (a === undefined || r.number === undefined) throw new InvalidQuery('id', `supervision item "${itemId}" has not been assigned (交办) yet (it is ${r.status}): there is no notice to issue`);
  const days = s.catalog.dayCount === 'working' ? '个工作日' : '日';
  const organizer = organizerName(s.catalog) || courtName(s.catalog, a.lead.courtId);
  const subject = subjectText(s, r);
  const body: OfficialBlock[] = [
    { kind: 'paragraph', text: `${sourceText(s, r)}，经研究，将“${r.title}”列为督办事项（${r.number}），交由你单位牵头办理。现将有关事项通知如下：` },
    { kind: 'paragraph', level: 1, text: '一、督办事项' },
    { kind: 'paragraph', text: r.content },
    ...(subject === undefined ? [] : [{ kind: 'paragraph', text: `督办对象：${subject}。` } as const]),
    { kind: 'paragraph', level: 1, text: '二、承办单位' },
    { kind: 'paragraph', text: `主办单位：${unitName(s, a.lead)}。${a.co.length === 0 ? '' : `协办单位：${a.co.map((u) => unitName(s, u)).join('、')}。`}由主办单位牵头并统一反馈，协办单位配合办理。` },
    { kind: 'paragraph', level: 1, text: '三、办理时限和反馈要求' },
    { kind: 'paragraph', text: `请于${chineseDate(a.deadline)}前办结。自交办之日起，每${a.feedbackEveryDays}${days}以书面形式反馈一次办理进展；办结后报送办理结果，经复核后办结销号。逾期未反馈的，将予以催办；逾期未办结的，按照活动督办工作机制逐级预警、问责。` },
    { kind: 'paragraph', text: '请接到本通知后及时签收。' },
  ];
  return {
    issuer: organizer, number: r.number, title: `关于督办“${r.title}”的通知`, addressee: unitName(s, a.lead), body,
    signature: organizer, date: a.assignedOn, ...(a.co.length === 0 ? {} : { copyTo: a.co.map((u) => unitName(s, u)).join('，') }),
    printedBy: `${organizer}办公室`,
  };
};

const SANCTION_TEXT = { circulated_criticism: '予以通报批评', admonition_talk: '进行约谈', accountability: '追责问责' } as const;
const GROUNDS_TEXT = { poor_work: '工作不力', falsification: '弄虚作假', overdue_rectification: '整改逾期' } as const;

const caseSubjectName = (s: ReadModelState, c: CaseRow): string => {
  if (c.subject.kind === 'unit') return unitName(s, c.subject);
  const p = pmGet(s.catalog.people, c.subject.personId);
  const unit = c.unit === undefined ? '' : unitName(s, c.unit);
  return `${unit}${p?.name ?? c.subject.personId}同志`;
};

/** 通报: the circular of an accountability case's decided sanction, to every court of the campaign. */
export const circular = (s: ReadModelState, caseId: string, options: DocumentOptions = {}): OfficialDocument => {
  const c = pmGet(s.cases, caseId);
  if (c === undefined) throw new InvalidQuery('id', `no accountability case "${caseId}" (known: ${pmList(s.cases).map((x) => x.caseId).join(', ') || 'none'})`);
  const d = c.sanction;
  if (d === undefined) throw new InvalidQuery('id', `accountability case "${caseId}" has no sanction decided (it is ${c.status}): there is no decision to circulate`);
  const zone = campaignZone(s.catalog);
  const date = localDate(d.at, zone);
  const organizer = organizerName(s.catalog);
  const group = `${activityName(s.catalog)}领导小组`;
  const issuer = d.body === 'leading_group' ? group : `${organizer}纪检监察部门`;
  const who = caseSubjectName(s, c);
  const body: OfficialBlock[] = [
    { kind: 'paragraph', text: `为严肃活动纪律，确保整改工作取得实效，现将${who}${GROUNDS_TEXT[c.grounds]}问题的处理情况通报如下：` },
    { kind: 'paragraph', level: 1, text: '一、基本情况' },
    { kind: 'paragraph', text: sentence(c.summary) },
    ...(c.facts === undefined ? [] : [{ kind: 'paragraph', text: sentence(c.facts) } as const]),
    { kind: 'paragraph', level: 1, text: '二、处理决定' },
    { kind: 'paragraph', text: d.rationale === undefined
      ? `经${d.body === 'leading_group' ? '领导小组' : '纪检监察部门'}研究，决定对${who}${SANCTION_TEXT[d.sanction]}。`
      : `${sentence(d.rationale)}现决定对${who}${SANCTION_TEXT[d.sanction]}。` },
    { kind: 'paragraph', level: 1, text: '三、有关要求' },
    { kind: 'paragraph', text: '各单位要以此为戒，举一反三，对照问题台账逐项自查，如实报告整改情况，坚决杜绝文字整改、数字整改、形式整改，确保整改不走过场、见到实效。' },
  ];
  const courts = Object.values(s.catalog.courts).filter((x) => x.courtId !== s.catalog.campaign?.organizerCourtId);
  return {
    issuer, number: options.number ?? draftNumber(date), title: `关于对${who}${SANCTION_TEXT[d.sanction]}的通报`,
    addressee: courts.length === 0 ? '本院各部门' : '各基层人民法院，本院各部门', body, signature: issuer, date,
    printedBy: `${organizer}办公室`,
  };
};

/** How a problem stood at the end of a report's period. */
type Standing = '已整改' | '正在整改' | '长期坚持';

const measuresText = (p: ProblemRow): string => p.measures.map((m, i) => `${i + 1}. ${m.content}`).join('\n');

/** 报告: a court's periodic report, with its problems at the period's end in three tables and its figures. */
export const periodicReport = (s: ReadModelState, reportId: string, options: DocumentOptions = {}): OfficialDocument => {
  const at = reportId.indexOf('@');
  const periodId = at < 0 ? reportId : reportId.slice(0, at);
  const courtId = at < 0 ? '' : reportId.slice(at + 1);
  if (at < 0 || courtId === '') throw new InvalidQuery('id', `a report is named "PERIOD@COURT" (e.g. 2019-Q3@xc), got "${reportId}"`);
  const period = s.catalog.periods[periodId];
  if (period === undefined) throw new InvalidQuery('id', `no report period "${periodId}" (known: ${Object.keys(s.catalog.periods).join(', ') || 'none'})`);
  const court = s.catalog.courts[courtId];
  if (court === undefined) throw new InvalidQuery('id', `no court "${courtId}" (known: ${Object.keys(s.catalog.courts).join(', ')})`);
  if (!period.courts.includes(courtId)) throw new InvalidQuery('id', `court "${courtId}" does not report for period "${periodId}" (it covers ${period.courts.join(', ')})`);
  const zone = campaignZone(s.catalog);
  const cutoffMs = endOfLocalDayMs(period.to, zone);
  const report = pmGet(s.reports, `${periodId}@${courtId}`);
  const version = report?.versions[report.versions.length - 1];
  const scope = new Set([courtId, ...(version?.consolidated ?? []).map((c) => c.courtId)]);
  const computed = figuresAt(s, scope, cutoffMs, period.to);
  const groups: Record<Standing, ProblemRow[]> = { 已整改: [], 正在整改: [], 长期坚持: [] };
  for (const p of pmList(s.problems)) {
    if (p.courtId !== courtId) continue;
    const status = statusAt(p, cutoffMs - 1);
    if (status === undefined || status === 'withdrawn') continue;
    groups[status === 'closed' ? '已整改' : p.longTerm ? '长期坚持' : '正在整改'].push(p);
  }
  for (const g of Object.values(groups)) g.sort((x, y) => (x.ledgerNumber ?? x.problemId).localeCompare(y.ledgerNumber ?? y.problemId));
  const activity = activityName(s.catalog);
  const date = version === undefined ? period.deadline : localDate(version.submittedAt, zone);
  const claimed = version?.figures;
  const pct = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : `${n.toFixed(1)}%`);
  const num = (n: number | undefined): string => (n === undefined ? '未报送' : String(n));
  const figures: OfficialBlock = {
    kind: 'table', headers: ['项目', '本院报告数', '台账统计数'], widths: [3, 2, 2],
    rows: [
      ['发现问题数', num(claimed?.problemsFound), String(computed.problemsFound)],
      ['已整改数', num(claimed?.problemsClosed), String(computed.problemsClosed)],
      ['整改率', claimed === undefined ? '未报送' : pct(claimed.rectificationRatePercent), pct(computed.rectificationRatePercent)],
      ['逾期未整改数', num(claimed?.overdue), String(computed.overdue)],
    ],
  };
  const tableOf = (g: Standing): OfficialBlock => ({
    kind: 'table', headers: ['序号', '问题编号', '问题表现', '整改措施', '责任部门', g === '已整改' ? '销号时间' : '整改时限'], widths: [2, 4, 9, 11, 4, 4],
    rows: groups[g].map((p, i) => [
      String(i + 1), p.ledgerNumber ?? '（未登记）', p.title, measuresText(p), p.responsibility?.department ?? p.department ?? '',
      g === '已整改' ? (p.closedAt === undefined ? '' : localDate(p.closedAt, zone)) : deadlineAt(p, cutoffMs - 1) ?? '未定',
    ]),
  });
  const sections: OfficialBlock[] = (['已整改', '正在整改', '长期坚持'] as const).flatMap((g, i): OfficialBlock[] => [
    { kind: 'paragraph', level: 2, text: `（${cn(i + 1)}）${g}问题（${groups[g].length}项）` },
    ...(groups[g].length === 0 ? [{ kind: 'paragraph', text: '无。' } as const] : [tableOf(g)]),
  ]);
  const text = version?.text;
  const body: OfficialBlock[] = [
    { kind: 'paragraph', text: `根据${activity}的部署，现将我院${period.name}（${chineseDate(period.from)}至${chineseDate(period.to)}）问题整改情况报告如下：` },
    { kind: 'paragraph', level: 1, text: '一、工作开展情况' },
    ...(text === undefined
      ? [{ kind: 'paragraph', text: '（本期报告尚未报送，以下情况据问题台账统计。）' } as const]
      : [text.found, text.measures, text.results].filter((x) => x.trim() !== '').map((x) => ({ kind: 'paragraph', text: x } as const))),
    { kind: 'paragraph', level: 1, text: '二、主要数据' },
    { kind: 'paragraph', text: `截至${chineseDate(period.to)}，台账统计发现问题${computed.problemsFound}个，已整改${computed.problemsClosed}个，整改率${pct(computed.rectificationRatePercent)}，逾期未整改${computed.overdue}个。` },
    figures,
    { kind: 'paragraph', level: 1, text: '三、问题整改明细' },
    ...sections,
    { kind: 'paragraph', text: '特此报告。' },
  ];
  const president = pmList(s.catalog.people).find((x) => x.courtId === courtId && x.active && x.posts.includes('court_president'));
  return {
    issuer: court.name, number: options.number ?? draftNumber(date), ...(president === undefined ? {} : { signer: president.name }),
    title: `${court.name}关于${activity}${period.name}问题整改情况的报告`,
    addressee: courtId === s.catalog.campaign?.organizerCourtId ? `${activity}领导小组` : `${activity}领导小组办公室`,
    body, signature: court.name, date, printedBy: `${court.name}办公室`,
  };
};

/** The document of a kind for an id (a supervision item, an accountability case, or `PERIOD@COURT`). */
export const buildDocument = (s: ReadModelState, kind: DocumentKind, id: string, options: DocumentOptions = {}): OfficialDocument => {
  switch (kind) {
    case 'supervision-notice': return supervisionNotice(s, id);
    case 'circular': return circular(s, id, options);
    case 'report': return periodicReport(s, id, options);
  }
};
