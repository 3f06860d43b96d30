/**
 * Audit endpoints: the timeline of a stream, an actor or a correlation; an entity's state as of a
 * recorded time, an effective time or a position; the verification of the whole trail; its digest;
 * the latest witnessed checkpoint.
 * Streams are named relative to the campaign (`problem/P-1`, `report/2019-H1@NANGUAN`).
 */
import * as E from 'fp-ts/Either';
import { stateAsOf, type AsOfPoint, type Evolver } from '../../src/audit/as-of';
import { createDigest } from '../../src/audit/digest';
import { timeline, type TimelineEntry } from '../../src/audit/timeline';
import {
  accountabilityAggregate, campaignAggregate, inspectionAggregate, organizationAggregate, problemAggregate, reportAggregate, taskAggregate,
} from '../../src/campaign/index';
import type { DomainEvent } from '../../src/eventsourcing/decider';
import { problemOf } from './errors';
import { problem, sendJson } from './http';
import type { Route, ServiceContext } from './routes';

type AnyEvolver = Evolver<unknown, DomainEvent>;
const EVOLVERS: Readonly<Record<string, AnyEvolver>> = Object.fromEntries(Object.entries({
  organization: organizationAggregate, campaign: campaignAggregate, task: taskAggregate, problem: problemAggregate,
  report: reportAggregate, inspection: inspectionAggregate, accountability: accountabilityAggregate,
}).map(([k, v]) => [k, v as unknown as AnyEvolver]));

const bad = (param: string, detail: string) =>
  problem(400, 'validation-failed', 'Invalid query', `${param}: ${detail}`, { errors: [{ path: `query.${param}`, detail }] });

const streamOf = (c: ServiceContext, url: URL): { streamId: string; kind: string } => {
  const s = url.searchParams.get('stream');
  if (s === null || s === '') throw bad('stream', 'expected a stream of the campaign such as problem/P-1');
  const kind = s.split('/')[0] ?? '';
  if (EVOLVERS[kind] === undefined) throw bad('stream', `${JSON.stringify(s)} is not KIND[/ID] with KIND one of ${Object.keys(EVOLVERS).join(', ')}`);
  return { streamId: `${c.namespace}/${s}`, kind };
};

const entryJson = (t: TimelineEntry) => ({
  position: t.position.toString(), streamId: t.streamId, revision: t.revision.toString(), eventId: t.eventId, type: t.type,
  actor: t.actor, onBehalfOf: t.onBehalfOf ?? null, reason: t.reason ?? null, correlationId: t.correlationId, causationId: t.causationId,
  recordedAt: t.recordedAt, effectiveAt: t.effectiveAt, backdated: t.backdated, data: t.event.data,
});

const POSITION = /^(0|[1-9]\d{0,18})$/;

/** The audit routes. */
export const auditRoutes = (): Route[] => [
  {
    method: 'GET', pattern: '/timeline', command: false,
    handler: async (c, req, reply) => {
      const url = new URL(req.url, 'http://x');
      const actor = url.searchParams.get('actor');
      const correlation = url.searchParams.get('correlation');
      const given = [url.searchParams.has('stream'), actor !== null, correlation !== null].filter(Boolean).length;
      if (given !== 1) throw bad('stream', 'give exactly one of stream, actor or correlation');
      const query = actor !== null ? { actor } : correlation !== null ? { correlation } : { stream: streamOf(c, url).streamId };
      const r = await timeline(c.store, query, { streamPrefix: `${c.namespace}/` })();
      if (E.isLeft(r)) throw problemOf(r.left, false);
      return sendJson(reply, 200, { count: r.right.length, entries: r.right.map(entryJson) });
    },
  },
  {
    method: 'GET', pattern: '/as-of', command: false,
    handler: async (c, req, reply) => {
      const url = new URL(req.url, 'http://x');
      const { streamId, kind } = streamOf(c, url);
      const at = url.searchParams.get('at');
      const position = url.searchParams.get('position');
      if ((at === null) === (position === null)) throw bad('at', 'give exactly one of at (an ISO date-time) or position');
      let point: AsOfPoint;
      if (position !== null) {
        if (!POSITION.test(position)) throw bad('position', `expected a whole number, got ${JSON.stringify(position)}`);
        point = { position: BigInt(position) };
      } else {
        const by = url.searchParams.get('by') ?? 'recorded';
        if (by !== 'recorded' && by !== 'effective') throw bad('by', `expected recorded or effective, got ${JSON.stringify(by)}`);
        point = by === 'recorded' ? { recordedAt: at as string } : { effectiveAt: at as string };
      }
      const r = await stateAsOf(c.store, streamId, EVOLVERS[kind] as AnyEvolver, point, { registry: c.ledger.registry })();
      if (E.isLeft(r)) {
        if (r.left._tag === 'ValidationFailed') throw bad(position !== null ? 'position' : 'at', r.left.issues.map((i) => i.message).join('; '));
        throw problemOf(r.left, false);
      }
      const v = r.right;
      return sendJson(reply, 200, {
        streamId, at: point, applied: v.applied, lastPosition: v.lastPosition?.toString() ?? null, state: v.state,
        backdated: v.backdated.map(entryJson), knownLater: v.knownLater.map(entryJson),
      });
    },
  },
  {
    method: 'GET', pattern: '/verify', command: false,
    handler: async (c, _req, reply) => sendJson(reply, 200, await c.trail.report()), // verified once per head (trail-cache.ts)
  },
  {
    method: 'GET', pattern: '/checkpoint', command: false,
    handler: async (c, _req, reply) => {
      const note = c.checkpoint();
      if (note === undefined) throw problem(404, 'no-checkpoint', 'No checkpoint yet', 'no checkpoint of the trail has been published yet');
      return reply.code(200).type('text/plain; charset=utf-8').send(note); // a C2SP signed note, with the witnesses' cosignatures
    },
  },
  {
    method: 'GET', pattern: '/digest', command: false,
    handler: async (c, _req, reply) => {
      const r = await createDigest(c.store, { at: c.clock() })();
      if (E.isLeft(r)) throw problemOf(r.left, false);
      return sendJson(reply, 200, r.right);
    },
  },
];
