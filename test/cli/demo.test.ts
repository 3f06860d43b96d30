/** `demo`, `dashboard` and `ledger` on the built program, on temp SQLite files. */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, requireBuilt, tempDir } from './helpers';

const dir = tempDir();
afterAll(() => dir.remove());
const run = (...args: string[]) => cli(args, { cwd: dir.dir });
const rootOf = (stdout: string) => /Digest: \d+ events, root ([0-9a-f]{64})/.exec(stdout)?.[1];
let first = '';

interface DashboardJson {
  asOf: { now: string };
  tasks: { total: number };
  problems: { total: number; closed: number; overdue: number; rectificationRate: number | null };
  accountability: { register: { grounds: string; sanction: string | null }[] };
}
const dashboardAt = (...extra: string[]): DashboardJson => {
  const r = run('dashboard', '--store', 'sqlite:demo.db', '--format', 'json', ...extra);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as DashboardJson;
};

beforeAll(() => {
  requireBuilt();
  const r = run('demo', '--store', 'sqlite:demo.db');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  first = r.stdout;
}, 180_000); // the city-sized demo on a SQLite file with full durability

describe('demo', () => {
  it('builds the campaign, prints the dashboard, verifies the trail, prints the digest and what to try next', () => {
    expect(first).toMatch(/^Built the demo campaign "demo-2019" \(seed 2019\): \d+ commands, [1-9]\d* events, \d+ problems/);
    expect(first).toContain('Rectification rate (closed / total)');
    expect(first).toMatch(/OK: \d+ events in \d+ streams verified\./);
    expect(rootOf(first)).toMatch(/^[0-9a-f]{64}$/);
    expect(first).toContain('campaign-ledger dashboard --store sqlite:demo.db --format json');
  });

  it('refuses a store that already has events (exit 2), and starts again with --fresh, giving the same digest', () => {
    const again = run('demo', '--store', 'sqlite:demo.db');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has events; pass --fresh/);
    const fresh = run('demo', '--store', 'sqlite:demo.db', '--fresh');
    expect(fresh.code).toBe(0);
    expect(rootOf(fresh.stdout)).toBe(rootOf(first));
  }, 180_000);

  it('gives the same digest on the memory store, and another one for another seed', () => {
    const memory = run('demo', '--store', 'memory');
    expect(memory.code).toBe(0);
    expect(rootOf(memory.stdout)).toBe(rootOf(first));
    expect(memory.stdout).toContain('The memory store is gone when this process ends');
    const other = run('demo', '--store', 'memory', '--seed', '7');
    expect(other.code).toBe(0);
    expect(rootOf(other.stdout)).not.toBe(rootOf(first));
  }, 180_000);

  it('refuses a bad seed, and --fresh on EventStoreDB in favour of a new namespace (exit 2)', () => {
    const bad = run('demo', '--store', 'sqlite:x.db', '--seed', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--seed must be a whole number/);
    expect(existsSync(dir.file('x.db'))).toBe(false);
    const esdb = run('demo', '--store', 'esdb://127.0.0.1:2113?tls=false', '--fresh');
    expect(esdb.code).toBe(2);
    expect(esdb.stderr).toMatch(/--fresh cannot delete events on EventStoreDB.*new namespace/);
  });
});

