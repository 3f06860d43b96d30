/**
 * The `--store` argument: `sqlite:PATH` (the embedded default), `memory` (the demo only: nothing
 * survives the process), a PostgreSQL URL, or an EventStoreDB/KurrentDB connection string
 * (`esdb://…`, `esdb+discover://…`, `kurrentdb://…`, `kurrentdb+discover://…`); the scheme of the
 * last chooses the client (see openEventStoreDbStore).
 */
import { isAbsolute, resolve } from 'node:path';
import { usageError } from './errors';

/** A parsed `--store` value. */
export type StoreSpec =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'memory' }
  | { readonly kind: 'esdb'; readonly connectionString: string; readonly namespace?: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string };

/** What `--store` accepts, for help texts and error messages. */
export const STORE_FORMS =
  'sqlite:PATH, memory, postgres://USER@HOST:PORT/DB[?schema=NAME], esdb://HOST:PORT?tls=false or kurrentdb://HOST:PORT?tls=false (+discover for a cluster)';

/** EventStoreDB/KurrentDB connection strings: `esdb://` takes `@eventstore/db-client` when installed, `kurrentdb://` KurrentDB's client. */
const ESDB_URL = /^(esdb|kurrentdb)(\+discover)?:\/\/./;

/** The schema a PostgreSQL store uses when the URL names none. */
export const DEFAULT_PG_SCHEMA = 'campaign_ledger';
const PG_SCHEMA = /^[a-z][a-z0-9_]{0,47}$/;

const parsePostgres = (text: string, command: string | undefined): StoreSpec => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`--store ${JSON.stringify(text.replace(/\/\/[^@/]*@/, '//'))} is not a valid URL; expected postgres://USER@HOST:PORT/DB[?schema=NAME]`, command);
  }
  const schema = url.searchParams.get('schema') ?? DEFAULT_PG_SCHEMA;
  if (!PG_SCHEMA.test(schema)) {
    throw usageError(`--store …?schema=${schema}: expected lower-case letters, digits or "_", starting with a letter, at most 48`, command);
  }
  return { kind: 'postgres', connectionString: text, schema };
};

const ESDB_NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9_]{0,63}$/;

/**
 * Parses a `--store` value (and `--namespace`, which only EventStoreDB stores take); a relative SQLite path is taken from `cwd`.
 * Anything else is a usage error naming the accepted forms.
 */
export const parseStoreSpec = (text: string, cwd: string, command?: string, namespace?: string): StoreSpec => {
  if (namespace !== undefined && !ESDB_URL.test(text)) {
    throw usageError('--namespace applies to EventStoreDB stores (esdb://… or kurrentdb://…); a SQLite file is its own namespace', command);
  }
  if (namespace !== undefined && !ESDB_NAMESPACE.test(namespace)) {
    throw usageError(`--namespace ${JSON.stringify(namespace)}: expected 1-64 letters, digits or "_", not starting with "_"`, command);
  }
  if (text === 'memory') return { kind: 'memory' };
  if (text.startsWith('sqlite:')) {
    const path = text.slice('sqlite:'.length);
    if (path === '') throw usageError('--store sqlite: needs a file path, e.g. sqlite:campaign.db', command);
    if (path === ':memory:') throw usageError('--store sqlite::memory: keeps nothing; use --store memory for the demo', command);
    return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\/./.test(text)) return parsePostgres(text, command);
  if (ESDB_URL.test(text)) return { kind: 'esdb', connectionString: text, ...(namespace === undefined ? {} : { namespace }) };
  throw usageError(`--store ${JSON.stringify(text)} is not a store; expected ${STORE_FORMS}`, command);
};

/** A short description of a store for messages (no credentials: the user part of a URL is dropped). */
export const describeStore = (spec: StoreSpec): string => {
  switch (spec.kind) {
    case 'sqlite':
      return `sqlite:${spec.path}`;
    case 'memory':
      return 'memory';
    case 'esdb':
      return `${spec.connectionString.replace(/\/\/[^@/]*@/, '//')}${spec.namespace ? ` (namespace ${spec.namespace})` : ''}`;
    case 'postgres': {
      const u = new URL(spec.connectionString);
      return `postgres://${u.host}${u.pathname} (schema ${spec.schema})`;
    }
  }
};
