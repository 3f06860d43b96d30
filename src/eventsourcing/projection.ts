/**
 * Projections: a name, a version and a pure fold over recorded events. The runner reads all
 * events after its checkpoint, applies them, and saves the checkpoint through the checkpoint
 * port; a version change rebuilds from the start. An event the fold cannot apply stops the
 * runner with the position and the error: it is never skipped.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { RecordedEvent } from './envelope';
import { errors, type LedgerError } from './errors';
import type { CheckpointStore, EventStore, ReadAllOptions } from './store';

/** A read model as a pure fold. */
export interface Projection<S> {
  readonly name: string;
  /** Bump it when `apply` changes: the runner then rebuilds from the start. */
  readonly version: number;
  readonly initialState: S;
  readonly apply: (state: S, event: RecordedEvent) => S;
  /** Only streams with this prefix (e.g. one campaign's namespace). */
  readonly streamPrefix?: string | undefined;
  /** To keep the state with the checkpoint (otherwise a restart rebuilds from the start). */
  readonly serialize?: (state: S) => string;
  readonly deserialize?: (text: string) => S;
}

/** Folds a projection over events. Deterministic: the same events give the same state. */
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
  /** Events applied by this run. */
  readonly applied: number;
  /** Whether this run started from scratch (no checkpoint, or a new version). */
  readonly rebuilt: boolean;
}

/** Options of {@link runProjection}. */
export interface RunProjectionOptions {
  /** Save the checkpoint every this many events (and at the end). Default 10,000. */
  readonly checkpointEvery?: number;
  /** Stop after this position (inclusive), e.g. to project as of a position. */
  readonly untilPosition?: bigint;
}

const failure = (x: unknown): LedgerError => errors.fromUnknown(x);

/**
 * Brings a projection up to date: loads its checkpoint, rebuilds when the version changed or the
 * state was not kept, applies every event after the checkpoint, saves the checkpoint.
 */
export const runProjection = <S>(
  store: EventStore,
  checkpoints: CheckpointStore,
  projection: Projection<S>,
  options: RunProjectionOptions = {},
): TaskEither<LedgerError, ProjectionStatus<S>> => async () => {
  const every = options.checkpointEvery ?? 10_000;
  const loaded = await checkpoints.load(projection.name)();
  if (E.isLeft(loaded)) return loaded;
  const cp = loaded.right;
  let resume = cp !== undefined && cp.version === projection.version && (cp.position === undefined || (cp.state !== undefined && projection.deserialize !== undefined));
  let state = projection.initialState;
  if (resume && cp?.state !== undefined && projection.deserialize) {
    try {
      state = projection.deserialize(cp.state);
    } catch {
      resume = false; // a saved state that cannot be read back: rebuild from the start
    }
  }
  let position = resume && cp !== undefined ? cp.position : undefined;
  let applied = 0;
  const save = () =>
    checkpoints.save(projection.name, {
      version: projection.version,
      position,
      ...(projection.serialize ? { state: projection.serialize(state) } : {}),
    })();
  const read: ReadAllOptions = {
    ...(position === undefined ? {} : { fromPosition: position + 1n }),
    ...(projection.streamPrefix === undefined ? {} : { streamPrefix: projection.streamPrefix }),
  };
  try {
    for await (const event of store.readAll(read)) {
      if (options.untilPosition !== undefined && event.position > options.untilPosition) break;
      try {
        state = projection.apply(state, event);
      } catch (x) {
        await save();
        return E.left(errors.corrupt(event.position, `projection "${projection.name}" cannot apply ${event.type}: ${x instanceof Error ? x.message : String(x)}`, event.streamId));
      }
      position = event.position;
      applied++;
      if (applied % every === 0) {
        const saved = await save();
        if (E.isLeft(saved)) return saved;
      }
    }
  } catch (x) {
    return E.left(failure(x));
  }
  const saved = await save();
  if (E.isLeft(saved)) return saved;
  return E.right({ name: projection.name, version: projection.version, state, position, applied, rebuilt: !resume });
};
