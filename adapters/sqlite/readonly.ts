/**
 * Read-only opens, for audits: never migrate, never take the write lock, never create, change or
 * leave behind a file, and work on a read-only copy (read-only file and folder, another user's file).
 *
 * The driver (better-sqlite3) is built without URI file names, so SQLite's `immutable=1` is not
 * available. Instead, when no write-ahead log is pending next to the file, the file is read once
 * into memory and opened from there: SQLite never touches the file (no `-wal` or `-shm` is created,
 * the modification time stays). When a log is pending (a writer is live, or one stopped without
 * checkpointing), the file is opened through SQLite with `SQLITE_OPEN_READONLY`, which reads the
 * log and uses the shared-memory file a live writer keeps anyway.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { errors, LedgerFailure, type StoreError } from '../../src/eventsourcing/index';
import { damagedError, isCorruption, isNotADatabase, problemError, refuseBadHeader } from './damage';
import { toStoreError, type DatabaseConstructor, type Db } from './driver';
import { LEDGER_COMPONENT, LEDGER_MIGRATIONS } from './schema';

/** Files above this size are opened through SQLite rather than read into memory. */
export const SNAPSHOT_LIMIT_BYTES = 1024 * 1024 * 1024;

/** A write-ahead log holds frames only beyond its 32-byte header. */
const walPending = (path: string): boolean => {
  try {
    return statSync(`${path}-wal`).size > 32;
  } catch {
    return false;
  }
};

const stamp = (path: string): string => {
  const s = statSync(path);
  return `${s.size}:${s.mtimeMs}:${s.ino}`;
};

/** The file's bytes, when they make a consistent whole database on their own; otherwise undefined. */
const snapshot = (path: string): Buffer | undefined => {
  if (walPending(path)) return undefined;
  const before = stamp(path);
  if (statSync(path).size > SNAPSHOT_LIMIT_BYTES) return undefined;
  const bytes = readFileSync(path);
  if (walPending(path) || stamp(path) !== before) return undefined; // a writer came in meanwhile
  // The header says "write-ahead log" (bytes 18-19 = 2); in memory there is none, so say "rollback journal".
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return bytes;
};

const failure = (path: string, x: unknown): LedgerFailure => {
  if (x instanceof LedgerFailure) return x;
  if (isNotADatabase(x)) return new LedgerFailure(problemError(path, { kind: 'not_a_trail', reason: 'SQLite cannot read it as a database' }));
  if (isCorruption(x)) return new LedgerFailure(damagedError(path, `SQLite finds the file damaged (${x instanceof Error ? x.message : String(x)})`));
  const code = (x as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CANTOPEN' && walPending(path)) {
    return new LedgerFailure(errors.unavailable(
      `cannot open ${path} read-only: it has a pending write-ahead log (${path}-wal) and no shared-memory file can be made next to it; ` +
        'copy the trail with `campaign-ledger backup`, or let its writer close it, before moving it to read-only media',
      x,
    ));
  }
  return new LedgerFailure(toStoreError(x, `cannot open the SQLite store "${path}" read-only`));
};

/**
 * Opens `path` read-only (see the module's comment). Throws a LedgerFailure: ValidationFailed when
 * the file is not a SQLite database, CorruptEvent when it is damaged (truncated, unreadable pages),
 * StoreUnavailable when it is missing or cannot be opened.
 */
export const openReadOnlyDb = (Database: DatabaseConstructor, path: string, busyTimeoutMs: number): Db => {
  if (!existsSync(path)) throw new LedgerFailure(errors.unavailable(`the SQLite file ${path} does not exist`));
  let db: Db | undefined;
  try {
    refuseBadHeader(path);
    const bytes = snapshot(path);
    db = bytes === undefined
      ? new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs })
      : new Database(bytes, { readonly: true });
    db.prepare('SELECT count(*) FROM sqlite_schema').get(); // reads the schema: a foreign or damaged file fails here
    return db;
  } catch (x) {
    try {
      db?.close();
    } catch {
      // already unusable
    }
    throw failure(path, x);
  }
};

const notATrail = (path: string, reason: string): StoreError => problemError(path, { kind: 'not_a_trail', reason });

/**
 * The oldest ledger schema a read-only open reads: version 2 only added the checkpoints' lease
 * columns, which reading the trail does not need.
 */
const READABLE_FROM = 1;

const EVENT_COLUMNS = ['position', 'stream_id', 'revision', 'event_id', 'type', 'schema_version', 'prev_hash', 'hash', 'recorded_at', 'body'];

/**
 * Checks, without writing, that a read-only database holds the ledger's schema at the version this
 * code knows. A file without it is not a trail (ValidationFailed); a newer version is unavailable
 * (a newer campaign-ledger is needed); an older one too (it must be opened for writing once, to migrate).
 * An empty trail (the schema, no events) passes.
 */
export const checkTrailSchema = (db: Db, path: string): E.Either<StoreError, number> => {
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    if (tables.length === 0) return E.left(notATrail(path, 'it is an empty SQLite database (no tables)'));
    const missing = ['events', 'schema_version', 'streams'].filter((t) => !tables.includes(t));
    if (missing.length > 0) {
      const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
      return E.left(notATrail(path, `a SQLite database without the ledger's tables (missing ${missing.join(', ')}; it has ${shown})`));
    }
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all('events') as { name: string }[]).map((r) => r.name);
    const absent = EVENT_COLUMNS.filter((c) => !columns.includes(c));
    if (absent.length > 0) return E.left(notATrail(path, `its "events" table is not the ledger's (no ${absent.join(', ')})`));
    const row = db.prepare('SELECT version FROM schema_version WHERE component = ?').get(LEDGER_COMPONENT) as { version: number } | undefined;
    if (row === undefined) return E.left(notATrail(path, 'its schema_version table has no ledger entry'));
    const known = LEDGER_MIGRATIONS.length;
    if (row.version > known) {
      return E.left(errors.unavailable(`the database's "${LEDGER_COMPONENT}" schema is at version ${row.version}, newer than this code knows (${known}); use a newer campaign-ledger`));
    }
    if (row.version < READABLE_FROM) {
      return E.left(errors.unavailable(`the database's "${LEDGER_COMPONENT}" schema is at version ${row.version}, older than this code reads (${READABLE_FROM}); open it once for writing (it is migrated then), or audit a migrated copy`));
    }
    return E.right(row.version);
  } catch (x) {
    return E.left(failure(path, x).error as StoreError);
  }
};
