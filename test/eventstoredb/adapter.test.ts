/**
 * What the EventStoreDB adapter does beyond the contract suite: how events are stored, namespaces,
 * checkpoints outside the trail, corrupt and deleted streams, the server's own size limit,
 * positions on servers that send none with stream reads, options and closing.
 */
import { BACKWARDS, END, EventStoreDBClient, jsonEvent, type ResolvedEvent } from '@eventstore/db-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from 'fp-ts/Either';
import { createEventStoreDbStore, CHECKPOINT_PREFIX } from '../../adapters/eventstoredb/index';
import { LedgerFailure, computeHash, runProjection, type LedgerError, type Projection, type RecordedEvent } from '../../src/eventsourcing/index';
import { collect, testEvent, testMetadata } from '../../src/testing/index';
import type { EsdbTestServer } from '../support/esdb-server';
import { startServer, storeOn } from './helpers';

const right = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message);
  return e.right;
};
const left = <L>(e: E.Either<L, unknown>): L => {
  if (E.isRight(e)) throw new Error('expected a failure');
  return e.left;
};
const thrown = async (it: AsyncIterable<unknown>): Promise<LedgerError> => {
  try {
    await collect(it);
  } catch (e) {
    if (e instanceof LedgerFailure) return e.error;
    throw e;
  }
  throw new Error('expected the read to fail');
};

let server: EsdbTestServer;
let raw: EventStoreDBClient;
beforeAll(async () => {
  server = await startServer({ mode: 'batch' });
  raw = EventStoreDBClient.connectionString(server.connectionString);
});
afterAll(async () => {
  await raw.dispose();
  await server.close();
});

describe('EventStoreDB adapter: storage format', () => {
  it('stores data as JSON, chain fields in the metadata, and $correlationId/$causationId for native tools', async () => {
    const s = storeOn(server);
    const e = testEvent({ b: 2, a: [1, 'x'] }, { metadata: testMetadata({ correlationId: 'corr-9', causationId: 'cmd-9' }) });
    const r = right(await s.append('task-1', [e], 'no_stream')());
    const [stored] = (await collect(raw.readStream(`${s.namespace}-task-1`))) as ResolvedEvent[];
    expect(stored?.event?.id).toBe(e.eventId);
    expect(stored?.event?.type).toBe('TestHappened');
    expect(stored?.event?.isJson).toBe(true);
    expect(stored?.event?.data).toEqual({ a: [1, 'x'], b: 2 });
    expect(stored?.event?.metadata).toEqual({
      $correlationId: 'corr-9', $causationId: 'cmd-9', schemaVersion: 1, revision: '0',
      prevHash: r.events[0]!.prevHash, hash: r.events[0]!.hash, metadata: JSON.parse(JSON.stringify(e.metadata)),
    });
    const [read] = await collect(s.readStream('task-1'));
    expect(computeHash(read!)).toBe(read!.hash);
    await s.close();
  });

  it('keeps namespaces apart: same stream ids, separate trails', async () => {
    const a = storeOn(server);
    const b = storeOn(server);
    right(await a.append('shared', [testEvent({ in: 'a' })], 'no_stream')());
    right(await b.append('shared', [testEvent({ in: 'b' }), testEvent({ in: 'b' })], 'no_stream')());
    expect((await collect(a.readAll())).map((e) => e.data)).toEqual([{ in: 'a' }]);
    expect((await collect(b.readStream('shared'))).length).toBe(2);
    expect((await collect(a.readStream('shared')))[0]!.streamId).toBe('shared');
    await a.close();
    await b.close();
  });

  it('keeps checkpoints in capped streams of their own, outside every trail', async () => {
    const s = storeOn(server, { checkpointMaxCount: 2 });
    right(await s.append('t-1', [testEvent()], 'any')());
    const before = await collect(s.readAll());
    expect(right(await s.checkpoints.load('report')())).toBeUndefined();
    for (let i = 1n; i <= 4n; i++) right(await s.checkpoints.save('report', { version: 2, position: i * 100n, state: `s${i}` })());
    expect(right(await s.checkpoints.load('report')())).toEqual({ version: 2, position: 400n, state: 's4' });
    right(await s.checkpoints.save('empty', { version: 1, position: undefined })());
    expect(right(await s.checkpoints.load('empty')())).toEqual({ version: 1, position: undefined });
    expect(await collect(s.readAll())).toEqual(before);
    const stream = `${CHECKPOINT_PREFIX}${s.namespace}/report`;
    expect((await collect(raw.readStream(stream))).length).toBe(2); // $maxCount
    const noNamespace = createEventStoreDbStore({ connectionString: server.connectionString });
    const all = await collect(noNamespace.readAll());
    expect(all.some((e) => e.streamId.startsWith(CHECKPOINT_PREFIX) || e.streamId.startsWith('$'))).toBe(false);
    expect(left(await noNamespace.append(`${CHECKPOINT_PREFIX}x`, [testEvent()], 'any')())._tag).toBe('ValidationFailed');
    expect(left(await s.checkpoints.save('', { version: 1, position: undefined })())._tag).toBe('ValidationFailed');
    expect(left(await s.checkpoints.save('x', { version: 1, position: -1n })())._tag).toBe('ValidationFailed');
    await noNamespace.close();
    await s.close();
  });

  it('refuses what EventStoreDB reserves or rewrites: $ types and upper-case ids', async () => {
    const s = storeOn(server);
    const t = left(await s.append('x', [testEvent({}, { type: '$Thing' })], 'any')());
    expect(t.message).toContain('events[0].type');
    const id = left(await s.append('x', [testEvent({}, { eventId: 'ABCDEF01-0000-4000-8000-000000000001' })], 'any')());
    expect(id.message).toContain('events[0].eventId');
    expect(await collect(s.readAll())).toEqual([]);
    await s.close();
  });
});

