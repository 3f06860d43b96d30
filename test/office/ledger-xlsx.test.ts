/** The ledger workbook read back with exceljs: sheets, headers, frozen pane, dates, fills, labels. */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activityName } from '../../src/office/campaign-names';
import { OFFICE_COLUMNS, officeCsvHeader, officeCsvRecords, officeRow, type OfficeLedgerRow } from '../../src/office/ledger-rows';
import { ledgerWorkbook } from '../../src/office/ledger-xlsx';
import { WARNING_FILLS } from '../../src/office/warning';
import { resolveClock } from '../../src/readmodels/clock';
import { problemLedger } from '../../src/readmodels/ledger';
import type { ReadModelState } from '../../src/readmodels/state';
import { demoState } from './demo-state';

const HEADERS = ['序号', '问题编号', '问题来源', '问题表现', '整改措施', '责任领导', '责任部门', '责任人', '整改时限', '整改进展', '完成情况', '销号时间', '预警'];

let state: ReadModelState;
let rows: OfficeLedgerRow[];
let wb: ExcelJS.Workbook;
let today: string;

beforeAll(async () => {
  const demo = await demoState();
  state = demo.state;
  today = resolveClock({ now: demo.now }, state.catalog).today;
  rows = problemLedger(state, { now: demo.now }).map((r) => officeRow(state.catalog, r, today));
  const courts = Object.values(state.catalog.courts).map((c) => ({ courtId: c.courtId, name: c.name }));
  const bytes = await ledgerWorkbook({ campaignName: activityName(state.catalog), today, courts, rows });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
}, 120_000);

const texts = (ws: ExcelJS.Worksheet, row: number): string[] =>
  (ws.getRow(row).values as unknown[]).slice(1).map((v) => String(v ?? ''));

describe('the ledger workbook', () => {
  it('has a summary sheet, then one sheet per court named after the court', () => {
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('汇总');
    expect(names.slice(1)).toEqual(Object.values(state.catalog.courts).map((c) => c.name));
  });

  it('has the thirteen Chinese headers under a title row, frozen, with widths', () => {
    for (const ws of wb.worksheets.slice(1)) {
      expect(texts(ws, 1)[0]).toMatch(/问题整改台账（截至\d{4}年\d{1,2}月\d{1,2}日）$/);
      expect(texts(ws, 2)).toEqual(HEADERS);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(ws.getColumn(5).width).toBe(OFFICE_COLUMNS[4]?.width);
    }
  });

  it('holds names, Chinese labels and the measures\' text, never ids or codes', () => {
    const xc = wb.getWorksheet(state.catalog.courts.xc!.name)!;
    const first = rows.find((r) => r.courtId === 'xc')!;
    const cells = texts(xc, 3);
    expect(cells[0]).toBe('1');
    expect(cells[1]).toBe(first.ledgerNumber);
    expect(['自查发现', '常规督查', '明察暗访', '报告反映', '上级反馈']).toContain(cells[2]);
    expect(cells[4]).toMatch(/^1\. .+（\d{4}-\d{2}-\d{2}前/);
    expect(cells[5]).toMatch(/（虚构）$/);
    const all = wb.worksheets.slice(1).flatMap((ws) => { const out: string[] = []; ws.eachRow((r, n) => { if (n > 2) out.push(...texts(ws, n)); }); return out; });
    for (const code of ['self_inspection', 'moderate', 'closure_requested', 'zy-vp', 'xc-d']) expect(all.join('|')).not.toContain(code);
  });

  it('stores deadlines and closure dates as dates', () => {
    const zy = wb.getWorksheet(state.catalog.courts.zy!.name)!;
    const deadline = zy.getRow(3).getCell(9);
    expect(deadline.type).toBe(ExcelJS.ValueType.Date);
    expect(deadline.value).toBeInstanceOf(Date);
    expect((deadline.value as Date).toISOString().slice(0, 10)).toBe(rows.find((r) => r.courtId === 'zy')!.deadline);
    expect(deadline.numFmt).toBe('yyyy-mm-dd');
  });

  it('fills the warning cell with the warning colour', () => {
    const warned = rows.filter((r) => r.warning !== null);
    expect(warned.length).toBeGreaterThan(0);
    let checked = 0;
    for (const ws of wb.worksheets.slice(1)) {
      ws.eachRow((row, n) => {
        if (n < 3) return;
        const cell = row.getCell(13);
        const r = rows.find((x) => x.ledgerNumber === row.getCell(2).value);
        if (r === undefined) return;
        if (r.warning === null) expect(cell.value).toBeNull();
        else {
          expect(cell.value).toBe({ blue: '蓝色预警', yellow: '黄色预警', red: '红色预警' }[r.warning]);
          expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(WARNING_FILLS[r.warning]);
          checked++;
        }
      });
    }
    expect(checked).toBe(warned.length);
    expect(warned.some((r) => r.warning === 'red')).toBe(true);
  });

  it('sums each court on the summary sheet', () => {
    const ws = wb.getWorksheet('汇总')!;
    expect(texts(ws, 2).slice(0, 4)).toEqual(['序号', '法院', '问题总数', '已销号']);
    const total = ws.getRow(3 + Object.keys(state.catalog.courts).length);
    expect(total.getCell(2).value).toBe('合计');
    expect(total.getCell(3).value).toBe(rows.filter((r) => r.completion !== '已撤销').length);
    expect(total.getCell(8).value).toBe(rows.filter((r) => r.warning === 'red').length);
    expect(ws.getRow(3).getCell(7).numFmt).toBe('0.0%');
  });

  it('gives the CSV the same columns, plus the court', () => {
    expect(officeCsvHeader).toEqual([...HEADERS, '所属法院']);
    const records = officeCsvRecords(rows);
    expect(records[0]?.[0]).toBe(1);
    expect(records[0]?.[13]).toBe(state.catalog.courts[rows[0]!.courtId]!.name);
  });

  it('writes hostile text as visible escapes, never as a formula or raw control character', async () => {
    const hostile = { ...rows[0]!, title: '=HYPERLINK("http://x.example","ok")\u001b[31m\u202e\u0000', courtId: 'zy' };
    const bytes = await ledgerWorkbook({ campaignName: 'x', today, courts: [{ courtId: 'zy', name: 'a[b]:c*?/\\' }], rows: [hostile] });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = back.worksheets[1]!;
    expect(ws.name).toBe('a_b__c____');
    const cell = ws.getRow(3).getCell(4);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x.example","ok")\\u001B[31m\\u202E\\u0000');
  });
});