describe('dashboard', () => {
  it('has the figures the issue names, computed at the trail\'s last recorded time by default', () => {
    const d = dashboardAt();
    expect(d.asOf.now.startsWith('2020-01')).toBe(true); // the year-end summaries come in January
    expect(d.tasks.total).toBe(37);
    expect(d.problems.total).toBeGreaterThan(20);
    expect(d.problems.closed).toBeGreaterThan(0);
    expect(d.problems.overdue).toBeGreaterThan(0);
    expect(d.problems.rectificationRate).toBeCloseTo(d.problems.closed / d.problems.total, 10);
    expect(d.accountability.register.some((c) => c.grounds === 'falsification' && c.sanction === 'circulated_criticism')).toBe(true);
  });

  it('reads the same trail as of an earlier --now, and refuses a date that does not exist', () => {
    const july = dashboardAt('--now', '2019-07-01');
    expect(july.asOf.now).toBe('2019-07-01T15:59:59.999Z');
    expect(july.problems.closed).toBe(0);
    expect(july.problems.rectificationRate).toBe(0);
    const bad = run('dashboard', '--store', 'sqlite:demo.db', '--now', '2019-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--now "2019-02-30" is not a date/);
  });

  it('prints a table, and writes a self-contained HTML page', () => {
    const table = run('dashboard', '--store', 'sqlite:demo.db');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Tasks: 37 /m);
    const html = run('dashboard', '--store', 'sqlite:demo.db', '--format', 'html', '--out', 'dash.html');
    expect(html.code).toBe(0);
    const page = readFileSync(dir.file('dash.html'), 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    expect(page).not.toMatch(/<script/i);
  });
});

describe('ledger', () => {
  it('filters by colour and court, as JSON and CSV', () => {
    const d = dashboardAt();
    const red = JSON.parse(run('ledger', '--store', 'sqlite:demo.db', '--colour', 'red', '--format', 'json').stdout) as { count: number; rows: { colour: string }[] };
    expect(red.count).toBe(d.problems.overdue);
    expect(red.rows.every((r) => r.colour === 'red')).toBe(true);
    const csv = run('ledger', '--store', 'sqlite:demo.db', '--court', 'xc', '--format', 'csv', '--lang', 'en');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^ledgerNumber,problemId,courtId,/);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(1).every((l) => l.split(',')[2] === 'xc')).toBe(true);
  });

  it('refuses an unknown court, task or status (exit 2)', () => {
    for (const args of [['--court', 'nowhere'], ['--task', '99'], ['--status', 'lost']]) {
      const r = run('ledger', '--store', 'sqlite:demo.db', ...args);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});

describe('audit on the demo', () => {
  it('shows a problem as of a recorded time: closed before the spot check, open after it', () => {
    const problemId = /closure of (\S+), claimed/.exec(first)?.[1];
    expect(problemId).toBeDefined();
    const asOf = (at: string) => JSON.parse(run('audit', 'as-of', '--store', 'sqlite:demo.db', '--stream', `demo-2019/problem/${problemId}`, '--at', at, '--format', 'json').stdout) as { state: { status: string } };
    expect(asOf('2019-10-15').state.status).toBe('closed');
    expect(asOf('2019-12-31').state.status).toBe('open');
    const timeline = run('audit', 'timeline', '--store', 'sqlite:demo.db', '--stream', `demo-2019/problem/${problemId}`);
    expect(timeline.stdout).toContain('problem.reopened');
  });

  it('replays to a position, and by effective time lists what was recorded only later', () => {
    const stream = 'demo-2019/organization';
    const byPosition = JSON.parse(run('audit', 'as-of', '--store', 'sqlite:demo.db', '--stream', stream, '--position', '3', '--format', 'json').stdout) as { applied: number; lastPosition: string };
    expect(byPosition.applied).toBe(3);
    expect(byPosition.lastPosition).toBe('3');
    // dc's first self-inspection problem was found on 30 May and entered on 4 June (backdated).
    const effective = JSON.parse(run('audit', 'as-of', '--store', 'sqlite:demo.db', '--stream', 'demo-2019/problem/dc-P01', '--at', '2019-06-02', '--by', 'effective', '--format', 'json').stdout) as { applied: number; knownLater: unknown[] };
    expect(effective.applied).toBe(1);
    expect(effective.knownLater).toHaveLength(1);
    const both = run('audit', 'as-of', '--store', 'sqlite:demo.db', '--stream', stream, '--position', '3', '--at', '2019-06-01');
    expect(both.code).toBe(2);
    const notCampaign = run('audit', 'as-of', '--store', 'sqlite:demo.db', '--stream', 'elsewhere', '--position', '3');
    expect(notCampaign.code).toBe(2);
  });

  it('asks for a campaign that exists (exit 2)', () => {
    const r = run('dashboard', '--store', 'sqlite:demo.db', '--campaign', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no events of campaign "nope"/);
  });
});
