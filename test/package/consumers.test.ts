/**
 * The packed package in fresh consumer projects, compiled the strict way and WITHOUT `skipLibCheck`
 * (so every shipped declaration is checked): ESM under `nodenext`, CommonJS under `node16`, and a
 * bundler project. Each imports every entry point of the `exports` map (the README's tour, in a
 * project installed with npm, is test/package/example-consumer.test.ts). With `skipLibCheck`, where an unresolvable declaration would
 * silently become `any`, the compiler is asked directly that no export, parameter or result is `any`. `npm test` builds first; the package is packed once per build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { anyExports, declaredValues } from './any-exports';
import { consumer, node, packed, root, tsc, type Packed } from './pack';

interface ExportsMap { readonly [entry: string]: string | { readonly [condition: string]: unknown } }
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: ExportsMap };

/** Entry points (`campaign-ledger`, `campaign-ledger/adapters/memory`, …) and whether CommonJS may require them. */
const entries = Object.entries(manifest.exports)
  .filter(([path]) => path !== './package.json')
  .map(([path, target]) => ({
    specifier: path === '.' ? 'campaign-ledger' : `campaign-ledger/${path.slice(2)}`,
    require: typeof target === 'object' && 'require' in target,
  }));

/** A module importing every entry point (CommonJS: those it may require). */
const everyEntry = (forCommonJs: boolean): string => {
  const used = entries.filter((e) => !forCommonJs || e.require);
  return [
    ...used.map((e, i) => `import * as entry${i} from '${e.specifier}';`),
    `export const loaded = [${used.map((_, i) => `entry${i}`).join(', ')}].length;`,
    '',
  ].join('\n');
};

const strict = { strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: false, types: ['node'], lib: ['ES2022'], target: 'ES2022' };
const tsconfig = (options: Record<string, unknown>) => JSON.stringify({ compilerOptions: { ...strict, ...options }, include: ['src'] }, null, 2);

let p: Packed;
beforeAll(async () => {
  p = await packed();
}, 180_000);

/** Compiling a project against the full declarations takes a while on a busy machine. */
const compile = { timeout: 180_000 };

describe('the packed package in a consumer project', () => {
  it('compiles and loads every entry point in a strict ESM project (nodenext, no skipLibCheck)', compile, () => {
    const dir = consumer(p, 'esm-nodenext', {
      'package.json': JSON.stringify({ name: 'esm-consumer', private: true, type: 'module' }),
      'tsconfig.json': tsconfig({ module: 'nodenext', moduleResolution: 'nodenext', outDir: 'out', rootDir: 'src' }),
      'src/entries.ts': everyEntry(false),
    });
    expect(tsc(dir)).toBe('');
    expect(node(dir, ['out/entries.js'])).toBe('');
  });

  it('compiles in a strict CommonJS project (node16), for every entry CommonJS may require', compile, () => {
    const dir = consumer(p, 'cjs-node16', {
      'package.json': JSON.stringify({ name: 'cjs-consumer', private: true, type: 'commonjs' }),
      'tsconfig.json': tsconfig({ module: 'node16', moduleResolution: 'node16', outDir: 'out', rootDir: 'src' }),
      'src/entries.ts': everyEntry(true),
    });
    expect(tsc(dir)).toBe('');
    expect(node(dir, ['-e', `console.log(require('./out/entries.js').loaded)`])).toBe(String(entries.filter((e) => e.require).length));
  });

  it('compiles in a bundler project', compile, () => {
    const dir = consumer(p, 'bundler', {
      'package.json': JSON.stringify({ name: 'bundler-consumer', private: true, type: 'module' }),
      'tsconfig.json': tsconfig({ module: 'esnext', moduleResolution: 'bundler', noEmit: true }),
      'src/entries.ts': everyEntry(false),
    });
    expect(tsc(dir)).toBe('');
  });

  it('keeps every export typed even with skipLibCheck (no declaration silently turns into any)', compile, () => {
    const dir = consumer(p, 'esm-skiplibcheck', {
      'package.json': JSON.stringify({ name: 'skip-consumer', private: true, type: 'module' }),
      'tsconfig.json': tsconfig({ module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: true, noEmit: true }),
      'src/entries.ts': everyEntry(false),
    });
    expect(anyExports(dir, 'src/entries.ts')).toEqual([]);
  });

  it('declares exactly the values each entry point exports at run time (no import compiles to undefined)', compile, () => {
    const dir = consumer(p, 'esm-values', {
      'package.json': JSON.stringify({ name: 'values-consumer', private: true, type: 'module' }),
      'tsconfig.json': tsconfig({ module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: true, noEmit: true }),
      'src/entries.ts': everyEntry(false),
      'runtime.mjs': [
        `const names = {};`,
        ...entries.map((e) => `names['${e.specifier}'] = Object.keys(await import('${e.specifier}')).sort();`),
        `console.log(JSON.stringify(names));`,
      ].join('\n'),
    });
    const runtime = JSON.parse(node(dir, ['runtime.mjs'])) as Record<string, string[]>;
    expect(declaredValues(dir, 'src/entries.ts')).toEqual(runtime);
  });
});
