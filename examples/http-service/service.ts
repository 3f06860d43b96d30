/**
 * The HTTP service on Fastify: the route table, the campaign facade over a store, read models kept
 * in memory, the trail's verification cached per head, and a live feed. Fastify does the routing,
 * body limits, header parsing, timeouts and (pino) logging; the service maps every failure to an
 * RFC 9457 problem. `createHttpService(options).listen(port, host)` starts it.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCampaignLedger } from '../../src/campaign/index';
import { isLedgerFailure } from '../../src/eventsourcing/errors';
import type { EventStore } from '../../src/eventsourcing/store';
import type { Authenticator } from './auth';
import { auditRoutes } from './audit-routes';
import { createCheckpointPublisher, type PublisherOptions } from '../../src/audit/cosigning';
import { commandRoutes } from './commands';
import { problemOf } from './errors';
import { createLiveFeeds } from './feed';
import { HttpProblem, MAX_BODY_BYTES, parseJsonObject, problem, sendJson, sendProblem } from './http';
import { officeRoutes } from './office-routes';
import { queryRoutes } from './queries';
import { createReadModelCache } from './readmodel';
import type { Route, ServiceContext } from './routes';
import { createTrailCache } from './trail-cache';
import { orThrow } from '../../src/eventsourcing/runnable';

/** Size and time limits of the service (all optional). */
export interface HttpLimits {
  /** The largest request body (bytes); larger ones get 413 before they are read. Default 1 MiB. */
  readonly bodyBytes?: number;
  /** Time a client has to send the request headers. Default 10 s. */
  readonly headersTimeoutMs?: number;
  /** Time a client has to send the whole request. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /**
   * How long an idle keep-alive connection stays open. Default 5 s, and always under
   * `headersTimeoutMs` (Node counts an idle keep-alive connection against the headers timeout, so a
   * longer idle time would answer a client's next request on it with 408).
   */
  readonly keepAliveTimeoutMs?: number;
  /** How often the server looks for connections past those timeouts. Default 1 s. */
  readonly checkIntervalMs?: number;
}

/** Options of {@link createHttpService}. */
export interface HttpServiceOptions {
  readonly store: EventStore;
  /** The campaign namespace the service works on. */
  readonly namespace: string;
  /** Who is calling (see `auth.ts`); there is deliberately no default. */
  readonly authenticator: Authenticator;
  /** The trusted clock: recorded times of commands and the default `now` of queries. Default: the system clock. */
  readonly clock?: () => Date;
  /** Whether anonymous callers may use the query endpoints. Default false (closed); commands always need an actor. */
  readonly publicReads?: boolean;
  /** Keep-alive interval of the live feed. Default 15 s. */
  readonly heartbeatMs?: number;
  /** Fastify's logger (pino options, `true` or `false`). Default: `{ level: 'info' }` on standard output. */
  readonly logger?: FastifyServerOptions['logger'];
  /** The most connections open at once (live feeds included); the server closes any beyond. Default 512. */
  readonly maxConnections?: number;
  /** Size and time limits. */
  readonly limits?: HttpLimits;
  /** How long a verification of an unchanged trail is reused. Default 60 s. */
  readonly verifyMaxAgeMs?: number;
  /**
   * Publish signed checkpoints of the trail (C2SP) at `GET /checkpoint`: one when the service starts
   * listening, then every `intervalMs` (default 10 minutes), each sent to the witnesses to cosign.
   */
  readonly checkpoints?: PublisherOptions & { readonly intervalMs?: number };
}

/** A running (or ready) service. */
export interface HttpService {
  readonly app: FastifyInstance;
  readonly server: Server;
  /** Starts listening; resolves with the base URL (use port 0 for a free port). */
  listen(port: number, host?: string): Promise<string>;
  /** How many live feeds are open. */
  openFeeds(): number;
  /** How many times the trail was verified since the start. */
  verifications(): number;
  /** Ends live feeds, stops accepting connections and waits for open requests. Does not close the store. */
  close(): Promise<void>;
  /** Settles when the publication started by `listen` ends (at once when no checkpoints are configured). */
  firstCheckpoint(): Promise<void>;
}

