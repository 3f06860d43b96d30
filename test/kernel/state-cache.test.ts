import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import {
  createCodecRegistry, createCommandHandler, createStateCache, errors,
  type Decider, type EventStore, type ReadStreamOptions, type StateCache,
} from '../../src/eventsourcing/index';
import { uuidFrom } from '../../src/testing/fixtures';

// A counter capped at 10: whether `add` is allowed depends on the state, so a stale state decides wrongly.
type Ev = { type: 'Added'; data: { by: number } };
type Cmd = { kind: 'add'; by: number };
type S = { readonly total: number; readonly adds: number };
const capped: Decider<Cmd, S, Ev> = {
  initialState: { total: 0, adds: 0 },
  decide: (c, s) => (s.total + c.by > 10
    ? E.left(errors.rule('counter.cap', `${s.total} + ${c.by} is over 10`))
    : E.right([{ type: 'Added', data: { by: c.by } }])),
  evolve: (s, e) => ({ total: s.total + e.data.by, adds: s.adds + 1 }),
};
const registry = createCodecRegistry([{ type: 'Added', schemaVersion: 1, codec: t.type({ by: t.number }) }]);
const actor = { id: 'u1', posts: ['staff'] };

/** A store that records every stream read (its options) and every head asked for. */
const spying = (inner: EventStore) => {
  const reads: (ReadStreamOptions | undefined)[] = [];
  let heads = 0;
  const store: EventStore = {
    ...inner,
    readStream: (streamId, options) => {
      reads.push(options);
      return inner.readStream(streamId, options);
    },
    streamHead: (streamId) => {
      heads++;
      return inner.streamHead(streamId);
    },
  };
  return { store, reads, heads: () => heads };
};

let idSeq = 0;
const handlerOn = (store: EventStore, cache?: StateCache | false) =>
  createCommandHandler({ store, registry, ids: () => uuidFrom(++idSeq), ...(cache === undefined ? {} : { cache }) });
const add = (h: ReturnType<typeof handlerOn>, by: number, stream = 'c-1') => h.handle(capped, stream, { kind: 'add', by }, { actor })();
const fullFold = async (store: EventStore, stream = 'c-1') => {
  const r = await handlerOn(store, false).load(capped, stream)();
  return E.isRight(r) ? r.right : r.left;
};

