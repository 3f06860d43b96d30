/**
 * Text for office files (xlsx, docx, CSV). Names, titles and measures are typed by whoever reports a
 * problem, so characters that XML cannot hold (C0 controls other than tab and line ends) or that
 * could mislead a reader (C1 controls, bidirectional overrides, zero-width marks) are shown visibly
 * as `\uXXXX`, as the terminal output shows them. Formulas are never written: cells hold text.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` safe to put in an office file. */
export const officeText = (text: string): string =>
  text.replace(UNSAFE, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);

/** `2019年12月2日` for `2019-12-02` (GB/T 9704-2012: Arabic numerals, no leading zeros). */
export const chineseDate = (isoDate: string): string => {
  const [y, m, d] = isoDate.split('-').map((x) => Number.parseInt(x, 10));
  return `${y}年${m}月${d}日`;
};

/** A local date `YYYY-MM-DD` as the Date spreadsheets store for that day (midnight UTC). */
export const sheetDate = (isoDate: string): Date => {
  const [y, m, d] = isoDate.split('-').map((x) => Number.parseInt(x, 10));
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
};
