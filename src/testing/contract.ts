/**
 * The store contract suite: one suite, a function of an adapter factory, that every adapter
 * passes. Run it on your own adapter from a vitest file:
 *
 * ```ts
 * import { runStoreContract } from 'campaign-ledger/testing';
 * runStoreContract('my store', async (options) => ({ store: openMyStore(options), cleanup: async () => {} }));
 * ```
 */
import * as E from 'fp-ts/Either';
import * as vitest from 'vitest';
import type { CodecRegistry } from '../eventsourcing/codecs';
import type { EventStore } from '../eventsourcing/store';
import { appendSemantics } from './contract-append';
import { readSemantics } from './contract-read';
import { concurrencySemantics } from './contract-concurrency';

/** What the factory is asked for: every adapter must honour these options. */
export interface StoreFactoryOptions {
  readonly registry?: CodecRegistry;
  readonly maxAppendBytes?: number;
}

/** A fresh, empty store and how to dispose of it. */
export interface StoreUnderTest {
  readonly store: EventStore;
  /** Disposes of the store after the test. */
  readonly cleanup: () => Promise<void>;
}

/** Creates a fresh, empty store for each test. */
export type StoreFactory = (options?: StoreFactoryOptions) => Promise<StoreUnderTest>;

/** The test functions the suite uses (vitest's by default). */
export interface TestApi {
  readonly describe: typeof vitest.describe;
  readonly it: typeof vitest.it;
  readonly expect: typeof vitest.expect;
}

/** Helpers shared by the contract's parts. */
export interface ContractContext {
  readonly api: TestApi;
  /** Opens a store for one test and disposes of it afterwards. */
  readonly withStore: <T>(fn: (store: EventStore) => Promise<T>, options?: StoreFactoryOptions) => Promise<T>;
}

/** Unwraps a Right or fails the test with the Left's message. */
export const rightOf = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected success, got: ${e.left.message}`);
  return e.right;
};

/** Unwraps a Left or fails the test. */
export const leftOf = <L>(e: E.Either<L, unknown>): L => {
  if (E.isRight(e)) throw new Error('expected a failure, got success');
  return e.left;
};

/** Collects an async iterable. */
export const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

/** Runs the whole contract suite against stores made by `factory`. */
export const runStoreContract = (name: string, factory: StoreFactory, api: TestApi = vitest): void => {
  const withStore: ContractContext['withStore'] = async (fn, options) => {
    const { store, cleanup } = await factory(options);
    try {
      return await fn(store);
    } finally {
      await store.close().catch(() => undefined);
      await cleanup();
    }
  };
  const ctx: ContractContext = { api, withStore };
  api.describe(`store contract: ${name}`, () => {
    appendSemantics(ctx);
    readSemantics(ctx);
    concurrencySemantics(ctx);
  });
};
