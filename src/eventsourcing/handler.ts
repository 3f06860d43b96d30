/**
 * The command handler: load (fold the stream), decide, append with the loaded revision as the
 * expected revision, retry conflicts a bounded number of times. Ids and time come from the
 * injected generator and clock, so a seeded run is byte-for-byte reproducible.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { CodecRegistry } from './codecs';
import type { DecisionContext, Decider, DomainEvent } from './decider';
import type { Actor, NewEvent, RecordedEvent } from './envelope';
import { errors, type LedgerError } from './errors';
import type { EventStore } from './store';
import { uuidv7 } from './ids';
import {
  decodeSnapshotState, encodeSnapshotState, snapshotDigest, type SnapshotSpec, type SnapshotStore,
} from './snapshots';
import { createStateCache, type CachedState, type StateCache } from './state-cache';

/** Who issues a command and why; everything else of the metadata is fixed by the handler. */
export interface CommandMetadata {
  /** The resolved actor (posts and unit from the organization, never as claimed). */
  readonly actor: Actor;
  readonly onBehalfOf?: string | undefined;
  readonly reason?: string | undefined;
  /** Defaults to the command's own id. */
  readonly correlationId?: string | undefined;
  /** Defaults to the command's own id. */
  readonly causationId?: string | undefined;
  /** The caller's business time; defaults to the recorded time. */
  readonly effectiveAt?: string | undefined;
}

/** What handling a command produced. */
export interface HandleResult<S> {
  /** The stored events (empty when the decision was to do nothing). */
  readonly events: readonly RecordedEvent[];
  /** The state after the events. */
  readonly state: S;
  /** The stream's last revision after the command, undefined if the stream still does not exist. */
  readonly revision: bigint | undefined;
  /** True when an idempotent retry found its events already stored: nothing new was written. */
  readonly duplicate?: boolean | undefined;
}

/**
 * How one command is handled beyond its decision (both optional).
 *
 * - `expectedRevision`: the caller's view of the stream (an HTTP `If-Match`). When the stream is
 *   elsewhere, the answer is WrongExpectedRevision before anything is decided (never a business
 *   refusal), and a conflict at append time is not retried.
 * - `idempotency`: the command's id and its events' ids, derived from a caller's key. When the
 *   stream already holds the first of these events, the command is decided again as of the
 *   revision before it (same recorded time): the same decision is the stored one, answered with
 *   `duplicate: true` and nothing written; another decision is a DuplicateEventId (the key was used
 *   for another command).
 */
export interface HandleOptions {
  readonly expectedRevision?: bigint | 'no_stream' | undefined;
  readonly idempotency?: {
    readonly commandId: string;
    /** The id of the `index`-th event of the decision. */
    readonly eventId: (index: number) => string;
  } | undefined;
}

/** A fold in the handler: what was loaded, the last event's hash, the event that stopped it. */
interface Folded<S> extends Loaded<S> {
  readonly hash?: string | undefined;
  readonly found?: RecordedEvent | undefined;
  /** The events up to a cached state were not read. */
  readonly partial: boolean;
}

/**
 * A loaded stream: folded state and its revision. The state may be the one the handler's cache
 * keeps (and hands to the next command): read it, never change it in place.
 */
export interface Loaded<S> {
  readonly state: S;
  readonly revision: bigint | undefined;
}

/** Options of {@link createCommandHandler}. */
export interface CommandHandlerOptions {
  readonly store: EventStore;
  /** Event types: schema versions for writing, upcasters and codecs for reading. */
  readonly registry: CodecRegistry;
  /** The trusted clock. Default: the system clock. */
  readonly clock?: () => Date;
  /** Id generator (UUIDs). Default: time-ordered UUIDv7 ({@link uuidv7}). */
  readonly ids?: () => string;
  /** Attempts after a concurrency conflict. Default 3. */
  readonly maxRetries?: number;
  /**
   * Folded state kept by stream head, so a command reads only the events appended since
   * (default: a cache of its own; share one between handlers of the same store and registry;
   * `false`: fold every stream from the start every time).
   */
  readonly cache?: StateCache | false;
  /**
   * Snapshots of long streams, for folds that declare a `snapshot` spec: a load starts from the
   * stream's snapshot when the stored event at its revision has its hash (otherwise it is ignored),
   * and a load that read at least `every` events (default 1,000) saves a new one.
   */
  readonly snapshots?: { readonly store: SnapshotStore; readonly every?: number } | undefined;
}

