/** Small builders for tests of stores and deciders. */
import type { Actor, EventMetadata, NewEvent } from '../eventsourcing/envelope';

let counter = 0;

/** A deterministic UUID-shaped id from a number (v4 layout; not random). */
export const uuidFrom = (n: number): string => {
  const hex = n.toString(16).padStart(12, '0').slice(-12);
  return `00000000-0000-4000-8000-${hex}`;
};

/** Where {@link nextUuid} starts: far above the small numbers tests pass to {@link uuidFrom}. */
const FIRST_FRESH = 0x5eed_0000_0000;

/** A fresh UUID-shaped id, unique within the process (deterministic: the n-th call gives the same id in every run). */
export const nextUuid = (): string => uuidFrom(FIRST_FRESH + ++counter);

/** A test actor. */
export const testActor: Actor = { id: 'tester', posts: ['staff'], unit: 'test-unit' };

/** Metadata for test events. */
export const testMetadata = (over: Partial<EventMetadata> = {}): EventMetadata => ({
  actor: testActor,
  correlationId: 'corr-1',
  causationId: 'cause-1',
  recordedAt: '2019-05-20T01:00:00.000Z',
  effectiveAt: '2019-05-20T01:00:00.000Z',
  ...over,
});

/** A valid new event with the given data. */
export const testEvent = (data: unknown = { n: 1 }, over: Partial<NewEvent> = {}): NewEvent => ({
  eventId: nextUuid(),
  type: 'TestHappened',
  schemaVersion: 1,
  data,
  metadata: testMetadata(),
  ...over,
});
