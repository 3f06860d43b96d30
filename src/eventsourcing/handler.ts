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
}

/** A loaded stream: folded state and its revision. */
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
}

/** The part of a decider that folds state. */
export type Evolver<S, E extends DomainEvent> = Pick<Decider<never, S, E>, 'evolve' | 'initialState'>;

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

  const loadNow = async <S, E extends DomainEvent>(decider: Evolver<S, E>, streamId: string): Promise<E.Either<LedgerError, Loaded<S>>> => {
    let state = decider.initialState;
    let revision: bigint | undefined;
    try {
      for await (const stored of store.readStream(streamId)) {
        const up = registry.upcast(stored);
        if (E.isLeft(up)) return E.left(errors.corrupt(stored.position, up.left, streamId));
        state = decider.evolve(state, { type: up.right.type, data: up.right.data } as E);
        revision = stored.revision;
      }
    } catch (x) {
      return E.left(errors.fromUnknown(x));
    }
    return E.right({ state, revision });
  };

  const handleNow = async <C, S, E extends DomainEvent>(
    decider: Decider<C, S, E>, streamId: string, command: C, meta: CommandMetadata,
  ): Promise<E.Either<LedgerError, HandleResult<S>>> => {
    const commandId = ids();
    for (let attempt = 0; ; attempt++) {
      const loaded = await loadNow(decider, streamId);
      if (E.isLeft(loaded)) return loaded;
      const recordedAt = clock().toISOString();
      const context: DecisionContext = { actor: meta.actor, recordedAt, effectiveAt: meta.effectiveAt ?? recordedAt };
      let decided: E.Either<LedgerError, readonly E[]>;
      try {
        decided = decider.decide(command, loaded.right.state, context);
      } catch (x) {
        return E.left(errors.rule('decider.threw', `the decider threw: ${x instanceof Error ? x.message : String(x)}`));
      }
      if (E.isLeft(decided)) return decided;
      if (decided.right.length === 0) return E.right({ events: [], ...loaded.right });
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
      for (const e of decided.right) {
        const def = registry.schemaVersionOf(e.type);
        if (def === undefined) return E.left(errors.validation([{ path: 'type', message: `unknown event type ${JSON.stringify(e.type)}` }]));
        events.push({ eventId: ids(), type: e.type, schemaVersion: def, data: e.data, metadata });
      }
      const valid = registry.validate(events);
      if (E.isLeft(valid)) return valid;
      const expected = loaded.right.revision ?? 'no_stream';
      let appended: E.Either<LedgerError, { events: readonly RecordedEvent[]; lastRevision: bigint }>;
      try {
        appended = await store.append(streamId, events, expected)();
      } catch (x) {
        return E.left(errors.fromUnknown(x)); // a store that throws instead of answering a Left
      }
      if (E.isRight(appended)) {
        const state = decided.right.reduce(decider.evolve, loaded.right.state);
        return E.right({ events: appended.right.events, state, revision: appended.right.lastRevision });
      }
      if (appended.left._tag !== 'WrongExpectedRevision' || attempt >= maxRetries) return appended;
    }
  };

  return {
    load: (decider, streamId) => () => loadNow(decider, streamId),
    handle: (decider, streamId, command, metadata) => () => handleNow(decider, streamId, command, metadata),
    now: () => clock().toISOString(),
  };
};
