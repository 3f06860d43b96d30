/**
 * CSV (RFC 4180) for tables handed to people: fields separated by commas, records by CRLF; a field
 * holding a comma, a double quote, CR or LF is enclosed in double quotes with inner quotes doubled.
 */

/** Options of {@link toCsv}. */
export interface CsvOptions {
  /**
   * Prefix text fields starting with `=`, `+`, `-`, `@`, tab or CR with a single quote, so
   * spreadsheet programs do not run them as formulas (CSV injection). On by default: a CSV goes to
   * a spreadsheet, and a problem title is typed by whoever reports the problem. Numbers are never
   * prefixed. Pass `false` only for a consumer that is not a spreadsheet.
   */
  readonly guardFormulas?: boolean;
}

const text = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? '';
};

/** One field, quoted when needed. null and undefined are empty; objects are written as JSON. */
export const csvField = (value: unknown, options: CsvOptions = {}): string => {
  let s = text(value);
  if (options.guardFormulas !== false && typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One record (no line break). */
export const csvRecord = (fields: readonly unknown[], options: CsvOptions = {}): string =>
  fields.map((f) => csvField(f, options)).join(',');

/** A whole table: the header (when given) then every row, each record ended by CRLF. */
export const toCsv = (header: readonly string[] | undefined, rows: Iterable<readonly unknown[]>, options: CsvOptions = {}): string => {
  let out = header ? `${csvRecord(header, options)}\r\n` : '';
  for (const row of rows) out += `${csvRecord(row, options)}\r\n`;
  return out;
};

/** A column of a table: a header and how to read its value from a row object. */
export interface CsvColumn<T> {
  readonly header: string;
  /** Reads the cell of this column from a row. */
  readonly value: (row: T) => unknown;
}

/** A table of objects through column definitions. */
export const tableToCsv = <T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>, options: CsvOptions = {}): string => {
  const mapped = (function* () { for (const r of rows) yield columns.map((c) => c.value(r)); })();
  return toCsv(columns.map((c) => c.header), mapped, options);
};
