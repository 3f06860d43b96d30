/**
 * Page pieces shared by the sections: a section with its bilingual heading, a figure, a data
 * table (the chart's text alternative) and the naming of courts, departments and people.
 */
import { esc, th } from './format';
import type { DashboardNames } from './types';

/** A bilingual heading text. */
export interface Heading { readonly zh: string; readonly en: string }

/** A section: heading, optional intro, then its body. */
export const section = (id: string, h: Heading, body: string, intro = ''): string =>
  `<section id="${esc(id)}" data-section="${esc(id)}" aria-labelledby="${esc(id)}-h">` +
  `<h2 id="${esc(id)}-h">${esc(h.zh)} <span class="en">${esc(h.en)}</span></h2>` +
  (intro ? `<p class="intro">${esc(intro)}</p>` : '') + body + '</section>';

/** A chart in a figure, with a caption. */
export const figure = (svg: string, caption: string): string => `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;

/** A table with caption, header and rows; `rows` are `<tr>` strings already escaped. */
export const table = (id: string, caption: string, head: readonly (readonly [string, string])[], rows: readonly string[], empty = '无 None'): string =>
  `<table data-table="${esc(id)}"><caption>${esc(caption)}</caption><thead><tr>${head.map(([zh, en]) => th(zh, en)).join('')}</tr></thead>` +
  `<tbody>${rows.length > 0 ? rows.join('') : `<tr class="empty"><td colspan="${head.length}">${esc(empty)}</td></tr>`}</tbody></table>`;

/** A chart's data table, folded under a summary line naming it (open it to read the figures). */
export const dataTable = (tableHtml: string, name = '', open = false): string =>
  `<details class="data"${open ? ' open' : ''}><summary>数据表 Data table${name ? ` · ${esc(name)}` : ''}</summary>${tableHtml}</details>`;

/** A table row keyed for lookup. */
export const tr = (key: string, cells: string): string => `<tr data-key="${esc(key)}">${cells}</tr>`;

/** Names of ids, with fallbacks to the ids themselves. */
export interface Namer {
  court(id: string | null | undefined): string;
  person(id: string | null | undefined): string;
  category(id: string | null | undefined): string;
  department(name: string | null | undefined): string;
  /** A `court/department` key as `court name department (English)`. */
  unit(key: string): string;
  /** A `court/department` key as `department · court name` (for chart labels, where the start is what shows). */
  unitShort(key: string): string;
}

/** A {@link Namer} over the given names. */
export const namer = (names: DashboardNames = {}): Namer => {
  const court = (id: string | null | undefined) => (id == null ? '—' : names.courts?.[id] ?? id);
  const department = (d: string | null | undefined) => {
    if (d == null) return '—';
    const en = names.departmentsEn?.[d];
    return en ? `${d} ${en}` : d;
  };
  return {
    court,
    person: (id) => (id == null ? '—' : names.people?.[id] ?? id),
    category: (id) => (id == null ? '—' : names.categories?.[id] ?? id),
    department,
    unit: (key) => {
      const i = key.indexOf('/');
      return i < 0 ? court(key) : `${court(key.slice(0, i))} ${department(key.slice(i + 1))}`;
    },
    unitShort: (key) => {
      const i = key.indexOf('/');
      return i < 0 ? court(key) : `${key.slice(i + 1)} · ${court(key.slice(0, i))}`;
    },
  };
};
