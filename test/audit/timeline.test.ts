import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { timeline, timelineRow, TIMELINE_COLUMNS } from '../../src/audit/timeline';
import { toCsv } from '../../src/audit/csv';
import { caseDecider, caseWorld } from './fixtures';

const run = async <A>(te: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
  return r.right;
};

const world = async () => {
  const { store, handler } = caseWorld({ start: Date.parse('2024-03-01T08:00:00.000Z'), stepMs: 3_600_000 });
  const alice = { id: 'alice', posts: ['judge'], unit: 'court-a' };
  const bob = { id: 'bob', posts: ['clerk', 'secretary'], unit: 'court-b' };
  await run(handler.handle(caseDecider, 'case-1', { kind: 'open', title: 'late filing', dept: 'filing' }, { actor: alice, correlationId: 'k-1' }));
  await run(handler.handle(caseDecider, 'case-2', { kind: 'open', title: 'lost file', dept: 'archive' }, { actor: bob, correlationId: 'k-2' }));
  await run(handler.handle(caseDecider, 'case-1', { kind: 'measure', measure: 'train staff' }, {
    actor: bob, onBehalfOf: 'alice', reason: 'asked by the judge', correlationId: 'k-1', effectiveAt: '2024-02-01T00:00:00.000Z',
  }));
  await run(handler.handle(caseDecider, 'case-1', { kind: 'close' }, { actor: alice, reason: 'done', correlationId: 'k-3' }));
  return store;
};

describe('timeline', () => {
  it('lists a stream with who, posts, on behalf of, reason, times and the backdated flag', async () => {
    const store = await world();
    const t = await run(timeline(store, { stream: 'case-1' }));
    expect(t.map((x) => [x.revision, x.type, x.actor.id, x.onBehalfOf, x.reason])).toEqual([
      [0n, 'Opened', 'alice', undefined, undefined],
      [1n, 'MeasureAdded', 'bob', 'alice', 'asked by the judge'],
      [2n, 'Closed', 'alice', undefined, 'done'],
    ]);
    expect(t[1]?.actor.posts).toEqual(['clerk', 'secretary']);
    expect(t[1]?.effectiveAt).toBe('2024-02-01T00:00:00.000Z');
    expect(t[1]?.recordedAt).toBe('2024-03-01T10:00:00.000Z');
    expect(t.map((x) => x.backdated)).toEqual([false, true, false]);
    expect(t.map((x) => x.position)).toEqual([1n, 3n, 4n]);
  });

  it('the backdated threshold is configurable', async () => {
    const store = await world();
    const t = await run(timeline(store, { stream: 'case-1' }, { backdatedThresholdMs: 60 * 86_400_000 }));
    expect(t.some((x) => x.backdated)).toBe(false);
  });

  it('lists an actor across streams, optionally with what others did on their behalf', async () => {
    const store = await world();
    const own = await run(timeline(store, { actor: 'alice' }));
    expect(own.map((x) => [x.streamId, x.type])).toEqual([['case-1', 'Opened'], ['case-1', 'Closed']]);
    const all = await run(timeline(store, { actor: 'alice', includeOnBehalfOf: true }));
    expect(all.map((x) => x.type)).toEqual(['Opened', 'MeasureAdded', 'Closed']);
    const bob = await run(timeline(store, { actor: 'bob' }));
    expect(bob.map((x) => x.streamId)).toEqual(['case-2', 'case-1']);
  });

  it('lists a correlation in global order', async () => {
    const store = await world();
    const t = await run(timeline(store, { correlation: 'k-1' }));
    expect(t.map((x) => x.position)).toEqual([1n, 3n]);
  });

  it('refuses a query that names nothing or two things, with a path', async () => {
    const store = await world();
    const r = await timeline(store, { stream: 'a', actor: 'b' } as never)();
    expect(E.isLeft(r) && r.left._tag === 'ValidationFailed' && r.left.message).toMatch(/query: expected exactly one/);
    const r2 = await timeline(store, { actor: '' })();
    expect(E.isLeft(r2) && r2.left.message).toMatch(/actor: expected a non-empty string/);
  });

  it('writes as CSV rows', async () => {
    const store = await world();
    const t = await run(timeline(store, { stream: 'case-1' }));
    const csv = toCsv([...TIMELINE_COLUMNS], t.map(timelineRow));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(TIMELINE_COLUMNS.join(','));
    expect(lines[2]).toContain(',clerk; secretary,court-b,alice,asked by the judge,');
    expect(lines).toHaveLength(5);
  });
});
