/** `audit export`, `audit verify --file`, `audit import` and `audit timeline` on the built program. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, requireBuilt, tempDir } from './helpers';
import { seedTrail } from './seed';

const dir = tempDir();
afterAll(() => dir.remove());
const run = (...args: string[]) => cli(args, { cwd: dir.dir });
const json = <T>(name: string): T => JSON.parse(readFileSync(dir.file(name), 'utf8')) as T;

beforeAll(async () => {
  requireBuilt();
  await seedTrail(dir.file('src.db'), 3, 4);
});

describe('audit export and import', () => {
  it('exports, imports into a new file, and the copy verifies with the same digest root', () => {
    const exported = run('audit', 'export', '--store', 'sqlite:src.db', '--out', 'trail.jsonl', '--digest-out', 'export-digest.json');
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^exported 12 events to trail\.jsonl/);
    const lines = readFileSync(dir.file('trail.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(12);

    expect(run('audit', 'verify', '--file', 'trail.jsonl', '--against', 'export-digest.json').code).toBe(0);
    const imported = run('audit', 'import', '--file', 'trail.jsonl', '--store', 'sqlite:copy.db', '--against', 'export-digest.json');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^imported 12 events in 3 streams/);

    const verified = run('audit', 'verify', '--store', 'sqlite:copy.db', '--against', 'export-digest.json');
    expect(verified.code).toBe(0);
    expect(run('audit', 'digest', '--store', 'sqlite:src.db', '--out', 'a.json').code).toBe(0);
    expect(run('audit', 'digest', '--store', 'sqlite:copy.db', '--out', 'b.json').code).toBe(0);
    expect(json<{ rootHash: string }>('b.json').rootHash).toBe(json<{ rootHash: string }>('a.json').rootHash);
    expect(json<{ rootHash: string }>('a.json').rootHash).toBe(json<{ rootHash: string }>('export-digest.json').rootHash);
  });

  it('refuses to import into a store that already has events (exit 2), leaving it unchanged', () => {
    const r = run('audit', 'import', '--file', 'trail.jsonl', '--store', 'sqlite:copy.db');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds events/);
    expect(run('audit', 'verify', '--store', 'sqlite:copy.db', '--format', 'json').stdout).toContain('"events": 12');
  });

  it('finds an edited line offline (exit 1, naming the line) and will not import it, creating no store', () => {
    const lines = readFileSync(dir.file('trail.jsonl'), 'utf8').split('\n');
    lines[6] = (lines[6] ?? '').replace('"text":"note', '"text":"NOTE');
    writeFileSync(dir.file('edited.jsonl'), lines.join('\n'));
    const verified = run('audit', 'verify', '--file', 'edited.jsonl');
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/First failure: hash_mismatch at stream "t\/0", revision 2, position 7, line 7/);
    const imported = run('audit', 'import', '--file', 'edited.jsonl', '--store', 'sqlite:never.db');
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/was not imported: it failed verification/);
    expect(existsSync(dir.file('never.db'))).toBe(false);
  });

  it('finds a removed last line only against the older digest', () => {
    const lines = readFileSync(dir.file('trail.jsonl'), 'utf8').trimEnd().split('\n');
    writeFileSync(dir.file('short.jsonl'), `${lines.slice(0, -1).join('\n')}\n`);
    expect(run('audit', 'verify', '--file', 'short.jsonl').code).toBe(0);
    const r = run('audit', 'verify', '--file', 'short.jsonl', '--against', 'export-digest.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/missing_events/);
  });
});

describe('audit timeline', () => {
  it('lists one stream in order, as a table, JSON and CSV', () => {
    const table = run('audit', 'timeline', '--store', 'sqlite:src.db', '--stream', 't/1');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').filter((l) => l.includes('NoteTaken'))).toHaveLength(4);
    const entries = JSON.parse(run('audit', 'timeline', '--store', 'sqlite:src.db', '--stream', 't/1', '--format', 'json').stdout) as { revision: string; data: { n: number } }[];
    expect(entries.map((e) => e.revision)).toEqual(['0', '1', '2', '3']);
    expect(entries.map((e) => e.data.n)).toEqual([0, 1, 2, 3]);
    const csv = run('audit', 'timeline', '--store', 'sqlite:src.db', '--correlation', 'c-2', '--format', 'csv').stdout;
    expect(csv.split('\r\n')[0]).toMatch(/^position,streamId,revision,eventId,type,actor/);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(5);
  });

  it('needs exactly one selector', () => {
    const r = run('audit', 'timeline', '--store', 'sqlite:src.db', '--stream', 't/1', '--actor', 'clerk-1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exactly one of --stream, --actor or --correlation/);
  });
});
