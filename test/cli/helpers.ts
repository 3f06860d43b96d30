/**
 * Helpers of the command tests: they run the BUILT program (`node dist/cli/main.js`, made by
 * `npm run build`; `npm test` builds first) as a child process, in temp directories.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built program. */
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
/** The built SQLite adapter (for seeding stores through the public entry). */
export const BUILT_SQLITE = fileURLToPath(new URL('../../dist/adapters/sqlite/index.js', import.meta.url));

/** Throws a clear error when the program has not been built. */
export const requireBuilt = (): void => {
  for (const f of [CLI, BUILT_SQLITE]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` first (npm test does it)`);
  }
};

/** What a run of the program did. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built program with `args` in `cwd`. */
export const cli = (args: readonly string[], options: { cwd: string; env?: Record<string, string>; nodeArgs?: readonly string[] }): RunResult => {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** A fresh temp directory and its removal. */
export const tempDir = (): { dir: string; file: (name: string) => string; remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
};

/**
 * Runs the built program without blocking this process (needed when this process serves the
 * store, e.g. the in-process EventStoreDB-protocol test server).
 */
export const cliAsync = (args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<RunResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
