/**
 * Every expected failure, as one tagged union carrying the facts needed to act on it.
 * APIs return these as values (`TaskEither<LedgerError, …>`); async iterables throw a
 * {@link LedgerFailure} that carries one. Raw driver errors never escape.
 */
import type { ExpectedRevision } from './revision';

/** The expected revision did not match the stream. */
export interface WrongExpectedRevision {
  readonly _tag: 'WrongExpectedRevision';
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  /** The stream's current last revision, or `'no_stream'` when it does not exist. */
  readonly actual: bigint | 'no_stream';
  readonly message: string;
}
/** The stream does not exist (where the operation requires it to). */
export interface StreamNotFound { readonly _tag: 'StreamNotFound'; readonly streamId: string; readonly message: string }
/** The stream was deleted or tombstoned by the store's operator. */
export interface StreamDeleted { readonly _tag: 'StreamDeleted'; readonly streamId: string; readonly message: string }
/** The store could not be reached or is busy; retrying later may succeed. */
export interface StoreUnavailable {
  readonly _tag: 'StoreUnavailable';
  readonly retryable: true;
  readonly message: string;
  readonly cause?: unknown;
}
/** A stored event cannot be read back (does not parse, or fails its codec). */
export interface CorruptEvent {
  readonly _tag: 'CorruptEvent';
  readonly position: bigint;
  readonly streamId?: string | undefined;
  readonly message: string;
}
/** What an integrity check found wrong. */
export type IntegrityFailure =
  | 'hash_mismatch'
  | 'broken_link'
  | 'revision_gap'
  | 'reorder'
  | 'missing_events'
  | 'digest_mismatch';
