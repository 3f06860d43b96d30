/** Durable file writes: whole or not at all, and on disk before the call returns. */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

let written = 0;

/** Options of {@link writeFileDurably}. */
export interface DurableWriteOptions {
  /** Permission bits of the new file (before the umask), e.g. `0o600` for a private key. Default `0o644`. */
  readonly mode?: number;
}

/**
 * Writes a file durably: a temporary file in the same directory is written and fsynced, renamed
 * over `path`, and the directory is fsynced, so that after a crash the file holds either its old
 * or its new content, never a mix, and a completed call survives a power loss.
 * Throws the underlying system error (the temporary file is removed).
 */
export function writeFileDurably(path: string, data: string | Uint8Array, options: DurableWriteOptions = {}): void {
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}.${(++written).toString(36)}.tmp`;
  try {
    const fd = openSync(tmp, 'wx', options.mode ?? 0o644);
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

/**
 * Moves a file written in full (e.g. streamed to `tempPath` in the same directory) over `path`
 * durably: the file is fsynced, renamed, and the directory fsynced. Until the rename the previous
 * `path`, if any, is left as it was; a failure removes `tempPath` and throws the system error.
 */
export function replaceFileDurably(tempPath: string, path: string): void {
  try {
    const fd = openSync(tempPath, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tempPath, path);
  } catch (x) {
    rmSync(tempPath, { force: true });
    throw x;
  }
  syncDirectory(dirname(path));
}