describe('EventStoreDB adapter: failures', () => {
  it('reads a foreign or damaged record as a CorruptEvent naming its position', async () => {
    const s = storeOn(server);
    right(await s.append('ok', [testEvent()], 'any')());
    await raw.appendToStream(`${s.namespace}-bad`, [jsonEvent({ type: 'Native', data: { hello: 'world' } })]);
    const [all] = ((await collect(raw.readStream(`${s.namespace}-bad`))) as ResolvedEvent[]);
    const err = await thrown(s.readStream('bad'));
    expect(err).toMatchObject({ _tag: 'CorruptEvent', streamId: 'bad', position: all!.event!.position!.commit });
    expect((await thrown(s.readAll()))._tag).toBe('CorruptEvent');
    const good = right(await s.append('rev', [testEvent()], 'any')());
    const meta = { ...(good.events[0] as RecordedEvent), revision: undefined };
    await raw.appendToStream(`${s.namespace}-rev`, [jsonEvent({ type: 'X', data: {}, metadata: { ...meta.metadata, schemaVersion: 1, revision: '7', prevHash: good.events[0]!.hash, hash: good.events[0]!.hash, metadata: meta.metadata } as never })]);
    expect((await thrown(s.readStream('rev'))).message).toContain('differs from the stream revision');
    expect(left(await s.append('bad', [testEvent()], 'any')())._tag).toBe('CorruptEvent');
    await s.close();
  });

  it('maps tombstoned and soft-deleted streams to StreamDeleted and writes nothing', async () => {
    const s = storeOn(server);
    right(await s.append('hard', [testEvent()], 'any')());
    await raw.tombstoneStream(`${s.namespace}-hard`);
    expect(left(await s.append('hard', [testEvent()], 'any')())).toMatchObject({ _tag: 'StreamDeleted', streamId: 'hard' });
    expect((await thrown(s.readStream('hard')))._tag).toBe('StreamDeleted');
    expect(left(await s.streamHead('hard')())._tag).toBe('StreamDeleted');
    right(await s.append('soft', [testEvent()], 'any')());
    await raw.deleteStream(`${s.namespace}-soft`);
    expect(await collect(s.readStream('soft'))).toEqual([]);
    expect(left(await s.append('soft', [testEvent()], 'no_stream')())).toMatchObject({ _tag: 'StreamDeleted', streamId: 'soft' });
    expect(server.log.currentRevision(`${s.namespace}-soft`)).toBe(0n);
    await s.close();
  });

  it("reports the server's own append limit as AppendTooLarge", async () => {
    const small = await startServer({ maxAppendSize: 4096 });
    const s = storeOn(small);
    const err = left(await s.append('big', [testEvent({ blob: 'x'.repeat(5000) })], 'any')());
    expect(err).toMatchObject({ _tag: 'AppendTooLarge', streamId: 'big', limit: 4096 });
    expect((err as { size: number }).size).toBeGreaterThan(4096);
    expect(await collect(s.readAll())).toEqual([]);
    await s.close();
    await small.close();
  });

  it('handles conflicts the same with a client made not to throw on append failure', async () => {
    const s = storeOn(`${server.connectionString}&throwOnAppendFailure=false`);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => s.append('nt', [testEvent({ i })], 'any')()));
    expect(results.every(E.isRight)).toBe(true);
    expect((await collect(s.readStream('nt'))).map((e) => Number(e.revision))).toEqual([0, 1, 2, 3, 4, 5]);
    await s.close();
  });

  it('fails every operation with StoreUnavailable after close, and ends open subscriptions', async () => {
    const s = storeOn(server);
    const sub = s.subscribeToAll();
    const done = collect(sub);
    await new Promise((r) => setTimeout(r, 30));
    await s.close();
    expect(await done).toEqual([]);
    expect(left(await s.append('x', [testEvent()], 'any')())._tag).toBe('StoreUnavailable');
    expect((await thrown(s.readAll()))._tag).toBe('StoreUnavailable');
    expect(left(await s.streamHead('x')())._tag).toBe('StoreUnavailable');
    expect(left(await s.checkpoints.load('x')())._tag).toBe('StoreUnavailable');
  });

  it('refuses bad options with a typed error', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as LedgerFailure).error;
      }
      throw new Error('expected a failure');
    };
    expect(err(() => createEventStoreDbStore({}))).toMatchObject({ _tag: 'ValidationFailed' });
    expect(err(() => createEventStoreDbStore({ connectionString: server.connectionString, namespace: 'a-b' })).message).toContain('namespace');
    expect(err(() => createEventStoreDbStore({ connectionString: 'http://nope' })).message).toContain('connectionString');
    expect(err(() => createEventStoreDbStore({ connectionString: server.connectionString, idempotencyWindow: -1 })).message).toContain('idempotencyWindow');
  });
});

