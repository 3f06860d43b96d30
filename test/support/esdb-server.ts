/**
 * An in-process server speaking the EventStoreDB gRPC protocol, built on @grpc/grpc-js and the
 * client's own generated service definitions: Streams (Read, Append, BatchAppend, Delete,
 * Tombstone), ServerFeatures (GetSupportedMethods) and Gossip (Read). For tests and benchmarks of
 * the EventStoreDB adapter; it keeps everything in memory and knows nothing of the adapter.
 */
import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { appendHandler, batchAppendHandler } from './esdb-append';
import { gate, type ServerBehaviour, type ServerContext, type OpenSubscription } from './esdb-context';
import { Faults, type EsdbMethod } from './esdb-faults';
import { EsdbLog, type DeleteOutcome, type Expected } from './esdb-log';
import { featuresGrpc, featuresPb, gossipGrpc, gossipPb, statusErrors, streamNameOf, streamsGrpc, streamsPb, uuidMessage } from './esdb-proto';
import { readHandler } from './esdb-read';

/** Options of {@link EsdbTestServer.start}. */
export interface EsdbTestServerOptions {
  /**
   * `batch` (default): GetSupportedMethods advertises BatchAppend, so the client appends through it.
   * `legacy`: GetSupportedMethods answers UNIMPLEMENTED, as older servers do, so the client uses Append.
   */
  readonly mode?: 'batch' | 'legacy';
  /** Stream reads carry each event's $all position. Default true in `batch` mode, false in `legacy` (as older servers). */
  readonly streamReadPositions?: boolean;
  /** Send CaughtUp when a subscription turns live. Default true in `batch` mode, false in `legacy`. */
  readonly caughtUp?: boolean;
  /** Report a missing stream as a NOT_FOUND status with trailers (older servers) instead of a message. Default: `legacy` mode. */
  readonly notFoundAsStatus?: boolean;
  /** Largest append in bytes of data plus metadata. Default 1 MiB, as on real servers. */
  readonly maxAppendSize?: number;
  /** Seed a few system events (`$settings`, `$user-admin`) as a fresh node has. Default true. */
  readonly seedSystemEvents?: boolean;
  /** Port to listen on (127.0.0.1). Default: an ephemeral port. */
  readonly port?: number;
}

const expectedOf = (o: { getExpectedStreamRevisionCase(): number; getRevision(): string }): Expected => {
  switch (o.getExpectedStreamRevisionCase()) {
    case 2: return { kind: 'revision', revision: BigInt(o.getRevision()) };
    case 3: return { kind: 'no_stream' };
    case 5: return { kind: 'stream_exists' };
    default: return { kind: 'any' };
  }
};
const expectedNumber = (e: Expected): bigint =>
  e.kind === 'revision' ? e.revision : e.kind === 'no_stream' ? -1n : e.kind === 'stream_exists' ? -4n : -2n;

/** A running test server. State survives {@link stop} and {@link restart}. */
export class EsdbTestServer {
  readonly faults = new Faults();
  readonly log: EsdbLog;
  readonly behaviour: ServerBehaviour;
  private readonly subscriptions = new Set<OpenSubscription>();
  private readonly calls = new Map<EsdbMethod, number>();
  private server: grpc.Server | undefined;
  private readonly instanceId = randomUUID();

  private constructor(options: EsdbTestServerOptions, public port: number) {
    const mode = options.mode ?? 'batch';
    const legacy = mode === 'legacy';
    this.behaviour = {
      mode,
      streamReadPositions: options.streamReadPositions ?? !legacy,
      caughtUp: options.caughtUp ?? !legacy,
      notFoundAsStatus: options.notFoundAsStatus ?? legacy,
    };
    this.log = new EsdbLog(options.maxAppendSize ?? 1024 * 1024, options.seedSystemEvents ?? true);
  }

  /** Starts a server on 127.0.0.1. */
  static async start(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
    const s = new EsdbTestServer(options, options.port ?? 0);
    await s.listen();
    return s;
  }

  /** `esdb://127.0.0.1:<port>?tls=false`. */
  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** How many calls of `method` the server received. */
  callCount(method: EsdbMethod): number {
    return this.calls.get(method) ?? 0;
  }

