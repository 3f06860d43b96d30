/**
 * Options of the PostgreSQL store, checked before anything is opened. The schema may be given as an
 * option or as `?schema=NAME` in the connection string (the option wins); it is removed from the
 * URL before the driver sees it.
 */
import type { Pool, PoolConfig } from 'pg';
import { DEFAULT_MAX_APPEND_BYTES, errors, LedgerFailure, type CodecRegistry, type ValidationIssue } from '../../src/eventsourcing/index';

/** Options of {@link openPostgresStore}. Give `connectionString` or `pool`. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database[?schema=NAME]` (also `postgresql://`). */
  readonly connectionString?: string | undefined;
  /** A pool you already have (node-postgres `Pool`); it is not ended on `close()`. */
  readonly pool?: Pool | undefined;
  /**
   * The PostgreSQL schema that holds the ledger's tables; one schema is one store. Default
   * `campaign_ledger`. Lower-case letters, digits and `_`, starting with a letter, at most 48.
   */
  readonly schema?: string | undefined;
  /** Create the schema and its tables when missing (default true); false refuses a database without them. */
  readonly create?: boolean | undefined;
  /** When given, data is checked on append and every event read is checked against its codec. */
  readonly registry?: CodecRegistry | undefined;
  /** Maximum bytes of canonical JSON in one append. Default 1 MiB. */
  readonly maxAppendBytes?: number | undefined;
  /** Connections of the pool made from `connectionString`. Default 4. */
  readonly poolSize?: number | undefined;
  /**
   * How often live subscriptions re-read when no notification came (a safety net: notifications
   * wake them at once). Default 1000; 0 turns it off.
   */
  readonly pollMs?: number | undefined;
  /** How long opening waits for a connection before failing as unavailable. Default 5000. */
  readonly connectTimeoutMs?: number | undefined;
}

/** The options with defaults applied. */
export interface ResolvedOptions {
  readonly config: PoolConfig | undefined;
  readonly pool: Pool | undefined;
  readonly schema: string;
  readonly create: boolean;
  readonly registry: CodecRegistry | undefined;
  readonly maxAppendBytes: number;
  readonly pollMs: number | undefined;
  /** host:port/database, for messages (no credentials). */
  readonly where: string;
}

/** The default schema. */
export const DEFAULT_SCHEMA = 'campaign_ledger';
const SCHEMA_RE = /^[a-z][a-z0-9_]{0,47}$/;
const nonNegativeInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Splits `?schema=` off a connection string; undefined when the text is not a postgres URL. */
export const parseConnectionString = (text: string): { url: string; schema: string | undefined; where: string } | undefined => {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return undefined;
  const schema = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default database)';
  return { url: u.toString(), schema, where: `${u.hostname || 'localhost'}:${u.port || '5432'}/${db}` };
};

/** Applies defaults; throws a LedgerFailure (ValidationFailed) naming every bad option. */
export const resolveOptions = (o: PostgresStoreOptions): ResolvedOptions => {
  if (typeof o !== 'object' || o === null) {
    throw new LedgerFailure(errors.validation([{ path: 'options', message: 'expected an object with a connectionString or a pool' }]));
  }
  const issues: ValidationIssue[] = [];
  const bad = (path: string, message: string, got: unknown) =>
    issues.push({ path: `options.${path}`, message: `${message}, got ${JSON.stringify(got) ?? String(got)}` });
  let parsed: ReturnType<typeof parseConnectionString>;
  if (o.pool === undefined) {
    if (typeof o.connectionString !== 'string') bad('connectionString', 'expected postgres://user@host:port/database (or a pool)', o.connectionString);
    else {
      parsed = parseConnectionString(o.connectionString);
      if (parsed === undefined) bad('connectionString', 'expected postgres://user@host:port/database[?schema=NAME]', o.connectionString.replace(/\/\/[^@/]*@/, '//'));
    }
  }
  const schema = o.schema ?? parsed?.schema ?? DEFAULT_SCHEMA;
  if (typeof schema !== 'string' || !SCHEMA_RE.test(schema)) bad('schema', 'expected lower-case letters, digits or "_", starting with a letter, at most 48', schema);
  if (o.create !== undefined && typeof o.create !== 'boolean') bad('create', 'expected a boolean', o.create);
  if (o.maxAppendBytes !== undefined && (!nonNegativeInt(o.maxAppendBytes) || o.maxAppendBytes < 1)) bad('maxAppendBytes', 'expected an integer >= 1', o.maxAppendBytes);
  if (o.poolSize !== undefined && (!nonNegativeInt(o.poolSize) || o.poolSize < 2)) bad('poolSize', 'expected an integer >= 2', o.poolSize);
  if (o.pollMs !== undefined && !nonNegativeInt(o.pollMs)) bad('pollMs', 'expected an integer >= 0', o.pollMs);
  if (o.connectTimeoutMs !== undefined && (!nonNegativeInt(o.connectTimeoutMs) || o.connectTimeoutMs < 1)) bad('connectTimeoutMs', 'expected an integer >= 1', o.connectTimeoutMs);
  if (issues.length > 0) throw new LedgerFailure(errors.validation(issues));
  return {
    config: parsed === undefined ? undefined : {
      connectionString: parsed.url,
      max: o.poolSize ?? 4,
      connectionTimeoutMillis: o.connectTimeoutMs ?? 5000,
      application_name: `campaign-ledger:${schema}`,
    },
    pool: o.pool,
    schema,
    create: o.create ?? true,
    registry: o.registry,
    maxAppendBytes: o.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES,
    pollMs: o.pollMs === 0 ? undefined : o.pollMs ?? 1000,
    where: parsed?.where ?? 'the given pool',
  };
};
