/**
 * Operations that cannot be lost: a {@link Runnable} is a `TaskEither` (call it to run it, compose
 * it with fp-ts) that is also a promise of its `Either` (await it to run it). Forgetting the `()`
 * after a command therefore still runs it. Each call and each `await` runs it once more, as a
 * `TaskEither` does. {@link orThrow} and {@link unwrap} turn a Left into a thrown
 * {@link LedgerFailure} for code that prefers exceptions.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { errors, LedgerFailure, type LedgerError } from './errors';

/** A `TaskEither<L, A>` that also runs when awaited. */
export type Runnable<L, A> = TaskEither<L, A> & PromiseLike<E.Either<L, A>>;

/** Makes a task runnable both ways: called (`task()`) or awaited (`await task`). */
export const runnable = <L, A>(run: () => Promise<E.Either<L, A>>): Runnable<L, A> => {
  const task = (): Promise<E.Either<L, A>> => run();
  const then: PromiseLike<E.Either<L, A>>['then'] = (onfulfilled, onrejected) => run().then(onfulfilled, onrejected);
  return Object.assign(task, { then });
};

/**
 * A {@link Runnable} of an async step that may throw or reject (opening a store, loading a driver):
 * it never rejects; a thrown {@link LedgerFailure} gives its error, anything else a
 * StoreUnavailable whose message starts with `doing` ({@link errors.fromUnknown}).
 */
export const attempt = <A>(doing: string, run: () => Promise<A>): Runnable<LedgerError, A> =>
  runnable(() => run().then((a) => E.right(a), (x: unknown) => E.left(errors.fromUnknown(x, doing))));

/** The Right of `either`, or throws a {@link LedgerFailure} carrying its Left. */
export const orThrow = <L extends LedgerError, A>(either: E.Either<L, A>): A => {
  if (E.isLeft(either)) throw new LedgerFailure(either.left);
  return either.right;
};

/**
 * Runs a command or query (a `TaskEither`, a {@link Runnable} or a promise of an `Either`) and
 * resolves to its Right, or rejects with a {@link LedgerFailure} carrying its Left.
 *
 * ```ts
 * const { revision } = await unwrap(ledger.problem.identify('ng-staff', input));
 * ```
 */
export const unwrap = async <L extends LedgerError, A>(
  operation: TaskEither<L, A> | PromiseLike<E.Either<L, A>>,
): Promise<A> => orThrow(await (typeof operation === 'function' ? operation() : operation));