describe('the handler\'s state cache (keyed by stream head)', () => {
  it('reads only the events appended after the cached state, and nothing when the head is the cached one', async () => {
    const inner = createMemoryStore({ registry });
    const spy = spying(inner);
    const h = handlerOn(spy.store);
    const other = handlerOn(inner, false);
    for (let i = 0; i < 5; i++) await add(other, 1);
    expect(E.isRight(await h.load(capped, 'c-1')())).toBe(true); // folds all 5
    expect(spy.reads).toEqual([undefined]);
    await add(h, 1); // the head is the cached one: no read; the appended event is cached too
    expect(spy.reads).toHaveLength(1);
    await add(other, 2); // revision 6 by another writer
    const r = await add(h, 1);
    expect(spy.reads).toEqual([undefined, { fromRevision: 6n }]);
    expect(E.isRight(r) && r.right).toMatchObject({ state: { total: 9, adds: 8 }, revision: 7n });
    expect(await fullFold(inner)).toEqual({ state: { total: 9, adds: 8 }, revision: 7n });
  });

  it('never decides on a stale state: a writer between the head read and the append makes the append fail, and the retry refuses', async () => {
    const inner = createMemoryStore({ registry });
    const h = handlerOn(inner);
    await add(h, 4); // cached at total 4
    const rival = handlerOn(inner, false);
    let appends = 0;
    const racing: EventStore = {
      ...inner,
      append: (streamId, events, expected) => async () => {
        if (appends++ === 0) await add(rival, 6, streamId); // total 10 before this append lands
        return inner.append(streamId, events, expected)();
      },
    };
    const cache = createStateCache();
    const raced = handlerOn(racing, cache);
    expect(E.isRight(await raced.load(capped, 'c-1')())).toBe(true);
    expect(cache.get(capped, 'c-1')).toMatchObject({ state: { total: 4 }, revision: 0n });
    const r = await add(raced, 3); // allowed at 4, not at 10
    expect(appends).toBe(1); // refused by its expected revision; the retry read the rival's event and decided nothing to append
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'RuleViolated', rule: 'counter.cap' });
    expect(await fullFold(inner)).toEqual({ state: { total: 10, adds: 2 }, revision: 1n });
  });

  it('folds from the start when the stream is not the one the state was folded from (its chain does not continue the cached hash)', async () => {
    const a = createMemoryStore({ registry });
    const b = createMemoryStore({ registry });
    const seed = handlerOn(a, false);
    await add(seed, 1);
    const other = handlerOn(b, false);
    for (const by of [2, 2, 2]) await add(other, by);
    let current: EventStore = a;
    const switching: EventStore = {
      ...a,
      readStream: (s, o) => current.readStream(s, o),
      streamHead: (s) => current.streamHead(s),
      append: (s, e, x) => current.append(s, e, x),
    };
    const cache = createStateCache();
    const h = handlerOn(switching, cache);
    expect(await h.load(capped, 'c-1')()).toEqual(E.right({ state: { total: 1, adds: 1 }, revision: 0n }));
    current = b; // same stream id, another history: longer, so the cache would read from revision 1
    expect(await h.load(capped, 'c-1')()).toEqual(E.right({ state: { total: 6, adds: 3 }, revision: 2n }));
    // The same length, another last hash: not used either.
    const c = createMemoryStore({ registry });
    for (const by of [3, 3, 3]) await add(handlerOn(c, false), by);
    current = c;
    expect(await h.load(capped, 'c-1')()).toEqual(E.right({ state: { total: 9, adds: 3 }, revision: 2n }));
  });

  it('keeps at most maxStreams streams, the least recently used leaving first', async () => {
    const store = createMemoryStore({ registry });
    const cache = createStateCache({ maxStreams: 2 });
    const h = handlerOn(store, cache);
    for (const s of ['a', 'b', 'c']) await add(h, 1, s);
    expect(cache.size).toBe(2);
    expect(cache.get(capped, 'a')).toBeUndefined();
    expect(cache.get(capped, 'b')).toBeDefined();
    expect(() => createStateCache({ maxStreams: -1 })).toThrow(TypeError);
  });

  it('answers an idempotent retry as the first result although the key\'s event lies before the cached state', async () => {
    const store = createMemoryStore({ registry });
    const spy = spying(store);
    const h = handlerOn(spy.store);
    const keyed = { idempotency: { commandId: uuidFrom(900_000), eventId: (i: number) => uuidFrom(900_001 + i) } };
    const first = await h.handle(capped, 'c-1', { kind: 'add', by: 1 }, { actor }, keyed)();
    expect(E.isRight(first) && first.right.duplicate).toBe(false);
    await add(h, 1);
    await add(h, 1);
    const retry = await h.handle(capped, 'c-1', { kind: 'add', by: 1 }, { actor }, keyed)();
    expect(E.isRight(retry) && retry.right).toMatchObject({ duplicate: true, revision: 0n, state: { total: 1 } });
    const other = await h.handle(capped, 'c-1', { kind: 'add', by: 2 }, { actor }, keyed)();
    expect(E.isLeft(other) && other.left._tag).toBe('DuplicateEventId');
    expect(await fullFold(store)).toEqual({ state: { total: 3, adds: 3 }, revision: 2n });
  });

  it('gives the same decisions and states as folding from the start, with writers that share no cache (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ writer: fc.integer({ min: 0, max: 2 }), by: fc.integer({ min: 1, max: 4 }), stream: fc.constantFrom('s-1', 's-2') }), { maxLength: 40 }),
      async (steps) => {
        const store = createMemoryStore({ registry });
        const cached = [handlerOn(store), handlerOn(store, createStateCache({ maxStreams: 1 }))];
        const plain = createMemoryStore({ registry });
        const reference = handlerOn(plain, false);
        for (const step of steps) {
          const writer = step.writer === 2 ? handlerOn(store, false) : cached[step.writer]!;
          const got = await add(writer, step.by, step.stream);
          const want = await add(reference, step.by, step.stream);
          expect(E.isRight(got)).toBe(E.isRight(want));
          if (E.isRight(got) && E.isRight(want)) expect([got.right.state, got.right.revision]).toEqual([want.right.state, want.right.revision]);
        }
        for (const stream of ['s-1', 's-2']) {
          const want = await fullFold(plain, stream);
          for (const h of cached) expect(await h.load(capped, stream)()).toEqual(E.right(want));
        }
      },
    ), { numRuns: 60 });
  });
});
