/**
 * The root of the package is small and deliberate: its runtime exports are exactly the names the
 * tables of docs/api.md list (so adding one means documenting it), at most 120 of them, and every
 * entry point of the `exports` map is described there. Reads the built package (`npm test` builds).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './pack';

const api = readFileSync(join(root, 'docs/api.md'), 'utf8');
const section = (title: string): string => {
  const start = api.indexOf(`\n## ${title}`);
  if (start < 0) throw new Error(`docs/api.md has no section "${title}"`);
  const end = api.indexOf('\n## ', start + 1);
  return api.slice(start, end < 0 ? undefined : end);
};
/** Names in the first column of the tables of a section. */
const tableNames = (text: string): string[] =>
  [...text.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1] ?? '').sort();

describe('the package root', () => {
  it('exports at run time exactly what docs/api.md lists, at most 120 names', async () => {
    const names = Object.keys(await import(join(root, 'dist/index.js'))).sort();
    expect(names).toEqual(tableNames(section('The root: `campaign-ledger`')));
    expect(names.length).toBeLessThanOrEqual(120);
  });

  it('keeps internals out of the root (they are in the subpaths)', async () => {
    const load = async (entry: string) => Object.keys(await import(join(root, `dist/${entry}.js`)));
    const rootNames = await load('index');
    const subpaths = (await Promise.all(['kernel/index', 'readmodels/index', 'audit/index', 'dashboard/index', 'plans/index'].map(load))).flat();
    for (const internal of ['createCommandHandler', 'decideProblem', 'pmGet', 'merkleRoot', 'renderDashboardHtml', 'managementYearPlan']) {
      expect(rootNames, internal).not.toContain(internal);
      expect(subpaths, internal).toContain(internal);
    }
  });

  it('describes every entry point of the exports map in docs/api.md', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const entries = Object.keys(pkg.exports)
      .filter((k) => k !== './package.json')
      .map((k) => (k === '.' ? 'campaign-ledger' : `campaign-ledger/${k.slice(2)}`))
      .sort();
    expect(tableNames(api.slice(0, api.indexOf('\n## ')))).toEqual(entries);
  });
});
