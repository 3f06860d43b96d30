/**
 * Subscriptions of the test server (Streams.Read with the subscription option): confirmation,
 * catch-up strictly after the start point (exclusive, as the client expects), CaughtUp, then live
 * events as they are written; server-side filters on stream name or event type (regex or
 * prefixes) with checkpoints; drops on demand.
 */
import { randomUUID } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import type { LogRecord } from './esdb-log';
import { endWithError, readEvent, writeWithBackpressure, type OpenSubscription, type ServerContext } from './esdb-context';
import { statusErrors, streamNameOf, streamsPb } from './esdb-proto';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type Options = InstanceType<typeof streamsPb.ReadReq.Options>;
type FilterOptions = InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions>;
type Call = grpc.ServerWritableStream<ReadReq, ReadResp>;

/** A compiled server-side filter. */
export interface CompiledFilter {
  readonly matches: (r: LogRecord) => boolean;
  /** Send a checkpoint after this many scanned records. */
  readonly checkpointEvery: number;
}

/** Compiles the filter options of a read or subscription. */
export const compileFilter = (f: FilterOptions): CompiledFilter => {
  const onStream = f.hasStreamIdentifier();
  const expr = onStream ? f.getStreamIdentifier() : f.getEventType();
  const prefixes = expr?.getPrefixList() ?? [];
  const regex = expr?.getRegex() ? new RegExp(expr.getRegex()) : undefined;
  const test = (s: string) => (prefixes.length > 0 ? prefixes.some((p) => s.startsWith(p)) : regex === undefined || regex.test(s));
  const window = f.hasMax() ? f.getMax() : 32;
  return {
    matches: (r) => test(onStream ? r.streamName : r.type),
    checkpointEvery: Math.max(1, window * Math.max(1, f.getCheckpointintervalmultiplier())),
  };
};

/** Serves one subscription call until the client cancels it or it is dropped. */
export async function subscribe(ctx: ServerContext, call: Call, options: Options): Promise<void> {
  const log = ctx.log;
  const structuredIds = options.getUuidOption()?.hasStructured() === true;
  const isAll = options.hasAll();
  let index: number;
  let matches: (r: LogRecord) => boolean;
  let filter: CompiledFilter | undefined;
  if (isAll) {
    const ao = options.getAll() as InstanceType<typeof streamsPb.ReadReq.Options.AllOptions>;
    if (ao.hasPosition()) {
      const p = BigInt(ao.getPosition()?.getCommitPosition() ?? '0');
      if (!log.isBoundary(p)) return endWithError(call as never, statusErrors.invalidPosition(p));
      index = log.indexAtOrAfter(p);
      if (log.all[index]?.position === p) index++; // exclusive of the start position
    } else index = ao.hasEnd() ? log.all.length : 0;
    filter = options.hasFilter() ? compileFilter(options.getFilter() as FilterOptions) : undefined;
    matches = filter?.matches ?? (() => true);
  } else {
    const so = options.getStream() as InstanceType<typeof streamsPb.ReadReq.Options.StreamOptions>;
    const name = streamNameOf(so.getStreamIdentifier());
    if (log.readStream(name) === 'deleted') return endWithError(call as never, statusErrors.streamDeleted(name));
    const after = so.hasRevision() ? BigInt(so.getRevision()) : so.hasEnd() ? (log.currentRevision(name) ?? -1n) : -1n;
    index = 0;
    matches = (r) => r.streamName === name && r.revision > after;
  }
  let stopped = false;
  let wake: (() => void) | undefined;
  const open: OpenSubscription = {
    drop: (e) => {
      stopped = true;
      endWithError(call as never, e);
      wake?.();
    },
  };
  ctx.subscriptions.add(open);
  const unlisten = log.onWrite(() => wake?.());
  const stop = () => {
    stopped = true;
    wake?.();
  };
  call.on('cancelled', stop);
  call.on('close', stop);
  try {
    const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    const first = new streamsPb.ReadResp();
    first.setConfirmation(confirmation);
    if (!(await writeWithBackpressure(call as never, first))) return;
    let sent = 0;
    let scanned = 0;
    let caughtUpSent = false;
    while (!stopped) {
      while (!stopped && index < log.all.length) {
        const rec = log.all[index++] as LogRecord;
        scanned++;
        if (matches(rec)) {
          const msg = readEvent(rec, { allRead: isAll, positions: isAll || ctx.behaviour.streamReadPositions, structuredIds });
          if (!(await writeWithBackpressure(call as never, msg))) return;
          sent++;
          const limit = ctx.faults.subscriptionEventLimit;
          if (limit !== undefined && sent >= limit) return open.drop(statusErrors.unavailable('injected subscription drop'));
        }
        if (filter !== undefined && scanned % filter.checkpointEvery === 0) {
          const cp = new streamsPb.ReadResp.Checkpoint();
          cp.setCommitPosition(rec.position.toString());
          cp.setPreparePosition(rec.position.toString());
          const msg = new streamsPb.ReadResp();
          msg.setCheckpoint(cp);
          if (!(await writeWithBackpressure(call as never, msg))) return;
        }
      }
      if (stopped) return;
      if (!caughtUpSent && ctx.behaviour.caughtUp) {
        caughtUpSent = true;
        const msg = new streamsPb.ReadResp();
        msg.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
        if (!(await writeWithBackpressure(call as never, msg))) return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (stopped || index < log.all.length) resolve();
      });
      wake = undefined;
    }
  } finally {
    unlisten();
    ctx.subscriptions.delete(open);
  }
}
