/**
 * Command endpoints: one route per workflow step, each calling one facade command. The body is
 * the command's input (ids from the path fill in and must agree), plus an optional `meta` object
 * with the command options (`effectiveAt`, `reason`, `onBehalfOf`, `correlationId`, `causationId`).
 *
 * Concurrency: a command on an existing entity needs `If-Match` with the ETag the client read
 * (428 without it); the append then succeeds only at that revision (412 when stale or when a
 * concurrent write won). Commands that create an entity need none; creating one that exists is 409.
 */
import * as E from 'fp-ts/Either';
import type { CampaignLedger, CommandMethod } from '../../src/campaign/index';
import { toEnvelopeJson } from '../../src/eventsourcing/envelope';
import type { ExpectedRevision } from '../../src/eventsourcing/revision';
import { problemOf } from './errors';
import { etagOf, parseIfMatch, problem, sendJson } from './http';
import type { Route, ServiceContext } from './routes';

/** How a command route treats the target stream: it creates it, updates it, or either (reports). */
type Mode = 'create' | 'update' | 'upsert';

interface CommandSpec {
  readonly path: string;
  readonly aggregate: 'problem' | 'report' | 'inspection' | 'accountability';
  readonly command: string;
  readonly mode: Mode;
  /** The target stream, from the merged input. */
  readonly stream: (ledger: CampaignLedger, input: Record<string, string>) => string;
  /** Where the entity is read (for Location), from the merged input. */
  readonly location: (input: Record<string, string>) => string;
}

const problemStream = (l: CampaignLedger, i: Record<string, string>) => l.streams.problem(i.problemId ?? '');
const problemAt = (i: Record<string, string>) => `/problems/${encodeURIComponent(i.problemId ?? '')}`;
const p = (path: string, command: string, mode: Mode = 'update'): CommandSpec => ({ path, aggregate: 'problem', command, mode, stream: problemStream, location: problemAt });

/** The workflow commands exposed over HTTP. */
export const COMMANDS: readonly CommandSpec[] = [
  p('/problems', 'identify', 'create'),
  p('/problems/:problemId/registration', 'register'),
  p('/problems/:problemId/responsibility', 'assignResponsibility'),
  p('/problems/:problemId/measures', 'planMeasure'),
  p('/problems/:problemId/measures/:measureId/completion', 'completeMeasure'),
  p('/problems/:problemId/progress', 'recordProgress'),
  p('/problems/:problemId/evidence', 'attachEvidence'),
  p('/problems/:problemId/closure-request', 'requestClosure'),
  p('/problems/:problemId/verification', 'verify'),
  p('/problems/:problemId/verification-return', 'returnVerification'),
  p('/problems/:problemId/proposals', 'propose'),
  p('/problems/:problemId/proposals/:proposalId/approval', 'approve'),
  p('/problems/:problemId/proposals/:proposalId/rejection', 'reject'),
  {
    path: '/reports/:periodId/:courtId/submissions', aggregate: 'report', command: 'submit', mode: 'upsert',
    stream: (l, i) => l.streams.report(i.periodId ?? '', i.courtId ?? ''),
    location: (i) => `/reports/${encodeURIComponent(i.periodId ?? '')}/${encodeURIComponent(i.courtId ?? '')}`,
  },
  {
    path: '/inspections/:inspectionId/findings', aggregate: 'inspection', command: 'recordFinding', mode: 'update',
    stream: (l, i) => l.streams.inspection(i.inspectionId ?? ''), location: (i) => `/inspections/${encodeURIComponent(i.inspectionId ?? '')}`,
  },
  {
    path: '/accountability-cases', aggregate: 'accountability', command: 'propose', mode: 'create',
    stream: (l, i) => l.streams.accountability(i.caseId ?? ''), location: (i) => `/accountability-cases/${encodeURIComponent(i.caseId ?? '')}`,
  },
];

