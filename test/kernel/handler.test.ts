import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import {
  canonicalJson, createCodecRegistry, createCommandHandler, errors, fold, project, runProjection, toEnvelopeJson,
  type Decider, type EventStore, type Projection,
} from '../../src/eventsourcing/index';
import { collect } from '../../src/testing/contract';
import { deciderSpec, projectionSpec } from '../../src/testing/index';
import { uuidFrom } from '../../src/testing/fixtures';

type Ev = { type: 'Added'; data: { by: number } } | { type: 'Reset'; data: { reason: string } };
type Cmd = { kind: 'add'; by: number } | { kind: 'reset' };
const counter: Decider<Cmd, { total: number; resets: number }, Ev> = {
  initialState: { total: 0, resets: 0 },
  decide: (c, s) => {
    if (c.kind === 'add') return c.by <= 0 ? E.left(errors.rule('counter.add.positive', 'add a positive amount')) : E.right([{ type: 'Added', data: { by: c.by } }]);
    return s.total === 0 ? E.right([]) : E.right([{ type: 'Reset', data: { reason: 'asked' } }]);
  },
  evolve: (s, e) => (e.type === 'Added' ? { ...s, total: s.total + e.data.by } : { total: 0, resets: s.resets + 1 }),
};
const registry = createCodecRegistry([
  { type: 'Added', schemaVersion: 1, codec: t.type({ by: t.number }) },
  { type: 'Reset', schemaVersion: 1, codec: t.type({ reason: t.string }) },
]);
const actor = { id: 'u1', posts: ['staff'] };
const seeded = (store: EventStore) => {
  let n = 0;
  let ms = Date.UTC(2019, 4, 20);
  return createCommandHandler({ store, registry, ids: () => uuidFrom(++n), clock: () => new Date((ms += 1000)) });
};

describe('command handler', () => {
  it('loads, decides, appends and returns the new state', async () => {
    const h = seeded(createMemoryStore({ registry }));
    await h.handle(counter, 'c-1', { kind: 'add', by: 2 }, { actor })();
    const r = await h.handle(counter, 'c-1', { kind: 'add', by: 3 }, { actor, reason: 'more' })();
    expect(E.isRight(r) && r.right.state).toEqual({ total: 5, resets: 0 });
    expect(E.isRight(r) && r.right.events[0]!.metadata).toMatchObject({ actor, reason: 'more', recordedAt: '2019-05-20T00:00:02.000Z' });
  });

  it('returns refusals as values and appends nothing', async () => {
    const store = createMemoryStore({ registry });
    const r = await seeded(store).handle(counter, 'c-1', { kind: 'add', by: -1 }, { actor })();
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'RuleViolated', rule: 'counter.add.positive' });
    expect(await collect(store.readAll())).toEqual([]);
  });

  it('is byte-for-byte reproducible with a seeded clock and id generator', async () => {
    const run = async () => {
      const store = createMemoryStore({ registry });
      const h = seeded(store);
      for (const by of [1, 2, 3]) await h.handle(counter, 'c-1', { kind: 'add', by }, { actor })();
      await h.handle(counter, 'c-1', { kind: 'reset' }, { actor })();
      return (await collect(store.readAll())).map((e) => canonicalJson(toEnvelopeJson(e))).join('\n');
    };
    expect(await run()).toBe(await run());
  });

  it('retries a concurrency conflict with a fresh decision', async () => {
    // A store where another writer gets in between this handler's load and its first append.
    const inner = createMemoryStore({ registry });
    const rival = seeded(inner);
    let appends = 0;
    let id = 1000;
    const racing: EventStore = {
      ...inner,
      append: (streamId, events, expected) => async () => {
        if (appends++ === 0) await rival.handle(counter, streamId, { kind: 'add', by: 10 }, { actor })();
        return inner.append(streamId, events, expected)();
      },
    };
    const r = await createCommandHandler({ store: racing, registry, ids: () => uuidFrom(++id), maxRetries: 1 })
      .handle(counter, 'c-1', { kind: 'add', by: 1 }, { actor })();
    expect(appends).toBe(2); // the first append was refused, the retry stored
    expect(E.isRight(r) && r.right).toMatchObject({ state: { total: 11 }, revision: 1n }); // decided on the rival's state
    const loaded = await seeded(inner).load(counter, 'c-1')();
    expect(E.isRight(loaded) && loaded.right).toEqual({ state: { total: 11, resets: 0 }, revision: 1n });
    // Without retries the same race is a WrongExpectedRevision.
    appends = 0;
    const once = await createCommandHandler({ store: racing, registry, ids: () => uuidFrom(++id), maxRetries: 0 })
      .handle(counter, 'c-2', { kind: 'add', by: 1 }, { actor })();
    expect(E.isLeft(once) && once.left).toMatchObject({ _tag: 'WrongExpectedRevision', expected: 'no_stream', actual: 0n });
  });

  it('fold is deterministic and replay equals the live state (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(fc.integer({ min: -2, max: 5 }).map((by) => ({ kind: 'add' as const, by })), fc.constant({ kind: 'reset' as const })), { maxLength: 20 }), async (cmds) => {
      const store = createMemoryStore({ registry });
      const h = seeded(store);
      let live = counter.initialState;
      for (const c of cmds) {
        const r = await h.handle(counter, 'p', c, { actor })();
        if (E.isRight(r)) live = r.right.state;
      }
      const events = (await collect(store.readStream('p'))).map((e) => ({ type: e.type, data: e.data }) as Ev);
      expect(fold(counter, events)).toEqual(live);
      expect(fold(counter, events)).toEqual(fold(counter, events));
    }), { numRuns: 30 });
  });
});

