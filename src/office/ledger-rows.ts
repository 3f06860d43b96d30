/**
 * The ledger (台账) in the columns offices use — 序号, 问题编号, 问题来源, 问题表现, 整改措施, 责任领导,
 * 责任部门, 责任人, 整改时限, 整改进展, 完成情况, 销号时间, 预警 — with names instead of ids, Chinese
 * labels instead of codes, and the measures' own text. Shared by the CSV and the xlsx workbook.
 */
import type { LedgerRow } from '../readmodels/ledger';
import type { Catalog } from '../readmodels/state';
import { zh } from './labels';
import { WARNING_LABELS, warningOf, type Warning } from './warning';

/** One problem as an office ledger shows it. Dates are local `YYYY-MM-DD` or null. */
export interface OfficeLedgerRow {
  readonly courtId: string;
  readonly courtName: string;
  readonly ledgerNumber: string;
  readonly source: string;
  readonly title: string;
  readonly measures: string;
  readonly leader: string;
  readonly department: string;
  readonly person: string;
  readonly deadline: string | null;
  readonly progress: string;
  readonly completion: string;
  readonly closedOn: string | null;
  readonly warning: Warning | null;
  readonly warningLabel: string;
}

/** A column of the office ledger: its header, its width in characters, and how to read it. */
export interface OfficeColumn {
  readonly header: string;
  readonly width: number;
  readonly kind: 'serial' | 'text' | 'date' | 'warning';
  /** Long text, wrapped in a spreadsheet. */
  readonly wrap?: boolean;
  readonly value: (row: OfficeLedgerRow) => string | null;
}

/** The thirteen columns, in order. */
export const OFFICE_COLUMNS: readonly OfficeColumn[] = [
  { header: '序号', width: 6, kind: 'serial', value: () => null },
  { header: '问题编号', width: 11, kind: 'text', value: (r) => r.ledgerNumber },
  { header: '问题来源', width: 10, kind: 'text', value: (r) => r.source },
  { header: '问题表现', width: 36, kind: 'text', wrap: true, value: (r) => r.title },
  { header: '整改措施', width: 44, kind: 'text', wrap: true, value: (r) => r.measures },
  { header: '责任领导', width: 14, kind: 'text', value: (r) => r.leader },
  { header: '责任部门', width: 14, kind: 'text', value: (r) => r.department },
  { header: '责任人', width: 14, kind: 'text', value: (r) => r.person },
  { header: '整改时限', width: 12, kind: 'date', value: (r) => r.deadline },
  { header: '整改进展', width: 24, kind: 'text', wrap: true, value: (r) => r.progress },
  { header: '完成情况', width: 10, kind: 'text', value: (r) => r.completion },
  { header: '销号时间', width: 12, kind: 'date', value: (r) => r.closedOn },
  { header: '预警', width: 10, kind: 'warning', value: (r) => r.warningLabel },
];

const measuresText = (r: LedgerRow): string =>
  r.measures.map((m, i) => `${i + 1}. ${m.content}（${m.deadline}前${m.completed ? '，已完成' : ''}）`).join('\n');

const progressText = (r: LedgerRow): string => {
  const done = r.measures.filter((m) => m.completed).length;
  const parts = [r.measures.length === 0 ? '尚未制定整改措施' : `整改措施完成${done}/${r.measures.length}项`];
  const extended = r.measures.filter((m) => m.extensions > 0).length;
  if (extended > 0) parts.push(`${extended}项措施经批准延期`);
  if (r.milestones.length > 0) parts.push(`阶段目标完成${r.milestones.filter((m) => m.reached).length}/${r.milestones.length}个`);
  if (r.returned > 0) parts.push(`验收退回${r.returned}次`);
  if (r.reopened > 0) parts.push(`销号后重新整改${r.reopened}次`);
  return parts.join('；');
};

const completionText = (r: LedgerRow): string => (r.longTerm && r.status !== 'closed' && r.status !== 'withdrawn' ? '长期坚持' : zh(r.status));

/** A ledger row as an office row; `today` is the local date of the ledger's `now`. */
export const officeRow = (catalog: Catalog, r: LedgerRow, today: string): OfficeLedgerRow => {
  const warning = warningOf(r, today);
  const resp = r.responsibility;
  return {
    courtId: r.courtId, courtName: catalog.courts[r.courtId]?.name ?? r.courtId,
    ledgerNumber: r.ledgerNumber ?? '（未登记）', source: zh(r.source), title: r.title, measures: measuresText(r),
    leader: resp ? resp.leaderName ?? resp.leaderId : '', department: resp?.department ?? r.department ?? '',
    person: resp ? resp.personName ?? resp.personId : '', deadline: r.deadline, progress: progressText(r),
    completion: completionText(r), closedOn: r.closedOn, warning, warningLabel: warning === null ? '' : WARNING_LABELS[warning][0],
  };
};

/** The CSV columns: the thirteen, then 所属法院 (a CSV holds every court in one table). */
export const officeCsvHeader: readonly string[] = [...OFFICE_COLUMNS.map((c) => c.header), '所属法院'];

/** The CSV records of office rows, numbered from 1. */
export const officeCsvRecords = (rows: readonly OfficeLedgerRow[]): (string | number | null)[][] =>
  rows.map((r, i) => [...OFFICE_COLUMNS.map((c) => (c.kind === 'serial' ? i + 1 : c.value(r))), r.courtName]);
