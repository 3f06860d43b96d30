/**
 * Client errors mapped to the kernel's union. Anything the client throws that is not a known
 * failure becomes StoreUnavailable (retryable), carrying the client error as its cause.
 */
import { errors, LedgerFailure, type StoreError } from '../../src/eventsourcing/index';
import { ErrorType, isClientError, type ClientError } from './client-values';

export { isClientError };

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The words of a client error. KurrentDB's client reads through a native bridge whose errors carry
 * only their class name (`UnavailableError`), so an unreachable server is put in words here.
 */
const describe = (err: ClientError, where: string | undefined): string => {
  const text = messageOf(err).trim();
  const bare = text === '' || text === err.constructor.name || /^[A-Za-z]+Error$/.test(text);
  if (!bare) return text;
  switch (err.type) {
    case ErrorType.UNAVAILABLE:
      return `cannot reach the server${where === undefined ? '' : ` at ${where}`}, or it is not ready (${text || 'unavailable'}); is it running there?`;
    case ErrorType.DEADLINE_EXCEEDED:
    case ErrorType.TIMEOUT:
      return `the server did not answer in time (${text || err.type})`;
    default:
      return `${err.type} (${text || 'no message from the client'})`;
  }
};

/** Whether the client error says the server is unreachable, not ready or went away (worth retrying). */
export const isTransient = (err: unknown): boolean => {
  if (!isClientError(err)) return !(err instanceof LedgerFailure);
  switch (err.type) {
    case ErrorType.UNAVAILABLE:
    case ErrorType.CANCELLED:
    case ErrorType.DEADLINE_EXCEEDED:
    case ErrorType.TIMEOUT:
    case ErrorType.NOT_LEADER:
    case ErrorType.UNKNOWN:
      return true;
    default:
      return false;
  }
};

/**
 * Maps a client error of an operation on `streamId` (the ledger's id) to a StoreError; `where`
 * (the server's address, no credentials) names the server when it cannot be reached.
 * Wrong expected version and maximum append size are mapped by the append itself, which knows the
 * expected revision and the size.
 */
export const toStoreError = (err: unknown, streamId: string | undefined, what: string, where?: string): StoreError => {
  if (isClientError(err)) {
    switch (err.type) {
      case ErrorType.STREAM_DELETED:
        return errors.streamDeleted(streamId ?? err.streamName ?? '(unknown stream)');
      case ErrorType.STREAM_NOT_FOUND:
        return errors.streamNotFound(streamId ?? err.streamName ?? '(unknown stream)');
      case ErrorType.ACCESS_DENIED:
        return errors.unavailable(`${what}: access denied (check the credentials in the connection string)`, err);
      default:
        return errors.unavailable(`${what}: ${describe(err, where)}`, err);
    }
  }
  return errors.storeFromUnknown(err, what);
};

/** Throws the mapped error as a LedgerFailure (for async iterables). */
export const fail = (err: unknown, streamId: string | undefined, what: string, where?: string): never => {
  throw new LedgerFailure(toStoreError(err, streamId, what, where));
};
