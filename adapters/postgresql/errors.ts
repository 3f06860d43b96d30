/**
 * Loading the driver (node-postgres, an optional peer) and mapping its errors to the kernel's union:
 * an unreachable server, refused credentials, a missing database or a missing privilege each become
 * a StoreUnavailable that names the cause; typed failures pass through.
 */
import type * as Pg from 'pg';
import { errors, LedgerFailure, type StoreError } from '../../src/eventsourcing/index';

/** The install hint shown whenever the driver cannot be loaded. */
export const INSTALL_HINT = 'install it with `npm install pg@8`';

/** The driver module. */
export type PgModule = typeof Pg;

const codeOf = (x: unknown): string | undefined =>
  typeof x === 'object' && x !== null && typeof (x as { code?: unknown }).code === 'string' ? (x as { code: string }).code : undefined;

/** The message of a thrown value. */
export const messageOf = (x: unknown): string => (x instanceof Error ? x.message : String(x));

/** Imports `pg`; a LedgerFailure (StoreUnavailable with the install hint) when it is missing. */
export const loadDriver = async (): Promise<PgModule> => {
  try {
    const mod = (await import('pg')) as PgModule & { default?: PgModule };
    return mod.default ?? mod;
  } catch (x) {
    const code = codeOf(x);
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    throw new LedgerFailure(errors.unavailable(
      `${missing ? 'the PostgreSQL driver "pg" is not installed' : `the PostgreSQL driver "pg" failed to load (${messageOf(x)})`}; ${INSTALL_HINT}`, x,
    ));
  }
};

const LOST = /Connection terminated|not queryable|Client was closed|ECONNRESET|EPIPE/i;

/** Why a connection or statement failed, in words, from the server's SQLSTATE or the socket's code. */
const cause = (x: unknown, where: string): string => {
  const code = codeOf(x);
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EAI_AGAIN':
      return `cannot reach the PostgreSQL server at ${where} (${code}); is it running?`;
    case '28P01':
    case '28000':
      return `the PostgreSQL server at ${where} refused the credentials (${code}: ${messageOf(x)})`;
    case '3D000':
      return `the database at ${where} does not exist (${code}: ${messageOf(x)})`;
    case '42501':
      return `the PostgreSQL role lacks a privilege (${code}: ${messageOf(x)})`;
    case '57P01':
    case '57P02':
    case '57P03':
      return `the PostgreSQL server at ${where} is shutting down or starting (${code}: ${messageOf(x)})`;
    default:
      if (/timeout/i.test(messageOf(x))) return `cannot reach the PostgreSQL server at ${where} (${messageOf(x)})`;
      // node-postgres' own words for a connection that dropped under it (a restart, a killed backend).
      if (LOST.test(messageOf(x))) return `lost the connection to the PostgreSQL server at ${where} (${messageOf(x)}); retry`;
      return `${code ? `${code}: ` : ''}${messageOf(x)}`;
  }
};

/** Maps a thrown driver error to a StoreUnavailable naming what was being done and why it failed. */
export const toStoreError = (x: unknown, doing: string, where: string): StoreError => {
  if (x instanceof LedgerFailure) return x.error as StoreError;
  return errors.unavailable(`${doing}: ${cause(x, where)}`, x);
};

/** SQLSTATE of a unique violation (a concurrent writer without the lock: never expected). */
export const UNIQUE_VIOLATION = '23505';
/** The SQLSTATE of a driver error, when it has one. */
export const sqlState = codeOf;
