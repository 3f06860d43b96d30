/**
 * The in-process EventStoreDB-protocol server, exercised with the real client: which append path
 * the client takes in each mode, errors in the three shapes real servers use, positions, start
 * rules, filters, discovery through Gossip, and the fault hooks.
 */
import * as grpc from '@grpc/grpc-js';
import {
  BACKWARDS, END, EventStoreDBClient, FORWARDS, jsonEvent, START, streamNameFilter,
  MaxAppendSizeExceededError, StreamDeletedError, StreamNotFoundError, UnavailableError, UnknownError, WrongExpectedVersionError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { afterEach, describe, expect, it } from 'vitest';
import { featuresGrpc, sharedPb } from '../support/esdb-proto';
import { EsdbTestServer } from '../support/esdb-server';

const U64_MAX = (1n << 64n) - 1n;
const ev = (n: number) => jsonEvent({ type: 'Thing', data: { n } });
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};
const failure = async (p: Promise<unknown> | (() => Promise<unknown>)): Promise<unknown> => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
};

const opened: { server: EsdbTestServer; client: EventStoreDBClient }[] = [];
const open = async (mode: 'batch' | 'legacy', extra: Parameters<typeof EsdbTestServer.start>[0] = {}) => {
  const server = await EsdbTestServer.start({ mode, ...extra });
  const client = EventStoreDBClient.connectionString(server.connectionString);
  opened.push({ server, client });
  return { server, client };
};
afterEach(async () => {
  for (const { server, client } of opened.splice(0)) {
    await client.dispose();
    await server.close();
  }
});

