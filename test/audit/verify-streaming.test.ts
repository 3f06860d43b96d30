import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { verifyStore } from '../../src/audit/verify';
import { GENESIS_HASH, type EventStore, type RawRecord } from '../../src/eventsourcing/index';

const COUNT = 200_000;
const STREAMS = 50;
const PAD = 'x'.repeat(900);

/**
 * A store that holds nothing: readRaw makes each canonical record on demand (≈1 KB each), chained
 * per stream. Whoever keeps the records it yields keeps ≈200 MB; a streaming reader keeps nothing.
 */
const generatedStore = (corruptAt: number, samples: number[]): EventStore => ({
  readRaw: async function* (): AsyncIterable<RawRecord> {
    const heads = new Map<string, { revision: bigint; hash: string }>();
    for (let i = 0; i < COUNT; i++) {
      if (i % 10_000 === 0) samples.push(process.memoryUsage().heapUsed);
      const streamId = `case-${i % STREAMS}`;
      const head = heads.get(streamId);
      const revision = head === undefined ? 0n : head.revision + 1n;
      const prevHash = i === corruptAt ? 'f'.repeat(64) : head?.hash ?? GENESIS_HASH;
      const body = `{"data":{"i":${i},"pad":"${PAD}"},"eventId":"00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}",`
        + `"metadata":{"actor":{"id":"u","posts":[]},"causationId":"c","correlationId":"c","effectiveAt":"2024-01-01T00:00:00.000Z","recordedAt":"2024-01-01T00:00:00.000Z"},`
        + `"prevHash":"${prevHash}","revision":"${revision}","schemaVersion":1,"streamId":"${streamId}","type":"Noted"}`;
      const hash = createHash('sha256').update(body).digest('hex');
      heads.set(streamId, { revision, hash });
      yield { position: BigInt(i + 1), streamId, revision, hash, body };
    }
  },
} as unknown as EventStore);

describe('verifyStore streams', () => {
  it('checks 200,000 events keeping only per-stream heads, and still locates the one broken link', async () => {
    const samples: number[] = [];
    const r = await verifyStore(generatedStore(150_001, samples), { source: 'raw' })();
    if (E.isLeft(r)) throw new Error(r.left.message);
    const report = r.right;
    expect(report).toMatchObject({ events: COUNT, streams: STREAMS, lastPosition: BigInt(COUNT), findingCount: 1 });
    expect(report.firstFailure).toMatchObject({ kind: 'broken_link', streamId: 'case-1', revision: 3000n, position: 150_002n });
    // Keeping the records would take ≈200 MB; the heap stays far below that while verifying.
    const growth = Math.max(...samples) - (samples[0] as number);
    expect(growth).toBeLessThan(96 * 1024 * 1024);
  });
});
