/**
 * The ledger (台账) as an Excel workbook: a summary sheet (汇总) with each court's figures, then one
 * sheet per court with the thirteen office columns. Each sheet has a title row and a frozen header,
 * column widths, dates stored as dates, long text wrapped, and the warning cell filled with the
 * warning's colour. Landscape A4, fitted to the page width, header repeated on every printed page.
 */
import ExcelJS from 'exceljs';
import { OFFICE_COLUMNS, type OfficeLedgerRow } from './ledger-rows';
import { chineseDate, officeText, sheetDate } from './text';
import { WARNING_FILLS, type Warning } from './warning';

/** What the workbook is made of. */
export interface LedgerWorkbookInput {
  /** The campaign's name, for the summary's title (e.g. 全市法院“加强管理年”活动). */
  readonly campaignName: string;
  /** The local date the ledger was computed at. */
  readonly today: string;
  /** The courts to give a sheet, in order (a court without problems gets an empty sheet). */
  readonly courts: readonly { readonly courtId: string; readonly name: string }[];
  readonly rows: readonly OfficeLedgerRow[];
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const THIN: ExcelJS.Borders = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' }, diagonal: {},
} as ExcelJS.Borders;
const FONT = '宋体';

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook. */
const sheetName = (name: string, taken: Set<string>): string => {
  const base = officeText(name).replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || 'sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
};

const newSheet = (wb: ExcelJS.Workbook, name: string, widths: readonly number[]): ExcelJS.Worksheet => {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' },
  });
  widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  return ws;
};

const titleRow = (ws: ExcelJS.Worksheet, text: string, columns: number): void => {
  ws.mergeCells(1, 1, 1, columns);
  const cell = ws.getCell(1, 1);
  cell.value = officeText(text);
  cell.font = { name: FONT, size: 16, bold: true };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
};

const headerRow = (ws: ExcelJS.Worksheet, headers: readonly string[]): void => {
  const row = ws.getRow(2);
  headers.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    cell.value = h;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  row.height = 22;
};

const fillOf = (w: Warning | null): ExcelJS.Fill | undefined =>
  (w === null ? undefined : { type: 'pattern', pattern: 'solid', fgColor: { argb: WARNING_FILLS[w] } });

const courtSheet = (ws: ExcelJS.Worksheet, court: string, today: string, rows: readonly OfficeLedgerRow[]): void => {
  titleRow(ws, `${court}问题整改台账（截至${chineseDate(today)}）`, OFFICE_COLUMNS.length);
  headerRow(ws, OFFICE_COLUMNS.map((c) => c.header));
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 3);
    OFFICE_COLUMNS.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const v = c.value(r);
      if (c.kind === 'serial') cell.value = i + 1;
      else if (c.kind === 'date') { cell.value = v === null ? null : sheetDate(v); cell.numFmt = 'yyyy-mm-dd'; }
      else cell.value = v === null || v === '' ? null : officeText(v);
      cell.font = { name: FONT, size: 10 };
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: c.wrap === true, horizontal: c.kind === 'text' && c.wrap ? 'left' : 'center' };
      const fill = c.kind === 'warning' ? fillOf(r.warning) : undefined;
      if (fill !== undefined) cell.fill = fill;
    });
  });
  if (rows.length === 0) {
    ws.mergeCells(3, 1, 3, OFFICE_COLUMNS.length);
    const cell = ws.getCell(3, 1);
    cell.value = '（无问题）';
    cell.alignment = { horizontal: 'center' };
  }
};

const SUMMARY = [
  ['序号', 6], ['法院', 30], ['问题总数', 10], ['已销号', 10], ['整改中', 10], ['长期坚持', 10], ['整改率', 10],
  ['红色预警', 10], ['黄色预警', 10], ['蓝色预警', 10],
] as const;

const summarySheet = (ws: ExcelJS.Worksheet, input: LedgerWorkbookInput): void => {
  titleRow(ws, `${input.campaignName}问题整改台账汇总（截至${chineseDate(input.today)}）`, SUMMARY.length);
  headerRow(ws, SUMMARY.map(([h]) => h));
  const line = (serial: number | string, name: string, rows: readonly OfficeLedgerRow[]): unknown[] => {
    const closed = rows.filter((r) => r.completion === '已销号').length;
    const counted = rows.filter((r) => r.completion !== '已撤销');
    const longTerm = rows.filter((r) => r.completion === '长期坚持').length;
    const w = (k: Warning) => rows.filter((r) => r.warning === k).length;
    return [serial, name, counted.length, closed, counted.length - closed - longTerm, longTerm,
      counted.length === 0 ? null : closed / counted.length, w('red'), w('yellow'), w('blue')];
  };
  const lines = input.courts.map((c, i) => line(i + 1, c.name, input.rows.filter((r) => r.courtId === c.courtId)));
  lines.push(line('', '合计', input.rows.filter((r) => input.courts.some((c) => c.courtId === r.courtId))));
  lines.forEach((values, i) => {
    const row = ws.getRow(i + 3);
    values.forEach((v, j) => {
      const cell = row.getCell(j + 1);
      cell.value = typeof v === 'string' ? officeText(v) : (v as number | null);
      cell.font = { name: FONT, size: 10, bold: i === lines.length - 1 };
      cell.border = THIN;
      cell.alignment = { horizontal: j === 1 ? 'left' : 'center' };
      if (SUMMARY[j]?.[0] === '整改率') cell.numFmt = '0.0%';
      const k = (['红色预警', '黄色预警', '蓝色预警'] as const).indexOf(SUMMARY[j]?.[0] as '红色预警');
      const fill = k >= 0 && typeof v === 'number' && v > 0 ? fillOf((['red', 'yellow', 'blue'] as const)[k] ?? null) : undefined;
      if (fill !== undefined) cell.fill = fill;
    });
  });
};

/** The workbook, as the bytes of an .xlsx file. */
export const ledgerWorkbook = async (input: LedgerWorkbookInput): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'campaign-ledger';
  const when = sheetDate(input.today);
  wb.created = when;
  wb.modified = when;
  const taken = new Set<string>();
  summarySheet(newSheet(wb, sheetName('汇总', taken), SUMMARY.map(([, w]) => w)), input);
  for (const c of input.courts) {
    const ws = newSheet(wb, sheetName(c.name, taken), OFFICE_COLUMNS.map((x) => x.width));
    courtSheet(ws, c.name, input.today, input.rows.filter((r) => r.courtId === c.courtId));
  }
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
};
