/**
 * Global positions of events read from a stream. `$all` reads always carry the commit position;
 * stream reads carry it only on servers that fill it in (older ones send none, or 2^64-1). For
 * those, positions are looked up: in a cache of positions this store has seen, then in `$all`
 * near a known position (right after an append), then by a server-side filtered scan of `$all`
 * for the stream.
 */
import type { EventStoreDBClient, ResolvedEvent } from '@eventstore/db-client';
import { BACKWARDS, START, streamNameFilter } from './client-values';
import { errors, LedgerFailure } from '../../src/eventsourcing/index';

const U64_MAX = (1n << 64n) - 1n;
const CACHE_LIMIT = 100_000;
const SCAN_TIMEOUT_MS = 60_000;

/** The commit position carried by a read result, or undefined when the server sent none. */
export const positionOf = (r: ResolvedEvent): bigint | undefined => {
  if (r.commitPosition !== undefined) return r.commitPosition;
  const p = r.event?.position?.commit;
  return p === undefined || p === U64_MAX || p < 0n ? undefined : p;
};

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds positions of events by id. */
export class PositionResolver {
  private readonly cache = new Map<string, bigint>();
  /** Set once a stream read came without positions: from then on, positions seen are cached. */
  needed = false;

  constructor(private readonly client: EventStoreDBClient) {}

  /** Remembers the position of an event (only once lookups have been needed). */
  remember(eventId: string, position: bigint, force = false): void {
    if (!this.needed && !force) return;
    if (this.cache.size >= CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(eventId, position);
  }

  /**
   * Positions of the events `ids` of EventStoreDB stream `streamName`. `near`: a position at or
   * just after them (e.g. the position an append returned), to look there first.
   */
  async resolve(streamName: string, ids: readonly string[], near?: bigint): Promise<Map<string, bigint>> {
    this.needed = true;
    const found = new Map<string, bigint>();
    for (const id of ids) {
      const p = this.cache.get(id);
      if (p !== undefined) found.set(id, p);
    }
    const missing = () => ids.filter((id) => !found.has(id));
    if (missing().length > 0 && near !== undefined) await this.lookNear(streamName, new Set(missing()), near, found);
    if (missing().length > 0) await this.scan(streamName, new Set(missing()), found);
    const still = missing();
    if (still.length > 0) {
      throw new LedgerFailure(errors.unavailable(`no $all position found for ${still.length} event(s) of stream "${streamName}"`));
    }
    for (const [id, p] of found) this.remember(id, p);
    return found;
  }

  private async lookNear(streamName: string, want: Set<string>, near: bigint, found: Map<string, bigint>): Promise<void> {
    const take = (r: ResolvedEvent) => {
      const id = r.event?.id;
      if (id !== undefined && r.event?.streamId === streamName && want.has(id) && r.commitPosition !== undefined) found.set(id, r.commitPosition);
    };
    const at = { commit: near, prepare: near };
    // Forwards from a position includes it; backwards from it does not.
    for await (const r of this.client.readAll({ fromPosition: at, maxCount: 1 })) take(r as ResolvedEvent);
    if ([...want].every((id) => found.has(id))) return;
    for await (const r of this.client.readAll({ direction: BACKWARDS, fromPosition: at, maxCount: want.size + 64 })) take(r as ResolvedEvent);
  }

  private scan(streamName: string, want: Set<string>, found: Map<string, bigint>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const sub = this.client.subscribeToAll({
        fromPosition: START,
        filter: streamNameFilter({ regex: `^${escapeRegex(streamName)}$` }),
      });
      let done = false;
      const finish = (err?: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        void sub.unsubscribe().catch(() => undefined);
        if (err === undefined) resolve();
        else reject(err);
      };
      const timer = setTimeout(() => finish(new LedgerFailure(errors.unavailable(`timed out looking up positions in stream "${streamName}"`))), SCAN_TIMEOUT_MS);
      sub.on('data', (r: ResolvedEvent) => {
        const id = r.event?.id;
        if (id !== undefined && want.has(id) && r.commitPosition !== undefined) {
          found.set(id, r.commitPosition);
          want.delete(id);
          if (want.size === 0) finish();
        }
      });
      sub.on('caughtUp', () => finish());
      sub.on('error', (e: unknown) => finish(e));
    });
  }
}
