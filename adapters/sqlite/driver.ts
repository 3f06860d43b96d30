/**
 * Loads the SQLite driver (better-sqlite3, an optional dependency) only when a store is opened,
 * so the rest of the package works without it, and says plainly how to install it when missing.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { errors, LedgerFailure, type StoreError } from '../../src/eventsourcing/index';

/** The driver's database constructor. */
export type DatabaseConstructor = typeof BetterSqlite3;
/** One open driver connection. */
export type Db = BetterSqlite3.Database;
/** One prepared driver statement. */
export type Stmt = BetterSqlite3.Statement;

/** The install hint shown whenever the driver cannot be loaded. */
export const INSTALL_HINT = 'install it with `npm install better-sqlite3@12`';

const codeOf = (x: unknown): string | undefined =>
  typeof x === 'object' && x !== null && typeof (x as { code?: unknown }).code === 'string' ? (x as { code: string }).code : undefined;

const messageOf = (x: unknown): string => (x instanceof Error ? x.message : String(x));

/**
 * Imports the driver module (`better-sqlite3` unless another compatible module is named).
 * Throws a {@link LedgerFailure} carrying StoreUnavailable with the install hint when it is missing
 * or its native part does not load.
 */
export const loadDriver = async (moduleName = 'better-sqlite3'): Promise<DatabaseConstructor> => {
  let mod: unknown;
  try {
    mod = await import(moduleName);
  } catch (x) {
    const code = codeOf(x);
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    const detail = missing
      ? `the SQLite driver "${moduleName}" is not installed`
      : `the SQLite driver "${moduleName}" is installed but failed to load (${messageOf(x)})`;
    throw new LedgerFailure(errors.unavailable(`${detail}; ${INSTALL_HINT}`, x));
  }
  const ctor = (mod as { default?: unknown }).default ?? mod;
  if (typeof ctor !== 'function') {
    throw new LedgerFailure(errors.unavailable(`the module "${moduleName}" is not a better-sqlite3 driver; ${INSTALL_HINT}`));
  }
  return ctor as DatabaseConstructor;
};

/**
 * Maps a thrown driver error to a StoreUnavailable (busy, locked, I/O, disk full, closed, …),
 * keeping the SQLite code in the message. Typed failures pass through.
 */
export const toStoreError = (x: unknown, doing: string): StoreError => errors.storeFromUnknown(x, doing);
