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
