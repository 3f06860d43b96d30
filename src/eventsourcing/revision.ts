/**
 * Expected revision of an append: any state, the stream must not exist, the stream must exist,
 * or its last revision must be exactly this value.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** The current head of a stream. */
export interface StreamHead {
  readonly streamId: string;
  /** Last revision (0-based). */
  readonly revision: bigint;
  /** Hash of the last event. */
  readonly hash: string;
  /** Global position of the last event. */
  readonly position: bigint;
}

/** Whether `expected` is satisfied by a stream whose last revision is `actual` (undefined: no stream). */
export const revisionMatches = (expected: ExpectedRevision, actual: bigint | undefined): boolean => {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === undefined;
  if (expected === 'stream_exists') return actual !== undefined;
  return actual === expected;
};
