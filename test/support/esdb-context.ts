/**
 * What every handler of the test server shares: the log, the behaviour switches, the fault hooks
 * and the open subscriptions; plus the record-to-message conversion.
 */
import type * as grpc from '@grpc/grpc-js';
import type { EsdbLog, LogRecord } from './esdb-log';
import { type EsdbMethod, type Faults, type FailWhen, sleep } from './esdb-faults';
import { sharedPb, statusErrors, streamIdentifier, streamsPb, uuidMessage, type StatusError } from './esdb-proto';

/** Behaviour switches (see EsdbTestServerOptions). */
export interface ServerBehaviour {
  readonly mode: 'batch' | 'legacy';
  readonly streamReadPositions: boolean;
  readonly caughtUp: boolean;
  readonly notFoundAsStatus: boolean;
}

/** An open subscription call, so that it can be dropped. */
export interface OpenSubscription {
  drop(error: StatusError): void;
}

/** State shared by the handlers. */
export interface ServerContext {
  readonly log: EsdbLog;
  readonly behaviour: ServerBehaviour;
  readonly faults: Faults;
  readonly subscriptions: Set<OpenSubscription>;
  /** Number of calls per method (tests check which protocol path a client took). */
  readonly calls: Map<EsdbMethod, number>;
}

/** The largest unsigned 64-bit value: what servers without stream-read positions put in records. */
export const U64_MAX = 18_446_744_073_709_551_615n;

/**
 * Runs the fault hooks for one call: counts it, waits the configured delay, and answers
 * UNAVAILABLE when the server is marked unavailable or a `before` failure is planned.
 * Returns `'failed'` when the call was answered, else the planned `after` failure (or undefined).
 */
export const gate = async (
  ctx: ServerContext,
  method: EsdbMethod,
  fail: (e: StatusError) => void,
): Promise<'failed' | FailWhen | undefined> => {
  ctx.calls.set(method, (ctx.calls.get(method) ?? 0) + 1);
  await sleep(ctx.faults.delayMs);
  if (ctx.faults.unavailable) {
    fail(statusErrors.unavailable());
    return 'failed';
  }
  const planned = ctx.faults.take(method);
  if (planned === 'before') {
    fail(statusErrors.unavailable('injected failure before the work'));
    return 'failed';
  }
  return planned;
};

/** Ends a server-streaming or duplex call with an error status, once. */
export const endWithError = (call: grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>, e: StatusError): void => {
  if (call.writableEnded || call.destroyed) return;
  call.emit('error', e);
};

/** A ReadResp.ReadEvent for a record; `position` false leaves the positions out, as older servers do on stream reads. */
export const readEvent = (rec: LogRecord, opts: { readonly allRead: boolean; readonly positions: boolean; readonly structuredIds: boolean }) => {
  const r = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  r.setId(uuidMessage(rec.id, opts.structuredIds));
  r.setStreamIdentifier(streamIdentifier(rec.streamName));
  r.setStreamRevision(rec.revision.toString());
  const pos = opts.positions ? rec.position.toString() : U64_MAX.toString();
  r.setCommitPosition(pos);
  r.setPreparePosition(pos);
  const md = r.getMetadataMap();
  md.set('type', rec.type);
  md.set('content-type', rec.contentType);
  md.set('created', rec.created.toString());
  r.setData(rec.data);
  r.setCustomMetadata(rec.metadata);
  const ev = new streamsPb.ReadResp.ReadEvent();
  ev.setEvent(r);
  if (opts.allRead) ev.setCommitPosition(rec.position.toString());
  else ev.setNoPosition(new sharedPb.Empty());
  const resp = new streamsPb.ReadResp();
  resp.setEvent(ev);
  return resp;
};

/** Writes a message, waiting for the transport to drain when it is full. Resolves false if the call is gone. */
export const writeWithBackpressure = async (call: grpc.ServerWritableStream<unknown, unknown>, msg: unknown): Promise<boolean> => {
  if (call.cancelled || call.writableEnded || call.destroyed) return false;
  if (call.write(msg)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('close', done);
      call.off('cancelled', done);
      resolve();
    };
    call.on('drain', done);
    call.on('close', done);
    call.on('cancelled', done);
  });
  return !(call.cancelled || call.writableEnded || call.destroyed);
};
