/**
 * The in-memory checkpoint store. Every operation runs to completion before the next starts (one
 * event loop), so its compare-and-set is atomic within the process — the only one that can see it.
 */
import * as E from 'fp-ts/Either';
import { sameCheckpoint, type Checkpoint, type CheckpointStore, type StoreError } from '../../src/eventsourcing/index';

/** Creates an empty checkpoint store; `closed` returns the error to answer once the store is closed. */
export const createMemoryCheckpoints = (closed: () => StoreError | undefined = () => undefined): CheckpointStore => {
  const checkpoints = new Map<string, Checkpoint>();
  const guarded = <A>(f: () => A) => () => {
    const error = closed();
    return Promise.resolve(error === undefined ? E.right(f()) : E.left(error));
  };
  return {
    load: (name) => guarded(() => checkpoints.get(name)),
    save: (name, cp) => guarded(() => { checkpoints.set(name, cp); }),
    compareAndSet: (name, expected, next) => guarded(() => {
      if (!sameCheckpoint(checkpoints.get(name), expected)) return false;
      checkpoints.set(name, next);
      return true;
    }),
  };
};
