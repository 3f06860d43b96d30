/** Usage, help and the exit code of each class of failure, on the built program. */
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, requireBuilt, tempDir } from './helpers';

const dir = tempDir();
afterAll(() => dir.remove());
beforeAll(requireBuilt);
const run = (...args: string[]) => cli(args, { cwd: dir.dir });

const commandNames = (help: string): string[] => {
  const start = help.indexOf('Commands:\n');
  const block = help.slice(start + 'Commands:\n'.length).split('\n\n')[0] ?? '';
  return block.split('\n').map((l) => /^ {2}(\S+(?: [a-z-]+)?)\s{2,}/.exec(l)?.[1]).filter((x): x is string => x !== undefined);
};

describe('help', () => {
  it('lists the commands and the exit codes with no arguments and with --help', () => {
    for (const r of [run(), run('--help')]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: campaign-ledger COMMAND');
      expect(r.stdout).toContain('Exit codes: 0 ok, 1 a verification failed, 2 bad usage or bad input, 3 the store is unavailable');
      expect(commandNames(r.stdout)).toContain('audit verify');
    }
  });

  it('answers --help for every command, with its synopsis and options, and writes nothing to stderr', () => {
    const names = commandNames(run('--help').stdout);
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) {
      const r = run(...name.split(' '), '--help');
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toContain(`Usage: campaign-ledger ${name}`);
      expect(r.stdout, name).toContain('-h, --help');
      expect(r.stderr, name).toBe('');
    }
  });

  it('lists the subcommands of a group', () => {
    const r = run('audit');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('audit verify');
  });
});

describe('bad usage exits 2 with a one-line reason and the help hint', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['an unknown subcommand', ['audit', 'frob'], /unknown command "audit frob"/],
    ['an unknown option', ['audit', 'verify', '--store', 'sqlite:x.db', '--bogus'], /Unknown option '--bogus'/],
    ['a missing option value', ['audit', 'verify', '--store'], /--store/],
    ['a stray argument', ['audit', 'verify', 'extra'], /unexpected argument "extra"/],
    ['a store that is no store', ['audit', 'verify', '--store', 'mysql://x'], /is not a store; expected sqlite:PATH/],
    ['sqlite: without a path', ['audit', 'verify', '--store', 'sqlite:'], /needs a file path/],
    ['both --store and --file', ['audit', 'verify', '--store', 'sqlite:x.db', '--file', 'x.jsonl'], /exactly one of --store or --file/],
    ['memory outside the demo', ['audit', 'verify', '--store', 'memory'], /keeps nothing between runs/],
    ['a bad --format', ['audit', 'verify', '--store', 'sqlite:x.db', '--format', 'xml'], /--format must be one of text, json/],
  ];
  for (const [what, args, reason] of cases) {
    it(what, () => {
      const r = run(...args);
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^campaign-ledger: /);
      expect(lines[0]).toMatch(reason);
      expect(lines[1]).toMatch(/^Run 'campaign-ledger .*--help' for usage\.$/);
      expect(r.stdout).toBe('');
    });
  }
});

describe('an unavailable store exits 3', () => {
  const hook = fileURLToPath(new URL('./fixtures/hide-modules.mjs', import.meta.url));

  it('names a SQLite file that does not exist, and does not create it', () => {
    const r = run('audit', 'verify', '--store', 'sqlite:missing.db');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/missing\.db does not exist/);
    expect(existsSync(dir.file('missing.db'))).toBe(false);
  });

  it('says how to install better-sqlite3 when the driver is missing', () => {
    writeFileSync(dir.file('any.db'), ''); // an empty file is an empty SQLite database
    const r = cli(['backup', '--store', 'sqlite:any.db', '--out', 'copy.db'], { cwd: dir.dir, nodeArgs: ['--import', hook], env: { HIDE_MODULES: 'better-sqlite3' } });
    expect(r.stderr).toMatch(/better-sqlite3.*not installed.*npm install better-sqlite3@12/);
    expect(r.code).toBe(3);
  });

  it('says how to install an EventStoreDB client when neither is installed, and uses the one that is', () => {
    const neither = cli(['audit', 'verify', '--store', 'esdb://127.0.0.1:2113?tls=false'], {
      cwd: dir.dir, nodeArgs: ['--import', hook], env: { HIDE_MODULES: '@eventstore/db-client,@kurrent/kurrentdb-client' },
    });
    expect(neither.stderr).toMatch(/is not installed.*npm install @(eventstore\/db-client@6\.2\.1|kurrent\/kurrentdb-client@1)/);
    expect(neither.code).toBe(3);
    // Without @eventstore/db-client, KurrentDB's client drives esdb:// (no server here: unreachable).
    const kurrent = cli(['audit', 'verify', '--store', 'esdb://127.0.0.1:1?tls=false'], { cwd: dir.dir, nodeArgs: ['--import', hook], env: { HIDE_MODULES: '@eventstore/db-client' } });
    expect(kurrent.stderr).toMatch(/cannot reach the server at 127\.0\.0\.1:1/);
    expect(kurrent.code).toBe(3);
  });
});

describe('a file that is not a trail exits 2', () => {
  it('reports a file that is not a database (bad input, not an unreachable store)', () => {
    writeFileSync(dir.file('junk.db'), 'this is not a SQLite database, just some text long enough to have a header'.repeat(20));
    const r = run('audit', 'verify', '--store', 'sqlite:junk.db');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/junk\.db is not a campaign-ledger trail/);
  });
});
