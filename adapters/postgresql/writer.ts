/**
 * Group commit under one lock. The appends of one process are queued; the queue runs everything
 * that arrived in one transaction on one connection, which first takes the store's advisory
 * transaction lock (`pg_advisory_xact_lock`): one writer at a time per store, across processes and
 * machines. Positions are the highest plus one, assigned under the lock, so a transaction's
 * positions become visible only after every lower one: a reader never sees position 11 before 10,
 * and a subscription can never move past an event that commits later.
 *
 * A group costs the same statements whatever its size: the ids and heads of every append are read
 * at once, each append is planned in memory in arrival order with the kernel's `planAppend` (the
 * heads and ids written by earlier appends of the group included), and the rows and new heads are
 * written at once. An append the plan refuses is answered alone; a failed statement fails the group,
 * whose appends may then be retried (appends are idempotent by event id).
 *
 * Inline projections (inline.ts) fold what others appended at the start of every transaction and the
 * group's new events before its commit. When one refuses the events of a group of several appends,
 * the group is rolled back and its appends run again one per transaction, so only the append whose
 * events were refused fails.
 */
import * as E from 'fp-ts/Either';
import type { Pool, PoolClient } from 'pg';
import {
  errors, planAppend,
  type AppendResult, type PreparedAppend, type RecordedEvent, type StoreError, type StreamHead,
} from '../../src/eventsourcing/index';
import type { AppendStatements, NewRow } from './append';
import { toStoreError } from './errors';
import { InlineProjectionError, type InlineRunner } from './inline';
import { LOCK_CLASS_APPEND } from './schema';

/** The queue of appends of one store. */
export interface WriteQueue {
  /** Queues an append for the next group; resolves with its own result after the group commits. */
  submit(prepared: PreparedAppend): Promise<E.Either<StoreError, AppendResult>>;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  /**
   * Runs `work` in a transaction of its own under the append lock, between groups; `committed` runs
   * after the commit, before the next group starts.
   */
  exclusive(work: (client: PoolClient) => Promise<void>, committed: () => void): Promise<E.Either<StoreError, void>>;
}

interface Task {
  readonly work: (client: PoolClient) => Promise<void>;
  readonly committed: () => void;
  readonly resolve: (r: E.Either<StoreError, void>) => void;
}

interface Job {
  readonly prepared: PreparedAppend;
  readonly resolve: (r: E.Either<StoreError, AppendResult>) => void;
}

/** The most appends sharing one transaction; the rest wait for the next group. */
export const MAX_GROUP = 500;
/** The most canonical JSON (UTF-16 units) one group writes; later appends wait for the next group. */
export const MAX_GROUP_CHARS = 16 * 1024 * 1024;

const ignore = () => undefined;

/** Plans every job of a group in arrival order; returns the rows and heads to write. */
const planGroup = (
  jobs: readonly Job[],
  stored: Map<string, () => E.Either<StoreError, RecordedEvent>>,
  heads: Map<string, StreamHead>,
  last: bigint,
): { results: E.Either<StoreError, AppendResult>[]; rows: NewRow[]; changed: Map<string, StreamHead> } => {
  const written = new Map<string, RecordedEvent>();
  const changed = new Map<string, StreamHead>();
  const rows: NewRow[] = [];
  const results = jobs.map(({ prepared }): E.Either<StoreError, AppendResult> => {
    const found: (RecordedEvent | undefined)[] = [];
    for (const id of prepared.ids) {
      const mine = written.get(id);
      if (mine !== undefined) {
        found.push(mine);
        continue;
      }
      const read = stored.get(id);
      if (read === undefined) {
        found.push(undefined);
        continue;
      }
      const decoded = read();
      if (E.isLeft(decoded)) return decoded;
      found.push(decoded.right);
    }
    const plan = planAppend(prepared, heads.get(prepared.streamId), found);
    if (E.isLeft(plan)) return plan;
    if (plan.right._tag === 'Duplicate') return E.right(plan.right.result);
    const positions = plan.right.rows.map(() => (last += 1n));
    plan.right.rows.forEach((sealed, i) => rows.push({ sealed, position: positions[i] as bigint }));
    // The result shares data and metadata with the caller's events (no second parse of the body).
    const result = plan.right.done(positions);
    for (const e of result.events) written.set(e.eventId, e);
    const tail = result.events[result.events.length - 1] as RecordedEvent;
    const head: StreamHead = { streamId: prepared.streamId, revision: tail.revision, hash: tail.hash, position: tail.position };
    heads.set(prepared.streamId, head);
    changed.set(prepared.streamId, head);
    return E.right(result);
  });
  return { results, rows, changed };
};

