/**
 * A building block for catch-up-then-live subscriptions: adapters give it a `fetch` that reads
 * events after a position; it delivers them in order, waits for `notify()` (or polls) when caught
 * up, and ends when closed. Never drops or repeats an event: the cursor only moves forward past
 * what was delivered or scanned.
 */
import type { RecordedEvent } from './envelope';
import type { Subscription } from './store';

/** One fetch: the events after the cursor and how far the scan went (for filtered reads). */
export interface FeedBatch {
  readonly events: readonly RecordedEvent[];
  /** The highest position examined; the next fetch starts after it. */
  readonly scannedTo: bigint | undefined;
}

/** Reads events strictly after `after` (undefined: from the start). */
export type FeedFetch = (after: bigint | undefined) => Promise<FeedBatch>;

/** A set of subscriptions woken by {@link LiveFeed.notify}. */
export interface LiveFeed {
  /** Wakes every subscription waiting for new events. */
  notify(): void;
  /** Opens a subscription; `pollMs` also re-checks on a timer (for writers in other processes). */
  subscribe(afterPosition: bigint | undefined, fetch: FeedFetch, pollMs?: number): Subscription;
  /** Closes every open subscription. */
  closeAll(): Promise<void>;
}

/** Creates a {@link LiveFeed}. */
export const createLiveFeed = (): LiveFeed => {
  const waiting = new Set<() => void>();
  const open = new Set<Subscription>();
  let version = 0; // bumped by notify, so a wake between a fetch and the wait is never lost
  const notify = () => {
    version++;
    for (const wake of [...waiting]) wake();
  };
  const subscribe = (afterPosition: bigint | undefined, fetch: FeedFetch, pollMs?: number): Subscription => {
    let closed = false;
    let cursor = afterPosition;
    let wakeSelf: (() => void) | undefined;
    const sleep = (seen: number) =>
      new Promise<void>((resolve) => {
        if (version !== seen || closed) return resolve();
        const timer = pollMs === undefined ? undefined : setTimeout(done, pollMs);
        function done() {
          if (timer !== undefined) clearTimeout(timer);
          waiting.delete(done);
          wakeSelf = undefined;
          resolve();
        }
        wakeSelf = done;
        waiting.add(done);
      });
    async function* run(): AsyncGenerator<RecordedEvent> {
      try {
        while (!closed) {
          const seen = version;
          const batch = await fetch(cursor);
          for (const e of batch.events) {
            if (closed) return;
            if (cursor !== undefined && e.position <= cursor) continue; // never repeat
            cursor = e.position;
            yield e;
          }
          if (batch.scannedTo !== undefined && (cursor === undefined || batch.scannedTo > cursor)) cursor = batch.scannedTo;
          if (batch.events.length === 0 && !closed) await sleep(seen);
        }
      } finally {
        closed = true;
        open.delete(sub);
      }
    }
    const iterator = run();
    const sub: Subscription = {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        closed = true;
        wakeSelf?.();
        open.delete(sub);
      },
    };
    open.add(sub);
    return sub;
  };
  return {
    notify,
    subscribe,
    closeAll: async () => {
      await Promise.all([...open].map((s) => s.close()));
    },
  };
};
