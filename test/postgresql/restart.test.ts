/**
 * A PostgreSQL server restarted, crashed and stopped under the store (a private server, see
 * ../support/pg-instance) while writers append and live subscriptions follow: every failed append is
 * a StoreUnavailable naming the cause and its retry (the same events, the same expected revision)
 * stores them once; the subscriptions, on another store object and woken by notifications only (its
 * listening connection must come back and catch up), deliver every event once, in order; a
 * subscription started while the server is down starts when it is back; checkpoints and reads work
 * again afterwards.
 */
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../adapters/postgresql/index';
import { verifyStore } from '../../src/audit/verify';
import type { AppendResult, NewEvent, RecordedEvent, Subscription } from '../../src/eventsourcing/index';
import { startPgInstance, type PgInstance } from '../support/pg-instance';
import { collect, newEvent, rightOf } from '../sqlite/helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

let server: PgInstance;
beforeAll(async () => {
  server = await startPgInstance();
}, 120_000);
afterAll(async () => {
  await server?.destroy();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Follows a subscription into `seen` until `until()` says the expected count is known and reached. */
const follow = (sub: Subscription, seen: RecordedEvent[], until: () => number | undefined): Promise<void> => {
  const done = (async () => {
    for await (const e of sub) {
      seen.push(e);
      const want = until();
      if (want !== undefined && seen.length >= want) break;
    }
  })();
  done.catch(() => undefined); // awaited by the test; not unhandled when an assertion fails first
  return done;
};

describe('postgresql store: the server restarts and stops under appends and subscriptions', () => {
  it('appends fail typed and retry idempotently; subscriptions lose and repeat nothing', async () => {
    let store: PostgresStore | undefined;
    let reader: PostgresStore | undefined;
    try {
      store = await unwrap(openPostgresStore({ connectionString: server.url, schema: 'ledger', connectTimeoutMs: 2000 }));
      const s = store;
      // The subscriptions run on another store object (another pool), as in another process, and
      // never poll: only notifications wake them, so its listening connection must come back.
      reader = await unwrap(openPostgresStore({ connectionString: server.url, schema: 'ledger', pollMs: 0, connectTimeoutMs: 2000 }));
      const r = reader;
      let total: number | undefined;
      const until = () => total;
      const early: RecordedEvent[] = [];
      const earlySub = r.subscribeToAll();
      const earlyDone = follow(earlySub, early, until);

      const failures: string[] = [];
      let restarts = 0;
      let stopped = false;
      let lateSub: Subscription | undefined;
      const late: RecordedEvent[] = [];
      let lateDone: Promise<void> | undefined;

      /** Appends with the exact expected revision, retrying the same events while the store is unavailable. */
      const append = async (streamId: string, events: NewEvent[], expected: bigint | 'no_stream'): Promise<AppendResult> => {
        for (;;) {
          const r = await s.append(streamId, events, expected)();
          if (E.isRight(r)) return r.right;
          if (r.left._tag !== 'StoreUnavailable') throw new Error(`${r.left._tag}: ${r.left.message}`);
          failures.push(r.left.message);
          await pause(50);
        }
      };

      const writers = 4;
      const results: AppendResult[] = [];
      const work = Array.from({ length: writers }, async (_, w) => {
        let expected: bigint | 'no_stream' = 'no_stream';
        // Keep appending until the restarts are over, so appends run into every one of them.
        for (let k = 0; k < 12 || restarts < 3; k++) {
          const r = await append(`w-${w}`, [newEvent({ w, k }), newEvent({ w, k, second: true })], expected);
          results.push(r);
          expected = r.lastRevision;
          await pause(20);
        }
      });

      const chaos = (async () => {
        await pause(400);
        await server.restart();
        restarts++;
        await pause(400);
        await server.stop('immediate'); // a crash: no clean goodbye to the sessions
        restarts++;
        await server.start();
        await pause(400);
        await server.stop();
        stopped = true;
        // A subscription started while the server is down waits for it and starts from the beginning.
        lateSub = r.subscribeToAll();
        lateDone = follow(lateSub, late, until);
        await pause(1500);
        stopped = false;
        await server.start();
        restarts++;
      })();

      await Promise.all([...work, chaos]);
      expect(stopped).toBe(false);
      const all = await collect(s.readAll());
      total = all.length;
      // Every append stored its two events once, however often it was retried.
      expect(total).toBe(results.length * 2);
      expect(new Set(all.map((e) => e.eventId)).size).toBe(total);
      expect(all.map((e) => e.position)).toEqual(Array.from({ length: total }, (_, i) => BigInt(i + 1)));
      for (let w = 0; w < writers; w++) {
        const revisions = all.filter((e) => e.streamId === `w-${w}`).map((e) => e.revision);
        expect(revisions).toEqual(Array.from({ length: revisions.length }, (_, i) => BigInt(i)));
      }
      
      // The store really was unavailable, and said why.
      expect(failures.length).toBeGreaterThan(0);
      const cause = /^store unavailable: (appending|connecting for a write): (cannot reach|lost the connection to|the PostgreSQL server at .* is shutting down)/;
      for (const m of failures) expect(m).toMatch(cause);
      expect(failures.some((m) => /cannot reach the PostgreSQL server at 127\.0\.0\.1:\d+\/postgres \(ECONNREFUSED\)/.test(m))).toBe(true);

      // A notification-only subscriber gets everything once, in order, after the listener came back.
      const more = await append('after', [newEvent({ after: true })], 'no_stream');
      total += 1;
      await earlyDone;
      await lateDone;
      expect(early.map((e) => e.eventId)).toEqual([...all.map((e) => e.eventId), more.events[0]?.eventId]);
      expect(late.map((e) => e.eventId)).toEqual(early.map((e) => e.eventId));
      await earlySub.close();
      await lateSub?.close();

      rightOf(await s.checkpoints.save('p', { version: 1, position: BigInt(total) })());
      expect(rightOf(await s.checkpoints.load('p')())?.position).toBe(BigInt(total));
      expect(rightOf(await verifyStore(s)()).ok).toBe(true);
    } finally {
      await reader?.close();
      await store?.close();
    }
  }, 180_000);
});
