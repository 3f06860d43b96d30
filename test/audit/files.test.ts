/**
 * Durable file writes: whole or not at all. A writer killed in the middle of a write leaves the
 * previous file as it was; a failing write leaves no temporary file behind.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { replaceFileDurably, writeFileDurably } from '../../src/audit/files';

const dir = mkdtempSync(join(tmpdir(), 'ledger-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BUILT = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

describe('writeFileDurably', () => {
  it('replaces the content whole and leaves no temporary file', () => {
    const path = join(dir, 'digest.json');
    writeFileDurably(path, 'old');
    writeFileDurably(path, new TextEncoder().encode('new'));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((f) => f.startsWith('digest.json.'))).toEqual([]);
  });

  it('gives a key file the mode asked for', () => {
    const path = join(dir, 'key.pem');
    writeFileDurably(path, 'secret', { mode: 0o600 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('throws and leaves no temporary file when the write or the move fails', () => {
    expect(() => writeFileDurably(join(dir, 'missing-folder', 'x.json'), 'x')).toThrow(/ENOENT/);
    const folder = join(dir, 'a-folder');
    writeFileDurably(join(dir, 'inside.txt'), 'x');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    writeFileSync(join(folder, 'kept.txt'), 'kept');
    writeFileSync(join(dir, 'move.partial'), 'new');
    expect(() => replaceFileDurably(join(dir, 'move.partial'), folder)).toThrow();
    expect(readFileSync(join(folder, 'kept.txt'), 'utf8')).toBe('kept');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.partial'))).toEqual([]);
  });

  it('leaves the previous file intact when the writing process is stopped by the file-size limit mid-write', () => {
    const path = join(dir, 'export.jsonl');
    writeFileSync(path, 'previous content\n');
    // The child may write at most 64 blocks of 512 bytes: the 4 MiB write stops part-way (the
    // process is killed by SIGXFSZ or gets EFBIG), exactly as a crash or a full disk would.
    const script = `import(${JSON.stringify(BUILT)}).then((m) => m.writeFileDurably(${JSON.stringify(path)}, 'x'.repeat(4 << 20)))`;
    const r = spawnSync('/bin/sh', ['-c', `ulimit -f 64; exec "${process.execPath}" --input-type=module -e '${script}'`], { encoding: 'utf8' });
    expect(r.status === 0 && r.signal === null).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('previous content\n');
  });
});