describe('EventStoreDB adapter: idempotency as far as EventStoreDB lets it tell', () => {
  it('recognises a retry below the tail window and a reused id in another stream, within one store', async () => {
    const s = storeOn(server, { idempotencyWindow: 0 });
    const first = [testEvent({ n: 1 })];
    right(await s.append('deep', first, 'any')());
    for (let i = 0; i < 5; i++) right(await s.append('deep', [testEvent({ n: i })], 'any')());
    expect(right(await s.append('deep', first, 'any')()).duplicate).toBe(true);
    expect(left(await s.append('elsewhere', first, 'any')())._tag).toBe('DuplicateEventId');
    expect((await collect(s.readStream('deep'))).length).toBe(6);
    await s.close();
  });

  it('cannot tell a reused id in another stream from another store instance (no index by id): documented limit', async () => {
    const a = storeOn(server);
    const b = createEventStoreDbStore({ connectionString: server.connectionString, namespace: a.namespace });
    const e = testEvent();
    right(await a.append('one', [e], 'any')());
    expect(right(await b.append('two', [e], 'any')()).duplicate).toBe(false);
    expect(left(await b.append('one', [{ ...e, data: { other: true } }], 'any')())._tag).toBe('DuplicateEventId');
    await a.close();
    await b.close();
  });
});

