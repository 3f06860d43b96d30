/**
 * Streams.Read of the test server: reads of one stream and of `$all`, forwards and backwards, with
 * the start rules the client expects (stream reads inclusive of the revision; `$all` forwards
 * inclusive of the position, backwards exclusive), and dispatch to subscriptions.
 */
import type * as grpc from '@grpc/grpc-js';
import type { LogRecord } from './esdb-log';
import { endWithError, gate, readEvent, writeWithBackpressure, type ServerContext } from './esdb-context';
import { statusErrors, streamIdentifier, streamNameOf, streamsPb } from './esdb-proto';
import { compileFilter, subscribe } from './esdb-subscribe';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type Options = InstanceType<typeof streamsPb.ReadReq.Options>;
type Call = grpc.ServerWritableStream<ReadReq, ReadResp>;

const FORWARDS = streamsPb.ReadReq.Options.ReadDirection.FORWARDS;

/** The Read handler. */
export const readHandler = (ctx: ServerContext) => async (call: Call): Promise<void> => {
  const options = call.request.getOptions();
  const isSubscription = options?.hasSubscription() === true;
  const gated = await gate(ctx, isSubscription ? 'subscribe' : 'read', (e) => endWithError(call as never, e));
  if (gated === 'failed') return;
  if (options === undefined) return endWithError(call as never, statusErrors.invalidArgument('missing options'));
  if (isSubscription) return subscribe(ctx, call, options);
  const structuredIds = options.getUuidOption()?.hasStructured() === true;
  const count = options.hasCount() ? BigInt(options.getCount()) : BigInt(Number.MAX_SAFE_INTEGER);
  const forwards = options.getReadDirection() === FORWARDS;
  if (options.hasStream()) return readStream(ctx, call, options, { count, forwards, structuredIds });
  return readAll(ctx, call, options, { count, forwards, structuredIds });
};

interface ReadShape { readonly count: bigint; readonly forwards: boolean; readonly structuredIds: boolean }

async function readStream(ctx: ServerContext, call: Call, options: Options, shape: ReadShape): Promise<void> {
  const so = options.getStream() as InstanceType<typeof streamsPb.ReadReq.Options.StreamOptions>;
  const name = streamNameOf(so.getStreamIdentifier());
  const result = ctx.log.readStream(name);
  if (result === 'deleted') return endWithError(call as never, statusErrors.streamDeleted(name));
  if (result === 'not_found') {
    if (ctx.behaviour.notFoundAsStatus) return endWithError(call as never, statusErrors.streamNotFound(name));
    const nf = new streamsPb.ReadResp.StreamNotFound();
    nf.setStreamIdentifier(streamIdentifier(name));
    const resp = new streamsPb.ReadResp();
    resp.setStreamNotFound(nf);
    await writeWithBackpressure(call as never, resp);
    call.end();
    return;
  }
  let selected: readonly LogRecord[];
  if (shape.forwards) {
    const from = so.hasRevision() ? BigInt(so.getRevision()) : so.hasEnd() ? (result[result.length - 1] as LogRecord).revision + 1n : 0n;
    selected = result.filter((r) => r.revision >= from);
  } else {
    const from = so.hasRevision() ? BigInt(so.getRevision()) : (result[result.length - 1] as LogRecord).revision;
    selected = result.filter((r) => r.revision <= from).reverse();
  }
  await send(call, selected, shape, { allRead: false, positions: ctx.behaviour.streamReadPositions });
}

async function readAll(ctx: ServerContext, call: Call, options: Options, shape: ReadShape): Promise<void> {
  const ao = options.getAll() as InstanceType<typeof streamsPb.ReadReq.Options.AllOptions>;
  const all = ctx.log.all;
  const asked = ao.hasPosition() ? BigInt(ao.getPosition()?.getCommitPosition() ?? '0') : undefined;
  if (asked !== undefined && !ctx.log.isBoundary(asked)) return endWithError(call as never, statusErrors.invalidPosition(asked));
  let selected: LogRecord[];
  if (shape.forwards) {
    const start = ao.hasPosition() ? ctx.log.indexAtOrAfter(BigInt(ao.getPosition()?.getCommitPosition() ?? '0')) : ao.hasEnd() ? all.length : 0;
    selected = all.slice(start);
  } else {
    const end = ao.hasPosition() ? ctx.log.indexAtOrAfter(BigInt(ao.getPosition()?.getCommitPosition() ?? '0')) : all.length;
    selected = all.slice(0, end).reverse();
  }
  if (options.hasFilter()) {
    const filter = compileFilter(options.getFilter() as InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions>);
    selected = selected.filter(filter.matches);
  }
  await send(call, selected, shape, { allRead: true, positions: true });
}

async function send(call: Call, records: readonly LogRecord[], shape: ReadShape, how: { allRead: boolean; positions: boolean }): Promise<void> {
  let n = 0n;
  for (const rec of records) {
    if (n >= shape.count) break;
    const ok = await writeWithBackpressure(call as never, readEvent(rec, { ...how, structuredIds: shape.structuredIds }));
    if (!ok) return;
    n++;
  }
  if (!call.writableEnded && !call.cancelled) call.end();
}
