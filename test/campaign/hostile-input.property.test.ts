/**
 * Bad input through every facade command: a hostile value (BigInt, a Proxy whose traps throw, a
 * getter that throws, a sparse array, a function, a symbol, NaN, a null-prototype object carrying
 * one of them) anywhere in the actor id, the input or the options is a typed ValidationFailed
 * naming where it was; nothing is stored; the memory and SQLite stores answer the same.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/sqlite/index';
import { aggregates } from '../../src/campaign/aggregates';
import { createCampaignRegistry } from '../../src/campaign/registry';
import type { LedgerError } from '../../src/eventsourcing/errors';
import { tempDir } from '../sqlite/helpers';
import { testLedger, type TestLedger } from './support/ledger-world';
import { unwrap } from '../../src/eventsourcing/runnable';

const throwingProxy = () => new Proxy({}, {
  get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); },
  getPrototypeOf: () => { throw new Error('trap'); }, getOwnPropertyDescriptor: () => { throw new Error('trap'); },
});
const throwingGetter = () => Object.defineProperty({}, 'problemId', { get: () => { throw new Error('getter'); }, enumerable: true });
const nullProto = (inner: unknown) => Object.assign(Object.create(null) as Record<string, unknown>, { problemId: 'P-1', note: inner });
// eslint-disable-next-line no-sparse-arrays
const sparse = () => ['NANGUAN', , 'CHAOYANG'];

const hostile: fc.Arbitrary<() => unknown> = fc.constantFrom(
  () => 10n, throwingProxy, throwingGetter, sparse, () => () => 'x', () => Symbol('s'), () => Number.NaN,
  () => Number.POSITIVE_INFINITY, () => nullProto(10n), () => nullProto(throwingProxy()), () => [throwingProxy()],
);

/** Where the hostile value goes. */
type Spot = 'actorId' | 'input' | 'field' | 'nested' | 'array' | 'options' | 'option';
const spot = fc.constantFrom<Spot>('actorId', 'input', 'field', 'nested', 'array', 'options', 'option');

const commands = Object.entries(aggregates).flatMap(([aggregate, binding]) =>
  Object.keys(binding.codecs).map((command) => ({ aggregate, command })));

const base = { problemId: 'P-1', taskId: 'T-1', courtId: 'NANGUAN', note: '说明', title: '标题', department: '执行局' };

const call = (t: TestLedger, c: { aggregate: string; command: string }, where: Spot, bad: unknown) => {
  const methods = (t.ledger as unknown as Record<string, Record<string, (a: unknown, i: unknown, o?: unknown) => () => Promise<E.Either<LedgerError, unknown>>>>)[c.aggregate]!;
  const actor = where === 'actorId' ? bad : 'office1';
  const input = where === 'input' ? bad
    : where === 'field' ? { ...base, problemId: bad }
      : where === 'nested' ? { ...base, evidence: { sha256: bad, description: 'x' } }
        : where === 'array' ? { ...base, scopeCourts: ['NANGUAN', bad] } : base;
  const options = where === 'options' ? bad : where === 'option' ? { reason: bad } : undefined;
  return methods[c.command]!(actor, input, options)();
};

describe('hostile input through every facade command', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it(`is a ValidationFailed naming its path, stores nothing, and memory and SQLite agree (${commands.length} commands)`, async () => {
    const memory = await testLedger();
    const sqliteStore = await unwrap(openSqliteStore({ path: dir.file('hostile.db'), registry: createCampaignRegistry() }));
    const sqlite = await testLedger(true, { store: sqliteStore });
    const count = async (t: TestLedger, own: boolean) => {
      let n = 0;
      for await (const _ of (own ? t.store : sqliteStore).readAll()) n++;
      return n;
    };
    const before = [await count(memory, true), await count(sqlite, false)];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...commands), spot, hostile, async (c, where, make) => {
      const m = await call(memory, c, where, make());
      const s = await call(sqlite, c, where, make());
      expect(E.isLeft(m) && m.left._tag).toBe('ValidationFailed');
      expect(s).toEqual(m);
      const issues = E.isLeft(m) && m.left._tag === 'ValidationFailed' ? m.left.issues : [];
      expect(issues.length).toBeGreaterThan(0);
      const prefix = where === 'actorId' ? 'actorId' : where.startsWith('option') ? 'options' : '';
      expect(issues.some((i) => i.path.startsWith(prefix))).toBe(true);
    }), { numRuns: 300 });
    expect([await count(memory, true), await count(sqlite, false)]).toEqual(before);
    await sqliteStore.close();
  });
});
