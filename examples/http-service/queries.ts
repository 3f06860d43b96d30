/**
 * Query endpoints over the read models and the entities: the problem ledger with filters, the
 * dashboard as JSON and as a self-contained HTML page, and each entity's current state with its
 * ETag (the stream revision to send back as If-Match).
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Loaded } from '../../src/eventsourcing/handler';
import type { LedgerError } from '../../src/eventsourcing/errors';
import { dashboardContext, renderDashboardHtml } from '../../src/dashboard-html/index';
import { dashboard } from '../../src/readmodels/dashboard';
import { InvalidQuery } from '../../src/readmodels/errors';
import { problemLedger, type LedgerFilter } from '../../src/readmodels/ledger';
import { problemOf } from './errors';
import { etagOf, problem, sendJson } from './http';
import type { Route, ServiceContext } from './routes';

const STATUSES = ['open', 'closure_requested', 'verified', 'closed', 'withdrawn'];
const COLOURS = ['green', 'yellow', 'red', 'none'];

/** Values of a repeatable query parameter (`?status=open&status=closed` or `?status=open,closed`). */
export const listParam = (url: URL, name: string, allowed?: readonly string[]): string[] | undefined => {
  const values = url.searchParams.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (values.length === 0) return undefined;
  const bad = allowed === undefined ? undefined : values.find((v) => !allowed.includes(v));
  if (bad !== undefined) {
    throw problem(400, 'validation-failed', 'Invalid query', `${name}: ${JSON.stringify(bad)} is not one of ${allowed?.join(', ')}`,
      { errors: [{ path: `query.${name}`, detail: `expected one of ${allowed?.join(', ')}, got ${JSON.stringify(bad)}` }] });
  }
  return values;
};

/** Runs a read-model query, turning its InvalidQuery into a 400 naming the query parameter. */
export const runQuery = <T>(f: () => T): T => {
  try {
    return f();
  } catch (x) {
    if (x instanceof InvalidQuery) {
      throw problem(400, 'validation-failed', 'Invalid query', x.message, { errors: [{ path: `query.${x.path}`, detail: x.error.issues[0]?.message ?? x.message }] });
    }
    throw x;
  }
};

/** `?now=` or the service clock. */
const nowOf = (c: ServiceContext, url: URL) => url.searchParams.get('now') ?? c.clock().toISOString();

/** A GET route serving one entity's current state with its ETag (304 on If-None-Match). */
export const entity = (pattern: string, load: (c: ServiceContext, p: Readonly<Record<string, string>>) => TaskEither<LedgerError, Loaded<unknown>>): Route => ({
  method: 'GET', pattern, command: false,
  handler: async (c, req, reply, params) => {
    const loaded = await load(c, params)();
    if (E.isLeft(loaded)) throw problemOf(loaded.left, false);
    const { revision, state } = loaded.right;
    if (revision === undefined) throw problem(404, 'not-found', 'Not found', `nothing was recorded at ${req.url}`);
    const etag = etagOf(revision);
    if (req.headers['if-none-match']?.split(',').map((t) => t.trim()).includes(etag)) return reply.code(304).header('etag', etag).send();
    return sendJson(reply, 200, { revision: revision.toString(), state }, { etag });
  },
});

/** The query routes of the read models and entities. */
export const queryRoutes = (): Route[] => [
  {
    method: 'GET', pattern: '/problems', command: false,
    handler: async (c, req, reply) => {
      const url = new URL(req.url, 'http://x');
      const filter: Record<string, string[]> = {};
      for (const [param, field, allowed] of [['court', 'courtId'], ['department', 'department'], ['task', 'taskId'], ['category', 'categoryId'],
        ['status', 'status', STATUSES], ['colour', 'colour', COLOURS]] as const) {
        const v = listParam(url, param, allowed);
        if (v !== undefined) filter[field] = v;
      }
      const snap = await c.readModels.current();
      const now = nowOf(c, url);
      const rows = runQuery(() => problemLedger(snap.state, { now, filter: filter as LedgerFilter }));
      return sendJson(reply, 200, { now, lastPosition: snap.lastPosition?.toString() ?? null, count: rows.length, rows });
    },
  },
  {
    method: 'GET', pattern: '/dashboard', command: false,
    handler: async (c, req, reply) => {
      const url = new URL(req.url, 'http://x');
      const snap = await c.readModels.current();
      return sendJson(reply, 200, runQuery(() => dashboard(snap.state, { now: nowOf(c, url) })));
    },
  },
  {
    method: 'GET', pattern: '/dashboard.html', command: false,
    handler: async (c, req, reply) => {
      const url = new URL(req.url, 'http://x');
      const snap = await c.readModels.current();
      const at = { now: nowOf(c, url) };
      const d = runQuery(() => dashboard(snap.state, at));
      const html = renderDashboardHtml(d, { ...dashboardContext(snap.state, at), trail: await c.trail.status() });
      return reply.code(200).headers({
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:", 'x-content-type-options': 'nosniff',
      }).type('text/html; charset=utf-8').send(html);
    },
  },
  entity('/problems/:problemId', (c, p) => c.ledger.load.problem(p.problemId ?? '')),
  entity('/reports/:periodId/:courtId', (c, p) => c.ledger.load.report(p.periodId ?? '', p.courtId ?? '')),
  entity('/inspections/:inspectionId', (c, p) => c.ledger.load.inspection(p.inspectionId ?? '')),
  entity('/accountability-cases/:caseId', (c, p) => c.ledger.load.accountability(p.caseId ?? '')),
];
