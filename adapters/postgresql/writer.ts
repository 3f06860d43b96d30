/**
 * Group commit under one lock. Writes of one process are queued; the queue runs everything that
 * arrived in one transaction on one connection, which first takes the store's advisory
 * transaction lock (`pg_advisory_xact_lock`): one writer at a time per store, across processes and
 * machines. Positions are the highest plus one, assigned under the lock, so a transaction's
 * positions become visible only after every lower one: a reader never sees position 11 before 10,
 * and a subscription can never move past an event that commits later. Each job runs in its own
 * SAVEPOINT, so one failing job is rolled back alone.
 */
import * as E from 'fp-ts/Either';
import type { Pool, PoolClient } from 'pg';
import type { StoreError } from '../../src/eventsourcing/index';
import { toStoreError } from './errors';
import { LOCK_CLASS_APPEND } from './schema';

/** What a job sees: the transaction's connection and the next free position. */
export interface WriteContext {
  readonly client: PoolClient;
  /** The highest position stored so far (under the lock); a job that inserts moves it on. */
  last: bigint;
}

/** Work run inside the write transaction, in its own savepoint. Left (or a throw) rolls it back. */
export type WriteWork<T> = (ctx: WriteContext) => Promise<E.Either<StoreError, T>>;

/** The queue of writes of one store. */
export interface WriteQueue {
  /** Queues work for the next group; resolves with its own result after the group commits. */
  submit<T>(work: WriteWork<T>): Promise<E.Either<StoreError, T>>;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
}

interface Job {
  readonly work: WriteWork<unknown>;
  readonly resolve: (r: E.Either<StoreError, unknown>) => void;
}

/** The most jobs sharing one transaction; the rest wait for the next group. */
export const MAX_GROUP = 500;

/** Creates the write queue of one store. `afterCommit` runs after a commit that stored something. */
export const createWriteQueue = (
  pool: Pool,
  schema: string,
  events: string,
  channel: string,
  where: string,
  afterCommit: () => void,
): WriteQueue => {
  let queue: Job[] = [];
  let running: Promise<void> | undefined;
  const lastSql = { name: `cl-last-${schema}`, text: `SELECT coalesce(max(position), 0)::text AS last FROM ${events}` };

  const runGroup = async (jobs: Job[]): Promise<void> => {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (x) {
      const err = toStoreError(x, 'connecting for a write', where);
      for (const j of jobs) j.resolve(E.left(err));
      return;
    }
    const results: E.Either<StoreError, unknown>[] = [];
    let broken: unknown;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS_APPEND, schema]);
      const ctx: WriteContext = { client, last: BigInt((await client.query<{ last: string }>(lastSql)).rows[0]?.last ?? '0') };
      const solo = jobs.length === 1;
      let anyOk = false;
      for (const job of jobs) {
        if (!solo) await client.query('SAVEPOINT w');
        const before = ctx.last;
        let r: E.Either<StoreError, unknown>;
        try {
          r = await job.work(ctx);
        } catch (x) {
          r = E.left(toStoreError(x, 'writing', where));
        }
        results.push(r);
        if (E.isRight(r)) anyOk = true;
        else ctx.last = before;
        if (solo) break;
        if (E.isLeft(r)) await client.query('ROLLBACK TO SAVEPOINT w');
        await client.query('RELEASE SAVEPOINT w');
      }
      if (anyOk) {
        await client.query('SELECT pg_notify($1, $2)', [channel, '']);
        await client.query('COMMIT');
      } else {
        await client.query('ROLLBACK');
      }
      if (anyOk) {
        try {
          afterCommit();
        } catch {
          // notification failures never undo a commit
        }
      }
    } catch (x) {
      broken = x;
      await client.query('ROLLBACK').catch(() => undefined);
      const err = toStoreError(x, 'committing', where);
      jobs.forEach((j, k) => {
        const own = results[k];
        j.resolve(own !== undefined && E.isLeft(own) ? own : E.left(err));
      });
      return;
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
    jobs.forEach((j, k) => j.resolve(results[k] as E.Either<StoreError, unknown>));
  };

  const drain = async () => {
    while (queue.length > 0) {
      const jobs = queue.slice(0, MAX_GROUP);
      queue = queue.slice(jobs.length);
      await runGroup(jobs);
    }
    running = undefined;
  };

  return {
    submit: <T>(work: WriteWork<T>) =>
      new Promise<E.Either<StoreError, T>>((resolve) => {
        queue.push({ work, resolve: resolve as (r: E.Either<StoreError, unknown>) => void });
        running ??= Promise.resolve().then(drain);
      }),
    idle: async () => {
      while (running !== undefined) await running;
    },
  };
};