/** The part of a decider that folds state (with its snapshot spec, when it has one). */
export type Evolver<S, E extends DomainEvent> = Pick<Decider<never, S, E>, 'evolve' | 'initialState' | 'snapshot'>;

/** Runs commands against deciders. */
export interface CommandHandler {
  /** Loads a stream's state with a decider. */
  load<S, E extends DomainEvent>(decider: Evolver<S, E>, streamId: string): TaskEither<LedgerError, Loaded<S>>;
  /** Handles one command on one stream. */
  handle<C, S, E extends DomainEvent>(
    decider: Decider<C, S, E>,
    streamId: string,
    command: C,
    metadata: CommandMetadata,
    options?: HandleOptions,
  ): TaskEither<LedgerError, HandleResult<S>>;
  /** The trusted clock (ISO string). */
  now(): string;
}

/** Creates a command handler. */
export const createCommandHandler = (options: CommandHandlerOptions): CommandHandler => {
  const { store, registry } = options;
  const clock = options.clock ?? (() => new Date());
  const ids = options.ids ?? (() => uuidv7());
  const maxRetries = options.maxRetries ?? 3;

  const cache = options.cache === false ? undefined : options.cache ?? createStateCache();
  const snapshots = options.snapshots;
  const snapshotEvery = snapshots?.every ?? 1000;

  const loadNow = async <S, E extends DomainEvent>(decider: Evolver<S, E>, streamId: string): Promise<E.Either<LedgerError, Loaded<S>>> => {
    const loaded = await loadUntil(decider, streamId, undefined, true);
    return E.map(({ state, revision }: Loaded<S>) => ({ state, revision }))(loaded);
  };

  /**
   * Folds a stream, stopping before the event with id `stopAt` (returned as `found`) when there is
   * one. With `useCache`, starts from the cached state when the stream's head moved on from it (or
   * returns it when the head is the cached one); `partial` then says that the events up to the
   * cached revision were not read (so `stopAt` was looked for only after it).
   */
  const loadUntil = async <S, E extends DomainEvent>(
    decider: Evolver<S, E>, streamId: string, stopAt: string | undefined, useCache: boolean,
  ): Promise<E.Either<LedgerError, Folded<S>>> => {
    let start = useCache ? cache?.get<S>(decider, streamId) : undefined;
    if (start !== undefined) {
      const head = await store.streamHead(streamId)();
      if (E.isLeft(head)) return head;
      const h = head.right;
      if (h !== undefined && h.revision === start.revision && h.hash === start.hash) {
        return E.right({ state: start.state, revision: start.revision, partial: true });
      }
      if (h === undefined || h.revision <= start.revision) start = undefined;
    }
    const spec = snapshots === undefined ? undefined : decider.snapshot;
    const fromSnapshot = start === undefined && useCache && spec !== undefined;
    if (fromSnapshot) start = await loadSnapshot<S>(spec, streamId);
    const folded = await foldFrom(decider, streamId, stopAt, start, fromSnapshot);
    if (folded === 'broken') {
      // The stored event at the cached or snapshot revision is not the one the state was folded to.
      cache?.delete(streamId);
      return loadUntil(decider, streamId, stopAt, false);
    }
    if (E.isLeft(folded) || folded.right.found !== undefined || folded.right.revision === undefined || folded.right.hash === undefined) return folded;
    const entry = { state: folded.right.state, revision: folded.right.revision, hash: folded.right.hash };
    cache?.set(decider, streamId, entry);
    if (spec !== undefined && folded.right.read >= snapshotEvery) await saveSnapshot(spec, streamId, entry);
    return folded;
  };

  /** The stream's snapshot for the fold, if there is a readable one of its version (checked against the chain when folding). */
  const loadSnapshot = async <S>(spec: SnapshotSpec, streamId: string): Promise<CachedState<S> | undefined> => {
    if (snapshots === undefined) return undefined;
    let loaded;
    try {
      loaded = await snapshots.store.load(streamId, spec.name)();
    } catch {
      return undefined; // a snapshot store that throws: fold from the start
    }
    if (E.isLeft(loaded) || loaded.right === undefined) return undefined;
    const s = loaded.right;
    if (s.streamId !== streamId || s.name !== spec.name || s.version !== spec.version || snapshotDigest(s) !== s.digest) return undefined;
    const state = decodeSnapshotState(s.state);
    return state === undefined ? undefined : { state: state as S, revision: s.revision, hash: s.hash };
  };

  /** Saves a snapshot; a state that cannot be written or a store that fails leaves the old one. */
  const saveSnapshot = async (spec: SnapshotSpec, streamId: string, entry: CachedState): Promise<void> => {
    if (snapshots === undefined) return;
    try {
      const fields = { streamId, name: spec.name, version: spec.version, revision: entry.revision, hash: entry.hash, state: encodeSnapshotState(entry.state) };
      await snapshots.store.save({ ...fields, digest: snapshotDigest(fields) })();
    } catch {
      // not snapshotted this time
    }
  };

  /**
   * Folds the events after `start` (all of them without it). `start` is checked against the
   * stream: the event after it must chain to its hash, or (`atStart`, for a snapshot) the event at
   * its revision must have its hash; 'broken' when not.
   */
  const foldFrom = async <S, E extends DomainEvent>(
    decider: Evolver<S, E>, streamId: string, stopAt: string | undefined, start: CachedState<S> | undefined, atStart: boolean,
  ): Promise<E.Either<LedgerError, Folded<S> & { readonly read: number }> | 'broken'> => {
    let state = start === undefined ? decider.initialState : start.state;
    let revision = start?.revision;
    let hash = start?.hash;
    const partial = start !== undefined;
    let read = 0;
    let first = true;
    try {
      const from = start === undefined ? undefined : { fromRevision: atStart ? start.revision : start.revision + 1n };
      for await (const stored of store.readStream(streamId, from)) {
        if (first && start !== undefined) {
          first = false;
          if (atStart) {
            if (stored.revision !== start.revision || stored.hash !== start.hash) return 'broken';
            continue;
          }
          if (stored.prevHash !== start.hash) return 'broken';
        }
        if (stopAt !== undefined && stored.eventId === stopAt) return E.right({ state, revision, hash, found: stored, partial, read });
        const up = registry.upcast(stored);
        if (E.isLeft(up)) return E.left(errors.corrupt(stored.position, up.left, streamId));
        state = decider.evolve(state, { type: up.right.type, data: up.right.data } as E);
        revision = stored.revision;
        hash = stored.hash;
        read++;
      }
    } catch (x) {
      return E.left(errors.fromUnknown(x));
    }
    // A snapshot past the stream's end (its event is not stored) is not this stream's.
    if (atStart && first && start !== undefined) return 'broken';
    return E.right({ state, revision, hash, partial, read });
  };

  const handleNow = async <C, S, E extends DomainEvent>(
    decider: Decider<C, S, E>, streamId: string, command: C, meta: CommandMetadata, options: HandleOptions = {},
  ): Promise<E.Either<LedgerError, HandleResult<S>>> => {
    const keyed = options.idempotency;
    const commandId = keyed === undefined ? ids() : keyed.commandId;
    const eventId = keyed === undefined ? () => ids() : keyed.eventId;
    const expectedByCaller = options.expectedRevision;
    // Decides on what was loaded and appends with the loaded revision.
    const once = async (loaded: Folded<S>): Promise<E.Either<LedgerError, HandleResult<S>>> => {
      const found = loaded.found;
      if (expectedByCaller !== undefined && found === undefined && (loaded.revision ?? 'no_stream') !== expectedByCaller) {
        return E.left(errors.wrongExpectedRevision(streamId, expectedByCaller, loaded.revision ?? 'no_stream'));
      }
      // A retry of a keyed command is decided as it was: on the state before its events, at their recorded time.
      const recordedAt = found === undefined ? clock().toISOString() : found.metadata.recordedAt;
      const context: DecisionContext = { actor: meta.actor, recordedAt, effectiveAt: meta.effectiveAt ?? recordedAt };
      let decided: E.Either<LedgerError, readonly E[]>;
      try {
        decided = decider.decide(command, loaded.state, context);
      } catch (x) {
        return E.left(errors.rule('decider.threw', `the decider threw: ${x instanceof Error ? x.message : String(x)}`));
      }
      if (E.isLeft(decided)) return decided;
      if (decided.right.length === 0 && found !== undefined) {
        return E.left(errors.duplicateEventId(streamId, found.eventId, 'this idempotency key was used for another command'));
      }
      if (decided.right.length === 0) return E.right({ events: [], state: loaded.state, revision: loaded.revision, duplicate: false });
      const metadata = {
        actor: meta.actor,
        ...(meta.onBehalfOf === undefined ? {} : { onBehalfOf: meta.onBehalfOf }),
        ...(meta.reason === undefined ? {} : { reason: meta.reason }),
        correlationId: meta.correlationId ?? commandId,
        causationId: meta.causationId ?? commandId,
        recordedAt,
        effectiveAt: context.effectiveAt,
      };
      const events: NewEvent[] = [];
      for (const [index, e] of decided.right.entries()) {
        const def = registry.schemaVersionOf(e.type);
        if (def === undefined) return E.left(errors.validation([{ path: 'type', message: `unknown event type ${JSON.stringify(e.type)}` }]));
        events.push({ eventId: eventId(index), type: e.type, schemaVersion: def, data: e.data, metadata });
      }
      const valid = registry.validate(events);
      if (E.isLeft(valid)) return valid;
      const expected = loaded.revision ?? 'no_stream';
      let appended: E.Either<LedgerError, { events: readonly RecordedEvent[]; lastRevision: bigint; duplicate?: boolean }>;
      try {
        appended = await store.append(streamId, events, expected)();
      } catch (x) {
        return E.left(errors.fromUnknown(x)); // a store that throws instead of answering a Left
      }
      if (E.isLeft(appended)) return appended;
      const state = decided.right.reduce(decider.evolve, loaded.state);
      const last = appended.right.events[appended.right.events.length - 1];
      if (appended.right.duplicate !== true && last !== undefined) {
        cache?.set(decider, streamId, { state, revision: appended.right.lastRevision, hash: last.hash });
      }
      return E.right({ events: appended.right.events, state, revision: appended.right.lastRevision, duplicate: appended.right.duplicate === true });
    };

    // A keyed command first looks for its events only after the cached state. Unless that attempt
    // stores new events (so none of the key's events was stored anywhere), it is decided again from
    // the whole stream, as if there were no cache.
    let exact = false;
    for (let conflicts = 0; ;) {
      const loaded = await loadUntil(decider, streamId, keyed?.eventId(0), !exact);
      if (E.isLeft(loaded)) return loaded;
      const tentative = keyed !== undefined && loaded.right.found === undefined && loaded.right.partial;
      const outcome = await once(loaded.right);
      if (tentative && !(E.isRight(outcome) && outcome.right.events.length > 0 && outcome.right.duplicate !== true)) {
        exact = true;
        continue;
      }
      if (E.isRight(outcome)) return outcome;
      if (outcome.left._tag !== 'WrongExpectedRevision' || conflicts >= maxRetries || expectedByCaller !== undefined) return outcome;
      conflicts++;
    }
  };

  return {
    load: (decider, streamId) => () => loadNow(decider, streamId),
    handle: (decider, streamId, command, metadata, options) => () => handleNow(decider, streamId, command, metadata, options),
    now: () => clock().toISOString(),
  };
};
