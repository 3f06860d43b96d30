/** Route table types: what every handler can use, and one route (Fastify path syntax, `/problems/:problemId`). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CampaignLedger } from '../../src/campaign/index';
import type { EventStore } from '../../src/eventsourcing/store';
import type { LiveFeeds } from './feed';
import type { ReadModelCache } from './readmodel';
import type { TrailCache } from './trail-cache';

/** What every handler can use. */
export interface ServiceContext {
  /** The store. */
  readonly store: EventStore;
  readonly ledger: CampaignLedger;
  readonly namespace: string;
  readonly readModels: ReadModelCache;
  /** The trail's verification, made once per head (see `trail-cache.ts`). */
  readonly trail: TrailCache;
  readonly feeds: LiveFeeds;
  /** The trusted clock (also the default `now` of the dashboards). */
  readonly clock: () => Date;
  /** The latest published checkpoint note (C2SP), undefined before the first or when none is configured. */
  readonly checkpoint: () => string | undefined;
}

/** A route handler; `actorId` is the authenticated actor (empty for an anonymous read). */
export type Handler = (c: ServiceContext, req: FastifyRequest, reply: FastifyReply, params: Readonly<Record<string, string>>, actorId: string) => Promise<unknown>;

/** One route. Command routes need an authenticated actor; the others follow the service's read policy. */
export interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: string;
  readonly command: boolean;
  readonly handler: Handler;
}
