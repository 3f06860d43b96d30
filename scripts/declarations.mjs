#!/usr/bin/env node
/**
 * Runs after tsup. The declaration bundler writes inferred types with the specifier TypeScript
 * found them under (`fp-ts/lib/Either`), which a consumer compiling with `"module": "nodenext"`
 * cannot resolve (fp-ts 2 has no `exports` map, and ESM resolution adds no extension). Every
 * fp-ts specifier in the emitted `.d.ts`/`.d.cts` becomes the public module folder (`fp-ts/Either`),
 * which resolves under node16, nodenext and bundler, from ESM and CommonJS alike.
 *
 * Usage: `node scripts/declarations.mjs [dir]` (default `dist`). Exits non-zero if a declaration
 * still names a private path afterwards.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'dist';
const declaration = /\.d\.c?ts$/;
const privatePath = /(["'])fp-ts\/(?:lib|es6)\/([A-Za-z]+)(?:\.js)?\1/g;

const files = (await readdir(dir, { recursive: true })).filter((f) => declaration.test(f));
let changed = 0;
for (const f of files) {
  const path = join(dir, f);
  const text = await readFile(path, 'utf8');
  const next = text.replace(privatePath, '$1fp-ts/$2$1');
  if (next !== text) {
    await writeFile(path, next);
    changed += 1;
  }
}
const left = [];
for (const f of files) {
  const text = await readFile(join(dir, f), 'utf8');
  if (/["']fp-ts\/(?:lib|es6)\//.test(text)) left.push(f);
}
if (left.length > 0) {
  console.error(`declarations: private fp-ts paths remain in ${left.join(', ')}`);
  process.exit(1);
}
console.log(`declarations: ${files.length} files checked, ${changed} rewritten`);