/** Whether an error only says that the client went away (not a fault of the service). */
const clientGone = (req: FastifyRequest, x: unknown): boolean => {
  const code = (x as { code?: unknown } | undefined)?.code;
  return req.raw.aborted || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNABORTED'
    || (x instanceof Error && x.message === 'aborted');
};

/** A Fastify error (body, media type, header parsing) as a problem of this service. */
const frameworkProblem = (x: FastifyError): HttpProblem | undefined => {
  const status = x.statusCode;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  if (status === 413) return problem(413, 'body-too-large', 'Body too large', x.message);
  if (status === 415) return problem(415, 'unsupported-media-type', 'Unsupported media type', `send the command as application/json: ${x.message}`);
  return problem(status, 'malformed-request', 'Malformed request', x.message);
};

/** Builds the service (not yet listening). */
export const createHttpService = (options: HttpServiceOptions): HttpService => {
  const store = options.store;
  const clock = options.clock ?? (() => new Date());
  const limits = options.limits ?? {};
  const feeds = createLiveFeeds(options.heartbeatMs);
  const publisher = options.checkpoints ? createCheckpointPublisher(options.store, options.checkpoints) : undefined;
  const readModels = createReadModelCache(options.store, options.namespace);
  const ctx: ServiceContext = {
    store, namespace: options.namespace, clock, feeds, readModels,
    ledger: orThrow(createCampaignLedger({ store, namespace: options.namespace, clock })),
    trail: createTrailCache(options.store, clock, options.verifyMaxAgeMs),
    checkpoint: () => publisher?.latest(),
  };
  const headersTimeout = limits.headersTimeoutMs ?? 10_000;
  const server = createServer({
    headersTimeout,
    requestTimeout: Math.max(limits.requestTimeoutMs ?? 30_000, headersTimeout),
    keepAliveTimeout: Math.min(limits.keepAliveTimeoutMs ?? 5_000, Math.floor(headersTimeout / 2)),
    connectionsCheckingInterval: limits.checkIntervalMs ?? 1_000,
  });
  server.maxConnections = options.maxConnections ?? 512;
  const app = Fastify({
    serverFactory: (handler) => server.on('request', handler),
    logger: options.logger ?? { level: 'info' },
    bodyLimit: limits.bodyBytes ?? MAX_BODY_BYTES,
    frameworkErrors: (x, req, reply) => {
      const p = frameworkProblem(x as FastifyError) ?? problem(400, 'malformed-request', 'Malformed request', x.message);
      sendProblem(reply, p, req.url.split('?')[0] ?? '/');
    },
  });
  server.on('drop', (d) => app.log.warn({ remoteAddress: d?.remoteAddress }, `connection refused: ${server.maxConnections} connections are open`));

  // The only body format: strict UTF-8 JSON objects. Every other media type is a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, raw, done) => {
    try {
      done(null, parseJsonObject(raw as Buffer));
    } catch (x) {
      done(x as Error, undefined);
    }
  });

  const challenge: Record<string, string> = options.authenticator.challenge ? { 'www-authenticate': options.authenticator.challenge } : {};
  const actors = new WeakMap<FastifyRequest, string>();
  const authenticate = (command: boolean) => async (req: FastifyRequest): Promise<void> => {
    const auth = await options.authenticator(req.raw);
    if (auth.kind === 'rejected') throw problem(401, 'not-authenticated', 'Not authenticated', auth.detail, {}, challenge);
    if (auth.kind === 'anonymous' && (command || options.publicReads !== true)) {
      throw problem(401, 'not-authenticated', 'Not authenticated', 'this endpoint needs an authenticated actor', {}, challenge);
    }
    actors.set(req, auth.kind === 'actor' ? auth.actorId : '');
  };

  const routes: Route[] = [
    ...commandRoutes(), ...queryRoutes(), ...officeRoutes(), ...auditRoutes(),
    { method: 'GET', pattern: '/events', command: false, handler: (c, req, reply) => c.feeds.serve(c, req, reply) },
    { method: 'GET', pattern: '/', command: false, handler: async (_c, _req, reply) => sendJson(reply, 200, { routes: routes.map((r) => `${r.method} ${r.pattern}`) }) },
  ];
  for (const r of routes) {
    app.route({
      method: r.method, url: r.pattern, onRequest: authenticate(r.command), // who is calling, before any body is read
      exposeHeadRoute: r.pattern !== '/events', // a HEAD of the live feed would hold a subscription for nothing
      handler: (req, reply) => r.handler(ctx, req, reply, req.params as Record<string, string>, actors.get(req) ?? ''),
    });
  }
  // 405 with Allow for a known path and another method.
  const allowed = new Map<string, Set<string>>();
  for (const r of routes) allowed.set(r.pattern, (allowed.get(r.pattern) ?? new Set()).add(r.method));
  for (const [pattern, methods] of allowed) {
    const allow = [...methods].join(', ');
    app.route({
      method: ['DELETE', 'PUT', 'PATCH', 'OPTIONS', ...['GET', 'POST'].filter((m) => !methods.has(m)), ...(pattern === '/events' ? ['HEAD'] : [])], url: pattern,
      handler: async (req) => { throw problem(405, 'method-not-allowed', 'Method not allowed', `${req.method} is not allowed at ${pattern}`, {}, { allow }); },
    });
  }
  app.setNotFoundHandler((req, reply) => { sendProblem(reply, problem(404, 'not-found', 'Not found', `no endpoint at ${req.url.split('?')[0]}`), req.url.split('?')[0] ?? '/'); });

  app.addHook('onRequestAbort', async (req) => { req.log.info('request aborted by the client'); });
  app.setErrorHandler((x: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (clientGone(req, x)) {
      req.log.info({ code: (x as { code?: unknown }).code }, 'request aborted by the client');
      if (!reply.raw.destroyed) reply.raw.destroy();
      return;
    }
    const p = x instanceof HttpProblem ? x
      : isLedgerFailure(x) ? problemOf(x.error, false)
      : frameworkProblem(x as FastifyError);
    if (p === undefined) {
      req.log.error({ err: x }, 'the request failed unexpectedly');
      return sendProblem(reply, problem(500, 'internal', 'Internal error', 'the request failed unexpectedly; the error was logged'), path);
    }
    return sendProblem(reply, p, path);
  });

  let first: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setInterval> | undefined;
  const publish = (): Promise<void> => publisher!.publish().then((r) => {
    if (!r.ok) app.log.error(`checkpoint not published: ${r.reason}`);
    else if (r.value.refusals.length > 0) app.log.warn({ refusals: r.value.refusals }, `checkpoint of ${r.value.checkpoint.treeSize} events published without every cosignature`);
  }, (x: unknown) => { app.log.error({ err: x }, 'checkpoint not published'); });

  return {
    app,
    server,
    listen: async (port, host = '127.0.0.1') => {
      await app.listen({ port, host });
      if (publisher && timer === undefined) {
        first = publish();
        timer = setInterval(() => { void publish(); }, options.checkpoints?.intervalMs ?? 600_000);
        timer.unref();
      }
      const a = server.address() as AddressInfo;
      return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
    },
    openFeeds: () => feeds.size,
    verifications: () => ctx.trail.verifications,
    firstCheckpoint: () => first,
    close: async () => {
      if (timer !== undefined) clearInterval(timer);
      await first;
      await feeds.closeAll();
      server.closeIdleConnections();
      await app.close();
    },
  };
};