describe.each(['batch', 'legacy'] as const)('test server in %s mode', (mode) => {
  it('is appended to through BatchAppend or Append, as GetSupportedMethods tells the client', async () => {
    const { server, client } = await open(mode);
    await client.appendToStream('s-1', [ev(1), ev(2)], { expectedRevision: 'no_stream' });
    expect(server.callCount(mode === 'batch' ? 'batchAppend' : 'append')).toBe(1);
    expect(server.callCount(mode === 'batch' ? 'append' : 'batchAppend')).toBe(0);
    expect(server.callCount('features')).toBe(1);
  });

  it('reports a wrong expected version with expected and actual', async () => {
    const { client } = await open(mode);
    await client.appendToStream('s-1', [ev(1), ev(2)], { expectedRevision: 'no_stream' });
    const e = await failure(client.appendToStream('s-1', [ev(3)], { expectedRevision: 0n }));
    expect(e).toBeInstanceOf(WrongExpectedVersionError);
    expect((e as WrongExpectedVersionError).expectedVersion).toBe(0n);
    expect((e as WrongExpectedVersionError).actualVersion).toBe(1n);
    const e2 = await failure(client.appendToStream('s-2', [ev(3)], { expectedRevision: 'stream_exists' }));
    expect((e2 as WrongExpectedVersionError).actualVersion).toBe('no_stream');
  });

  it('reports a tombstoned stream on append (body or status details) and on read (trailers)', async () => {
    const { client } = await open(mode);
    await client.appendToStream('gone', [ev(1)]);
    await client.tombstoneStream('gone');
    const onAppend = await failure(client.appendToStream('gone', [ev(2)]));
    expect(onAppend).toBeInstanceOf(StreamDeletedError);
    expect((onAppend as StreamDeletedError).streamName).toBe('gone');
    const onRead = await failure(collect(client.readStream('gone')));
    expect(onRead).toBeInstanceOf(StreamDeletedError);
  });

  it('refuses an append above its maximum append size', async () => {
    const { client } = await open(mode, { maxAppendSize: 1000 });
    const e = await failure(client.appendToStream('big', [jsonEvent({ type: 'Big', data: { x: 'y'.repeat(2000) } })]));
    expect(e).toBeInstanceOf(MaxAppendSizeExceededError);
    expect((e as MaxAppendSizeExceededError).maxAppendSize).toBe(1000);
    expect(await failure(collect(client.readStream('big')))).toBeInstanceOf(StreamNotFoundError);
  });

  it('deduplicates a retry with the same ids and expected revision', async () => {
    const { client } = await open(mode);
    const events = [ev(1), ev(2)];
    await client.appendToStream('idem', events, { expectedRevision: 'no_stream' });
    const again = await client.appendToStream('idem', events, { expectedRevision: 'no_stream' });
    expect(again.nextExpectedRevision).toBe(1n);
    expect((await collect(client.readStream('idem'))).length).toBe(2);
  });

  it('gives $all positions ordered with gaps; stream reads carry them only in batch mode', async () => {
    const { client } = await open(mode);
    await client.appendToStream('p-1', [ev(1), ev(2), ev(3)]);
    const all = (await collect(client.readAll())) as ResolvedEvent[];
    const positions = all.map((r) => r.commitPosition as bigint);
    for (let i = 1; i < positions.length; i++) {
      expect(positions[i]! > positions[i - 1]!).toBe(true);
      expect(positions[i]! - positions[i - 1]! > 1n).toBe(true);
    }
    expect(all.some((r) => r.event?.streamId.startsWith('$'))).toBe(true); // a node has system events
    const fromStream = (await collect(client.readStream('p-1'))) as ResolvedEvent[];
    expect(fromStream.every((r) => r.commitPosition === undefined)).toBe(true);
    const expected = mode === 'batch' ? positions.slice(-3) : [U64_MAX, U64_MAX, U64_MAX];
    expect(fromStream.map((r) => r.event?.position?.commit)).toEqual(expected);
  });

  it('starts reads and subscriptions where the client expects', async () => {
    const { client } = await open(mode);
    await client.appendToStream('r-1', [ev(0), ev(1), ev(2), ev(3)]);
    const all = ((await collect(client.readAll())) as ResolvedEvent[]).filter((r) => r.event?.streamId === 'r-1');
    const p2 = all[2]!.commitPosition as bigint;
    const at = { commit: p2, prepare: p2 };
    const fwd = (await collect(client.readAll({ fromPosition: at }))) as ResolvedEvent[];
    expect(fwd.map((r) => r.commitPosition)).toEqual([p2, all[3]!.commitPosition]);
    const bwd = (await collect(client.readAll({ fromPosition: at, direction: BACKWARDS, maxCount: 2 }))) as ResolvedEvent[];
    expect(bwd.map((r) => r.commitPosition)).toEqual([all[1]!.commitPosition, all[0]!.commitPosition]);
    const revs = async (o: Parameters<EventStoreDBClient['readStream']>[1]) =>
      ((await collect(client.readStream('r-1', o))) as ResolvedEvent[]).map((r) => Number(r.event?.revision));
    expect(await revs({ fromRevision: 1n, direction: FORWARDS })).toEqual([1, 2, 3]);
    expect(await revs({ fromRevision: 2n, direction: BACKWARDS })).toEqual([2, 1, 0]);
    expect(await revs({ fromRevision: END, direction: BACKWARDS, maxCount: 1 })).toEqual([3]);
    const sub = client.subscribeToAll({ fromPosition: at });
    const seen: bigint[] = [];
    for await (const r of sub) {
      seen.push(r.commitPosition as bigint);
      if (seen.length === 1) break;
    }
    expect(seen).toEqual([all[3]!.commitPosition]);
  });

  it('filters subscriptions on the server, sends checkpoints, and (batch mode) CaughtUp', async () => {
    const { client } = await open(mode);
    await client.appendToStream('keep-1', [ev(1)]);
    await client.appendToStream('drop-1', [ev(2), ev(3), ev(4)]);
    await client.appendToStream('keep-2', [ev(5)]);
    const checkpoints: bigint[] = [];
    const sub = client.subscribeToAll({
      fromPosition: START,
      filter: streamNameFilter({ prefixes: ['keep-'], maxSearchWindow: 1, checkpointInterval: 2, checkpointReached: (_s, p) => { checkpoints.push(p.commit); } }),
    });
    let caughtUp = false;
    const streams: string[] = [];
    sub.on('data', (r: ResolvedEvent) => streams.push(r.event?.streamId as string));
    sub.on('caughtUp', () => { caughtUp = true; });
    const deadline = Date.now() + 10_000;
    while (!(streams.length === 2 && (caughtUp || mode === 'legacy')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 20));
    await sub.unsubscribe();
    expect(streams).toEqual(['keep-1', 'keep-2']);
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(caughtUp).toBe(mode === 'batch');
  });
});