describe('specifications', () => {
  it('given/when/then on a decider', () => {
    deciderSpec(counter).given([{ type: 'Added', data: { by: 1 } }]).when({ kind: 'reset' }).thenEmits([{ type: 'Reset', data: { reason: 'asked' } }]);
    deciderSpec(counter).given([]).when({ kind: 'add', by: 0 }).thenFails('RuleViolated', 'counter.add.positive');
  });
});

describe('projection runner', () => {
  const totals: Projection<Record<string, number>> = {
    name: 'totals', version: 1, initialState: {},
    apply: (s, e) => (e.type === 'Added' ? { ...s, [e.streamId]: (s[e.streamId] ?? 0) + (e.data as { by: number }).by } : s),
    serialize: (s) => JSON.stringify(s), deserialize: (x) => JSON.parse(x) as Record<string, number>,
  };

  it('keeps a checkpoint, resumes, and rebuilds on a version change', async () => {
    const store = createMemoryStore({ registry });
    const h = seeded(store);
    await h.handle(counter, 'a', { kind: 'add', by: 2 }, { actor })();
    const first = await runProjection(store, store.checkpoints, totals)();
    expect(E.isRight(first) && first.right).toMatchObject({ state: { a: 2 }, applied: 1, rebuilt: true });
    await h.handle(counter, 'b', { kind: 'add', by: 5 }, { actor })();
    const second = await runProjection(store, store.checkpoints, totals)();
    expect(E.isRight(second) && second.right).toMatchObject({ state: { a: 2, b: 5 }, applied: 1, rebuilt: false });
    const v2 = await runProjection(store, store.checkpoints, { ...totals, version: 2 })();
    expect(E.isRight(v2) && v2.right).toMatchObject({ state: { a: 2, b: 5 }, applied: 2, rebuilt: true });
    projectionSpec(totals).given(await collect(store.readAll())).thenState({ a: 2, b: 5 });
    expect(project(totals, await collect(store.readAll()))).toEqual({ a: 2, b: 5 });
  });

  it('stops at an event it cannot apply, naming the position, and never skips it', async () => {
    const store = createMemoryStore({ registry });
    const h = seeded(store);
    await h.handle(counter, 'a', { kind: 'add', by: 1 }, { actor })();
    await h.handle(counter, 'a', { kind: 'add', by: 2 }, { actor })();
    const picky: Projection<number> = { name: 'picky', version: 1, initialState: 0, apply: (s, e) => { if ((e.data as { by: number }).by === 2) throw new Error('cannot'); return s + 1; } };
    const r = await runProjection(store, store.checkpoints, picky)();
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'CorruptEvent', position: 2n });
    const cp = await store.checkpoints.load('picky')();
    expect(E.isRight(cp) && cp.right?.position).toBe(1n);
  });
});

describe('projection runner and a damaged checkpoint', () => {
  it('rebuilds from the start when the saved state cannot be read back', async () => {
    const store = createMemoryStore({ registry });
    const h = seeded(store);
    await h.handle(counter, 'a', { kind: 'add', by: 4 }, { actor })();
    const p: Projection<number> = {
      name: 'sum', version: 1, initialState: 0, apply: (s, e) => s + ((e.data as { by?: number }).by ?? 0),
      serialize: String, deserialize: (x) => { const n = Number(x); if (Number.isNaN(n)) throw new Error('not a number'); return n; },
    };
    await store.checkpoints.save('sum', { version: 1, position: 1n, state: 'garbage' })();
    const r = await runProjection(store, store.checkpoints, p)();
    expect(E.isRight(r) && r.right).toMatchObject({ state: 4, rebuilt: true, applied: 1 });
  });
});
