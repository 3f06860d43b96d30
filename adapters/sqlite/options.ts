/** Options of the SQLite store, checked before anything is opened. */
import { DEFAULT_MAX_APPEND_BYTES, errors, LedgerFailure, type CodecRegistry, type ValidationIssue } from '../../src/eventsourcing/index';

/** How hard a commit is pushed to the disk. See the adapter's README for what each guarantees. */
export type Durability = 'full' | 'normal';

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** The database file (created when missing), or `:memory:` for a private in-memory database. */
  readonly path: string;
  /**
   * `full` (default): the write-ahead log is synced to disk at every commit (`synchronous=FULL`);
   * `normal`: synced only at checkpoints (`synchronous=NORMAL`), faster, may lose the last commits
   * on power loss (never on a process crash).
   */
  readonly durability?: Durability | undefined;
  /** When given, data is checked on append and every event read is checked against its codec. */
  readonly registry?: CodecRegistry | undefined;
  /** Maximum bytes of canonical JSON in one append. Default 1 MiB. */
  readonly maxAppendBytes?: number | undefined;
  /** How long a write waits for another process's write lock before failing as unavailable. Default 5000. */
  readonly busyTimeoutMs?: number | undefined;
  /** How often live subscriptions look for events written by other processes. Default 250; 0 turns it off. */
  readonly pollMs?: number | undefined;
  /** Module name of a better-sqlite3-compatible driver. Default `better-sqlite3`. */
  readonly driver?: string | undefined;
  /**
   * Opens an existing trail for reading only (audits): never creates, migrates or locks for writing,
   * leaves no `-wal`/`-shm` file behind when none is pending, and works on read-only media. A file
   * without the ledger's schema is refused (ValidationFailed), a damaged one too (CorruptEvent).
   * Appends then fail as unavailable. Default false.
   */
  readonly readOnly?: boolean | undefined;
}

/** The options with defaults applied. */
export interface ResolvedOptions {
  readonly path: string;
  readonly durability: Durability;
  readonly registry: CodecRegistry | undefined;
  readonly maxAppendBytes: number;
  readonly busyTimeoutMs: number;
  readonly pollMs: number | undefined;
  readonly driver: string;
  readonly readOnly: boolean;
}

const nonNegativeInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Applies defaults; throws a LedgerFailure (ValidationFailed) naming every bad option. */
export const resolveOptions = (o: SqliteStoreOptions): ResolvedOptions => {
  const issues: ValidationIssue[] = [];
  const bad = (path: string, message: string, got: unknown) => issues.push({ path: `options.${path}`, message: `${message}, got ${JSON.stringify(got) ?? String(got)}` });
  if (typeof o !== 'object' || o === null) throw new LedgerFailure(errors.validation([{ path: 'options', message: 'expected an object with a path' }]));
  if (typeof o.path !== 'string' || o.path.length === 0) bad('path', 'expected a file path', o.path);
  if (o.durability !== undefined && o.durability !== 'full' && o.durability !== 'normal') bad('durability', 'expected "full" or "normal"', o.durability);
  if (o.maxAppendBytes !== undefined && (!nonNegativeInt(o.maxAppendBytes) || o.maxAppendBytes < 1)) bad('maxAppendBytes', 'expected an integer >= 1', o.maxAppendBytes);
  if (o.busyTimeoutMs !== undefined && !nonNegativeInt(o.busyTimeoutMs)) bad('busyTimeoutMs', 'expected an integer >= 0', o.busyTimeoutMs);
  if (o.pollMs !== undefined && !nonNegativeInt(o.pollMs)) bad('pollMs', 'expected an integer >= 0', o.pollMs);
  if (o.driver !== undefined && (typeof o.driver !== 'string' || o.driver.length === 0)) bad('driver', 'expected a module name', o.driver);
  if (o.readOnly !== undefined && typeof o.readOnly !== 'boolean') bad('readOnly', 'expected a boolean', o.readOnly);
  if (o.readOnly === true && o.path === ':memory:') bad('readOnly', 'a private in-memory database cannot be opened read-only', o.readOnly);
  if (issues.length > 0) throw new LedgerFailure(errors.validation(issues));
  return {
    path: o.path,
    durability: o.durability ?? 'full',
    registry: o.registry,
    maxAppendBytes: o.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES,
    busyTimeoutMs: o.busyTimeoutMs ?? 5000,
    pollMs: o.pollMs === 0 ? undefined : o.pollMs ?? 250,
    driver: o.driver ?? 'better-sqlite3',
    readOnly: o.readOnly === true,
  };
};
