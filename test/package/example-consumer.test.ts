/**
 * examples/consumer as its README says to use it: a copy of the project (outside any other
 * `node_modules`) gets the packed tarball, TypeScript and Node's types from `npm install`, compiles
 * with its own `tsc` under its strict `nodenext` tsconfig (no `skipLibCheck`), and runs the tour
 * with Node. The tarball is the one test/package/pack.ts packs once per build; the install takes
 * what it can from npm's cache (`--prefer-offline`), leaves out optional dependencies (the tour
 * opens no SQLite file) and runs no install scripts.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { node, packed, root, tsc, type Packed } from './pack';

const example = join(root, 'examples', 'consumer');
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

let p: Packed;
let dir: string;
beforeAll(async () => {
  p = await packed();
  // Beside the unpacked package (not below it), so only the project's own node_modules resolves.
  dir = join(dirname(p.home), 'example-consumer');
  rmSync(dir, { recursive: true, force: true });
  cpSync(example, dir, { recursive: true, filter: (src) => !/[/\\](node_modules|out)$|package-lock\.json$/.test(src) });
  const manifest = read<{ dependencies: Record<string, string> }>(join(dir, 'package.json'));
  manifest.dependencies['campaign-ledger'] = `file:${p.tarball}`;
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=optional', '--ignore-scripts', '--loglevel=error'], {
    cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}, 300_000);

describe('examples/consumer', () => {
  it('is a strict nodenext project without skipLibCheck that depends on the package', () => {
    const { compilerOptions } = read<{ compilerOptions: Record<string, unknown> }>(join(example, 'tsconfig.json'));
    expect(compilerOptions).toMatchObject({ module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: false });
    expect(read<{ type: string }>(join(example, 'package.json')).type).toBe('module');
    expect(Object.keys(read<{ dependencies: object }>(join(example, 'package.json')).dependencies)).toEqual(['campaign-ledger']);
  });

  it('installs the packed package, its code and declarations', () => {
    const installed = join(dir, 'node_modules', 'campaign-ledger');
    expect(read<{ version: string }>(join(installed, 'package.json')).version).toBe(read<{ version: string }>(join(root, 'package.json')).version);
    expect(readFileSync(join(installed, 'dist', 'index.d.ts'), 'utf8')).toContain('createCampaignLedger');
  });

  it('compiles with its own TypeScript and runs the README tour', { timeout: 180_000 }, () => {
    expect(tsc(dir, ['-p', '.'], join(dir, 'node_modules', 'typescript', 'bin', 'tsc'))).toBe('');
    const summary = JSON.parse(node(dir, ['out/tour.js'])) as { closed: string; treeSize: number; rootHash: string };
    expect(summary.closed).toBe('closed');
    expect(summary.treeSize).toBeGreaterThan(0);
    expect(summary.rootHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
