/**
 * The live feed: Server-Sent Events from a store subscription. Each event's SSE id is its global
 * position, so a client that reconnects with `Last-Event-ID` resumes right after the last event it
 * got, missing none and repeating none. Without it the feed starts after the current head (only new
 * events), or after `?after=N`, or from the start with `?from=start`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toEnvelopeJson } from '../../src/eventsourcing/envelope';
import { isLedgerFailure } from '../../src/eventsourcing/errors';
import type { Subscription } from '../../src/eventsourcing/store';
import { problem, toJson } from './http';
import type { ServiceContext } from './routes';

/** Open feeds, so the service can end them when it stops. */
export interface LiveFeeds {
  serve(c: ServiceContext, req: IncomingMessage, res: ServerResponse): Promise<void>;
  closeAll(): Promise<void>;
  readonly size: number;
}

const POSITION = /^(0|[1-9]\d{0,18})$/;

const startAfter = async (c: ServiceContext, req: IncomingMessage): Promise<bigint | undefined> => {
  const url = new URL(req.url ?? '/', 'http://x');
  const last = req.headers['last-event-id'];
  const resume = typeof last === 'string' ? last.trim() : undefined;
  if (resume !== undefined && resume !== '') {
    if (!POSITION.test(resume)) throw problem(400, 'malformed-last-event-id', 'Malformed Last-Event-ID', `Last-Event-ID must be a global position (a whole number), got ${JSON.stringify(resume)}`);
    return BigInt(resume);
  }
  const after = url.searchParams.get('after');
  if (after !== null) {
    if (!POSITION.test(after)) throw problem(400, 'validation-failed', 'Invalid query', `after must be a whole number, got ${JSON.stringify(after)}`, { errors: [{ path: 'query.after', detail: 'expected a whole number' }] });
    return BigInt(after);
  }
  if (url.searchParams.get('from') === 'start') return undefined;
  return (await c.readModels.current()).lastPosition;
};

/** Creates the feed registry; `heartbeatMs` sets the keep-alive comment interval (default 15 s). */
export const createLiveFeeds = (heartbeatMs = 15_000): LiveFeeds => {
  const open = new Map<ServerResponse, Subscription>();
  return {
    get size() { return open.size; },
    serve: async (c, req, res) => {
      const after = await startAfter(c, req);
      const sub = c.store.subscribeToAll({ afterPosition: after, streamPrefix: `${c.namespace}/` });
      open.set(res, sub);
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(`retry: 2000\n: events of ${c.namespace} after position ${after ?? 'start'}\n\n`);
      const beat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
      const stop = () => { clearInterval(beat); open.delete(res); void sub.close(); };
      req.on('close', stop);
      try {
        for await (const e of sub) {
          if (res.destroyed) break;
          const ok = res.write(`id: ${e.position}\nevent: ${e.type}\ndata: ${toJson(toEnvelopeJson(e))}\n\n`);
          if (!ok) await new Promise<void>((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
        }
      } catch (x) {
        const detail = isLedgerFailure(x) ? x.error.message : x instanceof Error ? x.message : String(x);
        if (!res.destroyed) res.write(`event: feed-error\ndata: ${toJson({ detail })}\n\n`);
      } finally {
        stop();
        if (!res.writableEnded) res.end();
      }
    },
    closeAll: async () => {
      const all = [...open.entries()];
      open.clear();
      await Promise.all(all.map(async ([res, sub]) => { await sub.close(); if (!res.writableEnded) res.end(); }));
    },
  };
};
