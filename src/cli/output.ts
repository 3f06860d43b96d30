/**
 * Output formats: aligned tables for people (wide CJK characters count two columns), JSON for
 * programs (bigints as decimal strings), CSV for spreadsheets.
 */
import { toCsv } from '../audit/csv';
import { toJson } from '../eventsourcing/json';

/** Display width of a string in a terminal: East Asian wide and full-width characters count two. */
export const displayWidth = (s: string): number => {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || (c >= 0x300 && c <= 0x36f)) continue;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
};

const pad = (s: string, width: number, right: boolean): string => {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? gap + s : s + gap;
};

/** A column of a table: header, cell text, right-aligned (numbers) or not. */
export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => string | number | bigint | boolean | undefined | null;
  readonly right?: boolean;
}

const cellText = (v: string | number | bigint | boolean | undefined | null): string =>
  v === undefined || v === null ? '' : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : String(v);

/** An aligned text table with a header rule. */
export const renderTable = <T>(columns: readonly Column<T>[], rows: readonly T[]): string => {
  const cells = rows.map((r) => columns.map((c) => cellText(c.cell(r)).replace(/\s+/g, ' ')));
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[i] ?? ''))));
  const line = (values: readonly string[]) =>
    values.map((v, i) => pad(v, widths[i] ?? 0, columns[i]?.right ?? false)).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n';
};

/** CSV (RFC 4180, CRLF) of the same columns. */
export const renderCsv = <T>(columns: readonly Column<T>[], rows: readonly T[]): string =>
  toCsv(columns.map((c) => c.header), rows.map((r) => columns.map((c) => c.cell(r))));

/** JSON with bigints as decimal strings, Maps as objects and Sets as arrays, indented, ending with a line break. */
export const renderJson = (value: unknown): string => `${toJson(value, 2)}\n`;

/** Formats a ratio in [0, 1] as a percentage with one decimal (`87.5%`), or `-` when undefined. */
export const percent = (ratio: number | undefined | null): string =>
  ratio === undefined || ratio === null || !Number.isFinite(ratio) ? '-' : `${(ratio * 100).toFixed(1)}%`;
