/**
 * Text someone else typed (a title, a reason, an actor id) reaches the terminal and spreadsheets
 * harmless: every output format of the program is fed the same hostile text.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { openSqliteStore as OpenSqliteStore } from '../../adapters/sqlite/index';
import { toCsv } from '../../src/audit/csv';
import { write } from '../../src/cli/command';
import { renderCsv, renderTable } from '../../src/cli/output';
import { isTerminalSafe, terminalSafe } from '../../src/cli/terminal';
import { BUILT_SQLITE, cli, requireBuilt, tempDir } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

/** Colour, clear screen, window title (OSC), a hyperlink, BEL, C1 CSI, a right-to-left override, a formula. */
const HOSTILE = '=HYPERLINK("http://x.example","ok")\u001b[31mred\u001b[2J\u001b]0;owned\u0007\u001b]8;;http://x.example\u001b\\link\u009b1m\u202egnp.exe\r\u0000';

const UNSAFE_RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminalSafe', () => {
  it('shows every control, C1 and bidi character as \\uXXXX and leaves text, tabs and line ends alone', () => {
    expect(terminalSafe('a\u001b[31mb')).toBe('a\\u001B[31mb');
    expect(terminalSafe('x\u202ey\u2066z\u200b')).toBe('x\\u202Ey\\u2066z\\u200B');
    expect(terminalSafe('\u009b\u007f\u0007')).toBe('\\u009B\\u007F\\u0007');
    expect(terminalSafe('lone\rreturn')).toBe('lone\\u000Dreturn');
    expect(terminalSafe('整改\t台账\r\nnext\n')).toBe('整改\t台账\r\nnext\n');
    expect(isTerminalSafe(terminalSafe(HOSTILE))).toBe(true);
    expect(isTerminalSafe(HOSTILE)).toBe(false);
  });

  it('keeps JSON parseable to the same strings (\\uXXXX is JSON\'s own escape)', () => {
    const json = JSON.stringify({ title: HOSTILE });
    expect(JSON.parse(terminalSafe(json))).toEqual({ title: HOSTILE });
  });

  it('is applied to everything written to stdout and stderr, tables and CSV included', async () => {
    let got = '';
    const sink = new Writable({ write: (c: Buffer, _e, done) => { got += c.toString('utf8'); done(); } });
    const columns = [{ header: 'title', cell: (r: { title: string }) => r.title }];
    await write(sink, renderTable(columns, [{ title: HOSTILE }]));
    await write(sink, renderCsv(columns, [{ title: HOSTILE }]));
    expect(got).not.toMatch(UNSAFE_RAW);
    expect(got).toContain('\\u001B[2J');
    expect(got).toContain('\\u202E');
  });
});

describe('CSV formula guard', () => {
  it('is on by default for text and never touches numbers', () => {
    expect(toCsv(['t', 'n'], [['=1+1', -3], ['+x', 4n], ['@SUM(A1)', 0], ['-y', 1.5]])).toBe("t,n\r\n'=1+1,-3\r\n'+x,4\r\n'@SUM(A1),0\r\n'-y,1.5\r\n");
    expect(toCsv(undefined, [['=1+1']], { guardFormulas: false })).toBe('=1+1\r\n');
  });
});

describe('the program fed hostile text through the ordinary API', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const stream = 't/1';

  beforeAll(async () => {
    requireBuilt();
    const { openSqliteStore } = (await import(BUILT_SQLITE)) as { openSqliteStore: typeof OpenSqliteStore };
    const store = await unwrap(openSqliteStore({ path: dir.file('hostile.db') }));
    const at = '2019-06-01T08:00:00.000Z';
    const r = await store.append(stream, [{
      eventId: randomUUID(), type: 'NoteTaken', schemaVersion: 1, data: { title: HOSTILE },
      metadata: { actor: { id: `clerk${HOSTILE}`, posts: ['clerk'], unit: HOSTILE }, reason: HOSTILE, correlationId: 'c-1', causationId: 'c-1', recordedAt: at, effectiveAt: at },
    }], 'no_stream')();
    await store.close();
    if (r._tag === 'Left') throw new Error(r.left.message);
  });

  for (const format of ['table', 'csv', 'json'] as const) {
    it(`audit timeline --format ${format} prints no raw control or bidi character`, () => {
      const r = cli(['audit', 'timeline', '--store', 'sqlite:hostile.db', '--stream', stream, '--format', format], { cwd: dir.dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(UNSAFE_RAW);
      expect(r.stdout).toMatch(/\\u001b\]0;owned/i);
      if (format === 'csv') expect(r.stdout).toContain(`,"'=HYPERLINK(`);
      if (format === 'json') expect((JSON.parse(r.stdout) as { reason?: string }[])[0]?.reason).toBe(HOSTILE);
    });
  }

  it('escapes user text echoed in an error message', () => {
    const r = cli(['audit', 'timeline', '--store', `sqlite:${HOSTILE.replace('\u0000', '')}.db`, '--stream', stream], { cwd: dir.dir });
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(UNSAFE_RAW);
  });
});
