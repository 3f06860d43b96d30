/**
 * Commands that cannot be lost (awaited without `()` they still run) and the per-command options:
 * `expectedRevision` (a stale one is WrongExpectedRevision, never a business refusal),
 * `idempotencyKey` (a retry answers the first result with `duplicate: true`; the same key with
 * other input is refused), and unknown options (a ValidationFailed naming them).
 */
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { describe, expect, it } from 'vitest';
import { LedgerFailure } from '../../src/eventsourcing/errors';
import { orThrow, unwrap } from '../../src/eventsourcing/runnable';
import { fails, ok, testLedger } from './support/ledger-world';

const identify = {
  problemId: 'P-1', courtId: 'NANGUAN', department: '执行局', source: 'self_inspection' as const, title: '执行案款发放超期',
  description: '部分案款未按期发放', criterion: '案款发放期限规定', severity: 'moderate' as const,
};
const progress = { problemId: 'P-1', note: '已发放三笔' };

describe('commands that cannot be lost', () => {
  it('runs a command that is awaited without the final ()', async () => {
    const t = await testLedger();
    const before = (await t.all()).length;
    const r = await t.ledger.problem.identify('ng-staff', identify);
    expect(E.isRight(r)).toBe(true);
    expect((await t.all()).length).toBe(before + 1);
    const loaded = await t.ledger.load.problem('P-1');
    expect(E.isRight(loaded) && loaded.right.state.status).toBe('open');
  });
  it('is still a TaskEither: called, it runs; composed with fp-ts, it runs once', async () => {
    const t = await testLedger();
    const before = (await t.all()).length;
    const both = pipe(
      t.ledger.problem.identify('ng-staff', identify),
      TE.chain(() => t.ledger.problem.recordProgress('ng-president', progress)),
    );
    expect((await t.all()).length).toBe(before); // building a TaskEither runs nothing
    expect(E.isRight(await both())).toBe(true);
    expect((await t.all()).length).toBe(before + 2);
  });
  it('unwrap and orThrow give the Right or throw a LedgerFailure carrying the Left', async () => {
    const t = await testLedger();
    const r = await unwrap(t.ledger.problem.identify('ng-staff', identify));
    expect(r.events).toHaveLength(1);
    const thrown = await unwrap(t.ledger.problem.identify('ng-staff', identify)).catch((x: unknown) => x);
    expect(thrown).toBeInstanceOf(LedgerFailure);
    expect((thrown as LedgerFailure).error._tag).toBe('RuleViolated');
    expect(() => orThrow(E.left({ _tag: 'StreamNotFound', streamId: 's', message: 'no' } as const))).toThrow(LedgerFailure);
    expect(orThrow(E.right(1))).toBe(1);
  });
});

describe('per-command options', () => {
  it('names unknown options in a ValidationFailed and stores nothing', async () => {
    const t = await testLedger();
    const before = (await t.all()).length;
    const e = await fails(t.ledger.problem.identify('ng-staff', identify, { expectedRevison: 5, ifMatch: 1 } as never));
    expect(e._tag).toBe('ValidationFailed');
    expect(e._tag === 'ValidationFailed' && e.issues.map((i) => i.path)).toEqual(['options.expectedRevison', 'options.ifMatch']);
    expect((await fails(t.ledger.problem.identify('ng-staff', identify, 'x' as never)))._tag).toBe('ValidationFailed');
    expect((await fails(t.ledger.problem.identify('ng-staff', identify, { expectedRevision: -1 })))._tag).toBe('ValidationFailed');
    expect((await fails(t.ledger.problem.identify('ng-staff', identify, { idempotencyKey: ' ' })))._tag).toBe('ValidationFailed');
    expect((await t.all()).length).toBe(before);
  });
  it('expectedRevision: the current one is accepted, a stale one is WrongExpectedRevision (not a refusal) and stores nothing', async () => {
    const t = await testLedger();
    const first = await ok(t.ledger.problem.identify('ng-staff', identify, { expectedRevision: 'no_stream' }));
    expect(first.revision).toBe(0n);
    await ok(t.ledger.problem.recordProgress('ng-president', progress, { expectedRevision: 0 }));
    const before = (await t.all()).length;
    const stale = await fails(t.ledger.problem.recordProgress('ng-president', progress, { expectedRevision: 0n }));
    expect(stale).toMatchObject({ _tag: 'WrongExpectedRevision', expected: 0n, actual: 1n });
    // A command the rules would refuse is still answered WrongExpectedRevision when the revision is stale.
    const refusedAnyway = await fails(t.ledger.problem.identify('ng-staff', identify, { expectedRevision: 'no_stream' }));
    expect(refusedAnyway._tag).toBe('WrongExpectedRevision');
    expect((await t.all()).length).toBe(before);
  });
  it('idempotencyKey: a retry answers the first result with duplicate: true and stores nothing', async () => {
    const t = await testLedger();
    await ok(t.ledger.problem.identify('ng-staff', identify));
    const first = await ok(t.ledger.problem.recordProgress('ng-president', progress, { idempotencyKey: 'req-1' }));
    expect(first.duplicate).toBe(false);
    const before = (await t.all()).length;
    t.setNow('2019-06-01T03:00:00.000Z');
    const retry = await ok(t.ledger.problem.recordProgress('ng-president', progress, { idempotencyKey: 'req-1' }));
    expect(retry.duplicate).toBe(true);
    expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(retry.revision).toBe(first.revision);
    expect((await t.all()).length).toBe(before);
    // The ids derive from the key: UUIDv5, the same for the same namespace and key.
    expect(first.events[0]?.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Without a key, the same additive command is stored again.
    await ok(t.ledger.problem.recordProgress('ng-president', progress));
    expect((await t.all()).length).toBe(before + 1);
  });
  it('idempotencyKey: a retry of a command that is not additive is a duplicate, not "already done"', async () => {
    const t = await testLedger();
    const first = await ok(t.ledger.problem.identify('ng-staff', identify, { idempotencyKey: 'identify-P-1' }));
    await ok(t.ledger.problem.recordProgress('ng-president', progress));
    const retry = await ok(t.ledger.problem.identify('ng-staff', identify, { idempotencyKey: 'identify-P-1' }));
    expect(retry).toMatchObject({ duplicate: true, revision: first.revision });
    expect(retry.events).toEqual(first.events);
  });
  it('idempotencyKey: the same key with other input is refused and stores nothing', async () => {
    const t = await testLedger();
    await ok(t.ledger.problem.identify('ng-staff', identify));
    await ok(t.ledger.problem.recordProgress('ng-president', progress, { idempotencyKey: 'req-2' }));
    const before = (await t.all()).length;
    const other = await fails(t.ledger.problem.recordProgress('ng-president', { ...progress, note: '另一条' }, { idempotencyKey: 'req-2' }));
    expect(other._tag).toBe('DuplicateEventId');
    const elsewhere = await fails(t.ledger.problem.identify('ng-staff', { ...identify, problemId: 'P-2' }, { idempotencyKey: 'req-2' }));
    expect(elsewhere._tag).toBe('DuplicateEventId');
    expect((await t.all()).length).toBe(before);
  });
});
