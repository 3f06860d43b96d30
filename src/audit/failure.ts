/** Turning whatever an async iterable threw into a typed {@link LedgerError}. */
import { errors, type LedgerError } from '../eventsourcing/errors';

/** A thrown `LedgerFailure` gives its error; anything else becomes StoreUnavailable with the cause ({@link errors.fromUnknown}). */
export const asLedgerError = (x: unknown): LedgerError => errors.fromUnknown(x);
