/** Reading and writing the files commands take and produce (digests, proofs, keys, trails). */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/** Writes a file whole or not at all (a temporary file renamed into place). */
export const writeFileAtomic = (path: string, text: string, mode?: number): void => {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text, mode === undefined ? {} : { mode });
    renameSync(tmp, path);
  } catch (x) {
    rmSync(tmp, { force: true });
    throw usageError(`cannot write ${path}: ${x instanceof Error ? x.message : String(x)}`);
  }
};