/** Merges the path's ids into the body; a body id that disagrees with the path is a 400. */
const mergeIds = (body: Record<string, unknown>, params: Readonly<Record<string, string>>): Record<string, unknown> => {
  const { meta: _meta, ...input } = body;
  for (const [k, v] of Object.entries(params)) {
    if (input[k] !== undefined && input[k] !== v) {
      throw problem(400, 'validation-failed', 'Invalid command', `${k}: the body says ${JSON.stringify(input[k])}, the path says ${JSON.stringify(v)}`,
        { errors: [{ path: k, pointer: `/${k}`, detail: `must equal the path's ${JSON.stringify(v)} (or be left out)` }] });
    }
    input[k] = v;
  }
  return input;
};

/** The expected revision from If-Match and the stream head; throws 428 / 412 as HTTP requires. */
const expectedOf = async (c: ServiceContext, mode: Mode, streamId: string, ifMatchHeader: string | undefined): Promise<bigint | undefined> => {
  const ifMatch = parseIfMatch(ifMatchHeader);
  const head = await c.store.streamHead(streamId)();
  if (E.isLeft(head)) throw problemOf(head.left, ifMatch !== undefined);
  const current = head.right?.revision;
  const etag: Record<string, string> = current === undefined ? {} : { etag: etagOf(current) };
  if (ifMatch === undefined) {
    if (mode === 'update' || (mode === 'upsert' && current !== undefined)) {
      throw problem(428, 'precondition-required', 'If-Match required',
        'this command changes an existing entity: send If-Match with the ETag you read (GET the entity first)', { currentRevision: current?.toString() ?? null }, etag);
    }
    return undefined; // creation: the domain refuses an entity that already exists (409)
  }
  const matches = current !== undefined && (ifMatch.kind === 'any' || ifMatch.revisions.includes(current));
  if (!matches) {
    throw problem(412, 'precondition-failed', 'Stale version',
      current === undefined ? 'the entity does not exist, so no If-Match can match' : `the entity is at revision ${current}; If-Match does not match it`,
      { currentRevision: current?.toString() ?? null }, etag);
  }
  return current;
};

/** The routes of {@link COMMANDS}. */
export const commandRoutes = (): Route[] => COMMANDS.map((spec) => ({
  method: 'POST',
  pattern: spec.path,
  command: true,
  handler: async (c, req, reply, params, actorId) => {
    const body = req.body as Record<string, unknown> | undefined; // parsed by the service's JSON parser
    if (body === undefined) throw problem(415, 'unsupported-media-type', 'Unsupported media type', 'send the command as an application/json body');
    const input = mergeIds(body, params);
    const ids = Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const streamId = spec.stream(c.ledger, ids);
    const ifMatch = req.headers['if-match'];
    const expected = await expectedOf(c, spec.mode, streamId, Array.isArray(ifMatch) ? ifMatch.join(', ') : ifMatch);
    const method = (c.ledger[spec.aggregate] as unknown as Record<string, CommandMethod<unknown, unknown>>)[spec.command];
    if (method === undefined) throw new Error(`no facade command ${spec.aggregate}.${spec.command}`);
    // If-Match becomes the command's expectedRevision: the facade answers a stream past it with
    // WrongExpectedRevision before any rule is asked, and its append expects exactly that revision.
    const meta: unknown = body.meta ?? {};
    const options = expected === undefined || typeof meta !== 'object' || meta === null || Array.isArray(meta)
      ? meta : { ...meta, expectedRevision: expected };
    const result = await method(actorId, input, options as never)();
    if (E.isLeft(result)) throw problemOf(result.left, expected !== undefined);
    const r = result.right;
    const created = spec.mode === 'create' || (spec.mode === 'upsert' && expected === undefined);
    const headers: Record<string, string> = r.revision === undefined ? {} : { etag: etagOf(r.revision) };
    if (created && r.events.length > 0) headers.location = spec.location(ids);
    return sendJson(reply, created && r.events.length > 0 ? 201 : 200, {
      streamId, revision: r.revision?.toString() ?? null, events: r.events.map(toEnvelopeJson), state: r.state,
    }, headers);
  },
}));
