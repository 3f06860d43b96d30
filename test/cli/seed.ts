/** A small trail written through the built SQLite adapter, for tests that need no campaign. */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../src/eventsourcing/index';
import type { openSqliteStore as OpenSqliteStore } from '../../adapters/sqlite/index';
import { BUILT_SQLITE } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';

const event = (stream: number, n: number): NewEvent => {
  const at = new Date(Date.UTC(2019, 5, 1 + n, 8)).toISOString();
  return {
    eventId: randomUUID(), type: 'NoteTaken', schemaVersion: 1, data: { stream, n, text: `note ${n} of stream ${stream}` },
    metadata: { actor: { id: 'clerk-1', posts: ['clerk'], unit: 'court-1' }, correlationId: `c-${stream}`, causationId: `c-${stream}`, recordedAt: at, effectiveAt: at },
  };
};

/** Writes `perStream` events to each of `streams` streams (`t/0`, `t/1`, …), interleaved; returns the event count. */
export const seedTrail = async (path: string, streams = 3, perStream = 4): Promise<number> => {
  const { openSqliteStore } = (await import(BUILT_SQLITE)) as { openSqliteStore: typeof OpenSqliteStore };
  const store = await unwrap(openSqliteStore({ path, durability: 'normal' }));
  try {
    for (let n = 0; n < perStream; n++) {
      for (let s = 0; s < streams; s++) {
        const r = await store.append(`t/${s}`, [event(s, n)], n === 0 ? 'no_stream' : BigInt(n - 1))();
        if (r._tag === 'Left') throw new Error(r.left.message);
      }
    }
  } finally {
    await store.close();
  }
  return streams * perStream;
};
