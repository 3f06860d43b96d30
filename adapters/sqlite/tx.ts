/**
 * A small, driver-independent view of the SQLite connection for code that runs inside the store's
 * write transaction: migrations, inline projections and {@link SqliteStore.inTransaction} work.
 */
import type { Db, Stmt } from './driver';

/** A value SQLite can bind or return. */
export type SqlValue = string | number | bigint | null | Uint8Array;

/** SQL access inside a transaction. Statements are prepared once and cached. */
export interface SqliteTx {
  /** Runs a statement that returns no rows. */
  run(sql: string, ...params: SqlValue[]): { readonly changes: number; readonly lastInsertRowid: bigint };
  /** The first row, or undefined. */
  get<T = Record<string, SqlValue>>(sql: string, ...params: SqlValue[]): T | undefined;
  /** Every row (keep results small: page large reads). */
  all<T = Record<string, SqlValue>>(sql: string, ...params: SqlValue[]): T[];
  /** Runs one or more statements without parameters (DDL). */
  exec(sql: string): void;
}

const MAX_CACHED = 200;

/** Wraps a connection as a {@link SqliteTx} with a bounded statement cache. */
export const createTx = (db: Db): SqliteTx => {
  const cache = new Map<string, Stmt>();
  const prepare = (sql: string): Stmt => {
    let s = cache.get(sql);
    if (s === undefined) {
      s = db.prepare(sql);
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
      cache.set(sql, s);
    }
    return s;
  };
  return {
    run: (sql, ...params) => {
      const r = prepare(sql).run(...params);
      return { changes: r.changes, lastInsertRowid: BigInt(r.lastInsertRowid) };
    },
    get: <T>(sql: string, ...params: SqlValue[]) => prepare(sql).get(...params) as T | undefined,
    all: <T>(sql: string, ...params: SqlValue[]) => prepare(sql).all(...params) as T[],
    exec: (sql) => {
      db.exec(sql);
    },
  };
};
