/**
 * The EventStoreDB adapter driven by KurrentDB's maintained client (`@kurrent/kurrentdb-client`,
 * chosen by `openEventStoreDbStore` for `kurrentdb://` connection strings), over real gRPC against
 * the in-process test server: appends with every expected-revision form, idempotent retries,
 * stream and global reads from a position. The whole store contract runs through this client in
 * kurrent-contract.test.ts (its sealing test proves the same hashes as every other store). The server
 * here speaks through KurrentDB's generated code (see ../support/esdb-kurrent).
 */
import '../support/esdb-kurrent';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseDriver, openEventStoreDbStore } from '../../adapters/eventstoredb/index';
import { collect, testEvent } from '../../src/testing/index';
import { unwrap } from '../../src/eventsourcing/runnable';
import type { EsdbTestServer } from '../support/esdb-server';
import { freshNamespace, startServer } from './helpers';
import { KurrentDBClient, kurrentUrlOf } from './kurrent-helpers';

const rightOf = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message);
  return e.right;
};

for (const mode of ['batch', 'legacy'] as const) {
  describe(`KurrentDB client on the test server, ${mode} mode`, () => {
    let server: EsdbTestServer;
    beforeAll(async () => {
      server = await startServer({ mode });
    });
    afterAll(async () => {
      await server.close();
    });
    const open = (url: string, namespace = freshNamespace()) => unwrap(openEventStoreDbStore({ connectionString: url, namespace }));
    const kurrentUrl = () => kurrentUrlOf(server);

    it('picks the client by the connection string', async () => {
      expect(await chooseDriver(kurrentUrl())).toBe('@kurrent/kurrentdb-client');
      expect(await chooseDriver(server.connectionString)).toBe('@eventstore/db-client');
      const store = await open(kurrentUrl());
      expect(store.client).toBeInstanceOf(KurrentDBClient);
      await store.close();
    });

    it('appends with every expected-revision form, refuses a stale one, and retries idempotently', async () => {
      const store = await open(kurrentUrl());
      const first = [testEvent(), testEvent()];
      const a = rightOf(await store.append('s', first, 'no_stream')());
      expect(a.lastRevision).toBe(1n);
      const stale = await store.append('s', [testEvent()], 0n)();
      expect(E.isLeft(stale) && stale.left._tag).toBe('WrongExpectedRevision');
      expect(rightOf(await store.append('s', [testEvent()], 1n)()).lastRevision).toBe(2n);
      expect(rightOf(await store.append('s', [testEvent()], 'stream_exists')()).lastRevision).toBe(3n);
      expect(rightOf(await store.append('s', [testEvent()], 'any')()).lastRevision).toBe(4n);
      const again = rightOf(await store.append('s', first, 'no_stream')());
      expect(again.duplicate).toBe(true);
      expect(again.events.map((e) => e.hash)).toEqual(a.events.map((e) => e.hash));
      expect(rightOf(await store.streamHead('s')())?.revision).toBe(4n);
      await store.close();
    });

    it('reads streams and $all from a position', async () => {
      const namespace = freshNamespace();
      const events = [testEvent({ n: 1 }), testEvent({ n: 2 }), testEvent({ n: 3 })];
      const viaKurrent = await open(kurrentUrl(), namespace);
      rightOf(await viaKurrent.append('r-a', events.slice(0, 2), 'no_stream')());
      rightOf(await viaKurrent.append('r-b', events.slice(2), 'no_stream')());
      const all = await collect(viaKurrent.readAll());
      expect(all.map((e) => e.streamId)).toEqual(['r-a', 'r-a', 'r-b']);
      expect((await collect(viaKurrent.readAll({ fromPosition: all[1]!.position }))).map((e) => e.eventId)).toEqual(all.slice(1).map((e) => e.eventId));
      expect((await collect(viaKurrent.readStream('r-a', { direction: 'backwards' }))).map((e) => e.revision)).toEqual([1n, 0n]);
      await viaKurrent.close();
    });
  });
}
