/**
 * The HTTP service: `node:http`, a route table, the campaign facade over a store, read models kept
 * in memory, and a live feed. `createHttpService(options).listen(port, host)` starts it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCampaignLedger } from '../../src/campaign/index';
import { isLedgerFailure } from '../../src/eventsourcing/errors';
import type { EventStore } from '../../src/eventsourcing/store';
import type { Authenticator } from './auth';
import { auditRoutes } from './audit-routes';
import { commandRoutes } from './commands';
import { problemOf } from './errors';
import { createLiveFeeds } from './feed';
import { pinningStore } from './guard';
import { HttpProblem, problem, sendJson, sendProblem } from './http';
import { queryRoutes } from './queries';
import { createReadModelCache } from './readmodel';
import { match, type Route, type ServiceContext } from './routes';

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
  /** Where unexpected errors are reported. Default: console.error. */
  readonly log?: (message: string) => void;
}

/** A running (or ready) service. */
export interface HttpService {
  readonly server: Server;
  /** Starts listening; resolves with the base URL (use port 0 for a free port). */
  listen(port: number, host?: string): Promise<string>;
  /** How many live feeds are open. */
  openFeeds(): number;
  /** Ends live feeds, stops accepting connections and waits for open requests. Does not close the store. */
  close(): Promise<void>;
}

/** Builds the service (not yet listening). */
export const createHttpService = (options: HttpServiceOptions): HttpService => {
  const store = pinningStore(options.store);
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((m: string) => console.error(m));
  const feeds = createLiveFeeds(options.heartbeatMs);
  const ctx: ServiceContext = {
    store, namespace: options.namespace, clock, feeds,
    ledger: createCampaignLedger({ store, namespace: options.namespace, clock }),
    readModels: createReadModelCache(options.store, options.namespace),
  };
  const routes: Route[] = [
    ...commandRoutes(), ...queryRoutes(), ...auditRoutes(),
    { method: 'GET', pattern: '/events', command: false, handler: (c, req, res) => c.feeds.serve(c, req, res) },
    { method: 'GET', pattern: '/', command: false, handler: async (_c, _req, res) => sendJson(res, 200, { routes: routes.map((r) => `${r.method} ${r.pattern}`) }) },
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const found = routes.map((r) => ({ r, params: match(r.pattern, path) })).filter((x) => x.params !== undefined);
    if (found.length === 0) throw problem(404, 'not-found', 'Not found', `no endpoint at ${path}`);
    const hit = found.find((x) => x.r.method === req.method);
    if (hit === undefined) {
      throw problem(405, 'method-not-allowed', 'Method not allowed', `${req.method} is not allowed at ${path}`, {}, { allow: [...new Set(found.map((x) => x.r.method))].join(', ') });
    }
    const auth = await options.authenticator(req);
    const challenge: Record<string, string> = options.authenticator.challenge ? { 'www-authenticate': options.authenticator.challenge } : {};
    if (auth.kind === 'rejected') throw problem(401, 'not-authenticated', 'Not authenticated', auth.detail, {}, challenge);
    if (auth.kind === 'anonymous' && (hit.r.command || options.publicReads !== true)) {
      throw problem(401, 'not-authenticated', 'Not authenticated', 'this endpoint needs an authenticated actor', {}, challenge);
    }
    await hit.r.handler(ctx, req, res, hit.params ?? {}, auth.kind === 'actor' ? auth.actorId : '');
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    handle(req, res, path).catch((x: unknown) => {
      const p = x instanceof HttpProblem ? x
        : isLedgerFailure(x) ? problemOf(x.error, false)
        : problem(500, 'internal', 'Internal error', 'the request failed unexpectedly; the error was logged');
      if (!(x instanceof HttpProblem) && !isLedgerFailure(x)) log(`${req.method} ${req.url}: ${x instanceof Error ? x.stack ?? x.message : String(x)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (!req.complete) res.setHeader('connection', 'close'); // the unread body is not worth reading
      sendProblem(res, p, path);
    });
  });

  return {
    server,
    listen: (port, host = '127.0.0.1') => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const a = server.address() as AddressInfo;
        resolve(`http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`);
      });
    }),
    openFeeds: () => feeds.size,
    close: async () => {
      await feeds.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
};
