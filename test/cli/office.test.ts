/**
 * The ledger and documents in the formats offices use, through the built program on the demo's
 * SQLite trail: files read back, and bad input refused with exit 2 and nothing written.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/sqlite/index';
import { createCampaignRegistry } from '../../src/campaign/registry';
import { DEMO_NAMESPACE } from '../../src/demo/index';
import { ITEMS, addSupervisionItems } from '../office/supervised';
import { paragraphsOf, unzip } from '../support/zip';
import { cli, requireBuilt, tempDir } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

const dir = tempDir();
afterAll(() => dir.remove());
const run = (...args: string[]) => cli(args, { cwd: dir.dir });
const STORE = ['--store', 'sqlite:demo.db'];

beforeAll(async () => {
  requireBuilt();
  const r = run('demo', ...STORE);
  expect(r.code).toBe(0);
  const store = await unwrap(openSqliteStore({ path: dir.file('demo.db'), registry: createCampaignRegistry() }));
  try { await addSupervisionItems(store, DEMO_NAMESPACE); } finally { await store.close(); }
}, 180_000);

describe('ledger --format xlsx|csv', () => {
  it('writes a workbook exceljs reads: a summary and a sheet per court, Chinese headers', async () => {
    const r = run('ledger', ...STORE, '--format', 'xlsx', '--out', 'ledger.xlsx');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/written to .*ledger\.xlsx \(10 sheets\)/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(dir.file('ledger.xlsx'));
    expect(wb.worksheets.map((w) => w.name)[0]).toBe('汇总');
    expect(wb.worksheets).toHaveLength(10); // the summary and the nine courts
    expect((wb.worksheets[1]!.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['序号', '问题编号', '问题来源']);
    expect(readdirSync(dir.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('limits the sheets to --court', async () => {
    expect(run('ledger', ...STORE, '--court', 'xc', '--format', 'xlsx', '--out', 'xc.xlsx').code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(dir.file('xc.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '示例市西城区人民法院（虚构）']);
  });

  it('writes the CSV in the office columns and labels by default, in English with --lang en', () => {
    const zh = run('ledger', ...STORE, '--court', 'xc', '--format', 'csv');
    expect(zh.code).toBe(0);
    const lines = zh.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('序号,问题编号,问题来源,问题表现,整改措施,责任领导,责任部门,责任人,整改时限,整改进展,完成情况,销号时间,预警,所属法院');
    expect(zh.stdout).not.toMatch(/self_inspection|moderate|,xc\r?$/m);
    const en = run('ledger', ...STORE, '--court', 'xc', '--format', 'csv', '--lang', 'en');
    expect(en.stdout).toMatch(/^ledgerNumber,problemId,courtId,/);
    expect(run('ledger', ...STORE, '--format', 'csv', '--out', 'l.csv').code).toBe(0);
    expect(existsSync(dir.file('l.csv'))).toBe(true);
  });

  it('refuses bad input with exit 2 and writes nothing', () => {
    mkdirSync(dir.file('adir'));
    writeFileSync(dir.file('afile'), 'x');
    const cases: [string[], RegExp][] = [
      [['--court', 'nowhere', '--format', 'xlsx', '--out', 'bad1.xlsx'], /--court nowhere: no such court/],
      [['--format', 'xlsx'], /--format xlsx needs --out/],
      [['--format', 'json', '--out', 'bad2.json'], /--out is for --format csv or xlsx/],
      [['--format', 'csv', '--lang', 'fr'], /--lang must be one of zh, en/],
      [['--format', 'xlsx', '--out', 'missing-dir/bad3.xlsx'], /cannot write .*missing-dir\/bad3\.xlsx/],
      [['--format', 'xlsx', '--out', 'adir'], /cannot write .*adir/],
      [['--format', 'xlsx', '--out', 'afile/bad4.xlsx'], /cannot write .*afile\/bad4\.xlsx/],
    ];
    const before = readdirSync(dir.dir).sort();
    for (const [args, message] of cases) {
      const r = run('ledger', ...STORE, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(readdirSync(dir.dir).sort()).toEqual(before);
    expect(readdirSync(dir.file('adir'))).toEqual([]);
  }, 120_000);
});

describe('document --kind supervision-notice|circular|report', () => {
  const paragraphs = (file: string): string[] => paragraphsOf(unzip(readFileSync(dir.file(file))).get('word/document.xml')!.toString('utf8')).filter((p) => p !== '');

  it('writes a supervision notice whose elements come in the order of an official document', () => {
    const r = run('document', ...STORE, '--kind', 'supervision-notice', '--id', ITEMS.instruction, '--out', 'notice.docx');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^关于督办“清理长期未结执行案件”的通知 \(督〔2020〕\d+号\) written to .*notice\.docx\n$/);
    const p = paragraphs('notice.docx');
    expect(p[0]).toBe('示例市中级人民法院（虚构）');
    expect(p[1]).toMatch(/^督〔2020〕\d+号$/);
    expect(p[2]).toBe('关于督办“清理长期未结执行案件”的通知');
    expect(p[3]).toBe('示例市西城区人民法院（虚构）执行局：');
    expect(p.indexOf('一、督办事项')).toBeGreaterThan(3);
    expect(p.indexOf('2020年1月6日')).toBeGreaterThan(p.indexOf('三、办理时限和反馈要求'));
    expect(readdirSync(dir.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the circular of the demo\'s decided case, and a court\'s report with its three tables', () => {
    expect(run('document', ...STORE, '--kind', 'circular', '--id', 'AC-2019-001', '--number', '示督〔2019〕5号', '--out', 'circular.docx').code).toBe(0);
    const c = paragraphs('circular.docx');
    expect(c.slice(0, 2)).toEqual(['全市法院“加强管理年”活动领导小组', '示督〔2019〕5号']);
    expect(c[2]).toMatch(/^关于对.+同志予以通报批评的通报$/);
    expect(c[3]).toBe('各基层人民法院，本院各部门：');
    expect(run('document', ...STORE, '--kind', 'report', '--id', '2019-Q3@xc', '--out', 'report.docx').code).toBe(0);
    const r = paragraphs('report.docx');
    expect(r[0]).toBe('示例市西城区人民法院（虚构）');
    const headings = r.filter((x) => /^（[一二三]）/.test(x));
    expect(headings.map((h) => h.replace(/（\d+项）$/, ''))).toEqual(['（一）已整改问题', '（二）正在整改问题', '（三）长期坚持问题']);
  });

  it('refuses bad input with exit 2, a clear message, and writes nothing', () => {
    const cases: [string[], RegExp][] = [
      [['--kind', 'memo', '--id', 'x', '--out', 'd1.docx'], /--kind must be one of supervision-notice, circular, report, got "memo"/],
      [['--id', 'x', '--out', 'd2.docx'], /--kind is required/],
      [['--kind', 'circular', '--out', 'd3.docx'], /--id is required/],
      [['--kind', 'circular', '--id', 'AC-2019-001'], /--out is required/],
      [['--kind', 'supervision-notice', '--id', 'SV-NOPE', '--out', 'd4.docx'], /id: no supervision item "SV-NOPE"/],
      [['--kind', 'supervision-notice', '--id', ITEMS.proposed, '--out', 'd5.docx'], /has not been assigned \(交办\) yet/],
      [['--kind', 'supervision-notice', '--id', ITEMS.instruction, '--number', 'x', '--out', 'd6.docx'], /--number is for a circular or a report/],
      [['--kind', 'circular', '--id', 'AC-NOPE', '--out', 'd7.docx'], /id: no accountability case "AC-NOPE"/],
      [['--kind', 'report', '--id', '2019-Q3@nowhere', '--out', 'd8.docx'], /id: no court "nowhere"/],
      [['--kind', 'report', '--id', '2019-Q9@xc', '--out', 'd9.docx'], /id: no report period "2019-Q9"/],
      [['--kind', 'report', '--id', '2019-Q3@xc', '--out', 'missing-dir/d10.docx'], /cannot write .*missing-dir\/d10\.docx/],
    ];
    const before = readdirSync(dir.dir).sort();
    for (const [args, message] of cases) {
      const r = run('document', ...STORE, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(readdirSync(dir.dir).sort()).toEqual(before);
  }, 120_000);
});
