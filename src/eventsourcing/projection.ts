/**
 * Projections: a name, a version and a pure fold over recorded events, and the one loop that
 * folds the log into them. {@link runProjection} reads the events after a checkpoint (or from a
 * state in hand, or from the start), applies them, and saves the checkpoint through the checkpoint
 * port when one is given; a version change rebuilds from the start. It can stop at a position or
 * fold only what was recorded by a moment. An event the fold cannot apply stops the loop with the
 * position and the error: it is never skipped. The leased runner (`runner.ts`) drives the same loop.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { RecordedEvent } from './envelope';
import { errors, type LedgerError } from './errors';
import type { Checkpoint, CheckpointStore, EventStore, ReadAllOptions } from './store';

/** A read model as a pure fold. */
export interface Projection<S> {
  readonly name: string;
  /** Bump it when `apply` changes: the runner then rebuilds from the start. */
  readonly version: number;
  readonly initialState: S;
  /** Folds one recorded event into the state (pure). */
  readonly apply: (state: S, event: RecordedEvent) => S;
  /** Only streams with this prefix (e.g. one campaign's namespace). */
  readonly streamPrefix?: string | undefined;
  /** To keep the state with the checkpoint (otherwise a restart rebuilds from the start). */
  readonly serialize?: (state: S) => string;
  /** Reads a state written by `serialize`. */
  readonly deserialize?: (text: string) => S;
}

/** Folds a projection over events in hand. Deterministic: the same events give the same state. */
export const project = <S>(projection: Pick<Projection<S>, 'apply' | 'initialState'>, events: Iterable<RecordedEvent>): S => {
  let s = projection.initialState;
  for (const e of events) s = projection.apply(s, e);
  return s;
};

/** A projection's state and progress. */
export interface ProjectionStatus<S> {
  readonly name: string;
  readonly version: number;
  readonly state: S;
  /** Last applied position, undefined when none. */
  readonly position: bigint | undefined;
  /** Recorded time of the last applied event (this run's, else undefined). */
  readonly lastRecordedAt: string | undefined;
  /** Events applied by this run. */
  readonly applied: number;
  /** Whether this run started from scratch (no checkpoint, or a new version). */
  readonly rebuilt: boolean;
}

/** Which events a run folds, and what it is told along the way. */
export interface FoldOptions {
  /** Stop after this position (inclusive), e.g. to project as of a position. */
  readonly untilPosition?: bigint;
  /** Fold only events recorded at or before this ISO instant; later ones are read past, not applied. */
  readonly recordedUntil?: string;
  /** Fold only the events it accepts (others are read past), e.g. by effective time. */
  readonly filter?: (event: RecordedEvent) => boolean;
  /** Told of every event read, applied or not (progress, namespaces seen, what was left out). */
  readonly onEvent?: (event: RecordedEvent, applied: boolean) => void;
}

/** Options of {@link runProjection}. */
export interface RunProjectionOptions<S = unknown> extends FoldOptions {
  /** Save the checkpoint every this many events (and at the end). Default 10,000. */
  readonly checkpointEvery?: number;
  /** Without checkpoints: go on from this state, last applied at `position` (e.g. a cache in memory). */
  readonly from?: { readonly state: S; readonly position: bigint | undefined };
}

/** Where a run starts. */
export interface FoldStart<S> {
  readonly state: S;
  readonly position: bigint | undefined;
}

/** Saves progress; resolves false when the run may no longer save (a lost lease): it then stops. */
export type SaveProgress<S> = (position: bigint | undefined, state: S) => Promise<E.Either<LedgerError, boolean>>;

/** What the loop did: `stopped` is set when a save was refused (nothing more was saved). */
export interface FoldOutcome<S> {
  readonly state: S;
  readonly position: bigint | undefined;
  readonly lastRecordedAt: string | undefined;
  readonly applied: number;
  readonly stopped: boolean;
}

const failure = (x: unknown): LedgerError => errors.fromUnknown(x);

/** The message of an event a projection cannot apply. */
export const cannotApply = (name: string, event: RecordedEvent, x: unknown): string =>
  `projection "${name}" cannot apply ${event.type}: ${x instanceof Error ? x.message : String(x)}`;

/**
 * The one loop: folds the projection's events after `start.position` into `start.state`, saving
 * progress every `every` events and at the end through `save` (when given). On an event the fold
 * cannot apply it saves the progress before it and returns a CorruptEvent naming it.
 */
