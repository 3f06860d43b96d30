/**
 * `npm run lint:package`: the packed package as a user receives it, checked by publint (the
 * `package.json`, the exports map and the files it points to) and by Are the Types Wrong (the
 * declarations every resolution mode finds). `npm pack` runs once, into a temporary directory, and
 * both tools read that tarball; a tarball given as the first argument is used instead. `dist/` must
 * be built (the pack skips `prepack`, which builds, to keep CI from building twice).
 *
 * Are the Types Wrong must report nothing for `node16` (from CommonJS and from ESM) and `bundler`.
 * Two findings are accepted, and only these:
 * - `node10` cannot resolve subpaths: that mode predates the `exports` map and ignores it. The
 *   package needs Node 20 or later (`engines`), whose resolution (and TypeScript's `node16`,
 *   `nodenext` and `bundler`) honours `exports`; under `node10` the root still resolves.
 * - `campaign-ledger/testing` has no CommonJS form: it is ESM-only because vitest, which it runs
 *   on, is ESM-only. `require` of it failing is the intended answer.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Entry points that are ESM-only on purpose. */
const esmOnly = new Set(['./testing']);

/** Whether an Are-the-Types-Wrong problem is one of the two accepted above. */
const accepted = (p) =>
  p.resolutionKind === 'node10' ||
  (p.kind === 'NoResolution' && p.resolutionKind === 'node16-cjs' && esmOnly.has(p.entrypoint));

const run = (cmd, args) => {
  try {
    return { ok: true, out: execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 }) };
  } catch (e) {
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` || String(e) };
  }
};

if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'campaign-ledger-lint-'));
let failed = false;
try {
  let tarball = process.argv[2];
  if (tarball === undefined) {
    const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
    tarball = join(work, JSON.parse(out)[0].filename);
  }

  const publint = run(bin('publint'), ['run', tarball, '--strict']);
  process.stdout.write(publint.out);
  if (!publint.ok) {
    console.error('publint: the package has problems (above)');
    failed = true;
  }

  // Are the Types Wrong exits non-zero on any problem; its JSON report says which. The report goes
  // to a file: attw exits as soon as it has written, and a pipe loses what was not yet flushed.
  const reportFile = join(work, 'attw.json');
  const fd = openSync(reportFile, 'w');
  let attwErr = '';
  try {
    execFileSync(bin('attw'), [tarball, '--format', 'json'], { cwd: root, stdio: ['ignore', fd, 'pipe'] });
  } catch (e) {
    attwErr = String(e.stderr ?? '');
  } finally {
    closeSync(fd);
  }
  let report;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch {
    console.error(`attw: no report\n${attwErr}`);
    process.exit(1);
  }
  const problems = report.analysis?.problems ?? report.problems ?? [];
  const refused = problems.filter((p) => !accepted(p));
  const entries = Object.keys(report.analysis?.entrypoints ?? {}).length;
  if (refused.length > 0) {
    console.error('attw: problems with the declarations:');
    for (const p of refused) console.error(`  ${p.kind} ${p.entrypoint ?? ''} (${p.resolutionKind ?? 'any mode'})`);
    failed = true;
  } else {
    console.log(`attw: ${entries} entry points clean for node16 (CommonJS and ESM) and bundler; ` +
      `${problems.length} accepted (node10 subpaths, require of the ESM-only /testing)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
