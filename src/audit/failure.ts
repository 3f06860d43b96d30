/** Turning whatever an async iterable threw into a typed {@link LedgerError}. */
import { errors, isLedgerFailure, type LedgerError } from '../eventsourcing/errors';

/** A thrown `LedgerFailure` gives its error; anything else becomes StoreUnavailable with the cause. */
export const asLedgerError = (x: unknown): LedgerError =>
  isLedgerFailure(x) ? x.error : errors.unavailable(x instanceof Error ? x.message : String(x), x);
