/** Shared helpers of the SQLite store tests: events, temp files and an independent chain check. */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Either } from 'fp-ts/Either';
import type { NewEvent } from '../../src/eventsourcing/index';

/** A valid new event with the given data. */
export const newEvent = (data: unknown = { n: 1 }, type = 'TestHappened', at = '2019-03-01T08:00:00.000Z'): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: {
    actor: { id: 'clerk-1', posts: ['clerk'], unit: 'court-1' },
    correlationId: 'corr-1',
    causationId: 'cause-1',
    recordedAt: at,
    effectiveAt: at,
  },
});

/** A fresh temp directory and its removal. */
export const tempDir = (): { dir: string; file: (name: string) => string; remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-sqlite-'));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
};

/** One row as stored: the columns the chain check needs. */
export interface ChainRow {
  readonly position: number | bigint;
  readonly stream_id: string;
  readonly revision: number | bigint;
  readonly prev_hash: string;
  readonly hash: string;
  readonly body: string;
}

/**
 * Recomputes every chain from the raw rows, independently of the adapter: sha256(body) === hash,
 * the body's prevHash and revision agree with the row, revisions are contiguous from 0 and each
 * prevHash is the previous event's hash. Returns the problems found (empty when intact).
 */
export const chainProblems = (rows: readonly ChainRow[]): string[] => {
  const problems: string[] = [];
  const heads = new Map<string, { revision: bigint; hash: string }>();
  const genesis = '0'.repeat(64);
  for (const r of rows) {
    const where = `position ${r.position} (stream ${r.stream_id}, revision ${r.revision})`;
    if (createHash('sha256').update(r.body).digest('hex') !== r.hash) problems.push(`${where}: hash mismatch`);
    let body: { prevHash?: unknown; revision?: unknown; streamId?: unknown };
    try {
      body = JSON.parse(r.body) as typeof body;
    } catch {
      problems.push(`${where}: body is not JSON`);
      continue;
    }
    if (body.streamId !== r.stream_id || body.revision !== String(r.revision) || body.prevHash !== r.prev_hash) {
      problems.push(`${where}: body disagrees with its row`);
    }
    const head = heads.get(r.stream_id);
    const expectedRevision = head === undefined ? 0n : head.revision + 1n;
    if (BigInt(r.revision) !== expectedRevision) problems.push(`${where}: expected revision ${expectedRevision}`);
    if (r.prev_hash !== (head?.hash ?? genesis)) problems.push(`${where}: broken link`);
    heads.set(r.stream_id, { revision: BigInt(r.revision), hash: r.hash });
  }
  return problems;
};

/** Unwraps a Right or fails with the Left's message. */
export const rightOf = <A>(e: Either<{ message: string }, A>): A => {
  if (e._tag === 'Left') throw new Error(`expected success, got: ${e.left.message}`);
  return e.right;
};

/** Unwraps a Left or fails. */
export const leftOf = <L>(e: Either<L, unknown>): L => {
  if (e._tag === 'Right') throw new Error('expected a failure, got success');
  return e.left;
};

/** Collects an async iterable. */
export const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};
