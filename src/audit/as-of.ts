/**
 * State as of a moment: fold an entity's stream (with a decider's `evolve`) or the whole trail
 * (with a projection) up to a recorded time, an effective time, or a global position.
 *
 * - `{ recordedAt }`: the events the system had recorded by then — what anyone could know then.
 * - `{ effectiveAt }`: the events whose business time is at or before then, whenever recorded.
 * - `{ position }`: the events at or before that global position.
 * Selected events are always applied in their recorded order (stream or global order), so a fold
 * sees events in the order they were decided. Entries recorded long after their effective time are
 * flagged as backdated, and facts about the moment that were recorded only later are listed.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { CodecRegistry } from '../eventsourcing/codecs';
import type { DomainEvent } from '../eventsourcing/decider';
import type { Evolver } from '../eventsourcing/handler';

import type { RecordedEvent } from '../eventsourcing/envelope';
import { errors, type LedgerError } from '../eventsourcing/errors';
import { runProjection, type Projection } from '../eventsourcing/projection';
import type { EventStore } from '../eventsourcing/store';
import { asLedgerError } from './failure';
import { DEFAULT_BACKDATED_THRESHOLD_MS, parseInstant, type Instant } from './time';
import { timelineEntry, type TimelineEntry } from './timeline';

/** What {@link stateAsOf} needs of a decider (the kernel's type, re-exported). */
export type { Evolver };

/** The moment to replay to. */
export type AsOfPoint =
  | { readonly recordedAt: Instant }
  | { readonly effectiveAt: Instant }
  | { readonly position: bigint };

/** Options of {@link stateAsOf} and {@link projectionAsOf}. */
export interface AsOfOptions {
  /** Effective time this much earlier than recorded time flags an entry as backdated. Default 24 h. */
  readonly backdatedThresholdMs?: number;
}

/** A state as of a moment, with what went into it. */
export interface AsOfResult<S> {
  readonly state: S;
  /** Events applied. */
  readonly applied: number;
  /** Position of the last applied event, undefined when none. */
  readonly lastPosition: bigint | undefined;
  /** Applied entries that are backdated (effective much earlier than recorded). */
  readonly backdated: readonly TimelineEntry[];
  /**
   * Facts about the moment recorded only after it: with `recordedAt`, events left out because they
   * were recorded later although effective at or before the moment; with `effectiveAt`, applied
   * events recorded after the moment. Empty with `position`.
   */
  readonly knownLater: readonly TimelineEntry[];
}

type Selector = (e: RecordedEvent) => { include: boolean; knownLater: boolean; stop: boolean };

const selector = (at: AsOfPoint): E.Either<LedgerError, Selector> => {
  if (typeof at !== 'object' || at === null) return E.left(errors.validation([{ path: 'at', message: 'expected { recordedAt }, { effectiveAt } or { position }' }]));
  if ('position' in at) {
    if (typeof at.position !== 'bigint') return E.left(errors.validation([{ path: 'at.position', message: `expected a bigint, got ${String(at.position)}` }]));
    const p = at.position;
    return E.right((e) => ({ include: e.position <= p, knownLater: false, stop: e.position > p }));
  }
  const byRecorded = 'recordedAt' in at;
  const parsed = parseInstant(byRecorded ? at.recordedAt : (at as { effectiveAt: Instant }).effectiveAt, byRecorded ? 'at.recordedAt' : 'at.effectiveAt');
  if (E.isLeft(parsed)) return parsed;
  const t = parsed.right;
  return E.right((e) => {
    const recorded = Date.parse(e.metadata.recordedAt) <= t;
    const effective = Date.parse(e.metadata.effectiveAt) <= t;
    return byRecorded
      ? { include: recorded, knownLater: !recorded && effective, stop: false }
      : { include: effective, knownLater: effective && !recorded, stop: false };
  });
};

