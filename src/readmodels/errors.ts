/**
 * The typed errors of the read models: a query given bad input, and an event a read model cannot
 * apply (the runner stops on it, naming its position; it is never skipped).
 */
import { errors, type ValidationFailed } from '../eventsourcing/errors';

/** A query was given bad input (a `now` that is not an instant, an unknown time zone, …). */
export class InvalidQuery extends Error {
  override readonly name = 'InvalidQuery';
  /** The same failure as a {@link ValidationFailed} value. */
  readonly error: ValidationFailed;
  constructor(readonly path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.error = errors.validation([{ path, message: detail }]);
  }
}

/** A read model met an event it cannot apply (unknown entity, invalid data, unknown type). */
export class CannotApply extends Error {
  override readonly name = 'CannotApply';
  constructor(readonly eventType: string, readonly streamId: string, detail: string) {
    super(`${eventType} in "${streamId}": ${detail}`);
  }
}
