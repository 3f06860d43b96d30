/**
 * Escaping and number formatting for the HTML dashboard. Every piece of data goes through
 * {@link esc} before it reaches the page (text and attribute values alike), so names, titles and
 * notes from the trail can never inject markup.
 */

/** Escapes text for HTML text and double- or single-quoted attribute values (also SVG). */
export const esc = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A rate (0..1) as a percentage with one decimal, `—` when null. */
export const pct = (rate: number | null | undefined): string =>
  (rate === null || rate === undefined || !Number.isFinite(rate) ? '—' : `${(rate * 100).toFixed(1)}%`);

/** A count or other number as shown (integers plainly, others with up to two decimals), `—` when null. */
export const num = (n: number | null | undefined): string => {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
};

/** The raw value for a `data-value` attribute: the JSON number as written, `null` when absent. */
export const raw = (n: number | null | undefined): string => (n === null || n === undefined ? 'null' : String(n));

/** A table cell showing a number, with its raw value in `data-value` and the field name in `data-field`. */
export const numCell = (field: string, n: number | null | undefined, shown: (n: number | null | undefined) => string = num): string =>
  `<td class="n" data-field="${esc(field)}" data-value="${esc(raw(n))}">${esc(shown(n))}</td>`;

/** A table cell showing text, with the field name in `data-field`. */
export const textCell = (field: string, text: unknown): string => `<td data-field="${esc(field)}">${esc(text)}</td>`;

/** A column header; `en` is shown smaller under the Chinese label. */
export const th = (zh: string, en: string): string => `<th scope="col">${esc(zh)}<span class="en">${esc(en)}</span></th>`;

/** An id-safe slug for element ids (letters, digits, `-`), stable for the same input. */
export const slug = (s: string): string => {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) >>> 0;
  const ascii = s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `${ascii || 'x'}-${h.toString(36)}`;
};
