/**
 * Contract: a model-based test of concurrent appenders on shared streams. Random interleavings
 * (fast-check's scheduler) of appenders that read a head and append with that expected revision:
 * no lost update, and each stream's last revision + 1 equals the events of its successful appends.
 */
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { collect, rightOf, type ContractContext } from './contract';
import { testEvent } from './fixtures';

const STREAMS = ['c-0', 'c-1', 'c-2'];

/** Concurrency semantics every adapter must have. */
export const concurrencySemantics = ({ api: { describe, it, expect }, withStore }: ContractContext): void => {
  describe('concurrency', () => {
    it('loses no update under random interleavings of concurrent appenders', async () => {
      const op = fc.record({
        stream: fc.constantFrom(...STREAMS),
        count: fc.integer({ min: 1, max: 3 }),
        mode: fc.constantFrom('read-then-exact', 'any', 'no_stream'),
      });
      await fc.assert(
        fc.asyncProperty(fc.scheduler(), fc.array(op, { minLength: 1, maxLength: 12 }), (scheduler, ops) =>
          withStore(async (s) => {
            const ok = new Map<string, number>();
            const exactWins = new Map<string, bigint[]>();
            const tasks = ops.map(async (o) => {
              let expected: 'any' | 'no_stream' | bigint = o.mode === 'any' ? 'any' : 'no_stream';
              if (o.mode === 'read-then-exact') {
                const head = rightOf(await scheduler.schedule(Promise.resolve(), 'read').then(() => s.streamHead(o.stream)()));
                expected = head === undefined ? 'no_stream' : head.revision;
              }
              const r = await scheduler.schedule(Promise.resolve(), `append ${o.stream}`).then(() =>
                s.append(o.stream, Array.from({ length: o.count }, () => testEvent()), expected)(),
              );
              if (E.isRight(r)) {
                ok.set(o.stream, (ok.get(o.stream) ?? 0) + o.count);
                if (typeof expected === 'bigint') exactWins.set(o.stream, [...(exactWins.get(o.stream) ?? []), expected]);
              } else if (r.left._tag !== 'WrongExpectedRevision') {
                throw new Error(`unexpected failure: ${r.left.message}`);
              }
            });
            await scheduler.waitFor(Promise.all(tasks));
            for (const stream of STREAMS) {
              const events = await collect(s.readStream(stream));
              expect(events.length).toBe(ok.get(stream) ?? 0);
              events.forEach((e, i) => expect(e.revision).toBe(BigInt(i)));
              // two winners never appended on top of the same revision: no lost update
              const wins = exactWins.get(stream) ?? [];
              expect(new Set(wins.map(String)).size).toBe(wins.length);
            }
          }),
        ),
        { numRuns: 25 },
      );
    });

    it('runs truly concurrent appends (no scheduler) without losing or duplicating events', () =>
      withStore(async (s) => {
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) => s.append(`p-${i % 4}`, [testEvent({ i }), testEvent({ i })], 'any')()),
        );
        expect(results.every(E.isRight)).toBe(true);
        const all = await collect(s.readAll());
        expect(all.length).toBe(80);
        expect(new Set(all.map((e) => e.eventId)).size).toBe(80);
        for (let k = 0; k < 4; k++) expect((await collect(s.readStream(`p-${k}`))).length).toBe(20);
      }));
  });
};
