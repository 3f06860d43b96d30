/**
 * The Word documents as a reader sees them: each .docx the builders write is rendered in headless
 * Chromium (Debian's package) by docx-preview, from the file's own bytes. The rendered page is A4
 * with the standard's margins, the elements of an official document read in order, the issuer's
 * mark is red, and the report's three tables are there; the first page of each is saved as a PNG to
 * test-artifacts/ (docs/images/supervision-notice.png is the notice's).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodicReport, supervisionNotice } from '../../src/office/documents';
import { officialDocx, type OfficialDocument } from '../../src/office/official';
import { chineseDate } from '../../src/office/text';
import type { ReadModelState } from '../../src/readmodels/state';
import { ITEMS, supervisedDemoState } from '../office/supervised';
import { launchChromium } from './support/chromium';

const ARTIFACTS = resolve('test-artifacts');

/** What the page scripts use of the browser's globals (the tests are type-checked without the DOM library). */
interface Browser {
  readonly docx: { renderAsync(data: Blob, container: unknown, styles?: unknown, options?: object): Promise<void> };
  readonly document: { getElementById(id: string): unknown; readonly fonts: { readonly ready: Promise<unknown> } };
  getComputedStyle(e: unknown): { readonly color: string; readonly paddingTop: string; readonly paddingLeft: string; readonly paddingRight: string };
}

const script = (path: string) => readFileSync(fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url)), 'utf8');

let browser: Awaited<ReturnType<typeof launchChromium>>;
let state: ReadModelState;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  state = (await supervisedDemoState()).state;
  browser = await launchChromium();
});
afterAll(async () => { await browser?.close(); });

/** Opens a blank page with no network, renders the document's .docx in it, and returns the page. */
const render = async (doc: OfficialDocument): Promise<Page> => {
  const bytes = Buffer.from(await officialDocx(doc)).toString('base64');
  const page = await browser.context.newPage();
  const outside: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith('about:') && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) outside.push(r.url()); });
  await page.setViewportSize({ width: 900, height: 1200 });
  await page.setContent('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head><body style="margin:0;background:#e0e0e0"><div id="doc"></div></body></html>');
  await page.addScriptTag({ content: script('jszip/dist/jszip.min.js') });
  await page.addScriptTag({ content: script('docx-preview/dist/docx-preview.min.js') });
  await page.evaluate(async (b64) => {
    const w = (globalThis as unknown as Browser);
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    await w.docx.renderAsync(new Blob([data]), w.document.getElementById('doc'), undefined, { inWrapper: true, breakPages: true, experimental: false });
    await w.document.fonts.ready;
  }, bytes);
  expect(outside).toEqual([]);
  return page;
};

/** The rendered paragraphs' text, in reading order. */
const lines = (page: Page): Promise<string[]> =>
  page.$$eval('section.docx p', (ps) => ps.map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim()).filter((t) => t !== ''));

const expectInOrder = (rendered: readonly string[], expected: readonly string[]): void => {
  let from = 0;
  for (const text of expected) {
    const i = rendered.findIndex((l, n) => n >= from && l.startsWith(text));
    expect(i, `"${text}" after line ${from} in:\n${rendered.join('\n')}`).toBeGreaterThanOrEqual(from);
    from = i + 1;
  }
};

describe('the documents in Chromium', () => {
  it('shows the supervision notice on an A4 page with the standard margins, its elements in order, the issuer in red', async () => {
    const d = supervisionNotice(state, ITEMS.instruction);
    const page = await render(d);
    const first = page.locator('section.docx').first();
    const box = await first.boundingBox();
    const mm = 96 / 25.4; // CSS pixels per millimetre
    expect(Math.abs((box?.width ?? 0) - 210 * mm)).toBeLessThan(2);
    const padding = await first.evaluate((s) => { const c = (globalThis as unknown as Browser).getComputedStyle(s); return [c.paddingTop, c.paddingLeft, c.paddingRight].map((x) => Number.parseFloat(x)); });
    expect(padding.map((p) => Math.round(p / mm))).toEqual([37, 28, 26]);
    expectInOrder(await lines(page), [d.issuer, d.number, d.title, `${d.addressee}：`, '一、督办事项', '二、承办单位', '三、办理时限和反馈要求', d.signature, chineseDate(d.date), `抄送：${d.copyTo}。`]);
    const issuerColour = await page.locator('section.docx span', { hasText: d.issuer }).first().evaluate((e) => (globalThis as unknown as Browser).getComputedStyle(e).color);
    expect(issuerColour).toBe('rgb(255, 0, 0)');
    await first.screenshot({ path: join(ARTIFACTS, 'supervision-notice.png') });
    await page.close();
  });

  it('shows the report with its figures and three tables', async () => {
    const d = periodicReport(state, '2019-Q3@xc');
    const page = await render(d);
    expect(await page.locator('section.docx table').count()).toBe(d.body.filter((b) => b.kind === 'table').length);
    const text = await lines(page);
    expectInOrder(text, [d.issuer, d.title, '二、主要数据', '项目', '（一）已整改问题', '（二）正在整改问题', '（三）长期坚持问题', '特此报告。', d.signature]);
    await page.locator('section.docx').first().screenshot({ path: join(ARTIFACTS, 'report.png') });
    await page.close();
  });
});
