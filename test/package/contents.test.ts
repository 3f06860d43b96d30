/**
 * What `npm pack` ships: the built code for every entry point, and every document the shipped
 * documents link to. Packing from a clean checkout builds first (the `prepack` script); the tarball
 * checked here is packed from the tree `npm test` has just built.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packed, root, type Packed } from './pack';

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  exports: Record<string, unknown>;
  bin?: Record<string, string>;
};

let p: Packed;
beforeAll(async () => {
  p = await packed();
}, 180_000);

describe('the package contents', () => {
  it('builds before packing, so a clean checkout packs the code too', () => {
    expect(manifest.scripts.prepack).toBe('npm run build');
    expect(manifest.scripts.build).toContain('tsup');
    expect(manifest.scripts.build).toContain('scripts/declarations.mjs');
  });

  it('ships every file the exports map and the bin name', () => {
    const targets: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') targets.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(manifest.exports);
    walk(manifest.bin ?? {});
    for (const t of targets) expect(p.files, t).toContain(normalize(t));
  });

  it('ships every document the README and the shipped documents link to', () => {
    const docs = p.files.filter((f) => f.endsWith('.md'));
    expect(docs).toContain('README.md');
    const missing: string[] = [];
    for (const doc of docs) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const [, href] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (href === undefined || /^[a-z]+:/i.test(href) || href.startsWith('#')) continue;
        const target = normalize(join(dirname(doc), href.split('#')[0] ?? ''));
        if (!p.files.includes(target) && !p.files.some((f) => f.startsWith(`${target}/`))) missing.push(`${doc} → ${href}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('ships no sources, tests, generated API reference or build leftovers', () => {
    const stray = p.files.filter((f) => /^(src|test|bench|examples|scripts|docs\/api)\//.test(f) || f.includes('node_modules'));
    expect(stray).toEqual([]);
  });
});
