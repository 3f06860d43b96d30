/**
 * Reads what a dashboard page shows, from the DOM the browser built: the sections, every chart
 * (role, title, description, marks with their key, series and value), every table (caption,
 * header scopes, rows by key with each field's raw value and visible text) and the key figures.
 */
import type { Page } from 'playwright-core';

/** A cell as shown: the raw `data-value` and the text a reader sees. */
export interface Shown { readonly value: string | null; readonly text: string }

/** Everything the checks compare. */
export interface PageData {
  readonly title: string;
  readonly sections: readonly string[];
  readonly charts: readonly { id: string; role: string | null; title: string; desc: string; labelled: boolean; marks: number; width: number }[];
  readonly marks: readonly { chart: string; key: string; series: string; value: string }[];
  readonly tables: Readonly<Record<string, { caption: string; headScoped: boolean; rows: Record<string, Record<string, Shown>> }>>;
  readonly kpis: Readonly<Record<string, Shown>>;
  readonly trail: Readonly<Record<string, Shown>>;
}

/** The little of the DOM the reader uses (the project's type check has no DOM library). */
interface El {
  readonly id: string;
  readonly textContent: string | null;
  readonly dataset: Readonly<Record<string, string | undefined>>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El> & { readonly length: number };
  closest(selector: string): El | null;
  contains(other: El | null): boolean;
  getBoundingClientRect(): { readonly width: number };
}
interface Doc extends El { readonly title: string; getElementById(id: string): El | null }

/** Collects the {@link PageData} of the page. */
export const readPage = (page: Page): Promise<PageData> => page.evaluate(() => {
  const document = (globalThis as unknown as { document: Doc }).document;
  const text = (e: El | null) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const fields = (tr: El) => Object.fromEntries([...tr.querySelectorAll('[data-field]')].map((td) => [
    td.dataset.field ?? '', { value: td.dataset.value ?? null, text: text(td) },
  ]));
  const tables = Object.fromEntries([...document.querySelectorAll('table[data-table]')].map((t) => [t.dataset.table ?? '', {
    caption: text(t.querySelector('caption')),
    headScoped: [...t.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col'),
    rows: Object.fromEntries([...t.querySelectorAll('tbody tr[data-key]')].map((tr) => [tr.dataset.key ?? '', fields(tr)])),
  }]));
  const charts = [...document.querySelectorAll('svg.chart')].map((svg) => {
    const ids = (svg.getAttribute('aria-labelledby') ?? '').split(' ').filter(Boolean);
    const box = svg.getBoundingClientRect();
    return {
      id: svg.id, role: svg.getAttribute('role'), title: text(svg.querySelector(':scope > title')), desc: text(svg.querySelector(':scope > desc')),
      labelled: ids.length === 2 && ids.every((id) => document.getElementById(id) !== null && svg.contains(document.getElementById(id))),
      marks: svg.querySelectorAll('[data-value]').length, width: box.width,
    };
  });
  const marks = [...document.querySelectorAll('svg.chart [data-value]')].map((m) => ({
    chart: m.closest('svg')?.id ?? '', key: m.getAttribute('data-key') ?? '', series: m.getAttribute('data-series') ?? '', value: m.getAttribute('data-value') ?? '',
  }));
  const kpis = Object.fromEntries([...document.querySelectorAll('.kpi[data-field]')].map((k) => [k.dataset.field ?? '', {
    value: k.dataset.value ?? null, text: text(k.querySelector('dd')),
  }]));
  const trail = Object.fromEntries([...document.querySelectorAll('#trail [data-field]')].map((td) => [td.dataset.field ?? '', {
    value: td.dataset.value ?? null, text: text(td),
  }]));
  return { title: document.title, sections: [...document.querySelectorAll('section[data-section]')].map((s) => s.id), charts, marks, tables, kpis, trail };
});
