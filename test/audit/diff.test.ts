import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { diffStates, entityHistory } from '../../src/audit/diff';
import { caseDecider, caseWorld } from './fixtures';

describe('diffStates', () => {
  it('names every changed leaf with before and after', () => {
    expect(diffStates({ a: 1, b: { c: 'x', d: [1, 2] } }, { a: 1, b: { c: 'y', d: [1] }, e: true })).toEqual([
      { path: 'b.c', kind: 'changed', before: 'x', after: 'y' },
      { path: 'b.d[1]', kind: 'removed', before: 2, after: undefined },
      { path: 'e', kind: 'added', before: undefined, after: true },
    ]);
  });
  it('handles maps, odd keys, sets, dates, bigints and whole-state changes', () => {
    const m1 = new Map([['P-1', { status: 'open' }]]);
    const m2 = new Map([['P-1', { status: 'closed' }], ['P-2', { status: 'open' }]]);
    expect(diffStates({ problems: m1 }, { problems: m2 })).toEqual([
      { path: 'problems["P-1"].status', kind: 'changed', before: 'open', after: 'closed' },
      { path: 'problems["P-2"]', kind: 'added', before: undefined, after: { status: 'open' } },
    ]);
    expect(diffStates({ 'a b': 1 }, { 'a b': 2 })[0]?.path).toBe('["a b"]');
    expect(diffStates({ s: new Set([1, 2]) }, { s: new Set([2, 1]) })).toEqual([]);
    expect(diffStates({ s: new Set([1]) }, { s: new Set([2]) })).toHaveLength(1);
    expect(diffStates({ d: new Date(5) }, { d: new Date(5) })).toEqual([]);
    expect(diffStates({ n: 1n }, { n: 1n })).toEqual([]);
    expect(diffStates({ n: 1n }, { n: 2n })).toEqual([{ path: 'n', kind: 'changed', before: 1n, after: 2n }]);
    expect(diffStates(1, 2)).toEqual([{ path: '', kind: 'changed', before: 1, after: 2 }]);
    expect(diffStates({ a: undefined }, {})).toEqual([]);
    expect(diffStates(Number.NaN, Number.NaN)).toEqual([]);
  });
});

describe('entityHistory', () => {
  it('attributes each change to the event, actor and reason that caused it', async () => {
    const { store, handler } = caseWorld();
    const alice = { id: 'alice', posts: ['judge'] };
    const bob = { id: 'bob', posts: ['clerk'] };
    await handler.handle(caseDecider, 'c', { kind: 'open', title: 'T', dept: 'filing' }, { actor: alice })();
    await handler.handle(caseDecider, 'c', { kind: 'rename', title: 'T2' }, { actor: bob, reason: 'typo' })();
    await handler.handle(caseDecider, 'c', { kind: 'rename', title: 'T2' }, { actor: bob, reason: 'no-op' })();
    await handler.handle(caseDecider, 'c', { kind: 'measure', measure: 'm' }, { actor: alice, onBehalfOf: 'chief' })();
    const r = await entityHistory(store, 'c', caseDecider)();
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(r.right.map((h) => [h.revision, h.actor.id, h.reason, h.changes.map((c) => c.path)])).toEqual([
      [0n, 'alice', undefined, ['owner', 'status', 'title']],
      [1n, 'bob', 'typo', ['title']],
      [3n, 'alice', undefined, ['measures[0]']],
    ]);
    expect(r.right[1]?.changes[0]).toEqual({ path: 'title', kind: 'changed', before: 'T', after: 'T2' });
    expect(r.right[2]?.onBehalfOf).toBe('chief');
    const all = await entityHistory(store, 'c', caseDecider, { includeUnchanged: true })();
    expect(E.isRight(all) && all.right.map((h) => h.changes.length)).toEqual([3, 1, 0, 1]);
  });
});
