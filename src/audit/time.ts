/**
 * Recorded time against effective time: an entry whose business time (`effectiveAt`) lies much
 * earlier than the time the system recorded it (`recordedAt`) is backdated.
 */
import { left, right, type Either } from 'fp-ts/Either';
import type { EventMetadata } from '../eventsourcing/envelope';
import { errors, type ValidationFailed } from '../eventsourcing/errors';

/** Default threshold above which an entry counts as backdated: 24 hours. */
export const DEFAULT_BACKDATED_THRESHOLD_MS = 24 * 60 * 60 * 1000;

/** How far an entry's effective time lies before its recorded time. */
export interface Backdating {
  /** recordedAt − effectiveAt in milliseconds (negative when effective later than recorded). */
  readonly lagMs: number;
  /** True when `lagMs` exceeds the threshold. */
  readonly backdated: boolean;
}

/** Measures backdating of one event's metadata against `thresholdMs` (default 24 h). */
export const backdating = (
  metadata: Pick<EventMetadata, 'recordedAt' | 'effectiveAt'>,
  thresholdMs: number = DEFAULT_BACKDATED_THRESHOLD_MS,
): Backdating => {
  const lagMs = Date.parse(metadata.recordedAt) - Date.parse(metadata.effectiveAt);
  return { lagMs, backdated: Number.isFinite(lagMs) && lagMs > thresholdMs };
};

/** A point in time as an ISO string or a Date. */
export type Instant = string | Date;

/** Milliseconds since the epoch of an {@link Instant}, or a ValidationFailed naming `path`. */
export const parseInstant = (at: Instant, path: string): Either<ValidationFailed, number> => {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : Number.NaN;
  return Number.isFinite(ms)
    ? right(ms)
    : left(errors.validation([{ path, message: `expected an ISO date-time or a valid Date, got ${JSON.stringify(String(at))}` }]));
};
