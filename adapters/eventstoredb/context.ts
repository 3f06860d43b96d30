/** What the parts of the EventStoreDB store share. */
import type { EventStoreDBClient } from '@eventstore/db-client';
import type { Naming, Settings } from './options';
import type { PositionResolver } from './positions';
import type { RecentIds } from './recent-ids';

/** Shared state of one store. */
export interface StoreContext {
  readonly client: EventStoreDBClient;
  readonly settings: Settings;
  readonly names: Naming;
  readonly positions: PositionResolver;
  readonly recentIds: RecentIds;
  isClosed(): boolean;
}

/** An expected revision as append options both clients read: KurrentDB's client names it `streamState`, `@eventstore/db-client` `expectedRevision`. */
export const expecting = (revision: 'any' | 'no_stream' | 'stream_exists' | bigint): Parameters<EventStoreDBClient['appendToStream']>[2] =>
  ({ expectedRevision: revision, streamState: revision }) as Parameters<EventStoreDBClient['appendToStream']>[2];
