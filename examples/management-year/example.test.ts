/** The example runs from the built package and prints what its README promises. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./run.mjs', import.meta.url));
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ledger-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/management-year', () => {
  it('builds the demo, reads it through the library, verifies it and checks a proof', () => {
    if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run `npm run build` first (npm test does it)');
    const out = execFileSync(process.execPath, [script, '--db', join(dir, 'ex.db'), '--seed', '5'], { cwd: dir, encoding: 'utf8' });
    expect(out).toMatch(/^Built the demo campaign "demo-2019" \(seed 5\)/);
    expect(out).toMatch(/a second run applied 0\./);
    expect(out).toMatch(/Overdue problems and who answers for them:\n {2}[A-Za-z][A-Za-z0-9_]*-\d{4}-\d{4} /);
    expect(out).toMatch(/AC-2019-001 falsification closed → circulated_criticism/);
    expect(out).toMatch(/problem\.reopened {13}by zy-inspector-1/);
    expect(out).toMatch(/Verified: \d+ events/);
    expect(out).toMatch(/proof checks with the digest alone/);
  });
});
