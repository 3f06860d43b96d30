/**
 * Connections dropped under the store (every backend of the store terminated by the server, as in
 * a server restart) while appends and a live subscription run: appends fail typed
 * (StoreUnavailable) and a retry of the same events stores them once; the subscription resumes by
 * itself and delivers every event once, in order.
 */
import * as E from 'fp-ts/Either';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from '../../src/eventsourcing/index';
import { verifyStore } from '../../src/audit/verify';
import { collect, newEvent, rightOf } from '../sqlite/helpers';
import { schemas, sql } from './helpers';

const made = schemas('faults');
afterAll(() => made.dropAll());

describe('postgresql store: dropped connections', () => {
  it('appends retry idempotently and a subscription resumes, losing and repeating nothing', async () => {
    const store = await made.open({ pollMs: 0 }); // only notifications wake the subscriber: the listener must come back
    const kill = () => sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [`campaign-ledger:${store.schema}`]);
    const writers = 8;
    const per = 25;
    const total = writers * per * 2;
    const seen: RecordedEvent[] = [];
    const sub = store.subscribeToAll();
    const following = (async () => {
      for await (const e of sub) {
        seen.push(e);
        if (seen.length === total) break;
      }
    })();
    const failures: string[] = [];
    const append = async (streamId: string, events: NewEvent[]) => {
      for (;;) {
        const r = await store.append(streamId, events, 'any')();
        if (E.isRight(r)) return r.right;
        failures.push(r.left._tag);
        if (r.left._tag !== 'StoreUnavailable') throw new Error(r.left.message);
      }
    };
    let kills = 0;
    const work = Array.from({ length: writers }, async (_, w) => {
      for (let k = 0; k < per; k++) {
        await append(`w-${w}`, [newEvent({ w, k }), newEvent({ w, k, second: true })]);
        if (w === 0 && k % 5 === 2) {
          await kill();
          kills++;
        }
      }
    });
    await Promise.all(work);
    await following;
    await sub.close();
    expect(kills).toBe(5);
    expect(new Set(failures)).toEqual(failures.length === 0 ? new Set() : new Set(['StoreUnavailable']));
    const all = await collect(store.readAll());
    expect(all).toHaveLength(total);
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: total }, (_, i) => BigInt(i + 1)));
    expect(seen.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
    expect(rightOf(await verifyStore(store)()).ok).toBe(true);
    await store.close();
  }, 60_000);
});
