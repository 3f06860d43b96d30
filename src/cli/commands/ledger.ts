/** `campaign-ledger ledger`: the problem ledger (台账), filtered, with colours at `--now`. */
import { activityName } from '../../office/campaign-names';
import { officeCsvHeader, officeCsvRecords, officeRow } from '../../office/ledger-rows';
import { ledgerWorkbook } from '../../office/ledger-xlsx';
import { toCsv } from '../../audit/csv';
import { resolveClock } from '../../readmodels/clock';
import { problemLedger, type LedgerFilter, type LedgerRow } from '../../readmodels/ledger';
import type { ProblemStatus, ReadModelState } from '../../readmodels/state';
import { list, oneOf, str, write, type Command, type Values } from '../command';
import { pathOf, writeFileAtomic } from '../files';
import { terminalSafe } from '../terminal';
import { usageError } from '../errors';
import { withStore } from '../open-store';
import { renderCsv, renderJson, renderTable, type Column } from '../output';
import { createProgress } from '../progress';
import { loadReadModel, query } from '../readmodel';
import { campaignOption, formatOption, nowOf, nowOption, storeOptions, storeSpecOf } from './common';

const NAME = 'ledger';
const STATUSES: readonly ProblemStatus[] = ['open', 'closure_requested', 'verified', 'closed', 'withdrawn'];
const COLOURS = ['green', 'yellow', 'red', 'none'] as const;

const TABLE: readonly Column<LedgerRow>[] = [
  { header: 'ledger no.', cell: (r) => r.ledgerNumber ?? '(unregistered)' },
  { header: 'court', cell: (r) => r.courtId },
  { header: 'department', cell: (r) => r.department },
  { header: 'task', cell: (r) => r.taskNumber, right: true },
  { header: 'severity', cell: (r) => r.severity },
  { header: 'status', cell: (r) => r.status },
  { header: 'deadline', cell: (r) => r.deadline },
  { header: 'days', cell: (r) => r.daysLeft, right: true },
  { header: 'colour', cell: (r) => r.colour },
  { header: 'title', cell: (r) => (r.title.length > 40 ? `${r.title.slice(0, 39)}…` : r.title) },
];

const CSV: readonly Column<LedgerRow>[] = [
  { header: 'ledgerNumber', cell: (r) => r.ledgerNumber },
  { header: 'problemId', cell: (r) => r.problemId },
  { header: 'courtId', cell: (r) => r.courtId },
  { header: 'department', cell: (r) => r.department },
  { header: 'taskNumber', cell: (r) => r.taskNumber },
  { header: 'categoryId', cell: (r) => r.categoryId },
  { header: 'source', cell: (r) => r.source },
  { header: 'severity', cell: (r) => r.severity },
  { header: 'status', cell: (r) => r.status },
  { header: 'responsibleLeader', cell: (r) => r.responsibility?.leaderName ?? r.responsibility?.leaderId },
  { header: 'responsibleDepartment', cell: (r) => r.responsibility?.department },
  { header: 'responsiblePerson', cell: (r) => r.responsibility?.personName ?? r.responsibility?.personId },
  { header: 'measures', cell: (r) => r.measures.length },
  { header: 'measuresDone', cell: (r) => r.measures.filter((m) => m.completed).length },
  { header: 'deadline', cell: (r) => r.deadline },
  { header: 'daysLeft', cell: (r) => r.daysLeft },
  { header: 'colour', cell: (r) => r.colour },
  { header: 'identifiedOn', cell: (r) => r.identifiedOn },
  { header: 'closedOn', cell: (r) => r.closedOn },
  { header: 'returned', cell: (r) => r.returned },
  { header: 'reopened', cell: (r) => r.reopened },
  { header: 'title', cell: (r) => r.title },
];

/** `--task` takes task numbers (as the plan numbers them) or task ids. */
const taskIds = (s: ReadModelState, given: readonly string[]): string[] =>
  given.map((g) => {
    if (s.catalog.tasks[g] !== undefined) return g;
    const byNumber = Object.values(s.catalog.tasks).find((t) => String(t.number) === g);
    if (byNumber === undefined) throw usageError(`--task ${g}: no task with this number or id`, NAME);
    return byNumber.taskId;
  });

const filterOf = (values: Values, s: ReadModelState): LedgerFilter => {
  const statuses = list(values, 'status');
  for (const v of statuses) if (!(STATUSES as readonly string[]).includes(v)) throw usageError(`--status must be one of ${STATUSES.join(', ')}, got ${JSON.stringify(v)}`, NAME);
  const colours = list(values, 'colour');
  for (const v of colours) if (!(COLOURS as readonly string[]).includes(v)) throw usageError(`--colour must be one of ${COLOURS.join(', ')}, got ${JSON.stringify(v)}`, NAME);
  const courts = list(values, 'court');
  for (const c of courts) if (s.catalog.courts[c] === undefined) throw usageError(`--court ${c}: no such court (known: ${Object.keys(s.catalog.courts).join(', ')})`, NAME);
  const pick = <T>(key: keyof LedgerFilter, v: readonly T[]) => (v.length === 0 ? {} : { [key]: v });
  return {
    ...pick('courtId', courts), ...pick('department', list(values, 'department')), ...pick('taskId', taskIds(s, list(values, 'task'))),
    ...pick('categoryId', list(values, 'category')), ...pick('status', statuses), ...pick('colour', colours),
  } as LedgerFilter;
};

const FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;

/** The `ledger` command. */
export const ledgerCommand: Command = {
  name: NAME,
  summary: 'show the problem ledger (台账): who answers for what, by when, and the warning colour at --now',
  usage: 'ledger --store S [--campaign NS] [--court ID] [--department NAME] [--task N] [--category ID] [--status S] [--colour C] [--now DATE] [--format table|json|csv|xlsx] [--lang zh|en] [--out FILE]',
  details: [
    'Filters may be repeated (any of the values matches); different filters must all match.',
    'csv and xlsx are the ledger offices hand upward: 序号, 问题编号, 问题来源, 问题表现, 整改措施, 责任领导, 责任部门,',
    '责任人, 整改时限, 整改进展, 完成情况, 销号时间, 预警 (blue approaching, yellow behind schedule or returned, red',
    'overdue), with names and Chinese labels; the CSV adds 所属法院. xlsx (needs --out) has a summary sheet and',
    'one sheet per court. --lang en keeps the CSV in English columns and codes, for other systems.',
  ].join('\n'),
  options: {
    ...storeOptions,
    campaign: campaignOption,
    court: { type: 'string', multiple: true, value: 'ID', description: 'court where the problem was found' },
    department: { type: 'string', multiple: true, value: 'NAME', description: 'department answering for it, e.g. 执行局' },
    task: { type: 'string', multiple: true, value: 'N', description: 'linked task, by plan number (1-37) or id' },
    category: { type: 'string', multiple: true, value: 'ID', description: 'task category id' },
    status: { type: 'string', multiple: true, value: 'S', description: STATUSES.join(' | ') },
    colour: { type: 'string', multiple: true, value: 'C', description: `${COLOURS.join(' | ')} (computed at --now)` },
    now: nowOption,
    format: formatOption(FORMATS),
    lang: { type: 'string', value: 'zh|en', description: 'csv only: Chinese office columns and labels (zh, default) or English columns and codes (en)' },
    out: { type: 'string', value: 'FILE', description: 'write the csv or xlsx to FILE (whole or not at all) instead of stdout; required for xlsx' },
  },
  async run(values, io) {
    const format = oneOf(values, 'format', FORMATS, 'table', NAME);
    const lang = oneOf(values, 'lang', ['zh', 'en'] as const, 'zh', NAME);
    const outGiven = str(values, 'out');
    if (format === 'xlsx' && outGiven === undefined) throw usageError('--format xlsx needs --out FILE.xlsx', NAME);
    if (outGiven !== undefined && format !== 'csv' && format !== 'xlsx') throw usageError('--out is for --format csv or xlsx', NAME);
    if (str(values, 'lang') !== undefined && format !== 'csv') throw usageError('--lang is for --format csv', NAME);
    const out = outGiven === undefined ? undefined : pathOf(outGiven, io.cwd);
    const spec = storeSpecOf(values, io, NAME);
    const given = str(values, 'now') === undefined ? undefined : nowOf(values, NAME, undefined);
    const namespace = str(values, 'campaign');
    const loaded = await withStore(spec, { mode: 'read', command: NAME }, ({ store }) =>
      loadReadModel(store, { command: NAME, progress: createProgress(io.stderr, 'reading'), ...(namespace === undefined ? {} : { namespace }), ...(given === undefined ? {} : { recordedUntil: given }) }));
    const now = nowOf(values, NAME, loaded.lastRecordedAt);
    const filter = filterOf(values, loaded.state);
    const rows = query(NAME, () => problemLedger(loaded.state, { now, filter }));
    if (format === 'json') await write(io.stdout, renderJson({ now, namespace: loaded.namespace ?? null, count: rows.length, rows }));
    else if (format === 'csv' || format === 'xlsx') {
      const { today } = resolveClock({ now }, loaded.state.catalog);
      const catalog = loaded.state.catalog;
      const office = rows.map((r) => officeRow(catalog, r, today));
      if (format === 'xlsx') {
        const courtIds = filter.courtId === undefined ? Object.keys(catalog.courts) : list(values, 'court');
        const courts = courtIds.map((courtId) => ({ courtId, name: catalog.courts[courtId]?.name ?? courtId }));
        writeFileAtomic(out as string, await ledgerWorkbook({ campaignName: activityName(catalog), today, courts, rows: office }));
        await write(io.stdout, `${rows.length} problem${rows.length === 1 ? '' : 's'} as of ${now} written to ${out as string} (${courts.length + 1} sheets)\n`);
      } else {
        const csv = lang === 'en' ? renderCsv(CSV, rows) : toCsv(officeCsvHeader, officeCsvRecords(office));
        if (out === undefined) await write(io.stdout, csv);
        else {
          writeFileAtomic(out, terminalSafe(csv));
          await write(io.stdout, `${rows.length} problem${rows.length === 1 ? '' : 's'} as of ${now} written to ${out}\n`);
        }
      }
    } else await write(io.stdout, `${rows.length} problem${rows.length === 1 ? '' : 's'} as of ${now}\n${rows.length ? renderTable(TABLE, rows) : ''}`);
    return 0;
  },
};
