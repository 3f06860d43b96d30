/**
 * Audit benchmark bodies (the runner times them): each takes a filled store and returns the
 * number of events it processed.
 */
import { createDigest } from '../src/audit/digest';
import { verifyStore } from '../src/audit/verify';
import type { EventStore } from '../src/eventsourcing/store';

/** Streaming chain verification of the whole store (stored bytes when the store keeps them). */
export async function verifyChain(store: EventStore): Promise<number> {
  const r = await verifyStore(store)();
  if (r._tag === 'Left') throw new Error(r.left.message);
  if (!r.right.ok) throw new Error(`verification failed: ${r.right.firstFailure?.message ?? 'unknown'}`);
  return r.right.events;
}

/** A Merkle digest over every event hash in global order. */
export async function digest(store: EventStore): Promise<number> {
  const r = await createDigest(store, { at: '2019-12-31T00:00:00.000Z' })();
  if (r._tag === 'Left') throw new Error(r.left.message);
  return r.right.treeSize;
}
