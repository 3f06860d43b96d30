/**
 * Deterministic identifiers for what the reactions write: the same causing event always yields
 * the same entity ids and event ids, so running the reactions again never writes twice (the
 * store recognises a repeated eventId; the deciders recognise an existing entity).
 */
import { createHash } from 'node:crypto';

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A UUID-shaped id derived from a seed (version nibble 5, RFC 4122 variant). */
export const uuidFrom = (seed: string): string => {
  const h = hex(seed);
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** A generator of UUIDs derived from a seed: the n-th call returns `uuidFrom(`${seed}#${n}`)`. */
export const deterministicIds = (seed: string): (() => string) => {
  let n = 0;
  return () => uuidFrom(`${seed}#${n++}`);
};

/** The id of the problem an inspection finding becomes: `PF-` and 16 hex digits. */
export const problemIdForFinding = (inspectionId: string, findingId: string): string =>
  `PF-${hex(`${inspectionId}\u0000${findingId}`).slice(0, 16)}`;

/** The id of the case an overdue measure leads to: `AC-OD-` and 16 hex digits. */
export const caseIdForOverdue = (problemId: string, measureId: string): string =>
  `AC-OD-${hex(`${problemId}\u0000${measureId}`).slice(0, 16)}`;

/** The id of the accountability case the reactions open for an overdue problem: one per problem. */
export const caseIdForOverdueProblem = (problemId: string): string => `AC-OD-${hex(`problem\u0000${problemId}`).slice(0, 16)}`;
