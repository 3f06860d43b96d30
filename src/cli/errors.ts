/**
 * Exit codes of the `campaign-ledger` command and the errors that lead to them.
 *
 * - 0: done;
 * - 1: a verification failed (an altered, reordered or removed event, a digest the trail no longer
 *   matches, a proof that does not check, a corrupt stored event, a damaged trail file);
 * - 2: bad usage or bad input, with a one-line reason and the help hint (also a file that is not a trail);
 * - 3: the store is unavailable (missing driver, unreachable server, missing or locked file);
 * - 70: an internal error (a bug: the message and stack go to stderr).
 */
import type { LedgerError } from '../eventsourcing/errors';

/** The exit codes. */
export const EXIT = { ok: 0, verificationFailed: 1, usage: 2, unavailable: 3, internal: 70 } as const;

/** An exit code of the command. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure that ends the command with a message and an exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  /**
   * @param code the exit code
   * @param message one line saying what was wrong
   * @param command the command whose help to point to (usage errors)
   */
  constructor(readonly code: ExitCode, message: string, readonly command?: string) {
    super(message);
  }
}

/** Bad usage or bad input: exit 2 with the help hint. */
export const usageError = (message: string, command?: string): CliError => new CliError(EXIT.usage, message, command);

/** The store cannot be used: exit 3. */
export const unavailableError = (message: string): CliError => new CliError(EXIT.unavailable, message);

/** A check failed: exit 1. */
export const verificationError = (message: string): CliError => new CliError(EXIT.verificationFailed, message);

const driverCode = (cause: unknown): string => {
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
};

/** A store failure caused by a damaged file (exit 1) or a file that is no database (exit 2), read from the driver's code. */
const damageOf = (e: Extract<LedgerError, { _tag: 'StoreUnavailable' }>): ExitCode | undefined => {
  const code = driverCode(e.cause);
  if (code.startsWith('SQLITE_CORRUPT')) return EXIT.verificationFailed;
  if (code.startsWith('SQLITE_NOTADB')) return EXIT.usage;
  return undefined;
};

/** The exit code a library error calls for. */
export const exitCodeOf = (e: LedgerError): ExitCode => {
  switch (e._tag) {
    case 'StoreUnavailable':
      return damageOf(e) ?? EXIT.unavailable;
    case 'CorruptEvent':
    case 'IntegrityViolation':
      return EXIT.verificationFailed;
    default:
      return EXIT.usage;
  }
};

/** A library error as a {@link CliError}. */
export const fromLedgerError = (e: LedgerError, command?: string): CliError =>
  new CliError(exitCodeOf(e), e.message, exitCodeOf(e) === EXIT.usage ? command : undefined);