describe('test server protocol details', () => {
  it('answers GetSupportedMethods with UNIMPLEMENTED in legacy mode only', async () => {
    for (const mode of ['batch', 'legacy'] as const) {
      const { server } = await open(mode);
      const raw = new featuresGrpc.ServerFeaturesClient(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure());
      const code = await new Promise<number>((resolve) => raw.getSupportedMethods(new sharedPb.Empty(), (err) => resolve(err?.code ?? 0)));
      raw.close();
      expect(code).toBe(mode === 'legacy' ? grpc.status.UNIMPLEMENTED : grpc.status.OK);
    }
  });

  it('lets a client discover the node through Gossip (esdb+discover://)', async () => {
    const { server } = await open('batch');
    const client = EventStoreDBClient.connectionString(`esdb+discover://127.0.0.1:${server.port}?tls=false&discoveryInterval=10`);
    await client.appendToStream('g-1', [ev(1)]);
    expect((await collect(client.readStream('g-1'))).length).toBe(1);
    expect(server.callCount('gossip')).toBeGreaterThan(0);
    await client.dispose();
  });

  it('reports a wrong expected version on delete through trailers, and soft-deleted streams read as missing', async () => {
    const { client } = await open('batch');
    await client.appendToStream('soft', [ev(1), ev(2)]);
    const e = await failure(client.deleteStream('soft', { expectedRevision: 5n }));
    expect(e).toBeInstanceOf(WrongExpectedVersionError);
    expect((e as WrongExpectedVersionError).actualVersion).toBe(1n);
    await client.deleteStream('soft');
    expect(await failure(collect(client.readStream('soft')))).toBeInstanceOf(StreamNotFoundError);
    const meta = (await collect(client.readStream('$$soft', { direction: BACKWARDS, fromRevision: END, maxCount: 1 }))) as ResolvedEvent[];
    expect(meta[0]?.event?.data).toHaveProperty('$tb');
    // As on real servers, writing again revives the stream and its numbering continues.
    const r = await client.appendToStream('soft', [ev(3)], { expectedRevision: 'no_stream' });
    expect(r.nextExpectedRevision).toBe(2n);
    expect(((await collect(client.readStream('soft'))) as ResolvedEvent[]).map((x) => x.event?.revision)).toEqual([2n]);
  });

  it('answers UNAVAILABLE while marked unavailable, fails planned calls, and keeps its data across a restart', async () => {
    const { server, client } = await open('batch');
    await client.appendToStream('f-1', [ev(1)]);
    server.faults.unavailable = true;
    expect(await failure(collect(client.readStream('f-1')))).toBeInstanceOf(UnavailableError);
    server.faults.unavailable = false;
    server.faults.failNext('read');
    expect(await failure(collect(client.readStream('f-1')))).toBeInstanceOf(UnavailableError);
    expect((await collect(client.readStream('f-1'))).length).toBe(1);
    const port = server.port;
    await server.stop();
    expect(await failure(collect(client.readStream('f-1')))).toBeInstanceOf(Error);
    await server.restart();
    expect(server.port).toBe(port);
    let read: unknown[] = [];
    for (let i = 0; i < 50 && read.length === 0; i++) {
      read = await collect(client.readStream('f-1')).catch(() => []);
      if (read.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(read.length).toBe(1);
  });

  it('serves stream subscriptions strictly after the start revision, then live', async () => {
    const { client } = await open('batch');
    await client.appendToStream('sub-s', [ev(0), ev(1), ev(2)]);
    await client.appendToStream('other', [ev(9)]);
    const sub = client.subscribeToStream('sub-s', { fromRevision: 0n });
    const revisions: bigint[] = [];
    sub.on('data', (r: ResolvedEvent) => revisions.push(r.event?.revision as bigint));
    await new Promise((r) => setTimeout(r, 50));
    await client.appendToStream('sub-s', [ev(3)]);
    const deadline = Date.now() + 10_000;
    while (revisions.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await sub.unsubscribe();
    expect(revisions).toEqual([1n, 2n, 3n]);
  });

  it('fails $all reads and subscriptions that start inside a record, as real servers do', async () => {
    const { client } = await open('batch');
    await client.appendToStream('m-1', [ev(1), ev(2)]);
    const all = (await collect(client.readAll())) as ResolvedEvent[];
    const inside = (all[all.length - 2]!.commitPosition as bigint) + 1n;
    const onRead = await failure(collect(client.readAll({ fromPosition: { commit: inside, prepare: inside } })));
    expect(onRead).toBeInstanceOf(UnknownError);
    const onSubscribe = await failure(collect(client.subscribeToAll({ fromPosition: { commit: inside, prepare: inside } })));
    expect(onSubscribe).toBeInstanceOf(UnknownError);
    expect((await collect(client.readAll({ fromPosition: { commit: 0n, prepare: 0n } }))).length).toBe(all.length);
  });

  it('drops open subscriptions on demand', async () => {
    const { server, client } = await open('batch');
    const sub = client.subscribeToAll({ fromPosition: END });
    const ended = new Promise<unknown>((resolve) => {
      sub.on('error', resolve);
      sub.on('data', () => undefined);
    });
    for (let i = 0; i < 500 && server.openSubscriptions === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(server.openSubscriptions).toBe(1);
    expect(server.dropSubscriptions()).toBe(1);
    expect(await ended).toBeInstanceOf(UnavailableError);
  });
});
