/**
 * The `--store` argument: `sqlite:PATH` (the embedded default), `memory` (the demo only: nothing
 * survives the process), or an EventStoreDB connection string (`esdb://…`, `esdb+discover://…`).
 */
import { isAbsolute, resolve } from 'node:path';
import { usageError } from './errors';

/** A parsed `--store` value. */
export type StoreSpec =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'memory' }
  | { readonly kind: 'esdb'; readonly connectionString: string; readonly namespace?: string };

/** What `--store` accepts, for help texts and error messages. */
export const STORE_FORMS = 'sqlite:PATH, memory, or esdb://HOST:PORT?tls=false (esdb+discover://… for a cluster)';

const ESDB_NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9_]{0,63}$/;

/**
 * Parses a `--store` value (and `--namespace`, which only EventStoreDB stores take); a relative SQLite path is taken from `cwd`.
 * Anything else is a usage error naming the accepted forms.
 */
export const parseStoreSpec = (text: string, cwd: string, command?: string, namespace?: string): StoreSpec => {
  if (namespace !== undefined && !/^esdb(\+discover)?:\/\//.test(text)) {
    throw usageError('--namespace applies to EventStoreDB stores (esdb://…); a SQLite file is its own namespace', command);
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
  if (/^esdb(\+discover)?:\/\/./.test(text)) return { kind: 'esdb', connectionString: text, ...(namespace === undefined ? {} : { namespace }) };
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
  }
};
