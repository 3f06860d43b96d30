/**
 * Code samples in the docs are taken from code that runs in tests: a block preceded by
 * `<!-- snippet: PATH -->` must appear verbatim in PATH (a file that the test suite runs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const docs = ['README.md', ...readdirSync(`${root}docs`).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const SNIPPET = /<!-- snippet: (\S+) -->\s*```\w*\n([\s\S]*?)```/g;

describe('doc snippets', () => {
  const found: [string, string, string][] = [];
  for (const doc of docs) {
    for (const m of readFileSync(`${root}${doc}`, 'utf8').matchAll(SNIPPET)) found.push([doc, m[1]!, m[2]!]);
  }
  it('there are snippets to check', () => expect(found.length).toBeGreaterThan(0));
  it.each(found)('%s: the sample from %s is in that file', (_doc, path, code) => {
    // Indentation may differ (a sample is dedented); every line must match, in order.
    const norm = (text: string) => text.replace(/\r\n/g, '\n').split('\n').map((l) => l.trim()).join('\n');
    expect(norm(readFileSync(`${root}${path}`, 'utf8'))).toContain(norm(code).trim());
  });
});
