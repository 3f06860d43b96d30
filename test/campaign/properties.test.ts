import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type { LedgerError } from '../../src/eventsourcing/errors';
import { sequence, step, type Step } from './support/arbitraries';
import { brokenInvariants } from './support/invariants';
import { ok, testLedger, type TestLedger } from './support/ledger-world';

type Method = (actor: unknown, input: unknown) => () => Promise<E.Either<LedgerError, { state: unknown; events: readonly unknown[] }>>;

const loaders: Record<string, (t: TestLedger, input: any) => Promise<unknown> | undefined> = {
  problem: (t, i) => (typeof i?.problemId === 'string' ? ok(t.ledger.load.problem(i.problemId)).then((l) => l.state) : undefined),
  task: (t, i) => (typeof i?.taskId === 'string' ? ok(t.ledger.load.task(i.taskId)).then((l) => l.state) : undefined),
  report: (t, i) => (typeof i?.periodId === 'string' ? ok(t.ledger.load.report(i.periodId, i.courtId)).then((l) => l.state) : undefined),
  accountability: (t, i) => (typeof i?.caseId === 'string' ? ok(t.ledger.load.accountability(i.caseId)).then((l) => l.state) : undefined),
  campaign: (t) => ok(t.ledger.load.campaign()).then((l) => l.state),
};

/** Successful commands across runs, so the properties can show they exercised the life cycles. */
const succeeded = new Map<string, number>();

const run = async (steps: readonly Step[]) => {
  const t = await testLedger();
  let now = Date.parse('2019-06-01T02:00:00.000Z');
  for (const s of steps) {
    if (s.kind === 'advance') { now += s.days * 86_400_000; t.setNow(new Date(now).toISOString()); continue; }
    const before = (await t.all()).length;
    if (s.kind === 'react') {
      const r = await t.ledger.reactions.run()();
      expect(E.isRight(r)).toBe(true);
    } else {
      const method = (t.ledger as unknown as Record<string, Record<string, Method | undefined>>)[s.aggregate]?.[s.command];
      if (method === undefined) continue;
      const loader = loaders[s.aggregate];
      const stateBefore = await loader?.(t, s.input);
      const r = await method(s.actor, s.input)();
      const after = await t.all();
      if (E.isLeft(r)) {
        // A refusal (unauthorized, invalid, against a rule) appends nothing and changes no state.
        expect(after.length, `${s.aggregate}.${s.command} by ${String(s.actor)} was refused (${r.left.message}) but appended`).toBe(before);
        if (stateBefore !== undefined) expect(await loader?.(t, s.input)).toEqual(stateBefore);
      } else {
        succeeded.set(`${s.aggregate}.${s.command}`, (succeeded.get(`${s.aggregate}.${s.command}`) ?? 0) + 1);
        // Every stored event is valid, and replaying the stream gives the live state.
        for (const e of after.slice(before)) {
          expect(E.isRight(t.ledger.registry.upcast(e)), e.type).toBe(true);
          succeeded.set(e.type, (succeeded.get(e.type) ?? 0) + 1);
        }
        const replayed = await loader?.(t, s.input);
        if (replayed !== undefined) expect(replayed).toEqual(r.right.state);
      }
    }
    const broken = brokenInvariants(await t.all());
    expect(broken, broken.join('\n')).toEqual([]);
  }
  return t;
};

describe('properties of random command sequences from random actors', () => {
  it('never throw, never break an invariant, never append an invalid event; refusals change nothing; replay equals the live state', async () => {
    succeeded.clear();
    await fc.assert(fc.asyncProperty(sequence(70), async (steps) => { await run(steps); }), { numRuns: 40 });
    // The sequences reached the ends of the life cycles, so the checks above were not vacuous.
    // Closing off and rating are approved proposals: their events (problem.closed, task.evaluated) show they were reached.
    const reached = ['problem.identify', 'problem.register', 'problem.verify', 'problem.closed', 'task.issue', 'task.evaluated']
      .filter((c) => (succeeded.get(c) ?? 0) === 0);
    expect(reached, `never succeeded: ${reached.join(', ')}; successes: ${JSON.stringify(Object.fromEntries(succeeded))}`).toEqual([]);
  }, 120_000);

  it('commands by actors the organization does not know never change anything', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 15 }), async (steps) => {
      const t = await testLedger();
      const before = await t.all();
      for (const s of steps) {
        if (s.kind !== 'command') continue;
        const method = (t.ledger as unknown as Record<string, Record<string, Method | undefined>>)[s.aggregate]?.[s.command];
        if (method === undefined) continue;
        const r = await method('stranger', s.input)();
        expect(E.isLeft(r) && ['NotAuthorized', 'ValidationFailed'].includes(r.left._tag)).toBe(true);
      }
      expect(await t.all()).toEqual(before);
    }), { numRuns: 40 });
  }, 60_000);

  it('a full replay of the campaign equals the states the commands returned', async () => {
    await fc.assert(fc.asyncProperty(sequence(50), async (steps) => {
      const t = await run(steps);
      const fresh = await testLedger(false);
      for (const e of await t.all()) {
        const r = await fresh.store.append(e.streamId, [{ eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata }], e.revision === 0n ? 'no_stream' : e.revision - 1n)();
        expect(E.isRight(r)).toBe(true);
      }
      for (const id of ['P-1', 'P-2']) expect(await ok(fresh.ledger.load.problem(id))).toEqual(await ok(t.ledger.load.problem(id)));
      expect(await ok(fresh.ledger.load.task('T-1'))).toEqual(await ok(t.ledger.load.task('T-1')));
      expect((await fresh.all()).map((e) => e.hash)).toEqual((await t.all()).map((e) => e.hash));
    }), { numRuns: 15 });
  }, 120_000);
});
