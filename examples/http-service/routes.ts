/** Route table types and the matcher (`/problems/:problemId/measures` style patterns). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CampaignLedger } from '../../src/campaign/index';
import type { EventStore } from '../../src/eventsourcing/store';
import { problem } from './http';
import type { ReadModelCache } from './readmodel';
import type { LiveFeeds } from './feed';

/** What every handler can use. */
export interface ServiceContext {
  /** The store, with If-Match pinning (see `guard.ts`). */
  readonly store: EventStore;
  readonly ledger: CampaignLedger;
  readonly namespace: string;
  readonly readModels: ReadModelCache;
  readonly feeds: LiveFeeds;
  /** The trusted clock (also the default `now` of the dashboards). */
  readonly clock: () => Date;
}

/** A route handler; `actorId` is the authenticated actor (empty for an anonymous read). */
export type Handler = (c: ServiceContext, req: IncomingMessage, res: ServerResponse, params: Readonly<Record<string, string>>, actorId: string) => Promise<void>;

/** One route. Command routes need an authenticated actor; the others follow the service's read policy. */
export interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: string;
  readonly command: boolean;
  readonly handler: Handler;
}

/** Matches a path against a pattern; undefined when it does not match. Throws 400 on a malformed escape. */
export const match = (pattern: string, path: string): Record<string, string> | undefined => {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) {
      if (g === '') return undefined;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        throw problem(400, 'malformed-path', 'Malformed path', `the path segment ${JSON.stringify(g)} is not valid percent-encoding`);
      }
    } else if (w !== g) {
      return undefined;
    }
  }
  return params;
};
