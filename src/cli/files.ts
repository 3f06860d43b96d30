/** Reading and writing the files commands take and produce (digests, proofs, keys, trails). */
import { existsSync, readFileSync } from 'node:fs';
import { replaceFileDurably, writeFileDurably } from '../audit/files';
import { isAbsolute, resolve } from 'node:path';
import { usageError } from './errors';

/** A path option made absolute against the working directory. */
export const pathOf = (path: string, cwd: string): string => (isAbsolute(path) ? path : resolve(cwd, path));

/** Reads a text file named by an option; a missing or unreadable file is a usage error. */
export const readTextOption = (path: string, option: string, command: string): string => {
  if (!existsSync(path)) throw usageError(`--${option} ${path}: no such file`, command);
  try {
    return readFileSync(path, 'utf8');
  } catch (x) {
    throw usageError(`--${option} ${path}: cannot be read (${x instanceof Error ? x.message : String(x)})`, command);
  }
};

/** Reads and parses a JSON file named by an option; bad JSON is a usage error naming the file. */
export const readJsonOption = (path: string, option: string, command: string): unknown => {
  const text = readTextOption(path, option, command);
  try {
    return JSON.parse(text) as unknown;
  } catch (x) {
    throw usageError(`--${option} ${path}: not JSON (${x instanceof Error ? x.message : String(x)})`, command);
  }
};

/**
 * Writes a file whole or not at all, and on disk before returning (see {@link writeFileDurably}:
 * temporary file, fsync, rename, fsync of the folder). Every file the program writes goes through it.
 * A failure is a usage error naming the file; the previous content, if any, stays.
 */
export const writeFileAtomic = (path: string, text: string | Uint8Array, mode?: number): void => {
  try {
    writeFileDurably(path, text, mode === undefined ? {} : { mode });
  } catch (x) {
    throw usageError(`cannot write ${path}: ${x instanceof Error ? x.message : String(x)}`);
  }
};

/**
 * Moves a file the program has written in full (a `.partial` next to `path`) into place durably
 * (see {@link replaceFileDurably}). A failure is a usage error naming the file; the previous content stays.
 */
export const moveIntoPlace = (tempPath: string, path: string): void => {
  try {
    replaceFileDurably(tempPath, path);
  } catch (x) {
    throw usageError(`cannot write ${path}: ${x instanceof Error ? x.message : String(x)}`);
  }
};
