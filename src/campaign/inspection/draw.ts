/**
 * Verifiable random selection of unannounced-inspection targets.
 *
 * 1. Before the visits the inspection office picks a secret seed (hex, at least 128 bits) and
 *    records only `commitment = SHA-256(seed bytes)`, with the candidate courts and the count.
 * 2. The beacon is a value nobody knows at commitment time: the hash of the first event of the
 *    campaign recorded at or after the next local midnight after the commitment (and after the
 *    commitment's position), excluding events issued by the inspection office itself
 *    ({@link findBeacon}).
 * 3. The targets are {@link drawTargets}`(seed, beacon, candidates, count)`: a Fisher–Yates
 *    shuffle of the sorted candidates driven by HMAC-SHA256(key = seed bytes, message =
 *    `${beacon}:${i}:${attempt}`), with rejection sampling so every pick is uniform.
 * 4. After the visits the seed is revealed; anyone re-draws and compares.
 *
 * Because the seed is fixed before the beacon exists, the office cannot try seeds until one
 * picks the targets it wants. Limit: an operator able to write the beacon event could grind its
 * content; events by the inspection office are therefore skipped, and the beacon event (with its
 * actor) is recorded in the reveal for anyone to inspect.
 */
import { createHash, createHmac } from 'node:crypto';
import type { RecordedEvent } from '../../eventsourcing/envelope';
import { nextCloseOfDay } from '../time';

const SEED_RE = /^(?:[0-9a-f]{2}){16,64}$/;

/** Whether a seed is well formed: 32–128 lowercase hex characters, whole bytes. */
export const isSeed = (seed: unknown): seed is string => typeof seed === 'string' && SEED_RE.test(seed);

/** The commitment to a seed: SHA-256 of its bytes, hex. */
export const seedCommitment = (seed: string): string => {
  if (!isSeed(seed)) throw new TypeError('a seed is 32-128 lowercase hex characters (16-64 bytes)');
  return createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex');
};

/**
 * Draws `count` distinct targets from `candidates` (duplicates ignored, order irrelevant),
 * deterministically from the seed and the beacon. Throws on a malformed seed, an empty beacon,
 * or a count outside 1..number of candidates.
 */
export const drawTargets = (seed: string, beacon: string, candidates: readonly string[], count: number): string[] => {
  if (!isSeed(seed)) throw new TypeError('a seed is 32-128 lowercase hex characters (16-64 bytes)');
  if (typeof beacon !== 'string' || beacon.length === 0) throw new TypeError('the beacon must be a non-empty string');
  const pool = [...new Set(candidates)].sort();
  if (!Number.isInteger(count) || count < 1 || count > pool.length) {
    throw new RangeError(`count must be an integer from 1 to ${pool.length}, got ${count}`);
  }
  const key = Buffer.from(seed, 'hex');
  for (let i = 0; i < count; i++) {
    const range = pool.length - i;
    const limit = Math.floor(0x1_0000_0000 / range) * range;
    for (let attempt = 0; ; attempt++) {
      const v = createHmac('sha256', key).update(`${beacon}:${i}:${attempt}`).digest().readUInt32BE(0);
      if (v < limit) {
        const j = i + (v % range);
        [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
        break;
      }
    }
  }
  return pool.slice(0, count);
};

/** Where a commitment sits, for {@link findBeacon}. */
export interface CommitmentPoint {
  /** Trusted time of the commitment. */
  readonly committedAt: string;
  readonly utcOffsetMinutes: number;
  /** Global position of the commitment event: the beacon comes after it. */
  readonly position: bigint;
}

/**
 * The beacon event: the first event (in global order, after the commitment's position) recorded
 * at or after the next local midnight after the commitment, not issued by an actor holding
 * `inspection_office`. Undefined when no such event exists yet.
 */
export const findBeacon = async (
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>, at: CommitmentPoint,
): Promise<RecordedEvent | undefined> => {
  const from = Date.parse(nextCloseOfDay(at.committedAt, at.utcOffsetMinutes));
  for await (const e of events) {
    if (e.position <= at.position) continue;
    if (Date.parse(e.metadata.recordedAt) < from) continue;
    if (e.metadata.actor.posts.includes('inspection_office')) continue;
    return e;
  }
  return undefined;
};
