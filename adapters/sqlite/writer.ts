/**
 * Group commit. Every write (appends, checkpoint saves, inline projection work, user
 * transactions) is queued; the queue runs everything that arrived in one `BEGIN IMMEDIATE`
 * transaction, each job inside its own SAVEPOINT with its own result, so one failing job is rolled
 * back alone and never undoes the others. One COMMIT (one fsync with durability `full`) then
 * covers the whole group.
 */
import * as E from 'fp-ts/Either';
import { errors, type StoreError } from '../../src/eventsourcing/index';
import { toStoreError, type Db } from './driver';

/** Work run inside the write transaction, in its own savepoint. Left (or a throw) rolls it back. */
export type WriteWork<T> = () => E.Either<StoreError, T>;

/** Hooks around each group. */
export interface WriteQueueHooks {
  /** Runs right after BEGIN, before the first job (e.g. bringing inline projections up to date). */
  readonly beforeGroup?: () => void;
  /** Runs after a successful COMMIT that included at least one successful job. */
  readonly afterCommit?: () => void;
}

/** The queue of writes. */
export interface WriteQueue {
  /** Queues work for the next group; resolves with its own result after the group commits. */
  submit<T>(work: WriteWork<T>): Promise<E.Either<StoreError, T>>;
  /** Runs every queued job now (used on close). */
  drain(): void;
  /** Jobs waiting. */
  readonly pending: number;
}

interface Job {
  readonly work: WriteWork<unknown>;
  readonly resolve: (r: E.Either<StoreError, unknown>) => void;
}

/** The most jobs sharing one transaction; the rest wait for the next group. */
export const MAX_GROUP = 1000;

/** Creates the write queue of one connection. */
export const createWriteQueue = (db: Db, hooks: WriteQueueHooks = {}): WriteQueue => {
  let queue: Job[] = [];
  let scheduled = false;
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const savepoint = db.prepare('SAVEPOINT w');
  const release = db.prepare('RELEASE w');
  const rollbackTo = db.prepare('ROLLBACK TO w');

  const rollbackQuietly = () => {
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // the connection is gone; nothing was committed
    }
  };

  const runGroup = (jobs: Job[]): void => {
    try {
      begin.run();
    } catch (x) {
      const err = toStoreError(x, 'starting a write transaction');
      for (const j of jobs) j.resolve(E.left(err));
      return;
    }
    const results: E.Either<StoreError, unknown>[] = [];
    let anyOk = false;
    // A group of one needs no savepoint: if it fails, the whole transaction is rolled back.
    const solo = jobs.length === 1;
    try {
      hooks.beforeGroup?.();
      for (let i = 0; i < jobs.length; i++) {
        if (!solo) savepoint.run();
        let r: E.Either<StoreError, unknown>;
        try {
          r = (jobs[i] as Job).work();
        } catch (x) {
          r = E.left(toStoreError(x, 'writing'));
        }
        if (!db.inTransaction) {
          // SQLite rolled the whole transaction back (disk full, I/O error): everything is lost.
          const lost = E.left(errors.unavailable('the write transaction was rolled back by SQLite; nothing in it was stored'));
          results.push(r);
          jobs.forEach((j, k) => {
            const own = results[k];
            j.resolve(own !== undefined && E.isLeft(own) ? own : lost);
          });
          return;
        }
        results.push(r);
        if (E.isRight(r)) anyOk = true;
        if (solo) break;
        if (E.isLeft(r)) rollbackTo.run();
        release.run();
      }
      if (anyOk) commit.run();
      else db.exec('ROLLBACK');
    } catch (x) {
      rollbackQuietly();
      const err = toStoreError(x, 'committing');
      jobs.forEach((j, k) => {
        const r = results[k];
        j.resolve(r !== undefined && E.isLeft(r) ? r : E.left(err));
      });
      return;
    }
    if (anyOk) {
      try {
        hooks.afterCommit?.();
      } catch {
        // notification failures never undo a commit
      }
    }
    jobs.forEach((j, k) => j.resolve(results[k] as E.Either<StoreError, unknown>));
  };

  const drain = () => {
    scheduled = false;
    while (queue.length > 0) {
      const jobs = queue.length <= MAX_GROUP ? queue : queue.slice(0, MAX_GROUP);
      queue = queue.length <= MAX_GROUP ? [] : queue.slice(MAX_GROUP);
      runGroup(jobs);
    }
  };

  return {
    submit: <T>(work: WriteWork<T>) =>
      new Promise<E.Either<StoreError, T>>((resolve) => {
        queue.push({ work, resolve: resolve as (r: E.Either<StoreError, unknown>) => void });
        if (!scheduled) {
          scheduled = true;
          setImmediate(drain);
        }
      }),
    drain,
    get pending() {
      return queue.length;
    },
  };
};
