/**
 * The dashboard in a real browser (headless Chromium from Debian's packages): the file written by
 * `campaign-ledger dashboard --format html --out FILE` and the page served by the HTTP service, both
 * on the demo data. Every section, chart and table is there and accessible, every figure shown
 * equals the dashboard JSON's, the page asks for nothing over the network, and screenshots are
 * saved to test-artifacts/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';
import * as E from 'fp-ts/Either';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../adapters/sqlite/index';
import { createDigest } from '../../src/audit/digest';
import { createCampaignRegistry } from '../../src/campaign/index';
import { problemTrend, type TrendPoint } from '../../src/dashboard-html/index';
import type { Dashboard } from '../../src/readmodels/dashboard';
import { runCli } from '../../src/cli/cli';
import { campaignReadModel } from '../../src/readmodels/projection';
import { developmentHeaderAuthenticator } from '../../examples/http-service/auth';
import { buildDemoFile } from '../../examples/http-service/demo';
import { createHttpService, type HttpService } from '../../examples/http-service/service';
import { launchChromium } from './support/chromium';
import { expectDashboard, type Extras } from './support/expect-dashboard';
import { readPage } from './support/page-data';
import { unwrap } from '../../src/eventsourcing/runnable';

const ARTIFACTS = resolve('test-artifacts');

/** Runs `campaign-ledger ARGS` (the CLI's own entry, in this process); resolves with its standard output. */
const cli = async (...args: string[]): Promise<string> => {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (into: Buffer[]) => new Writable({ write(chunk: Buffer, _e, done) { into.push(chunk); done(); } });
  const code = await runCli(args, { stdout: sink(out), stderr: sink(err), env: {}, cwd: process.cwd() });
  if (code !== 0) throw new Error(`campaign-ledger ${args.join(' ')} exited ${code}: ${Buffer.concat(err).toString()}`);
  return Buffer.concat(out).toString('utf8');
};

let dir = '';
let store: SqliteStore;
let service: HttpService;
let base = '';
let browser: Awaited<ReturnType<typeof launchChromium>>;
let json: Dashboard;
let extras: Extras;
let htmlFile = '';

/** Opens `url`, failing on any request that leaves `allowed` (the page must need no network). */
const open = async (context: BrowserContext, url: string, allowed: string): Promise<{ page: Page; outside: string[] }> => {
  const page = await context.newPage();
  const outside: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith(allowed)) outside.push(r.url()); });
  await page.goto(url, { waitUntil: 'load' });
  return { page, outside };
};

const screenshots = async (page: Page, name: string) => {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 1200, height: 1000 });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-overview.png`) });
  await page.locator('#task-matrix figure').screenshot({ path: join(ARTIFACTS, `${name}-task-matrix.png`) });
  await page.locator('#supervision').screenshot({ path: join(ARTIFACTS, `${name}-supervision.png`) });
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'dashboard-browser-'));
  const db = join(dir, 'demo.db');
  await buildDemoFile(db);
  htmlFile = join(dir, 'dashboard.html');
  await cli('dashboard', '--store', `sqlite:${db}`, '--format', 'html', '--out', htmlFile);
  json = JSON.parse(await cli('dashboard', '--store', `sqlite:${db}`, '--format', 'json')) as Dashboard;

  store = await unwrap(openSqliteStore({ path: db, registry: createCampaignRegistry() }));
  const projection = campaignReadModel();
  let state = projection.initialState;
  let namespace = '';
  for await (const e of store.readAll()) { state = projection.apply(state, e); namespace ||= e.streamId.split('/')[0] ?? ''; }
  const digest = await createDigest(store)();
  if (E.isLeft(digest)) throw new Error(digest.left.message);
  const trend: TrendPoint[] = problemTrend(state, { now: json.asOf.now });
  extras = { trend, digest: digest.right };
  service = createHttpService({ store, namespace, authenticator: developmentHeaderAuthenticator, clock: () => new Date(json.asOf.now), publicReads: true, logger: false });
  base = await service.listen(0, '127.0.0.1');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the dashboard in Chromium', () => {
  it('the demo is big enough to show every chart', () => {
    expect(json.tasks.total).toBe(37);
    expect(json.problems.total).toBeGreaterThan(20);
    expect(json.rates.byCourt.length).toBeGreaterThan(1);
    expect(extras.trend.length).toBeGreaterThan(3);
  });

  it('the file written by the CLI shows every chart and table with the JSON\'s figures, offline', async () => {
    const url = pathToFileURL(htmlFile).href;
    const { page, outside } = await open(browser.context, url, url);
    expect(await page.title()).toContain(json.campaign?.name ?? '');
    expectDashboard(await readPage(page), json, extras);
    expect(outside).toEqual([]);
    await screenshots(page, 'dashboard-file');
    await page.close();
  });

  it('the page the service serves shows the same figures as its JSON endpoint', async () => {
    const served = (await (await fetch(`${base}/dashboard`)).json()) as Dashboard;
    expect(served).toEqual(json);
    const { page, outside } = await open(browser.context, `${base}/dashboard.html`, base);
    expectDashboard(await readPage(page), served, extras);
    expect(outside).toEqual([]);
    await screenshots(page, 'dashboard-served');
    await page.close();
  });
});
