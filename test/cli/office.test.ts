/**
 * The ledger and documents in the formats offices use, through the built program on the demo's
 * SQLite trail: files read back, and bad input refused with exit 2 and nothing written.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, requireBuilt, tempDir } from './helpers';

const dir = tempDir();
afterAll(() => dir.remove());
const run = (...args: string[]) => cli(args, { cwd: dir.dir });
const STORE = ['--store', 'sqlite:demo.db'];

beforeAll(() => {
  requireBuilt();
  const r = run('demo', ...STORE);
  expect(r.code).toBe(0);
}, 120_000);

describe('ledger --format xlsx|csv', () => {
  it('writes a workbook exceljs reads: a summary and a sheet per court, Chinese headers', async () => {
    const r = run('ledger', ...STORE, '--format', 'xlsx', '--out', 'ledger.xlsx');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/written to .*ledger\.xlsx \(6 sheets\)/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(dir.file('ledger.xlsx'));
    expect(wb.worksheets.map((w) => w.name)[0]).toBe('汇总');
    expect(wb.worksheets).toHaveLength(6);
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
  });
});
