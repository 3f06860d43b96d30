/**
 * A cache of folded state keyed by stream head: for each stream and fold, the state after the
 * event with a known revision and hash. The command handler reads only the events after the cached
 * revision, and only once the stream's head says something was appended; an entry is used only
 * when the event after it chains to its hash (its `prevHash`), so a stream that is not the one it
 * was folded from is folded again from the start. What a decision reads from the cache is still
 * protected by the append's expected revision: a writer that appended in between makes the append
 * fail, and the retry reads the new events.
 *
 * States must not be changed in place (an `evolve` returns a new state), as everywhere a fold is
 * kept.
 */

/** A fold's state after the event at `revision`, whose hash is `hash`. */
export interface CachedState<S = unknown> {
  readonly state: S;
  readonly revision: bigint;
  readonly hash: string;
}

/** The fold a cached state belongs to: its `evolve` function (with its initial state) names it. */
export interface FoldKey {
  /** The fold's evolve function, which identifies it. */
  readonly evolve: (...args: never[]) => unknown;
}

/** A bounded cache of folded state per stream and fold (least recently used streams leave first). */
export interface StateCache {
  /** The state of `fold` cached for the stream, if any. */
  get<S>(fold: FoldKey, streamId: string): CachedState<S> | undefined;
  /** Keeps the state of `fold` for the stream. */
  set<S>(fold: FoldKey, streamId: string, entry: CachedState<S>): void;
  /** Forgets every fold of a stream. */
  delete(streamId: string): void;
  /** Forgets everything. */
  clear(): void;
  /** How many streams have an entry. */
  readonly size: number;
}

/** Options of {@link createStateCache}. */
export interface StateCacheOptions {
  /** How many streams keep their folded state (default 10,000); 0 keeps none. */
  readonly maxStreams?: number;
}

/** Creates a {@link StateCache}. */
export const createStateCache = (options: StateCacheOptions = {}): StateCache => {
  const max = options.maxStreams ?? 10_000;
  if (!Number.isSafeInteger(max) || max < 0) throw new TypeError(`maxStreams: expected an integer >= 0, got ${String(max)}`);
  // Map keeps insertion order: a hit is moved to the end, the first key is the least recently used.
  const streams = new Map<string, Map<FoldKey['evolve'], CachedState>>();
  return {
    get: <S>(fold: FoldKey, streamId: string) => {
      const folds = streams.get(streamId);
      const hit = folds?.get(fold.evolve);
      if (folds === undefined || hit === undefined) return undefined;
      streams.delete(streamId);
      streams.set(streamId, folds);
      return hit as CachedState<S>;
    },
    set: (fold, streamId, entry) => {
      if (max === 0) return;
      const folds = streams.get(streamId) ?? new Map<FoldKey['evolve'], CachedState>();
      folds.set(fold.evolve, entry);
      streams.delete(streamId);
      streams.set(streamId, folds);
      while (streams.size > max) {
        const oldest = streams.keys().next().value;
        if (oldest === undefined) break;
        streams.delete(oldest);
      }
    },
    delete: (streamId) => {
      streams.delete(streamId);
    },
    clear: () => streams.clear(),
    get size() {
      return streams.size;
    },
  };
};
