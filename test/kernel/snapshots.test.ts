import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import {
  createCodecRegistry, createCommandHandler, createMemorySnapshotStore, decodeSnapshotState, encodeSnapshotState, snapshotDigest,
  type Decider, type EventStore, type ReadStreamOptions, type Snapshot, type SnapshotStore,
} from '../../src/eventsourcing/index';
import { uuidFrom } from '../../src/testing/fixtures';

// A fold whose state has a Map, a Set and nested objects, like the Organization's.
type Ev = { type: 'Joined'; data: { who: string; team: string } };
type S = { readonly members: ReadonlyMap<string, { readonly team: string; readonly n: number }>; readonly teams: ReadonlySet<string>; readonly count: number };
const roster = (version = 1): Decider<{ who: string; team: string }, S, Ev> => ({
  initialState: { members: new Map(), teams: new Set(), count: 0 },
  decide: (c) => E.right([{ type: 'Joined', data: c }]),
  evolve: rosterEvolve,
  snapshot: { name: 'roster', version },
});
const rosterEvolve = (s: S, e: Ev): S => ({
  members: new Map(s.members).set(e.data.who, { team: e.data.team, n: s.count }),
  teams: new Set(s.teams).add(e.data.team),
  count: s.count + 1,
});
const registry = createCodecRegistry([{ type: 'Joined', schemaVersion: 1, codec: t.type({ who: t.string, team: t.string }) }]);
const actor = { id: 'u1', posts: ['staff'] };

let idSeq = 0;
const write = async (store: EventStore, people: readonly { who: string; team: string }[], stream = 'r-1') => {
  const h = createCommandHandler({ store, registry, ids: () => uuidFrom(++idSeq), cache: false });
  for (const p of people) expect(E.isRight(await h.handle(roster(), stream, p, { actor })())).toBe(true);
};
const people = (n: number, team = (i: number) => `T${i % 3}`) => Array.from({ length: n }, (_, i) => ({ who: `p${i}`, team: team(i) }));