export const foldProjection = async <S>(
  store: EventStore, projection: Projection<S>, start: FoldStart<S>, options: FoldOptions & { readonly every?: number; readonly save?: SaveProgress<S> },
): Promise<E.Either<LedgerError, FoldOutcome<S>>> => {
  const every = options.every ?? 10_000;
  const until = options.recordedUntil === undefined ? undefined : Date.parse(options.recordedUntil);
  let { state, position } = start;
  let applied = 0;
  let lastRecordedAt: string | undefined;
  const outcome = (stopped: boolean): FoldOutcome<S> => ({ state, position, lastRecordedAt, applied, stopped });
  const save = async (): Promise<E.Either<LedgerError, boolean>> => (options.save ? options.save(position, state) : E.right(true));
  const read: ReadAllOptions = {
    ...(position === undefined ? {} : { fromPosition: position + 1n }),
    ...(projection.streamPrefix === undefined ? {} : { streamPrefix: projection.streamPrefix }),
  };
  try {
    for await (const event of store.readAll(read)) {
      if (options.untilPosition !== undefined && event.position > options.untilPosition) break;
      const wanted = (until === undefined || Date.parse(event.metadata.recordedAt) <= until) && (options.filter?.(event) ?? true);
      options.onEvent?.(event, wanted);
      if (!wanted) continue;
      try {
        state = projection.apply(state, event);
      } catch (x) {
        const saved = await save();
        if (E.isLeft(saved)) return saved;
        return E.left(errors.corrupt(event.position, cannotApply(projection.name, event, x), event.streamId));
      }
      position = event.position;
      lastRecordedAt = event.metadata.recordedAt;
      applied++;
      if (options.save && applied % every === 0) {
        const saved = await save();
        if (E.isLeft(saved)) return saved;
        if (!saved.right) return E.right(outcome(true));
      }
    }
  } catch (x) {
    return E.left(failure(x));
  }
  const saved = await save();
  if (E.isLeft(saved)) return saved;
  return E.right(outcome(!saved.right));
};

/**
 * Where a saved checkpoint lets a projection resume: its state and position, or the start (with
 * `rebuilt`) when there is none, it is of another version, or its state cannot be read back.
 * `inMemory` is a state this process already holds at some position (used when none was saved).
 */
export const resumeFrom = <S>(
  projection: Projection<S>, cp: Checkpoint | undefined, inMemory?: FoldStart<S>,
): FoldStart<S> & { readonly rebuilt: boolean } => {
  const scratch = { position: undefined, state: projection.initialState, rebuilt: true };
  if (cp === undefined || cp.version !== projection.version) return scratch;
  if (cp.position === undefined) return { ...scratch, rebuilt: false };
  if (cp.state !== undefined && projection.deserialize) {
    try {
      return { position: cp.position, state: projection.deserialize(cp.state), rebuilt: false };
    } catch {
      return scratch; // a saved state that cannot be read back: rebuild from the start
    }
  }
  if (inMemory !== undefined && inMemory.position === cp.position) return { ...inMemory, rebuilt: false };
  return scratch;
};

/** A checkpoint of `projection` at `position` (with its state when the projection can serialize it). */
export const checkpointOf = <S>(projection: Projection<S>, position: bigint | undefined, state: S): Checkpoint => ({
  version: projection.version, position, ...(projection.serialize ? { state: projection.serialize(state) } : {}),
});

/**
 * Folds a projection. With `checkpoints`: loads its checkpoint, rebuilds when the version changed
 * or the state was not kept, applies every event after the checkpoint, saves the checkpoint (every
 * `checkpointEvery` events and at the end). Without: folds from `options.from`, else from the start,
 * and saves nothing. Either way up to `untilPosition`, and only what was recorded by `recordedUntil`.
 */
export const runProjection = <S>(
  store: EventStore,
  checkpoints: CheckpointStore | undefined,
  projection: Projection<S>,
  options: RunProjectionOptions<S> = {},
): TaskEither<LedgerError, ProjectionStatus<S>> => async () => {
  let start: FoldStart<S> & { readonly rebuilt: boolean } = { ...(options.from ?? { state: projection.initialState, position: undefined }), rebuilt: options.from === undefined };
  if (checkpoints !== undefined) {
    const loaded = await checkpoints.load(projection.name)();
    if (E.isLeft(loaded)) return loaded;
    start = resumeFrom(projection, loaded.right);
  }
  const save: SaveProgress<S> | undefined = checkpoints && (async (position, state) => {
    const saved = await checkpoints.save(projection.name, checkpointOf(projection, position, state))();
    return E.isLeft(saved) ? saved : E.right(true);
  });
  const folded = await foldProjection(store, projection, start, { ...options, ...(options.checkpointEvery === undefined ? {} : { every: options.checkpointEvery }), ...(save ? { save } : {}) });
  if (E.isLeft(folded)) return folded;
  const { state, position, applied, lastRecordedAt } = folded.right;
  return E.right({ name: projection.name, version: projection.version, state, position, lastRecordedAt, applied, rebuilt: start.rebuilt });
};
