/** The test world built through the facade on a memory store, with a controllable clock. */
import * as E from 'fp-ts/Either';
import { expect } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../../../adapters/memory/index';
import { createCampaignLedger, type CampaignLedger, type CampaignLedgerOptions } from '../../../src/campaign/ledger';
import { createCampaignRegistry } from '../../../src/campaign/registry';
import { deterministicIds } from '../../../src/campaign/ids';
import type { LedgerError } from '../../../src/eventsourcing/errors';
import type { RecordedEvent } from '../../../src/eventsourcing/envelope';
import { NS, campaignSetup, orgSetup } from './world';
import { orThrow } from '../../../src/eventsourcing/runnable';

/** A ledger over a fresh memory store, its clock, and ways to read it. */
export interface TestLedger {
  readonly ledger: CampaignLedger;
  readonly store: MemoryStore;
  /** Sets the trusted clock. */
  setNow(iso: string): void;
  /** Every stored event of the campaign. */
  all(): Promise<RecordedEvent[]>;
}

/** Unwraps a TaskEither result, failing the test with the error message. */
export const ok = async <A>(te: () => Promise<E.Either<LedgerError, A>>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(`expected success, got ${r.left._tag}: ${r.left.message}`);
  return r.right;
};

/** Expects a failure and returns it. */
export const fails = async <A>(te: () => Promise<E.Either<LedgerError, A>>): Promise<LedgerError> => {
  const r = await te();
  expect(E.isLeft(r), E.isRight(r) ? 'expected a failure, got success' : '').toBe(true);
  return (r as E.Left<LedgerError>).left;
};

/** Builds the ledger; with `setup`, the test organization and campaign are created through the facade. */
export const testLedger = async (setup = true, options: Partial<CampaignLedgerOptions> = {}): Promise<TestLedger> => {
  const store = createMemoryStore({ registry: createCampaignRegistry() });
  let now = '2019-06-01T02:00:00.000Z';
  const ledger = orThrow(createCampaignLedger({ store, namespace: NS, clock: () => new Date(now), ids: deterministicIds('test'), ...options }));
  if (setup) {
    for (const c of orgSetup) {
      const { type, ...input } = c;
      await ok((ledger.organization as Record<string, (a: string, i: unknown) => () => Promise<E.Either<LedgerError, unknown>>>)[type]!('admin', input));
    }
    for (const { actor, command } of campaignSetup) {
      const { type, ...input } = command;
      await ok((ledger.campaign as Record<string, (a: string, i: unknown) => () => Promise<E.Either<LedgerError, unknown>>>)[type]!(actor, input));
    }
  }
  const all = async () => {
    const out: RecordedEvent[] = [];
    for await (const e of store.readAll({ streamPrefix: `${NS}/` })) out.push(e);
    return out;
  };
  return { ledger, store, setNow: (iso) => { now = iso; }, all };
};

/**
 * Closes a verified problem off (销号) with four eyes, in the court's own ledger: its office
 * (`ng-office`) proposes, the office's head (`ng-office-head`) approves.
 */
export const closeOff = async (ledger: CampaignLedger, problemId: string, proposalId = `CL-${problemId}`, office = 'ng-office', head = 'ng-office-head') => {
  await ok(ledger.problem.propose(office, { problemId, proposalId, action: { kind: 'close' } }));
  return ok(ledger.problem.approve(head, { problemId, proposalId }));
};

/** Grants a measure's pending extension with four eyes: `office1` proposes, the office head approves. */
export const grantMeasureExtension = async (ledger: CampaignLedger, problemId: string, requestId: string) => {
  await ok(ledger.problem.propose('office1', { problemId, proposalId: `GX-${requestId}`, action: { kind: 'grant_extension', requestId } }));
  return ok(ledger.problem.approve('office-head', { problemId, proposalId: `GX-${requestId}` }));
};