/** A store that records every stream read. */
const spying = (inner: EventStore) => {
  const reads: (ReadStreamOptions | undefined)[] = [];
  return { reads, store: { ...inner, readStream: (s: string, o?: ReadStreamOptions) => (reads.push(o), inner.readStream(s, o)) } as EventStore };
};
/** Loads with a fresh handler (no cache) over `snapshots`. */
const loadWith = async (store: EventStore, snapshots: SnapshotStore, version = 1, every = 10) => {
  const r = await createCommandHandler({ store, registry, cache: false, snapshots: { store: snapshots, every } }).load(roster(version), 'r-1')();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const fullReplay = async (store: EventStore) => {
  const r = await createCommandHandler({ store, registry, cache: false }).load(roster(), 'r-1')();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const stored = async (snapshots: SnapshotStore) => {
  const r = await snapshots.load('r-1', 'roster')();
  if (E.isLeft(r) || r.right === undefined) throw new Error('no snapshot');
  return r.right;
};
const resealed = (s: Omit<Snapshot, 'digest'>): Snapshot => ({ ...s, digest: snapshotDigest(s) });
const overwrite = async (snapshots: SnapshotStore, s: Snapshot) => expect(E.isRight(await snapshots.save(s)())).toBe(true);

describe('snapshots of long streams', () => {
  it('are saved after a long fold and then read only the events after them', async () => {
    const store = createMemoryStore({ registry });
    await write(store, people(30));
    const snapshots = createMemorySnapshotStore();
    const first = await loadWith(store, snapshots);
    expect(await stored(snapshots)).toMatchObject({ name: 'roster', version: 1, revision: 29n });
    await write(store, people(3, () => 'T9').map((p) => ({ ...p, who: `late-${p.who}` })));
    const spy = spying(store);
    const again = await loadWith(spy.store, snapshots, 1, 100);
    expect(spy.reads).toEqual([{ fromRevision: 29n }]);
    expect(again).toEqual(await fullReplay(store));
    expect(first.revision).toBe(29n);
  });

  it('ignore a snapshot whose event is not the stored one at its revision (tampered or from another trail), and fold from the start', async () => {
    const store = createMemoryStore({ registry });
    await write(store, people(20));
    const snapshots = createMemorySnapshotStore();
    await loadWith(store, snapshots);
    const good = await stored(snapshots);
    const lying = { ...good, state: encodeSnapshotState({ members: new Map(), teams: new Set(['forged']), count: 999 }) };
    for (const bad of [
      resealed({ ...lying, hash: 'f'.repeat(64) }), // another hash at its revision
      resealed({ ...lying, revision: 5n }), // the hash of another revision
      resealed({ ...lying, revision: 500n }), // past the stream's end
      { ...lying }, // the state edited, the digest left as it was
      { ...good, digest: '0'.repeat(64) },
      resealed({ ...good, state: '{"not": "snapshot text' }),
    ]) {
      await overwrite(snapshots, bad);
      const spy = spying(store);
      expect(await loadWith(spy.store, snapshots, 1, 1000)).toEqual(await fullReplay(store));
      expect(spy.reads.at(-1)).toBeUndefined(); // the last read was from the start
    }
  });

  it('ignore a stale snapshot of a stream that was replaced by another history', async () => {
    const a = createMemoryStore({ registry });
    await write(a, people(20));
    const snapshots = createMemorySnapshotStore();
    await loadWith(a, snapshots);
    const b = createMemoryStore({ registry });
    await write(b, people(25, () => 'other'));
    expect(await loadWith(b, snapshots, 1, 1000)).toEqual(await fullReplay(b));
  });

  it('ignore a snapshot of another version of the fold, and write one of the new version', async () => {
    const store = createMemoryStore({ registry });
    await write(store, people(20));
    const snapshots = createMemorySnapshotStore();
    await loadWith(store, snapshots, 1);
    const spy = spying(store);
    expect(await loadWith(spy.store, snapshots, 2)).toEqual(await fullReplay(store));
    expect(spy.reads).toEqual([undefined]);
    expect(await stored(snapshots)).toMatchObject({ version: 2, revision: 19n });
  });

  it('replay from any snapshot, true or damaged, equals the full replay (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ who: fc.constantFrom('a', 'b', 'c', '$map', '$set'), team: fc.constantFrom('x', 'y', '$object') }), { minLength: 1, maxLength: 30 }),
      fc.nat(), fc.integer({ min: 1, max: 12 }), fc.constantFrom('none', 'hash', 'state', 'revision'),
      async (joins, at, every, damage) => {
        const store = createMemoryStore({ registry });
        const k = at % joins.length;
        await write(store, joins.slice(0, k + 1));
        const snapshots = createMemorySnapshotStore();
        await loadWith(store, snapshots, 1, 1); // a snapshot at revision k
        const s = await stored(snapshots);
        expect(s.revision).toBe(BigInt(k));
        if (damage === 'hash') await overwrite(snapshots, resealed({ ...s, hash: 'a'.repeat(64) }));
        if (damage === 'state') await overwrite(snapshots, { ...s, state: encodeSnapshotState({ members: new Map(), teams: new Set(), count: -1 }) });
        if (damage === 'revision') await overwrite(snapshots, resealed({ ...s, revision: s.revision + 1n }));
        await write(store, joins.slice(k + 1));
        expect(await loadWith(store, snapshots, 1, every)).toEqual(await fullReplay(store));
      },
    ), { numRuns: 80 });
  });

  it('write states with Maps, Sets, bigints and tag-like keys so that they read back equal', () => {
    const state = { m: new Map<unknown, unknown>([['k', { $map: 1 }], [2, new Set([1n, 'x'])]]), o: { $set: [1] }, e: {}, a: [null, true, 1.5], u: undefined };
    const back = decodeSnapshotState(encodeSnapshotState(state));
    expect(back).toEqual({ m: new Map<unknown, unknown>([['k', { $map: 1 }], [2, new Set([1n, 'x'])]]), o: { $set: [1] }, e: {}, a: [null, true, 1.5] });
    expect(() => encodeSnapshotState({ d: new Date(0) })).toThrow(TypeError);
    expect(() => encodeSnapshotState({ n: Number.NaN })).toThrow(TypeError);
    expect(decodeSnapshotState('{')).toBeUndefined();
  });

  it('are refused by the store when malformed, naming the field', async () => {
    const snapshots = createMemorySnapshotStore();
    const r = await snapshots.save({ streamId: 'r-1', name: 'roster', version: 1.5, revision: 0n, hash: 'h', state: '{}', digest: 'd' })();
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'ValidationFailed', issues: [{ path: 'version' }] });
    const l = await snapshots.load('', 'roster')();
    expect(E.isLeft(l) && l.left).toMatchObject({ _tag: 'ValidationFailed', issues: [{ path: 'streamId' }] });
  });
});
