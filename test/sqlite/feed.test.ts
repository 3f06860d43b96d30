import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../adapters/sqlite/index';
import type { RecordedEvent, Subscription } from '../../src/eventsourcing/index';
import { eventually } from '../support/eventually';
import { newEvent, rightOf, tempDir } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

let dir: ReturnType<typeof tempDir>;
const opened: SqliteStore[] = [];
beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  dir.remove();
});

const open = async (pollMs: number) => {
  const s = await unwrap(openSqliteStore({ path: dir.file('ledger.db'), durability: 'normal', pollMs }));
  opened.push(s);
  return s;
};

/**
 * Collects from a subscription until `count` events arrived (or fails after a while); `seen` shows
 * what arrived so far, for tests that wait on it.
 */
const take = (sub: Subscription, count: number, ms = 5000, seen: RecordedEvent[] = []): Promise<RecordedEvent[]> => {
  const run = (async () => {
    for await (const e of sub) {
      seen.push(e);
      if (seen.length === count) await sub.close();
    }
    return seen;
  })();
  const timeout = new Promise<never>((_, reject) => {
    const t = setTimeout(() => reject(new Error(`the subscription saw ${seen.length} of ${count} events`)), ms);
    void run.finally(() => clearTimeout(t));
  });
  return Promise.race([run, timeout]);
};

describe('sqlite store: subscriptions', () => {
  it('goes live on in-process appends without polling', async () => {
    const s = await open(0);
    rightOf(await s.append('a', [newEvent({ i: 0 })], 'any')());
    const seen: RecordedEvent[] = [];
    const got = take(s.subscribeToAll(), 3, 5000, seen);
    await eventually(() => seen.length === 1, 5000, 'the catch-up of the first event'); // now live
    rightOf(await s.append('a', [newEvent({ i: 1 }), newEvent({ i: 2 })], 'any')());
    expect((await got).map((e) => e.position)).toEqual([1n, 2n, 3n]);
  });

  it('sees events written by another connection to the same file, by polling', async () => {
    const reader = await open(20);
    const writer = await open(0);
    const seen: RecordedEvent[] = [];
    const got = take(reader.subscribeToAll({ afterPosition: 0n }), 4, 5000, seen);
    rightOf(await writer.append('w-0', [newEvent({ i: 0 })], 'no_stream')());
    await eventually(() => seen.length === 1, 5000, 'the first event from the other connection'); // now live
    for (let i = 1; i < 4; i++) rightOf(await writer.append(`w-${i}`, [newEvent({ i })], 'no_stream')());
    expect((await got).map((e) => e.streamId)).toEqual(['w-0', 'w-1', 'w-2', 'w-3']);
  });

  it('a prefix subscription skips pages of other streams without waiting for a poll', async () => {
    const s = await open(0);
    const noise = async (batches: number) => {
      for (let i = 0; i < batches; i++) rightOf(await s.append('noise', Array.from({ length: 100 }, () => newEvent()), 'any')());
    };
    await noise(25);
    rightOf(await s.append('wanted-1', [newEvent()], 'any')());
    await noise(15);
    rightOf(await s.append('wanted-2', [newEvent()], 'any')());
    await noise(12);
    // Polling is off and nothing else is appended: only scanning on past non-matching pages delivers these.
    const got = await take(s.subscribeToAll({ streamPrefix: 'wanted-' }), 2, 3000);
    expect(got.map((e) => [e.streamId, e.position])).toEqual([['wanted-1', 2501n], ['wanted-2', 4002n]]);
  });

  it('closing the store ends open subscriptions cleanly', async () => {
    const s = await open(0);
    const sub = s.subscribeToAll();
    const seen: RecordedEvent[] = [];
    const done = (async () => {
      for await (const e of sub) seen.push(e);
      return seen;
    })();
    rightOf(await s.append('a', [newEvent()], 'any')());
    await eventually(() => seen.length === 1, 5000, 'the delivery of the event');
    await s.close();
    expect((await done).length).toBe(1);
  });
});
