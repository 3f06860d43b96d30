/**
 * The live feed: Server-Sent Events from a store subscription. Each event's SSE id is its global
 * position, so a client that reconnects with `Last-Event-ID` resumes right after the last event it
 * got, missing none and repeating none. Without it the feed starts after the current head (only new
 * events), or after `?after=N`, or from the start with `?from=start`. A position beyond the head is
 * refused (400): the client would otherwise wait in silence for events it has already skipped.
 *
 * The response is taken over from Fastify (`reply.hijack()`) once the request is accepted; a client
 * that disconnects ends its subscription, its heartbeat and every listener the feed added.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { toEnvelopeJson } from '../../src/eventsourcing/envelope';
import { isLedgerFailure } from '../../src/eventsourcing/errors';
import type { Subscription } from '../../src/eventsourcing/store';
import { problem, toJson } from './http';
import type { ServiceContext } from './routes';

/** Open feeds, so the service can end them when it stops. */
export interface LiveFeeds {
  serve(c: ServiceContext, req: FastifyRequest, reply: FastifyReply): Promise<void>;
  closeAll(): Promise<void>;
  readonly size: number;
}

const POSITION = /^(0|[1-9]\d{0,18})$/;

const beyondHead = (name: string, asked: bigint, head: bigint | undefined) =>
  problem(400, 'last-event-id-beyond-head', 'Position beyond the head',
    `${name} ${asked} is beyond the last event of the campaign (${head ?? 'none yet'}); resume from an id this feed sent, or reconnect without it`,
    { head: head?.toString() ?? null });

const startAfter = async (c: ServiceContext, req: FastifyRequest): Promise<bigint | undefined> => {
  const url = new URL(req.url, 'http://x');
  const last = req.headers['last-event-id'];
  const resume = typeof last === 'string' ? last.trim() : undefined;
  const head = async () => (await c.readModels.current()).lastPosition;
  if (resume !== undefined && resume !== '') {
    if (!POSITION.test(resume)) throw problem(400, 'malformed-last-event-id', 'Malformed Last-Event-ID', `Last-Event-ID must be a global position (a whole number), got ${JSON.stringify(resume)}`);
    const at = await head();
    if (at === undefined || BigInt(resume) > at) throw beyondHead('Last-Event-ID', BigInt(resume), at);
    return BigInt(resume);
  }
  const after = url.searchParams.get('after');
  if (after !== null) {
    if (!POSITION.test(after)) throw problem(400, 'validation-failed', 'Invalid query', `after must be a whole number, got ${JSON.stringify(after)}`, { errors: [{ path: 'query.after', detail: 'expected a whole number' }] });
    const at = await head();
    if (at === undefined || BigInt(after) > at) throw beyondHead('after', BigInt(after), at);
    return BigInt(after);
  }
  if (url.searchParams.get('from') === 'start') return undefined;
  return head();
};

/** Resolves when `res` can take more (drain) or is gone (close), removing both listeners either way. */
const writable = (res: ServerResponse): Promise<void> => new Promise((resolve) => {
  const done = () => {
    res.off('drain', done);
    res.off('close', done);
    resolve();
  };
  res.on('drain', done);
  res.on('close', done);
});

/** Creates the feed registry; `heartbeatMs` sets the keep-alive comment interval (default 15 s). */
export const createLiveFeeds = (heartbeatMs = 15_000): LiveFeeds => {
  const open = new Map<ServerResponse, Subscription>();
  return {
    get size() { return open.size; },
    serve: async (c, req, reply) => {
      const after = await startAfter(c, req); // a refusal is still an ordinary Fastify error response
      const res = reply.raw;
      reply.hijack();
      const sub = c.store.subscribeToAll({ afterPosition: after, streamPrefix: `${c.namespace}/` });
      open.set(res, sub);
      let beat: NodeJS.Timeout | undefined;
      const stop = () => {
        clearInterval(beat);
        res.off('close', stop);
        if (open.delete(res)) void sub.close();
      };
      res.on('close', stop); // the client left: end the subscription now, not at the next event
      try {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
        res.write(`retry: 2000\n: events of ${c.namespace} after position ${after ?? 'start'}\n\n`);
        beat = setInterval(() => { if (res.writableLength === 0) res.write(': keep-alive\n\n'); }, heartbeatMs);
        for await (const e of sub) {
          if (res.destroyed) break;
          if (!res.write(`id: ${e.position}\nevent: ${e.type}\ndata: ${toJson(toEnvelopeJson(e))}\n\n`)) await writable(res);
        }
      } catch (x) {
        if (!res.destroyed) {
          const detail = isLedgerFailure(x) ? x.error.message : x instanceof Error ? x.message : String(x);
          req.log.warn({ err: x }, 'live feed ended by an error');
          res.write(`event: feed-error\ndata: ${toJson({ detail })}\n\n`);
        }
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
