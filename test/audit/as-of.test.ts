import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectionAsOf, stateAsOf } from '../../src/audit/as-of';
import type { RecordedEvent } from '../../src/eventsourcing/index';
import { caseDecider, caseRegistry, caseWorld, type CaseCommand, type CaseState } from './fixtures';

const run = async <A>(te: () => Promise<E.Either<{ message: string }, A>>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

/** A read model over every stream: events per type and the last title per stream. */
const overview = {
  name: 'overview',
  initialState: { counts: {} as Record<string, number>, titles: {} as Record<string, string> },
  apply: (s: { counts: Record<string, number>; titles: Record<string, string> }, e: RecordedEvent) => ({
    counts: { ...s.counts, [e.type]: (s.counts[e.type] ?? 0) + 1 },
    titles: 'title' in (e.data as object) ? { ...s.titles, [e.streamId]: (e.data as { title: string }).title } : s.titles,
  }),
};

const command: fc.Arbitrary<CaseCommand> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), title: fc.string({ maxLength: 6 }), dept: fc.constantFrom('filing', 'archive') }),
  fc.record({ kind: fc.constant('rename' as const), title: fc.string({ maxLength: 6 }) }),
  fc.record({ kind: fc.constant('measure' as const), measure: fc.string({ maxLength: 6 }) }),
  fc.constant({ kind: 'close' as const }),
  fc.constant({ kind: 'reopen' as const }),
);

describe('as of', () => {
  it('equals the live state at every moment of a random history, by recorded time, position and for a read model', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ stream: fc.constantFrom('case-a', 'case-b', 'case-c'), cmd: command, backdateDays: fc.nat(40) }), { minLength: 1, maxLength: 25 }),
      async (steps) => {
        const { store, handler } = caseWorld({ stepMs: 3_600_000 });
        const live = new Map<string, CaseState>();
        let model = overview.initialState;
        const snapshots: { at: string; position: bigint | undefined; states: Map<string, CaseState>; model: typeof model }[] = [];
        let position: bigint | undefined;
        for (const s of steps) {
          const now = handler.now(); // advances the clock: every command gets its own later time
          const effectiveAt = new Date(Date.parse(now) - s.backdateDays * 86_400_000).toISOString();
          const r = await handler.handle(caseDecider, s.stream, s.cmd, { actor: { id: 'u', posts: [] }, effectiveAt })();
          if (E.isRight(r)) {
            live.set(s.stream, r.right.state);
            for (const e of r.right.events) { model = overview.apply(model, e); position = e.position; }
          }
          snapshots.push({ at: handler.now(), position, states: new Map(live), model });
        }
        for (const snap of snapshots) {
          for (const stream of ['case-a', 'case-b', 'case-c']) {
            const expected = snap.states.get(stream) ?? caseDecider.initialState;
            const byTime = await run(stateAsOf(store, stream, caseDecider, { recordedAt: snap.at }, { registry: caseRegistry }));
            expect(byTime.state).toEqual(expected);
            const byPos = await run(stateAsOf(store, stream, caseDecider, { position: snap.position ?? 0n }));
            expect(byPos.state).toEqual(expected);
          }
          expect((await run(projectionAsOf(store, overview, { recordedAt: new Date(snap.at) }))).state).toEqual(snap.model);
          expect((await run(projectionAsOf(store, overview, { position: snap.position ?? 0n }))).state).toEqual(snap.model);
        }
      },
    ), { numRuns: 40 });
  });

  it('by effective time takes backdated entries, flags them and lists what was recorded only later', async () => {
    const { store, handler } = caseWorld({ start: Date.parse('2024-03-01T00:00:00.000Z'), stepMs: 86_400_000 });
    const actor = { id: 'u', posts: [] };
    await run(handler.handle(caseDecider, 'c', { kind: 'open', title: 'T', dept: 'd' }, { actor, effectiveAt: '2024-01-01T00:00:00.000Z' }));
    await run(handler.handle(caseDecider, 'c', { kind: 'measure', measure: 'm1' }, { actor }));
    await run(handler.handle(caseDecider, 'c', { kind: 'measure', measure: 'm0' }, { actor, effectiveAt: '2024-02-01T00:00:00.000Z' }));

    const eff = await run(stateAsOf(store, 'c', caseDecider, { effectiveAt: '2024-02-15T00:00:00.000Z' }));
    expect(eff.state.measures).toEqual(['m0']);
    expect(eff.applied).toBe(2);
    expect(eff.backdated.map((x) => x.revision)).toEqual([0n, 2n]);
    expect(eff.knownLater.map((x) => x.revision)).toEqual([0n, 2n]);

    // By recorded time, on the day after the first measure: m0 was not yet known, but is effective before then.
    const rec = await run(stateAsOf(store, 'c', caseDecider, { recordedAt: '2024-03-02T12:00:00.000Z' }));
    expect(rec.state.measures).toEqual(['m1']);
    expect(rec.knownLater.map((x) => x.revision)).toEqual([2n]);
    expect(rec.lastPosition).toBe(2n);

    const early = await run(stateAsOf(store, 'c', caseDecider, { effectiveAt: '2023-12-31T00:00:00.000Z' }));
    expect(early).toMatchObject({ state: caseDecider.initialState, applied: 0, lastPosition: undefined });
  });

  it('refuses a bad moment with a path, and names the position an evolve failed at', async () => {
    const { store, handler } = caseWorld();
    await run(handler.handle(caseDecider, 'c', { kind: 'open', title: 'T', dept: 'd' }, { actor: { id: 'u', posts: [] } }));
    const bad = await stateAsOf(store, 'c', caseDecider, { recordedAt: 'yesterday' })();
    expect(E.isLeft(bad) && bad.left.message).toMatch(/at\.recordedAt: expected an ISO date-time/);
    const badPos = await stateAsOf(store, 'c', caseDecider, { position: 3 as never })();
    expect(E.isLeft(badPos) && badPos.left.message).toMatch(/at\.position: expected a bigint/);
    const boom = await stateAsOf(store, 'c', { initialState: 0, evolve: () => { throw new Error('nope'); } }, { position: 10n })();
    expect(E.isLeft(boom) && boom.left).toMatchObject({ _tag: 'CorruptEvent', position: 1n });
  });
});
