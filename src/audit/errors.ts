/** Failures of the audit operations beyond the store's own ({@link LedgerError}). */
import type { LedgerError } from '../eventsourcing/errors';
import type { VerifyReport } from './report';

/** A trail file could not be read (missing, no permission, not UTF-8 text). */
export interface TrailUnreadable { readonly _tag: 'TrailUnreadable'; readonly source: string; readonly message: string }
/** An export could not be written (no permission, disk full, the stream failed). Only exports fail so. */
export interface TrailUnwritable { readonly _tag: 'TrailUnwritable'; readonly target: string; readonly message: string }
/** A trail did not pass verification, so it was not imported; the report says why. */
export interface TrailRejected { readonly _tag: 'TrailRejected'; readonly report: VerifyReport; readonly message: string }
/** Import needs an empty store. */
export interface TargetNotEmpty { readonly _tag: 'TargetNotEmpty'; readonly message: string }
/** No event with this id in the trail (or not within the digest's tree). */
export interface EventNotFound { readonly _tag: 'EventNotFound'; readonly eventId: string; readonly message: string }
/** The store no longer matches a digest it is asked to prove against. */
export interface DigestNotMatched { readonly _tag: 'DigestNotMatched'; readonly treeSize: number; readonly message: string }

/** Every failure of the audit operations. */
export type AuditError = LedgerError | TrailUnreadable | TrailRejected | TargetNotEmpty | EventNotFound | DigestNotMatched;

/** Constructors with readable messages. */
export const auditErrors = {
  /** The trail at `source` cannot be read. */
  unreadable: (source: string, detail: string): TrailUnreadable => ({ _tag: 'TrailUnreadable', source, message: `cannot read the trail ${source}: ${detail}` }),
  /** The trail cannot be written to `target`. */
  unwritable: (target: string, detail: string): TrailUnwritable => ({ _tag: 'TrailUnwritable', target, message: `cannot write the trail to ${target}: ${detail}` }),
  /** The trail failed verification (`report` says why). */
  rejected: (report: VerifyReport): TrailRejected => ({
    _tag: 'TrailRejected', report,
    message: `the trail failed verification: ${report.findingCount} finding(s); first: ${report.firstFailure?.message ?? 'none'}`,
  }),
  /** The target store of an import already holds events. */
  notEmpty: (): TargetNotEmpty => ({ _tag: 'TargetNotEmpty', message: 'the target store already holds events; a trail is imported only into an empty store' }),
  /** No event `eventId` in the trail. */
  eventNotFound: (eventId: string, detail = 'no such event in the trail'): EventNotFound => ({ _tag: 'EventNotFound', eventId, message: `event ${eventId}: ${detail}` }),
  /** The store does not match the digest of `treeSize` events. */
  digestNotMatched: (treeSize: number, detail: string): DigestNotMatched => ({ _tag: 'DigestNotMatched', treeSize, message: `the store does not match the digest of ${treeSize} events: ${detail}` }),
} as const;
