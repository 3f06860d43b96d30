/**
 * Faults, in both protocol modes: a server that fails during an append (before or after storing),
 * that is unavailable for a while, that drops subscriptions mid-stream, that restarts, or that
 * answers slowly. Retries never duplicate; subscriptions never lose or repeat an event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as E from 'fp-ts/Either';
import { LedgerFailure, type RecordedEvent, type Subscription } from '../../src/eventsourcing/index';
import { collect, testEvent } from '../../src/testing/index';
import type { EsdbTestServer } from '../support/esdb-server';
import { eventually, startServer, storeOn } from './helpers';

const right = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message);
  return e.right;
};

/** Consumes a subscription in the background. */
const consume = (sub: Subscription) => {
  const seen: RecordedEvent[] = [];
  const done = (async () => {
    for await (const e of sub) seen.push(e);
  })();
  return { seen, done };
};

const servers: EsdbTestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
const start = async (mode: 'batch' | 'legacy') => {
  const s = await startServer({ mode });
  servers.push(s);
  return s;
};

describe.each(['batch', 'legacy'] as const)('faults, %s mode', (mode) => {
  const appendMethod = mode === 'batch' ? 'batchAppend' : 'append';

  it.each(['after', 'before'] as const)('UNAVAILABLE %s storing an append, then a retry with the same ids: exactly one copy', async (when) => {
    const server = await start(mode);
    const s = storeOn(server);
    right(await s.append('order', [testEvent({ n: 0 })], 'no_stream')());
    const events = [testEvent({ n: 1 }), testEvent({ n: 2 })];
    server.faults.failNext(appendMethod, when);
    const failed = await s.append('order', events, 0n)();
    expect(E.isLeft(failed) && failed.left).toMatchObject({ _tag: 'StoreUnavailable', retryable: true });
    expect(server.log.currentRevision(`${s.namespace}-order`)).toBe(when === 'after' ? 2n : 0n);
    const retried = right(await s.append('order', events, 0n)());
    expect(retried.duplicate).toBe(when === 'after');
    expect(retried.events.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    const stored = await collect(s.readStream('order'));
    expect(stored.map((e) => e.eventId)).toEqual([stored[0]!.eventId, ...events.map((e) => e.eventId)]);
    expect(retried.events.map((e) => e.position)).toEqual(stored.slice(1).map((e) => e.position));
    await s.close();
  });

  it('reports StoreUnavailable while the server is not ready, and works again when it is', async () => {
    const server = await start(mode);
    const s = storeOn(server);
    right(await s.append('x', [testEvent()], 'any')());
    server.faults.unavailable = true;
    const failed = await s.append('x', [testEvent()], 'any')();
    expect(E.isLeft(failed) && failed.left._tag).toBe('StoreUnavailable');
    const readError = await collect(s.readStream('x')).catch((e: unknown) => e);
    expect(readError).toBeInstanceOf(LedgerFailure);
    expect((readError as LedgerFailure).error._tag).toBe('StoreUnavailable');
    expect(E.isLeft(await s.streamHead('x')())).toBe(true);
    server.faults.unavailable = false;
    right(await s.append('x', [testEvent()], 'any')());
    expect((await collect(s.readStream('x'))).length).toBe(2);
    await s.close();
  });

  it('resumes a subscription dropped mid-stream, again and again, without losing or repeating an event', async () => {
    const server = await start(mode);
    const s = storeOn(server);
    for (let i = 0; i < 10; i++) right(await s.append(`st-${i % 3}`, [testEvent({ i })], 'any')());
    server.faults.subscriptionEventLimit = 3; // every subscription call is cut after 3 events
    const { seen, done } = consume(s.subscribeToAll());
    await eventually(() => seen.length >= 10, 15_000, 'catch-up across drops');
    for (let i = 10; i < 16; i++) right(await s.append(`st-${i % 3}`, [testEvent({ i })], 'any')());
    await eventually(() => seen.length >= 16, 15_000, 'live events across drops');
    server.faults.subscriptionEventLimit = undefined;
    await eventually(() => server.openSubscriptions === 1, 5_000, 'a steady subscription');
    server.dropSubscriptions();
    right(await s.append('st-9', [testEvent({ i: 16 })], 'any')());
    await eventually(() => seen.length >= 17, 15_000, 'the event after a drop');
    await new Promise((r) => setTimeout(r, 100));
    await s.close();
    await done;
    const all = await collect(storeOn(server, { namespace: s.namespace }).readAll());
    expect(seen.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
    expect(server.callCount('subscribe')).toBeGreaterThan(5);
  });

  it('survives a server restart: appends fail while it is down, then work; the subscription loses nothing', async () => {
    const server = await start(mode);
    const s = storeOn(server);
    right(await s.append('r', [testEvent({ before: true })], 'any')());
    const { seen, done } = consume(s.subscribeToAll());
    await eventually(() => seen.length === 1, 10_000, 'the first event');
    await server.stop();
    const down = await s.append('r', [testEvent()], 'any')();
    expect(E.isLeft(down) && down.left._tag).toBe('StoreUnavailable');
    await server.restart();
    let after: E.Either<{ message: string }, unknown> = E.left({ message: 'not tried' });
    for (let i = 0; i < 50 && E.isLeft(after); i++) {
      after = await s.append('r', [testEvent({ after: i })], 'any')();
      if (E.isLeft(after)) await new Promise((r) => setTimeout(r, 50));
    }
    right(after);
    await eventually(() => seen.length === 2, 15_000, 'the event after the restart');
    await s.close();
    await done;
    expect(seen.map((e) => Number(e.revision))).toEqual([0, 1]);
  });

  it('stays correct when every reply is delayed: concurrent appends to one stream, no lost update', async () => {
    const server = await start(mode);
    const s = storeOn(server);
    server.faults.delayMs = 15;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => s.append('slow', [testEvent({ i })], 'any')()));
    expect(results.every(E.isRight)).toBe(true);
    server.faults.delayMs = 0;
    const events = await collect(s.readStream('slow'));
    expect(events.map((e) => Number(e.revision))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    events.forEach((e, i) => i > 0 && expect(e.prevHash).toBe(events[i - 1]!.hash));
    await s.close();
  });
});

it('a subscription gives up with StoreUnavailable when the server stays away', async () => {
  const server = await startServer();
  const s = storeOn(server, { resubscribe: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 } });
  await server.close();
  const err = await collect(s.subscribeToAll()).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LedgerFailure);
  expect((err as LedgerFailure).error).toMatchObject({ _tag: 'StoreUnavailable', retryable: true });
  await s.close();
});
