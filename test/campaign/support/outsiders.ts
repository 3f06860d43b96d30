/**
 * The property every rule of rights must have: a command by an actor without the right is refused
 * as NotAuthorized (naming the actor and the right, with the rule's code when one is given) and
 * leaves the store exactly as it was, through the facade on a memory store.
 */
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { LedgerError } from '../../../src/eventsourcing/errors';
import { testLedger, type TestLedger } from './ledger-world';

/** One command through the facade: its group, name, actor and input. */
export interface Attempt {
  readonly aggregate: string;
  readonly command: string;
  readonly actor: string;
  readonly input: Record<string, unknown>;
}

type Method = (actor: string, input: unknown) => () => Promise<E.Either<LedgerError, unknown>>;

/** Issues an attempt through the facade. */
export const attempt = (t: TestLedger, a: Attempt): Promise<E.Either<LedgerError, unknown>> => {
  const method = (t.ledger as unknown as Record<string, Record<string, Method | undefined>>)[a.aggregate]?.[a.command];
  if (method === undefined) throw new Error(`the facade has no ${a.aggregate}.${a.command}`);
  return method(a.actor, a.input)();
};

/**
 * Asserts, for every generated attempt after `setup`, that it is refused as NotAuthorized naming
 * the actor and the right (and one of `rules`, when given) and appends nothing.
 */
export const outsidersChangeNothing = async (
  setup: (t: TestLedger) => Promise<void>, attempts: fc.Arbitrary<Attempt>, rules?: readonly string[], numRuns = 25,
): Promise<void> => {
  const t = await testLedger();
  await setup(t);
  const before = await t.all();
  await fc.assert(fc.asyncProperty(attempts, async (a) => {
    const r = await attempt(t, a);
    expect(E.isLeft(r), `${a.aggregate}.${a.command} by ${a.actor} was accepted`).toBe(true);
    const e = (r as E.Left<LedgerError>).left;
    expect(e).toMatchObject({ _tag: 'NotAuthorized', actorId: a.actor, right: `${a.aggregate}.${a.command}` });
    expect(e.message).toContain(a.actor);
    if (rules !== undefined && e._tag === 'NotAuthorized') expect(rules, e.message).toContain(e.rule);
    expect(await t.all()).toEqual(before);
  }), { numRuns });
};
