/** docs/cli.md shows every command's help exactly as the built program prints it. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const cli = `${root}dist/cli/main.js`;
const doc = readFileSync(`${root}docs/cli.md`, 'utf8');
const commands = ['', 'demo', 'dashboard', 'ledger', 'document', 'audit verify', 'audit digest', 'audit prove', 'audit check-proof',
  'audit timeline', 'audit as-of', 'audit export', 'audit import', 'audit keygen', 'backup',
  'audit checkpoint', 'audit witness', 'witness serve'];

describe('docs/cli.md', () => {
  it.each(commands)('has the help of "%s"', (command) => {
    expect(existsSync(cli), 'dist/cli/main.js is missing: run `npm run build`').toBe(true);
    const help = execFileSync(process.execPath, [cli, ...command.split(' ').filter(Boolean), '--help'], { encoding: 'utf8' }).trimEnd();
    expect(doc).toContain(help);
  });
});
