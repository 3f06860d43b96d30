/**
 * The schema and its forward migrations. Each component (the ledger itself, and every read model
 * that keeps tables in the same file) has a version in `schema_version` and an ordered list of
 * migrations; opening applies the missing ones in one `BEGIN IMMEDIATE` transaction, so several
 * processes opening the same file at once never apply a step twice.
 */
import * as E from 'fp-ts/Either';
import { errors, type StoreError } from '../../src/eventsourcing/index';
import type { Db } from './driver';
import { toStoreError } from './driver';
import type { SqliteTx } from './tx';

/** One forward step of a component's schema. */
export interface Migration {
  /** 1 for the first step, then consecutive. */
  readonly version: number;
  /** What the step does, for people reading `schema_version`. */
  readonly description: string;
  /** SQL to run, or a function run inside the transaction. */
  readonly up: string | ((tx: SqliteTx) => void);
}

/** The component name of the event store's own tables. */
export const LEDGER_COMPONENT = 'ledger';

/**
 * The ledger's tables.
 *
 * `body` holds the exact canonical bytes the hash covers; `data` and `metadata` are not stored again
 * (that would double the trail and add a copy that could drift from what was hashed): the view
 * `events_decoded` derives them from the body for queries. (Generated columns would do the same
 * but SQLite computes them on every insert.) `prev_hash`, `type`, `schema_version` and `recorded_at` are small copies for queries and
 * verification without parsing. Triggers refuse UPDATE and DELETE of events, so the position (the
 * rowid: the highest plus one, under the write lock) only ever grows; AUTOINCREMENT would add a
 * page write to every commit for no gain.
 */
export const LEDGER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'events, stream heads, projection checkpoints',
    up: `
      CREATE TABLE events (
        position       INTEGER PRIMARY KEY,
        stream_id      TEXT    NOT NULL,
        revision       INTEGER NOT NULL,
        event_id       TEXT    NOT NULL UNIQUE,
        type           TEXT    NOT NULL,
        schema_version INTEGER NOT NULL,
        prev_hash      TEXT    NOT NULL,
        hash           TEXT    NOT NULL,
        recorded_at    TEXT    NOT NULL,
        body           TEXT    NOT NULL,
        UNIQUE (stream_id, revision)
      );
      CREATE VIEW events_decoded AS
        SELECT position, stream_id, revision, event_id, type, schema_version, prev_hash, hash, recorded_at,
               body -> '$.data' AS data, body -> '$.metadata' AS metadata
        FROM events;
      CREATE TABLE streams (
        stream_id TEXT    PRIMARY KEY,
        revision  INTEGER NOT NULL,
        hash      TEXT    NOT NULL,
        position  INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE checkpoints (
        name       TEXT    PRIMARY KEY,
        version    INTEGER NOT NULL,
        position   INTEGER,
        state      TEXT,
        updated_at TEXT    NOT NULL
      ) WITHOUT ROWID;
      CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    `,
  },
  {
    version: 2,
    description: 'projection leases: checkpoints.owner and checkpoints.lease_until (compare-and-set)',
    up: `
      ALTER TABLE checkpoints ADD COLUMN owner TEXT;
      ALTER TABLE checkpoints ADD COLUMN lease_until INTEGER;
    `,
  },
];

/** Checks that a migration list is 1, 2, 3, … with non-empty descriptions. */
export const checkMigrations = (component: string, migrations: readonly Migration[]): E.Either<StoreError, void> => {
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(component)) {
    return E.left(errors.validation([{ path: 'component', message: `expected 1-100 letters, digits or _.:-, got ${JSON.stringify(component)}` }]));
  }
  for (let i = 0; i < migrations.length; i++) {
    const m = migrations[i] as Migration;
    if (m.version !== i + 1) {
      return E.left(errors.validation([{ path: `migrations[${i}].version`, message: `expected ${i + 1} (versions are consecutive from 1), got ${String(m.version)}` }]));
    }
    if (typeof m.description !== 'string' || m.description.trim() === '') {
      return E.left(errors.validation([{ path: `migrations[${i}].description`, message: 'expected a non-empty description' }]));
    }
    if (typeof m.up !== 'string' && typeof m.up !== 'function') {
      return E.left(errors.validation([{ path: `migrations[${i}].up`, message: 'expected SQL text or a function' }]));
    }
  }
  return E.right(undefined);
};

const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_version (
  component  TEXT    PRIMARY KEY,
  version    INTEGER NOT NULL,
  applied_at TEXT    NOT NULL
) WITHOUT ROWID`;

/**
 * Brings `component` up to the last migration, in one transaction. Refuses a database whose
 * component is newer than the code (a downgrade). Returns the version now in place.
 */
export const migrate = (db: Db, tx: SqliteTx, component: string, migrations: readonly Migration[]): E.Either<StoreError, number> => {
  const valid = checkMigrations(component, migrations);
  if (E.isLeft(valid)) return valid;
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (x) {
    return E.left(toStoreError(x, `migrating "${component}"`));
  }
  try {
    tx.exec(VERSION_TABLE);
    const row = tx.get<{ version: number }>('SELECT version FROM schema_version WHERE component = ?', component);
    const current = row?.version ?? 0;
    if (current > migrations.length) {
      db.exec('ROLLBACK');
      return E.left(errors.unavailable(
        `the database's "${component}" schema is at version ${current}, newer than this code knows (${migrations.length}); use a newer campaign-ledger`,
      ));
    }
    for (const m of migrations.slice(current)) {
      if (typeof m.up === 'string') tx.exec(m.up);
      else m.up(tx);
      tx.run(
        'INSERT INTO schema_version (component, version, applied_at) VALUES (?, ?, ?) ' +
          'ON CONFLICT (component) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at',
        component, m.version, new Date().toISOString(),
      );
    }
    db.exec('COMMIT');
    return E.right(migrations.length);
  } catch (x) {
    if (db.inTransaction) db.exec('ROLLBACK');
    return E.left(toStoreError(x, `migrating "${component}"`));
  }
};

/** The version of every component in the file. */
export const schemaVersions = (tx: SqliteTx): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of tx.all<{ component: string; version: number }>('SELECT component, version FROM schema_version')) out[r.component] = r.version;
  return out;
};
