/** Durable file writes: whole or not at all, and on disk before the call returns. */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file durably: a temporary file in the same directory is written and fsynced, renamed
 * over `path`, and the directory is fsynced, so that after a crash the file holds either its old
 * or its new content, never a mix, and a completed call survives a power loss.
 * Throws the underlying system error (the temporary file is removed).
 */
export function writeFileDurably(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    const fd = openSync(tmp, 'w', 0o644);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (x) {
    rmSync(tmp, { force: true });
    throw x;
  }
  syncDirectory(dirname(path));
}

const syncDirectory = (dir: string): void => {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (x) {
    // some platforms cannot open or fsync a directory (Windows): the rename is all they offer
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF'].includes((x as NodeJS.ErrnoException).code ?? '')) throw x;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
};
