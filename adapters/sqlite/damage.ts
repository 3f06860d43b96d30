/**
 * What a file handed to the store is, before and after SQLite looks at it: not a SQLite database at
 * all (empty, random bytes), a SQLite database of another application, or a ledger file that is
 * damaged (truncated, pages that do not parse). Read-only opens use it so an auditor is told
 * "not a trail" (bad input) apart from "a damaged trail" (a failed check) apart from "unreachable".
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { errors, LedgerFailure, type StoreError } from '../../src/eventsourcing/index';

/** The 16 bytes every SQLite database file starts with. */
const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Why a file is refused. `not_a_trail`: it is no ledger file; `damaged`: it is one, and it is broken. */
export type FileProblem =
  | { readonly kind: 'not_a_trail'; readonly reason: string }
  | { readonly kind: 'damaged'; readonly reason: string };

/**
 * Reads the 100-byte SQLite header of `path` and says what is wrong with it, if anything:
 * an empty file or one without the SQLite header is not a trail; a file shorter than the page
 * count its header declares is a truncated (damaged) database. Throws the file system's error
 * when the file cannot be read at all.
 */
export const inspectHeader = (path: string): FileProblem | undefined => {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { kind: 'not_a_trail', reason: 'the file is empty' };
    const header = Buffer.alloc(100);
    const got = readSync(fd, header, 0, 100, 0);
    if (got < 16 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
      return { kind: 'not_a_trail', reason: 'the file is not a SQLite database (its first bytes are not the SQLite header)' };
    }
    if (got < 100) return { kind: 'damaged', reason: `the file is truncated: ${size} bytes, shorter than the 100-byte SQLite header` };
    const raw = header.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    const pages = header.readUInt32BE(28);
    const validPages = header.readUInt32BE(24) === header.readUInt32BE(92); // the page count is trusted only then
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
      return { kind: 'damaged', reason: `the SQLite header is damaged (page size ${raw})` };
    }
    if (validPages && pages > 0 && size < pages * pageSize) {
      return { kind: 'damaged', reason: `the file is truncated: ${size} bytes where its header declares ${pages} pages of ${pageSize} bytes (${pages * pageSize} bytes)` };
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
};

const codeOf = (x: unknown): string =>
  typeof x === 'object' && x !== null && typeof (x as { code?: unknown }).code === 'string' ? (x as { code: string }).code : '';

/** True when a driver error says the database file is damaged (`SQLITE_CORRUPT*`). */
export const isCorruption = (x: unknown): boolean => codeOf(x).startsWith('SQLITE_CORRUPT');

/** True when a driver error says the file is not a database (`SQLITE_NOTADB`). */
export const isNotADatabase = (x: unknown): boolean => codeOf(x).startsWith('SQLITE_NOTADB');

/** The typed error for a refused file: ValidationFailed for "not a trail", CorruptEvent for a damaged one. */
export const problemError = (path: string, p: FileProblem): StoreError =>
  p.kind === 'not_a_trail'
    ? errors.validation([{ path: 'store', message: `${path} is not a campaign-ledger trail: ${p.reason}` }])
    : damagedError(path, p.reason);

/**
 * A damaged ledger file (`path`, or '' when unknown) as a CorruptEvent. Position 0 stands for "the file itself" (event positions
 * start at 1); the message says where the damage is as far as SQLite can tell.
 */
export const damagedError = (path: string, reason: string, position = 0n, streamId?: string): StoreError => ({
  ...errors.corrupt(position, reason, streamId),
  message: `damaged trail${path === '' ? '' : ` ${path}`}${position > 0n ? ` at position ${position}${streamId ? ` (stream "${streamId}")` : ''}` : ''}: ${reason}`,
});

/** Throws {@link problemError} as a LedgerFailure when `path`'s header shows a problem. */
export const refuseBadHeader = (path: string): void => {
  const p = inspectHeader(path);
  if (p !== undefined) throw new LedgerFailure(problemError(path, p));
};