/** The trail is not what it claims to be. */
export interface IntegrityViolation {
  readonly _tag: 'IntegrityViolation';
  readonly streamId: string;
  readonly revision: bigint;
  readonly position?: bigint | undefined;
  readonly failure: IntegrityFailure;
  readonly message: string;
}
/** One append is larger than the store's limit (1 MiB by default). */
export interface AppendTooLarge {
  readonly _tag: 'AppendTooLarge';
  readonly streamId: string;
  readonly size: number;
  readonly limit: number;
  readonly message: string;
}
/** A known eventId was appended again with different content, or in another stream. */
export interface DuplicateEventId {
  readonly _tag: 'DuplicateEventId';
  readonly streamId: string;
  readonly eventId: string;
  readonly message: string;
}
/** One input problem: where (a path a person can read) and what. */
export interface ValidationIssue { readonly path: string; readonly message: string }
/** Input failed validation; nothing was stored. */
export interface ValidationFailed {
  readonly _tag: 'ValidationFailed';
  readonly issues: readonly ValidationIssue[];
  readonly message: string;
}
/** The actor lacks the right to issue the command; nothing was stored. */
export interface NotAuthorized {
  readonly _tag: 'NotAuthorized';
  readonly actorId: string;
  readonly right: string;
  readonly message: string;
  /** The separation-of-duties rule that refused the actor, when a named rule did (e.g. `problem.rights.inspected_court`). */
  readonly rule?: string | undefined;
}
/** A domain rule refused the command; nothing was stored. */
export interface RuleViolated {
  readonly _tag: 'RuleViolated';
  /** A stable code, e.g. `problem.close.measures_not_done`. */
  readonly rule: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** Failures of a store operation. */
export type StoreError =
  | WrongExpectedRevision
  | StreamNotFound
  | StreamDeleted
  | StoreUnavailable
  | CorruptEvent
  | IntegrityViolation
  | AppendTooLarge
  | DuplicateEventId
  | ValidationFailed;

/** Every expected failure of the library. */
export type LedgerError = StoreError | NotAuthorized | RuleViolated;

/** The tag of a {@link LedgerError}. */
export type LedgerErrorTag = LedgerError['_tag'];

/** Thrown (only) from async iterables; carries the typed error. */
export class LedgerFailure extends Error {
  override readonly name = 'LedgerFailure';
  constructor(readonly error: LedgerError) {
    super(error.message);
  }
}

/** Narrows an unknown thrown value to a {@link LedgerFailure}. */
export const isLedgerFailure = (u: unknown): u is LedgerFailure => u instanceof LedgerFailure;

const revText = (r: ExpectedRevision | bigint | 'no_stream') => (typeof r === 'bigint' ? r.toString() : r);

const codeOf = (x: unknown): string | undefined =>
  typeof x === 'object' && x !== null && typeof (x as { code?: unknown }).code === 'string' ? (x as { code: string }).code : undefined;

const STORE_TAGS: ReadonlySet<LedgerErrorTag> = new Set<LedgerErrorTag>([
  'WrongExpectedRevision', 'StreamNotFound', 'StreamDeleted', 'StoreUnavailable', 'CorruptEvent',
  'IntegrityViolation', 'AppendTooLarge', 'DuplicateEventId', 'ValidationFailed',
]);

/** Whether a {@link LedgerError} is one a store operation may return. */
export const isStoreError = (e: LedgerError): e is StoreError => STORE_TAGS.has(e._tag);

/** Constructors that write a readable message for each error. */
export const errors = {
  /** The stream is not at the expected revision. */
  wrongExpectedRevision: (streamId: string, expected: ExpectedRevision, actual: bigint | 'no_stream'): WrongExpectedRevision => ({
    _tag: 'WrongExpectedRevision', streamId, expected, actual,
    message: `stream "${streamId}": expected revision ${revText(expected)}, actual ${revText(actual)}`,
  }),
  /** No stream `streamId`. */
  streamNotFound: (streamId: string): StreamNotFound => ({ _tag: 'StreamNotFound', streamId, message: `stream "${streamId}" not found` }),
  /** The stream `streamId` is deleted. */
  streamDeleted: (streamId: string): StreamDeleted => ({ _tag: 'StreamDeleted', streamId, message: `stream "${streamId}" is deleted` }),
  /** The store cannot answer (retryable). */
  unavailable: (message: string, cause?: unknown): StoreUnavailable => ({
    _tag: 'StoreUnavailable', retryable: true, message: `store unavailable: ${message}`, ...(cause === undefined ? {} : { cause }),
  }),
  /** A stored event cannot be read. */
  corrupt: (position: bigint, message: string, streamId?: string): CorruptEvent => ({
    _tag: 'CorruptEvent', position, streamId, message: `corrupt event at position ${position}${streamId ? ` (stream "${streamId}")` : ''}: ${message}`,
  }),
  /** A stream's hash chain does not hold. */
  integrity: (streamId: string, revision: bigint, failure: IntegrityFailure, detail: string, position?: bigint): IntegrityViolation => ({
    _tag: 'IntegrityViolation', streamId, revision, position, failure,
    message: `integrity violation in stream "${streamId}" at revision ${revision}${position === undefined ? '' : `, position ${position}`}: ${failure}: ${detail}`,
  }),
  /** An append above the size limit. */
  tooLarge: (streamId: string, size: number, limit: number): AppendTooLarge => ({
    _tag: 'AppendTooLarge', streamId, size, limit, message: `append to "${streamId}" is ${size} bytes, above the limit of ${limit}`,
  }),
  /** An event id already stored with other content or elsewhere. */
  duplicateEventId: (streamId: string, eventId: string, detail: string): DuplicateEventId => ({
    _tag: 'DuplicateEventId', streamId, eventId, message: `event ${eventId} appended to "${streamId}": ${detail}`,
  }),
  /** Input that does not validate, each issue naming its path. */
  validation: (issues: readonly ValidationIssue[]): ValidationFailed => ({
    _tag: 'ValidationFailed', issues,
    message: `validation failed: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
  }),
  /** The actor lacks the right. */
  notAuthorized: (actorId: string, right: string, detail?: string, rule?: string): NotAuthorized => ({
    _tag: 'NotAuthorized', actorId, right, message: `actor "${actorId}" lacks the right "${right}"${detail ? `: ${detail}` : ''}`,
    ...(rule === undefined ? {} : { rule }),
  }),
  /** A business rule refused the command. */
  rule: (rule: string, message: string, details?: Record<string, unknown>): RuleViolated => ({
    _tag: 'RuleViolated', rule, message, ...(details ? { details } : {}),
  }),
  /**
   * The one mapping of a thrown value to a {@link LedgerError}: a {@link LedgerFailure} gives its own
   * error; anything else (a driver or client error, a bug in user code) becomes StoreUnavailable
   * carrying it as the cause, its message prefixed with `doing` and the error's `code` when it has one.
   */
  fromUnknown: (x: unknown, doing?: string): LedgerError => {
    if (x instanceof LedgerFailure) return x.error;
    const code = codeOf(x);
    const text = x instanceof Error ? x.message : String(x);
    const detail = code !== undefined && !text.includes(code) ? `${code}: ${text}` : text;
    return errors.unavailable(doing === undefined ? detail : `${doing}: ${detail}`, x);
  },
  /** {@link errors.fromUnknown} for store operations: an error that is not a store error becomes StoreUnavailable. */
  storeFromUnknown: (x: unknown, doing?: string): StoreError => {
    const e = errors.fromUnknown(x, doing);
    return isStoreError(e) ? e : errors.unavailable(doing === undefined ? e.message : `${doing}: ${e.message}`, x);
  },
} as const;
