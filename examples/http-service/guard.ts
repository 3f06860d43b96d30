/**
 * Optimistic concurrency over HTTP. The facade's command handler loads a stream, decides and
 * appends expecting the revision it loaded, retrying on a conflict; HTTP's If-Match instead says
 * "only if the entity is still at the revision I saw". This store wrapper pins the expected
 * revision of one stream for the duration of one request (through AsyncLocalStorage, so
 * concurrent requests never see each other's pin): the append then succeeds only at that exact
 * revision, and a write that lost a race fails with WrongExpectedRevision whatever the handler retries.
 *
 * The pinned revision is checked first, when the handler reads the stream to decide: a stream that
 * has moved past it fails the read with WrongExpectedRevision (412), so a request never decides on
 * state newer than the version its client saw (which would turn a lost race into a 409 such as
 * "already registered").
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as E from 'fp-ts/Either';
import { errors, LedgerFailure } from '../../src/eventsourcing/errors';
import type { RecordedEvent } from '../../src/eventsourcing/envelope';
import type { EventStore, ReadStreamOptions } from '../../src/eventsourcing/store';
import type { ExpectedRevision } from '../../src/eventsourcing/revision';

/** The revision one stream must be at for this request's append to it. */
export interface Pin {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
}

const pins = new AsyncLocalStorage<Pin>();

/** Runs `f` with `pin` in force (or as it is, without one). */
export const withPin = <T>(pin: Pin | undefined, f: () => Promise<T>): Promise<T> => (pin === undefined ? f() : pins.run(pin, f));

/** Reads a pinned stream, failing with WrongExpectedRevision as soon as it goes past the pinned revision. */
async function* pinnedRead(store: EventStore, pin: Pin, options: ReadStreamOptions | undefined): AsyncIterable<RecordedEvent> {
  const limit = typeof pin.expected === 'bigint' ? pin.expected : undefined;
  for await (const e of store.readStream(pin.streamId, options)) {
    if (limit !== undefined && e.revision > limit) {
      const head = await store.streamHead(pin.streamId)();
      const actual = E.isRight(head) && head.right !== undefined ? head.right.revision : e.revision;
      throw new LedgerFailure(errors.wrongExpectedRevision(pin.streamId, pin.expected, actual));
    }
    yield e;
  }
}

/** A store whose appends to a pinned stream expect the pinned revision; everything else passes through. */
export const pinningStore = (store: EventStore): EventStore => {
  const wrapped: EventStore = {
    append: (streamId, events, expected) => {
      const pin = pins.getStore();
      return store.append(streamId, events, pin !== undefined && pin.streamId === streamId ? pin.expected : expected);
    },
    readStream: (streamId, options) => {
      const pin = pins.getStore();
      return pin !== undefined && pin.streamId === streamId ? pinnedRead(store, pin, options) : store.readStream(streamId, options);
    },
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    streamHead: (streamId) => store.streamHead(streamId),
    close: () => store.close(),
  };
  const raw = store.readRaw?.bind(store);
  return raw === undefined ? wrapped : { ...wrapped, readRaw: raw };
};