describe('EventStoreDB adapter: servers without positions on stream reads', () => {
  it('looks positions up, so stream reads, heads and appends agree with $all', async () => {
    const legacy = await startServer({ mode: 'legacy' });
    const writer = storeOn(legacy);
    right(await writer.append('a', [testEvent(), testEvent(), testEvent()], 'no_stream')());
    const multi = right(await writer.append('a', [testEvent(), testEvent()], 2n)());
    right(await writer.append('b', [testEvent()], 'no_stream')());
    const all = await collect(writer.readAll());
    expect(multi.events.map((e) => e.position)).toEqual(all.slice(3, 5).map((e) => e.position));
    const reader = createEventStoreDbStore({ connectionString: legacy.connectionString, namespace: writer.namespace });
    expect((await collect(reader.readStream('a'))).map((e) => e.position)).toEqual(all.slice(0, 5).map((e) => e.position));
    expect(right(await reader.streamHead('b')())?.position).toBe(all[5]!.position);
    expect(legacy.callCount('subscribe')).toBeGreaterThan(0); // the filtered $all scan
    await writer.close();
    await reader.close();
    await legacy.close();
  });
});

describe('EventStoreDB adapter: positions that are not event positions', () => {
  it('runs the projection runner across runs (it resumes from the last position plus one)', async () => {
    const s = storeOn(server);
    const counter: Projection<number> = { name: 'count', version: 1, initialState: 0, apply: (n) => n + 1, serialize: String, deserialize: Number };
    right(await s.append('p', [testEvent(), testEvent()], 'any')());
    expect(right(await runProjection(s, s.checkpoints, counter)()).state).toBe(2);
    right(await s.append('p', [testEvent()], 'any')());
    const second = right(await runProjection(s, s.checkpoints, counter)());
    expect({ state: second.state, applied: second.applied }).toEqual({ state: 3, applied: 1 });
    await s.close();
  });

  it('reads $all and subscribes from any position, even one inside a record', async () => {
    const s = storeOn(server);
    right(await s.append('q', [testEvent(), testEvent(), testEvent()], 'any')());
    const all = await collect(s.readAll());
    for (const at of [all[1]!.position, all[0]!.position + 1n, all[0]!.position + 2n]) {
      expect((await collect(s.readAll({ fromPosition: at }))).map((e) => e.eventId)).toEqual(all.slice(1).map((e) => e.eventId));
    }
    const sub = s.subscribeToAll({ afterPosition: all[0]!.position + 2n });
    const seen: string[] = [];
    for await (const e of sub) {
      seen.push(e.eventId);
      if (seen.length === 2) await sub.close();
    }
    expect(seen).toEqual(all.slice(1).map((e) => e.eventId));
    await s.close();
  });
});

describe('EventStoreDB adapter: paging', () => {
  it('reads long streams and $all page by page without losing or repeating an event', async () => {
    const s = storeOn(server);
    for (let i = 0; i < 12; i++) right(await s.append('long', Array.from({ length: 100 }, (_, j) => testEvent({ i, j })), 'any')());
    const stream = await collect(s.readStream('long'));
    expect(stream.map((e) => Number(e.revision))).toEqual(Array.from({ length: 1200 }, (_, i) => i));
    const back = await collect(s.readStream('long', { direction: 'backwards', fromRevision: 1100n, maxCount: 600 }));
    expect(back.map((e) => Number(e.revision))).toEqual(Array.from({ length: 600 }, (_, i) => 1100 - i));
    const all = await collect(s.readAll());
    expect(all.map((e) => e.eventId)).toEqual(stream.map((e) => e.eventId));
    const from = await collect(s.readAll({ fromPosition: all[499]!.position, maxCount: 3 }));
    expect(from.map((e) => e.eventId)).toEqual(all.slice(499, 502).map((e) => e.eventId));
    const head = (await collect(raw.readStream(`${s.namespace}-long`, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }))) as ResolvedEvent[];
    expect(head[0]?.event?.revision).toBe(1199n);
    await s.close();
  });

  it('connects through discovery (esdb+discover://) as well', async () => {
    const s = storeOn(`esdb+discover://127.0.0.1:${server.port}?tls=false`);
    right(await s.append('d', [testEvent()], 'any')());
    expect((await collect(s.readStream('d'))).length).toBe(1);
    await s.close();
  });
});