/** Creates the append queue of one store. `afterCommit` runs after a commit that stored something. */
export const createWriteQueue = (
  pool: Pool,
  statements: AppendStatements,
  schema: string,
  events: string,
  channel: string,
  where: string,
  afterCommit: () => void,
  inline: InlineRunner,
): WriteQueue => {
  let queue: Job[] = [];
  let tasks: Task[] = [];
  let running: Promise<void> | undefined;
  const lastSql = { name: `cl-last-${schema}`, text: `SELECT coalesce(max(position), 0)::text AS last FROM ${events}` };

  /** Runs `work` in one transaction under the lock; a thrown error rolls it back and is returned. */
  const transaction = async <T>(doing: string, work: (client: PoolClient) => Promise<T>): Promise<E.Either<StoreError | InlineProjectionError, T>> => {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (x) {
      return E.left(toStoreError(x, `connecting for a write`, where));
    }
    // A connection that drops between statements reports on the client; the next statement fails
    // and the work is answered with StoreUnavailable, so the event itself needs no handling.
    client.on('error', ignore);
    let broken: unknown;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS_APPEND, schema]);
      await inline.catchUpAll(client);
      const result = await work(client);
      await client.query('COMMIT');
      return E.right(result);
    } catch (x) {
      if (!(x instanceof InlineProjectionError)) broken = x;
      await client.query('ROLLBACK').catch(() => undefined);
      return E.left(x instanceof InlineProjectionError ? x : toStoreError(x, doing, where));
    } finally {
      client.off('error', ignore);
      client.release(broken instanceof Error ? broken : undefined);
    }
  };

  const runGroup = async (jobs: Job[]): Promise<void> => {
    let stored = false;
    const done = await transaction('appending', async (client) => {
      const last = BigInt((await client.query<{ last: string }>(lastSql)).rows[0]?.last ?? '0');
      const ids = [...new Set(jobs.flatMap((j) => j.prepared.ids))];
      const streams = [...new Set(jobs.map((j) => j.prepared.streamId))];
      const found = await statements.lookup(client, ids);
      const heads = await statements.heads(client, streams);
      const plan = planGroup(jobs, found, heads, last);
      if (plan.rows.length > 0) {
        await statements.insert(client, plan.rows);
        await statements.setHeads(client, [...plan.changed.values()]);
        const fresh: RecordedEvent[] = [];
        for (const r of plan.results) if (E.isRight(r) && !r.right.duplicate) fresh.push(...r.right.events);
        await inline.afterInsert(client, fresh);
        await client.query('SELECT pg_notify($1, $2)', [channel, '']);
        stored = true;
      }
      return plan.results;
    });
    if (E.isRight(done)) {
      if (stored) {
        try {
          afterCommit();
        } catch {
          // notification failures never undo a commit
        }
      }
      jobs.forEach((j, k) => j.resolve(done.right[k] as E.Either<StoreError, AppendResult>));
      return;
    }
    const failure = done.left;
    if (failure instanceof InlineProjectionError) {
      // Find the append whose events the projection refused: one transaction per append.
      if (jobs.length > 1) {
        for (const j of jobs) await runGroup([j]);
        return;
      }
      const err = errors.storeFromUnknown(failure.reason, `appending: inline projection "${failure.projection}"`);
      for (const j of jobs) j.resolve(E.left(err));
      return;
    }
    for (const j of jobs) j.resolve(E.left(failure));
  };

  const takeGroup = (): Job[] => {
    let chars = 0;
    let n = 0;
    while (n < queue.length && n < MAX_GROUP) {
      for (const e of (queue[n] as Job).prepared.events) chars += e.data.length + e.metadata.length;
      if (n > 0 && chars > MAX_GROUP_CHARS) break;
      n++;
    }
    const group = queue.slice(0, n);
    queue = queue.slice(n);
    return group;
  };

  const runTask = async ({ work, committed, resolve }: Task): Promise<void> => {
    const done = await transaction('writing', work);
    if (E.isRight(done)) committed();
    resolve(E.isRight(done) ? E.right(undefined) : E.left(done.left instanceof InlineProjectionError
      ? errors.storeFromUnknown(done.left.reason, `inline projection "${done.left.projection}"`)
      : done.left));
  };

  const drain = async () => {
    while (tasks.length > 0 || queue.length > 0) {
      const task = tasks[0];
      if (task !== undefined) {
        tasks = tasks.slice(1);
        await runTask(task);
      } else {
        await runGroup(takeGroup());
      }
    }
    running = undefined;
  };
  const wake = () => {
    running ??= new Promise<void>((r) => setImmediate(r)).then(drain);
  };

  return {
    submit: (prepared) =>
      new Promise((resolve) => {
        queue.push({ prepared, resolve });
        wake();
      }),
    exclusive: (work, committed) =>
      new Promise((resolve) => {
        tasks.push({ work, committed, resolve });
        wake();
      }),
    idle: async () => {
      while (running !== undefined) await running;
    },
  };
};
