/**
 * The schema and its forward migrations. Every store lives in one PostgreSQL schema (the `schema`
 * option); each component (the ledger itself, later read models) has a version in
 * `schema_version`. Opening applies the missing steps in one transaction under an advisory lock,
 * so several processes opening one store at once never apply a step twice and nothing is
 * half-created.
 */
import type { PoolClient } from 'pg';
import { errors, LedgerFailure } from '../../src/eventsourcing/index';

/** One forward step of a component's schema. */
export interface PgMigration {
  /** 1 for the first step, then consecutive. */
  readonly version: number;
  /** What the step does, for people reading `schema_version`. */
  readonly description: string;
  /** SQL to run; `$schema` stands for the quoted schema name. */
  readonly up: string;
}

/** The component name of the event store's own tables. */
export const LEDGER_COMPONENT = 'ledger';

/** Advisory lock class of the store's locks (the second key is the schema's hash). */
export const LOCK_CLASS_APPEND = 0x4c45;
/** Advisory lock class taken while migrating. */
export const LOCK_CLASS_MIGRATE = 0x4c4d;

/**
 * The ledger's tables, as on SQLite: `body` holds the exact canonical bytes the hash covers;
 * `events_decoded` derives data and metadata from it for queries. The position is assigned under
 * the store's append lock (the highest plus one), never by a sequence, so positions become visible
 * in order and without gaps. Triggers refuse UPDATE, DELETE and TRUNCATE of events.
 */
export const LEDGER_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    description: 'events, stream heads, projection checkpoints, append-only triggers',
    up: `
      CREATE TABLE $schema.events (
        position       bigint  PRIMARY KEY,
        stream_id      text    NOT NULL,
        revision       bigint  NOT NULL,
        event_id       text    NOT NULL UNIQUE,
        type           text    NOT NULL,
        schema_version integer NOT NULL,
        prev_hash      text    NOT NULL,
        hash           text    NOT NULL,
        recorded_at    text    NOT NULL,
        body           text    NOT NULL,
        UNIQUE (stream_id, revision)
      );
      CREATE VIEW $schema.events_decoded AS
        SELECT position, stream_id, revision, event_id, type, schema_version, prev_hash, hash, recorded_at,
               body::jsonb -> 'data' AS data, body::jsonb -> 'metadata' AS metadata
        FROM $schema.events;
      CREATE TABLE $schema.streams (
        stream_id text   PRIMARY KEY,
        revision  bigint NOT NULL,
        hash      text   NOT NULL,
        position  bigint NOT NULL
      );
      CREATE TABLE $schema.checkpoints (
        name       text        PRIMARY KEY,
        version    integer     NOT NULL,
        position   bigint,
        state      text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE FUNCTION $schema.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
          RAISE EXCEPTION 'events are append-only: % refused', TG_OP USING ERRCODE = 'P0001';
        END
      $body$;
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON $schema.events
        FOR EACH ROW EXECUTE FUNCTION $schema.refuse_event_change();
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON $schema.events
        FOR EACH STATEMENT EXECUTE FUNCTION $schema.refuse_event_change();
    `,
  },
  {
    version: 2,
    description: 'projection leases: checkpoints.owner and checkpoints.lease_until (compare-and-set)',
    up: `
      ALTER TABLE $schema.checkpoints ADD COLUMN owner text;
      ALTER TABLE $schema.checkpoints ADD COLUMN lease_until bigint;
    `,
  },
];

/** The schema name quoted for SQL (names are checked by the options: letters, digits, `_`). */
export const quoted = (schema: string): string => `"${schema}"`;

const VERSION_TABLE = (s: string) => `CREATE TABLE ${s}.schema_version (
  component  text        PRIMARY KEY,
  version    integer     NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Brings `component` up to its last migration in one transaction. Refuses a schema whose
 * component is newer than the code, and (with `create` false) a database without the schema.
 * Throws a LedgerFailure; returns the version now in place.
 */
export const migrate = async (
  client: PoolClient,
  schema: string,
  component: string,
  migrations: readonly PgMigration[],
  create: boolean,
): Promise<number> => {
  const s = quoted(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS_MIGRATE, schema]);
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    const tables = await client.query(
      `SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'schema_version'`, [schema],
    );
    if (!create && (exists.rowCount === 0 || tables.rowCount === 0)) {
      throw new LedgerFailure(errors.unavailable(
        `the database has no campaign-ledger schema "${schema}" (create it by opening the store with create enabled, e.g. campaign-ledger demo --store …?schema=${schema})`,
      ));
    }
    // DDL only when something is missing, so a role without CREATE opens an existing store.
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${s}`);
    if (tables.rowCount === 0) await client.query(VERSION_TABLE(s));
    const row = await client.query<{ version: number }>(`SELECT version FROM ${s}.schema_version WHERE component = $1`, [component]);
    const current = row.rows[0]?.version ?? 0;
    if (current > migrations.length) {
      throw new LedgerFailure(errors.unavailable(
        `the schema "${schema}" has "${component}" at version ${current}, newer than this code knows (${migrations.length}); use a newer campaign-ledger`,
      ));
    }
    for (const m of migrations.slice(current)) {
      await client.query(m.up.replaceAll('$schema', s));
      await client.query(
        `INSERT INTO ${s}.schema_version (component, version) VALUES ($1, $2) ` +
          'ON CONFLICT (component) DO UPDATE SET version = excluded.version, applied_at = now()',
        [component, m.version],
      );
    }
    await client.query('COMMIT');
    return migrations.length;
  } catch (x) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw x;
  }
};
