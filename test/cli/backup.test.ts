/** `backup` on the built program: an online copy that verifies with the same digest. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, requireBuilt, tempDir } from './helpers';
import { seedTrail } from './seed';

const dir = tempDir();
afterAll(() => dir.remove());
const run = (...args: string[]) => cli(args, { cwd: dir.dir });
const root = (name: string) => (JSON.parse(readFileSync(dir.file(name), 'utf8')) as { rootHash: string }).rootHash;

beforeAll(async () => {
  requireBuilt();
  await seedTrail(dir.file('live.db'), 2, 5);
});

describe('backup', () => {
  it('copies a SQLite store; the copy verifies and has the same digest root', () => {
    const r = run('backup', '--store', 'sqlite:live.db', '--out', 'copy.db');
    expect(r.code).toBe(0);
    expect(run('audit', 'verify', '--store', 'sqlite:copy.db').code).toBe(0);
    expect(run('audit', 'digest', '--store', 'sqlite:live.db', '--out', 'a.json').code).toBe(0);
    expect(run('audit', 'digest', '--store', 'sqlite:copy.db', '--out', 'b.json').code).toBe(0);
    expect(root('b.json')).toBe(root('a.json'));
  });

  it('will not overwrite a file unless --force, nor back up anything but SQLite (exit 2)', () => {
    const exists = run('backup', '--store', 'sqlite:live.db', '--out', 'copy.db');
    expect(exists.code).toBe(2);
    expect(exists.stderr).toMatch(/exists; pass --force/);
    expect(run('backup', '--store', 'sqlite:live.db', '--out', 'copy.db', '--force').code).toBe(0);
    const memory = run('backup', '--store', 'memory', '--out', 'm.db');
    expect(memory.code).toBe(2);
  });
});
