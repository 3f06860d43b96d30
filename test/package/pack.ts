/**
 * The packed package, as a user receives it: `npm pack` of the built tree, unpacked into the
 * `node_modules` of a fresh directory next to the dependencies the package declares. Packing and
 * installing happen once per build: the work directory is keyed by a hash of `package.json` and of
 * every file it ships, and a lock directory makes concurrent test files wait for the first one.
 *
 * Dependencies are linked from the repository's own `node_modules` (the versions the lock file
 * pins), so installing needs no network; only what `package.json` declares (dependencies, optional
 * and peer dependencies, with their `@types/` packages) is linked, plus the consumer's own tools
 * (TypeScript, Node's types). {@link packedWithout} installs it again without some optional peers
 * (the EventStoreDB clients), as a user who never opens that store has it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository root. */
export const root = new URL('../../', import.meta.url).pathname;

interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

/** Optional peers a plain install leaves out (their entry points must load and type-check without them). */
export const absentPeers: readonly string[] = [];

/** Tools a consumer project brings itself. */
const consumerTools = ['typescript', '@types/node'];

/** The unpacked package and the directory whose `node_modules` holds it. */
export interface Packed {
  /** The tarball `npm pack` wrote. */
  readonly tarball: string;
  /** The files in the tarball, relative to the package root (`dist/index.js`, …). */
  readonly files: readonly string[];
  /** Size of the tarball in bytes. */
  readonly size: number;
  /** A directory with `node_modules/campaign-ledger` and its dependencies; consumers live below it. */
  readonly home: string;
}

/** A hash of `package.json` and of every file it ships (names, sizes, modification times). */
const buildKey = (): string => {
  const manifest = readFileSync(join(root, 'package.json'));
  const hash = createHash('sha256').update(manifest);
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const shipped = (JSON.parse(manifest.toString('utf8')) as { files: string[] }).files;
  for (const entry of shipped) {
    const path = join(root, entry);
    if (!existsSync(path)) continue;
    const files = statSync(path).isDirectory()
      ? (readdirSync(path, { recursive: true }) as string[]).sort().map((f) => join(entry, f))
      : [entry];
    for (const f of files) {
      const s = statSync(join(root, f));
      if (s.isFile()) hash.update(`${f}\0${s.size}\0${s.mtimeMs}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const link = (home: string, name: string) => {
  const from = join(root, 'node_modules', name);
  if (!existsSync(from)) return;
  const to = join(home, 'node_modules', name);
  mkdirSync(dirname(to), { recursive: true });
  if (!existsSync(to)) symlinkSync(from, to, 'dir');
};

/**
 * Unpacks the tarball into `home/node_modules/campaign-ledger` and links the dependencies it
 * declares, except `absent` ones.
 */
const install = (tarball: string, home: string, absent: readonly string[]): void => {
  const target = join(home, 'node_modules', 'campaign-ledger');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as Manifest;
  const declared = [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ].filter((d) => !absent.includes(d));
  // A user of an untyped dependency installs its types too (`pg` and `@types/pg`).
  const types = declared.map((d) => `@types/${d.startsWith('@') ? d.slice(1).replace('/', '__') : d}`);
  for (const d of [...declared, ...types, ...consumerTools]) link(home, d);
  writeFileSync(join(home, 'package.json'), '{ "name": "consumers", "private": true }\n');
};

const pack = (work: string): Packed => {
  // `npm test` has built dist/ already; the prepack script (which builds) is checked on its own.
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(out) as [{ filename: string; size: number; files: { path: string }[] }];
  const tarball = join(work, info.filename);
  const home = join(work, 'home');
  install(tarball, home, absentPeers);
  return { tarball, files: info.files.map((f) => f.path).sort(), size: info.size, home };
};

/**
 * The packed package installed without the optional peers `absent` (a user who installs only one
 * EventStoreDB client, or none), beside the full install; returns the {@link Packed} of it. Made
 * afresh on each call, under a name of its own, so test files running at once do not share it.
 */
export const packedWithout = (p: Packed, name: string, absent: readonly string[]): Packed => {
  const home = join(dirname(p.home), `home-${name}`);
  rmSync(home, { recursive: true, force: true });
  install(p.tarball, home, [...absentPeers, ...absent]);
  return { ...p, home };
};

/**
 * Packs and installs the built package once per build (later calls, from any test file, reuse it).
 */
export const packed = async (): Promise<Packed> => {
  const work = join(tmpdir(), `campaign-ledger-pack-${buildKey()}`);
  const done = join(work, 'packed.json');
  const lock = join(tmpdir(), `campaign-ledger-pack-${buildKey()}.lock`);
  for (let waited = 0; !existsSync(done); waited += 200) {
    try {
      mkdirSync(lock);
    } catch {
      if (waited > 180_000) throw new Error(`gave up waiting for ${lock}`);
      await sleep(200);
      continue;
    }
    try {
      if (!existsSync(done)) {
        rmSync(work, { recursive: true, force: true });
        mkdirSync(work, { recursive: true });
        writeFileSync(done + '.tmp', JSON.stringify(pack(work)));
        cpSync(done + '.tmp', done);
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return JSON.parse(readFileSync(done, 'utf8')) as Packed;
};

/** A consumer project's files: path (relative to the project) → contents. */
export type ProjectFiles = Readonly<Record<string, string>>;

/**
 * Writes a consumer project below the install (so it resolves `campaign-ledger` and its
 * dependencies from there) and returns its directory. An existing project of that name is replaced.
 */
export const consumer = (p: Packed, name: string, files: ProjectFiles): string => {
  const dir = join(p.home, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
};

/**
 * Runs a TypeScript compiler (the repository's, or the `tsc` script at `bin`) in the consumer's
 * directory; returns its output (empty when it compiles cleanly).
 */
export const tsc = (dir: string, args: readonly string[] = ['-p', '.'], bin = join(root, 'node_modules', 'typescript', 'bin', 'tsc')): string => {
  try {
    return execFileSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}`.trim() || String(e);
  }
};

/** Runs a script with Node in the consumer's directory and returns its standard output. */
export const node = (dir: string, args: readonly string[]): string =>
  execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