const replay = async <S>(
  events: AsyncIterable<RecordedEvent>, at: AsOfPoint, initial: S,
  apply: (s: S, e: RecordedEvent) => E.Either<LedgerError, S>, options: AsOfOptions,
): Promise<E.Either<LedgerError, AsOfResult<S>>> => {
  const select = selector(at);
  if (E.isLeft(select)) return select;
  const threshold = options.backdatedThresholdMs ?? DEFAULT_BACKDATED_THRESHOLD_MS;
  let state = initial;
  let applied = 0;
  let lastPosition: bigint | undefined;
  const backdated: TimelineEntry[] = [];
  const knownLater: TimelineEntry[] = [];
  try {
    for await (const e of events) {
      const s = select.right(e);
      if (s.stop) break;
      if (s.knownLater) knownLater.push(timelineEntry(e, threshold));
      if (!s.include) continue;
      const next = apply(state, e);
      if (E.isLeft(next)) return next;
      state = next.right;
      applied++;
      lastPosition = e.position;
      const entry = timelineEntry(e, threshold);
      if (entry.backdated) backdated.push(entry);
    }
  } catch (x) {
    return E.left(asLedgerError(x));
  }
  return E.right({ state, applied, lastPosition, backdated, knownLater });
};

const guarded = <S>(f: (s: S, e: RecordedEvent) => S, what: string) => (s: S, e: RecordedEvent): E.Either<LedgerError, S> => {
  try {
    return E.right(f(s, e));
  } catch (x) {
    return E.left(errors.corrupt(e.position, `${what} cannot apply ${e.type}: ${x instanceof Error ? x.message : String(x)}`, e.streamId));
  }
};

/** Options of {@link stateAsOf}: a registry upcasts and checks stored events before `evolve`. */
export interface StateAsOfOptions extends AsOfOptions {
  readonly registry?: CodecRegistry;
}

/** The state of one entity (stream) as of a moment, folded with a decider's `evolve`. */
export const stateAsOf = <S, Ev extends DomainEvent>(
  store: EventStore, streamId: string, decider: Evolver<S, Ev>, at: AsOfPoint, options: StateAsOfOptions = {},
): TaskEither<LedgerError, AsOfResult<S>> => () => {
  const { registry } = options;
  const evolve = guarded((s: S, e: RecordedEvent) => decider.evolve(s, { type: e.type, data: e.data } as Ev), 'evolve');
  const apply = (s: S, e: RecordedEvent): E.Either<LedgerError, S> => {
    if (registry === undefined) return evolve(s, e);
    const up = registry.upcast(e);
    return E.isLeft(up) ? E.left(errors.corrupt(e.position, up.left, e.streamId)) : evolve(s, up.right);
  };
  return replay(store.readStream(streamId), at, decider.initialState, apply, options);
};

/**
 * A read model (projection) as of a moment: its fold over the whole trail (or its stream prefix),
 * run by the kernel's one projection loop ({@link runProjection}, without checkpoints).
 */
export const projectionAsOf = <S>(
  store: EventStore, projection: Pick<Projection<S>, 'apply' | 'initialState'> & { readonly name?: string; readonly streamPrefix?: string | undefined },
  at: AsOfPoint, options: AsOfOptions = {},
): TaskEither<LedgerError, AsOfResult<S>> => async () => {
  const select = selector(at);
  if (E.isLeft(select)) return select;
  const threshold = options.backdatedThresholdMs ?? DEFAULT_BACKDATED_THRESHOLD_MS;
  const backdated: TimelineEntry[] = [];
  const knownLater: TimelineEntry[] = [];
  const run = await runProjection(store, undefined, {
    name: projection.name ?? 'anonymous', version: 0, initialState: projection.initialState, apply: projection.apply, streamPrefix: projection.streamPrefix,
  }, {
    ...('position' in at ? { untilPosition: at.position } : { filter: (e: RecordedEvent) => select.right(e).include }),
    onEvent: (e, applied) => {
      if (select.right(e).knownLater) knownLater.push(timelineEntry(e, threshold));
      const entry = applied ? timelineEntry(e, threshold) : undefined;
      if (entry?.backdated) backdated.push(entry);
    },
  })();
  if (E.isLeft(run)) return run;
  return E.right({ state: run.right.state, applied: run.right.applied, lastPosition: run.right.position, backdated, knownLater });
};
