/**
 * Shared helpers of the PostgreSQL store tests. They run against a real server: PG_TEST_URL, by
 * default postgres://postgres@127.0.0.1:5432/postgres. An unreachable server fails the tests (it
 * never skips them). Every test file works in schemas of its own, dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore, type PostgresStore } from '../../adapters/postgresql/index';
import type { PostgresStoreOptions } from '../../adapters/postgresql/index';
import { unwrap } from '../../src/eventsourcing/runnable';

/** The server the tests use. */
export const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A short random schema name with a prefix naming the test file. */
export const freshSchema = (prefix: string): string => `t_${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

/** Runs one statement on a fresh connection (as the test's role, a superuser by default). */
export const sql = async <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> => {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
};

/**
 * The schemas of one test file: `open` makes a store in a fresh schema, `dropAll` removes every
 * schema made (call it in afterAll).
 */
export const schemas = (prefix: string) => {
  const made = new Set<string>();
  return {
    name: () => {
      const s = freshSchema(prefix);
      made.add(s);
      return s;
    },
    open: async (options: Partial<PostgresStoreOptions> = {}): Promise<PostgresStore> => {
      const schema = options.schema ?? freshSchema(prefix);
      made.add(schema);
      return unwrap(openPostgresStore({ connectionString: PG_URL, schema, ...options }));
    },
    drop: async (schema: string) => {
      made.delete(schema);
      await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
    dropAll: async () => {
      const all = [...made];
      made.clear();
      if (all.length > 0) await sql(all.map((s) => `DROP SCHEMA IF EXISTS "${s}" CASCADE`).join('; '));
    },
  };
};