  /** Ends every open subscription with `code` (UNAVAILABLE by default), as a node going away does. */
  dropSubscriptions(code: grpc.status = grpc.status.UNAVAILABLE): number {
    const open = [...this.subscriptions];
    for (const s of open) s.drop({ ...statusErrors.unavailable('subscription dropped'), code });
    return open.length;
  }

  /** Number of subscriptions currently open. */
  get openSubscriptions(): number {
    return this.subscriptions.size;
  }

  /** Stops listening and cuts every connection; the data is kept. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of [...this.subscriptions]) s.drop(statusErrors.unavailable('server stopped'));
    server?.forceShutdown();
  }

  /** Listens again on the same port, with the same data. */
  async restart(): Promise<void> {
    if (this.server !== undefined) await this.stop();
    await this.listen();
  }

  /** Stops for good. */
  async close(): Promise<void> {
    await this.stop();
  }

  private ctx(): ServerContext {
    return { log: this.log, behaviour: this.behaviour, faults: this.faults, subscriptions: this.subscriptions, calls: this.calls };
  }

  private async listen(): Promise<void> {
    const server = new grpc.Server();
    const ctx = this.ctx();
    server.addService(streamsGrpc.StreamsService, {
      read: readHandler(ctx),
      append: appendHandler(ctx),
      batchAppend: batchAppendHandler(ctx),
      delete: this.deleteHandler(ctx, false),
      tombstone: this.deleteHandler(ctx, true),
    });
    server.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods: this.featuresHandler(ctx) });
    server.addService(gossipGrpc.GossipService, { read: this.gossipHandler(ctx) });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))),
    );
    this.server = server;
  }

  private deleteHandler(ctx: ServerContext, tombstone: boolean) {
    return async (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
      const gated = await gate(ctx, tombstone ? 'tombstone' : 'delete', (e) => callback(e));
      if (gated === 'failed') return;
      const o = call.request.getOptions() as InstanceType<typeof streamsPb.DeleteReq.Options>;
      const stream = streamNameOf(o.getStreamIdentifier());
      const expected = expectedOf(o);
      const outcome: DeleteOutcome = ctx.log.delete(stream, expected, tombstone);
      if (gated === 'after') return callback(statusErrors.unavailable('injected failure after the work'));
      if (!outcome.ok) {
        return callback(outcome.error === 'stream_deleted'
          ? statusErrors.streamDeleted(stream)
          : statusErrors.wrongExpectedVersion(stream, expectedNumber(expected), outcome.current));
      }
      const resp = tombstone ? new streamsPb.TombstoneResp() : new streamsPb.DeleteResp();
      const p = tombstone ? new streamsPb.TombstoneResp.Position() : new streamsPb.DeleteResp.Position();
      p.setCommitPosition(outcome.position.toString());
      p.setPreparePosition(outcome.position.toString());
      resp.setPosition(p as never);
      callback(null, resp);
    };
  }

  private featuresHandler(ctx: ServerContext) {
    return async (_call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
      const gated = await gate(ctx, 'features', (e) => callback(e));
      if (gated === 'failed') return;
      if (this.behaviour.mode === 'legacy') return callback({ code: grpc.status.UNIMPLEMENTED, details: 'Method not found' });
      const methods = new featuresPb.SupportedMethods();
      methods.setEventStoreServerVersion('23.10.0.0-test');
      for (const name of ['read', 'append', 'batchappend', 'delete', 'tombstone']) {
        const m = new featuresPb.SupportedMethod();
        m.setServiceName('event_store.client.streams.streams');
        m.setMethodName(name);
        if (name === 'read') m.setFeaturesList(['position', 'events', 'all']);
        methods.addMethods(m);
      }
      callback(null, methods);
    };
  }

  private gossipHandler(ctx: ServerContext) {
    return async (_call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
      const gated = await gate(ctx, 'gossip', (e) => callback(e));
      if (gated === 'failed') return;
      const endpoint = new gossipPb.EndPoint();
      endpoint.setAddress('127.0.0.1');
      endpoint.setPort(this.port);
      const member = new gossipPb.MemberInfo();
      member.setInstanceId(uuidMessage(this.instanceId, false));
      member.setTimeStamp(String(Date.now() * 10_000));
      member.setState(gossipPb.MemberInfo.VNodeState.LEADER);
      member.setIsAlive(true);
      member.setHttpEndPoint(endpoint);
      const info = new gossipPb.ClusterInfo();
      info.addMembers(member);
      callback(null, info);
    };
  }
}

