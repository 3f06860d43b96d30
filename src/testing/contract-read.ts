/** Contract: reads of a stream, reads of all, subscriptions. */
import type { RecordedEvent } from '../eventsourcing/envelope';
import { LedgerFailure } from '../eventsourcing/errors';
import type { EventStore } from '../eventsourcing/store';
import { collect, rightOf, type ContractContext } from './contract';
import { testEvent } from './fixtures';

const seed = async (s: EventStore) => {
  rightOf(await s.append('read-a', [0, 1, 2, 3, 4].map((i) => testEvent({ i })), 'no_stream')());
  rightOf(await s.append('other-x', [testEvent({ x: 1 })], 'no_stream')());
  rightOf(await s.append('read-b', [testEvent({ i: 0 }), testEvent({ i: 1 })], 'no_stream')());
  rightOf(await s.append('read-a', [testEvent({ i: 5 })], 4n)());
};

const revs = (events: RecordedEvent[]) => events.map((e) => Number(e.revision));

/** Read semantics every adapter must have. */
export const readSemantics = ({ api: { describe, it, expect }, withStore }: ContractContext): void => {
  describe('read', () => {
    it('reads a stream forwards and backwards, from a revision (inclusive), with a max count', () =>
      withStore(async (s) => {
        await seed(s);
        expect(revs(await collect(s.readStream('read-a')))).toEqual([0, 1, 2, 3, 4, 5]);
        expect(revs(await collect(s.readStream('read-a', { fromRevision: 2n })))).toEqual([2, 3, 4, 5]);
        expect(revs(await collect(s.readStream('read-a', { fromRevision: 2n, maxCount: 2 })))).toEqual([2, 3]);
        expect(revs(await collect(s.readStream('read-a', { direction: 'backwards' })))).toEqual([5, 4, 3, 2, 1, 0]);
        expect(revs(await collect(s.readStream('read-a', { direction: 'backwards', fromRevision: 3n, maxCount: 2 })))).toEqual([3, 2]);
        expect(revs(await collect(s.readStream('read-a', { fromRevision: 10n })))).toEqual([]);
        expect(await collect(s.readStream('missing'))).toEqual([]);
        expect(await collect(s.readStream('missing', { direction: 'backwards' }))).toEqual([]);
      }));

    it('refuses bad read options with a ValidationFailed naming the option', () =>
      withStore(async (s) => {
        await seed(s);
        const refused = async (it: AsyncIterable<unknown>, path: string) => {
          try {
            await collect(it);
          } catch (x) {
            expect(x).toBeInstanceOf(LedgerFailure);
            expect((x as LedgerFailure).error).toMatchObject({ _tag: 'ValidationFailed' });
            expect((x as LedgerFailure).error.message).toContain(path);
            return;
          }
          throw new Error(`expected the read to be refused for ${path}`);
        };
        await refused(s.readStream('read-a', { fromRevision: -1n }), 'fromRevision');
        await refused(s.readStream('read-a', { maxCount: -1 }), 'maxCount');
        await refused(s.readStream('read-a', { maxCount: 1.5 }), 'maxCount');
        await refused(s.readAll({ fromPosition: -3n }), 'fromPosition');
        await refused(s.readAll({ maxCount: -2 }), 'maxCount');
      }));

    it('does not let a reader change what is stored', () =>
      withStore(async (s) => {
        rightOf(await s.append('frozen', [testEvent({ list: [1], nested: { a: 1 } })], 'no_stream')());
        const [first] = await collect(s.readStream('frozen'));
        const data = first!.data as { list: number[]; nested: { a: number } };
        try { data.list.push(2); } catch { /* frozen: fine */ }
        try { data.nested.a = 99; } catch { /* frozen: fine */ }
        try { (first!.metadata.actor as { id: string }).id = 'intruder'; } catch { /* frozen: fine */ }
        const [again] = await collect(s.readAll());
        expect(again!.data).toEqual({ list: [1], nested: { a: 1 } });
        expect(again!.metadata.actor.id).toBe('tester');
      }));

    it('reads all in global order with strictly increasing positions, from a position (inclusive)', () =>
      withStore(async (s) => {
        await seed(s);
        const all = await collect(s.readAll());
        expect(all.length).toBe(9);
        for (let i = 1; i < all.length; i++) expect(all[i]!.position > all[i - 1]!.position).toBe(true);
        expect(all.map((e) => e.streamId)).toEqual(['read-a', 'read-a', 'read-a', 'read-a', 'read-a', 'other-x', 'read-b', 'read-b', 'read-a']);
        const from = await collect(s.readAll({ fromPosition: all[5]!.position }));
        expect(from.map((e) => e.eventId)).toEqual(all.slice(5).map((e) => e.eventId));
        expect((await collect(s.readAll({ maxCount: 3 }))).length).toBe(3);
        const prefixed = await collect(s.readAll({ streamPrefix: 'read-' }));
        expect(prefixed.map((e) => e.eventId)).toEqual(all.filter((e) => e.streamId.startsWith('read-')).map((e) => e.eventId));
        const prefixedFrom = await collect(s.readAll({ streamPrefix: 'read-', fromPosition: all[5]!.position, maxCount: 2 }));
        expect(prefixedFrom.map((e) => e.streamId)).toEqual(['read-b', 'read-b']);
      }));

    it('subscribes: catches up after a position (exclusive), then goes live, and ends when closed', () =>
      withStore(async (s) => {
        await seed(s);
        const all = await collect(s.readAll());
        const sub = s.subscribeToAll({ afterPosition: all[2]!.position });
        const seen: RecordedEvent[] = [];
        const done = (async () => {
          for await (const e of sub) {
            seen.push(e);
            if (seen.length === 6 + 3) await sub.close();
          }
        })();
        for (let i = 0; i < 3; i++) rightOf(await s.append('live', [testEvent({ live: i })], 'any')());
        await Promise.race([done, new Promise((_, rej) => setTimeout(() => rej(new Error(`subscription saw ${seen.length} events`)), 10_000))]);
        expect(seen.map((e) => e.eventId)).toEqual([...all.slice(3).map((e) => e.eventId), ...(await collect(s.readStream('live'))).map((e) => e.eventId)]);
      }));

    it('a subscription from the start with a prefix sees only that namespace, and close ends an idle one', () =>
      withStore(async (s) => {
        await seed(s);
        const sub = s.subscribeToAll({ streamPrefix: 'read-b' });
        const seen: string[] = [];
        const done = (async () => {
          for await (const e of sub) seen.push(e.streamId);
        })();
        await new Promise((r) => setTimeout(r, 50));
        rightOf(await s.append('read-b', [testEvent()], 'any')());
        rightOf(await s.append('zzz', [testEvent()], 'any')());
        const deadline = Date.now() + 10_000;
        while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        await sub.close();
        await done;
        expect(seen).toEqual(['read-b', 'read-b', 'read-b']);
      }));
  });
};
