/** Contract: appends — expected revisions, atomicity, idempotency, validation, size, chains. */
import * as t from 'io-ts';
import { canonicalJson } from '../eventsourcing/canonical';
import { createCodecRegistry } from '../eventsourcing/codecs';
import { GENESIS_HASH, toEnvelopeJson, type NewEvent } from '../eventsourcing/envelope';
import { computeHash, sealEvents } from '../eventsourcing/integrity';
import type { ExpectedRevision } from '../eventsourcing/revision';
import type { EventStore } from '../eventsourcing/store';
import { collect, leftOf, rightOf, type ContractContext } from './contract';
import { testEvent, testMetadata } from './fixtures';

const append = (s: EventStore, id: string, events: readonly NewEvent[], expected: ExpectedRevision) => s.append(id, events, expected)();

/** Append semantics every adapter must have. */
export const appendSemantics = ({ api: { describe, it, expect }, withStore }: ContractContext): void => {
  describe('append', () => {
    it('honours every expected-revision form and names expected and actual on failure', () =>
      withStore(async (s) => {
        const w1 = leftOf(await append(s, 'rev-a', [testEvent()], 'stream_exists'));
        expect(w1).toMatchObject({ _tag: 'WrongExpectedRevision', streamId: 'rev-a', expected: 'stream_exists', actual: 'no_stream' });
        const w2 = leftOf(await append(s, 'rev-a', [testEvent()], 0n));
        expect(w2).toMatchObject({ _tag: 'WrongExpectedRevision', expected: 0n, actual: 'no_stream' });
        expect(rightOf(await append(s, 'rev-a', [testEvent()], 'no_stream')).lastRevision).toBe(0n);
        const w3 = leftOf(await append(s, 'rev-a', [testEvent()], 'no_stream'));
        expect(w3).toMatchObject({ _tag: 'WrongExpectedRevision', expected: 'no_stream', actual: 0n });
        expect(rightOf(await append(s, 'rev-a', [testEvent()], 0n)).lastRevision).toBe(1n);
        const w4 = leftOf(await append(s, 'rev-a', [testEvent()], 5n));
        expect(w4).toMatchObject({ _tag: 'WrongExpectedRevision', expected: 5n, actual: 1n });
        expect(w4.message).toContain('rev-a');
        expect(rightOf(await append(s, 'rev-a', [testEvent()], 'stream_exists')).lastRevision).toBe(2n);
        expect(rightOf(await append(s, 'rev-a', [testEvent()], 'any')).lastRevision).toBe(3n);
        expect(rightOf(await append(s, 'rev-b', [testEvent()], 'any')).lastRevision).toBe(0n);
        expect((await collect(s.readStream('rev-a'))).length).toBe(4);
      }));

    it('appends several events atomically with consecutive revisions and increasing positions', () =>
      withStore(async (s) => {
        const r = rightOf(await append(s, 'multi', [testEvent({ i: 0 }), testEvent({ i: 1 }), testEvent({ i: 2 })], 'no_stream'));
        expect(r.duplicate).toBe(false);
        expect(r.events.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        for (let i = 1; i < r.events.length; i++) expect(r.events[i]!.position > r.events[i - 1]!.position).toBe(true);
        expect(r.lastPosition).toBe(r.events[2]!.position);
        const bad = leftOf(await append(s, 'multi', [testEvent({ i: 3 }), testEvent({ i: Number.NaN })], 2n));
        expect(bad._tag).toBe('ValidationFailed');
        expect(bad.message).toContain('events[1].data.i');
        expect((await collect(s.readStream('multi'))).length).toBe(3);
      }));

    it('is idempotent by eventId and refuses a known eventId with other content', () =>
      withStore(async (s) => {
        const events = [testEvent({ a: 1 }), testEvent({ a: 2 })];
        const first = rightOf(await append(s, 'idem', events, 'no_stream'));
        const again = rightOf(await append(s, 'idem', events, 'no_stream'));
        expect(again.duplicate).toBe(true);
        expect(again.lastRevision).toBe(first.lastRevision);
        expect(again.events.map((e) => e.hash)).toEqual(first.events.map((e) => e.hash));
        expect((await collect(s.readStream('idem'))).length).toBe(2);
        const changed = leftOf(await append(s, 'idem', [{ ...events[0]!, data: { a: 99 } }], 'any'));
        expect(changed).toMatchObject({ _tag: 'DuplicateEventId', eventId: events[0]!.eventId });
        const elsewhere = leftOf(await append(s, 'idem-other', [events[1]!], 'any'));
        expect(elsewhere._tag).toBe('DuplicateEventId');
        expect((await collect(s.readStream('idem'))).length).toBe(2);
        expect((await collect(s.readStream('idem-other'))).length).toBe(0);
      }));

    it('refuses invalid events with a named path and stores nothing', () =>
      withStore(async (s) => {
        const cases: [NewEvent[], string][] = [
          [[testEvent({}, { eventId: 'not-a-uuid' })], 'events[0].eventId'],
          [[testEvent({}, { type: '' })], 'events[0].type'],
          [[testEvent({}, { schemaVersion: 0 })], 'events[0].schemaVersion'],
          [[testEvent({}, { metadata: { ...testMetadata(), recordedAt: '2019-13-40' } })], 'events[0].metadata.recordedAt'],
          [[testEvent({ f: () => 1 })], 'events[0].data.f'],
          [[testEvent({ list: [1, undefined] })], 'events[0].data.list[1]'],
          [[testEvent({ d: new Date(0) })], 'events[0].data.d'],
          [[], 'events'],
        ];
        for (const [events, path] of cases) {
          const err = leftOf(await append(s, 'invalid', events, 'any'));
          expect(err._tag).toBe('ValidationFailed');
          expect(err.message).toContain(path);
        }
        const dup = testEvent();
        expect(leftOf(await append(s, 'invalid', [dup, dup], 'any'))._tag).toBe('ValidationFailed');
        expect(leftOf(await append(s, '$system', [testEvent()], 'any'))._tag).toBe('ValidationFailed');
        expect(rightOf(await s.streamHead('invalid')())).toBeUndefined();
        expect((await collect(s.readAll())).length).toBe(0);
      }));

    it('checks data against the codec registry before any I/O', () => {
      const registry = createCodecRegistry([{ type: 'TestHappened', schemaVersion: 1, codec: t.type({ n: t.number }) }]);
      return withStore(async (s) => {
        expect(rightOf(await append(s, 'typed', [testEvent({ n: 1 })], 'any')).lastRevision).toBe(0n);
        const bad = leftOf(await append(s, 'typed', [testEvent({ n: 'one' })], 'any'));
        expect(bad.message).toContain('events[0].data.n');
        const unknown = leftOf(await append(s, 'typed', [testEvent({ n: 1 }, { type: 'Unknown' })], 'any'));
        expect(unknown.message).toContain('unknown event type');
        expect((await collect(s.readAll())).length).toBe(1);
      }, { registry });
    });

    it('refuses an append above the size limit and stores nothing', () =>
      withStore(async (s) => {
        const err = leftOf(await append(s, 'big', [testEvent({ blob: 'x'.repeat(3000) })], 'any'));
        expect(err).toMatchObject({ _tag: 'AppendTooLarge', streamId: 'big', limit: 2048 });
        expect(rightOf(await append(s, 'big', [testEvent({ blob: 'x'.repeat(100) })], 'any')).lastRevision).toBe(0n);
      }, { maxAppendBytes: 2048 }));

    it('refuses more than 1 MiB by default', () =>
      withStore(async (s) => {
        const err = leftOf(await append(s, 'big', [testEvent({ blob: 'x'.repeat(1024 * 1024) })], 'any'));
        expect(err._tag).toBe('AppendTooLarge');
      }));

    it('chains every stream and hashes identically to the shared sealing step', () =>
      withStore(async (s) => {
        const a = [testEvent({ k: 'a' }), testEvent({ k: 'b', nested: { z: 1, a: [1, 2] } })];
        const b = [testEvent({ k: 'c' })];
        rightOf(await append(s, 'chain', a, 'no_stream'));
        rightOf(await append(s, 'chain', b, 0n + 1n));
        const expected = sealEvents('chain', undefined, [...a, ...b]).map((x) => x.event.hash);
        const read = await collect(s.readStream('chain'));
        expect(read.map((e) => e.hash)).toEqual(expected);
        expect(read[0]!.prevHash).toBe(GENESIS_HASH);
        read.forEach((e, i) => {
          expect(computeHash(e)).toBe(e.hash);
          if (i > 0) expect(e.prevHash).toBe(read[i - 1]!.hash);
        });
      }));

    it('round-trips the envelope to identical canonical JSON', () =>
      withStore(async (s) => {
        const data = { z: 'last', a: 'first', n: -0.5, u: '雪\u2028"\\', list: [{ b: 2, a: 1 }], big: 9007199254740991, empty: {} };
        const appended = rightOf(await append(s, 'rt', [testEvent(data, { metadata: testMetadata({ reason: '整改', onBehalfOf: 'p-1' }) })], 'any'));
        const [read] = await collect(s.readStream('rt'));
        expect(canonicalJson(toEnvelopeJson(read!))).toBe(canonicalJson(toEnvelopeJson(appended.events[0]!)));
        const [viaAll] = await collect(s.readAll());
        expect(canonicalJson(toEnvelopeJson(viaAll!))).toBe(canonicalJson(toEnvelopeJson(read!)));
        // and what is read is what was given
        expect(read!.data).toEqual({ ...data, n: -0.5 });
        expect(read!.metadata).toEqual(testMetadata({ reason: '整改', onBehalfOf: 'p-1' }));
      }));

    it('does nothing until the returned task runs', () =>
      withStore(async (s) => {
        const task = s.append('lazy', [testEvent()], 'no_stream');
        expect(await collect(s.readStream('lazy'))).toEqual([]);
        rightOf(await s.append('lazy', [testEvent()], 'no_stream')());
        expect(leftOf(await task())._tag).toBe('WrongExpectedRevision');
        const head = s.streamHead('lazy');
        rightOf(await s.append('lazy', [testEvent()], 0n)());
        expect(rightOf(await head())?.revision).toBe(1n);
      }));

    it('refuses data nested too deep with a validation error, not a crash', () =>
      withStore(async (s) => {
        let deep: unknown = 1;
        for (let i = 0; i < 20_000; i++) deep = { d: deep };
        expect(leftOf(await s.append('deep', [testEvent(deep)], 'any')())._tag).toBe('ValidationFailed');
      }));

    it('reports the head of a stream', () =>
      withStore(async (s) => {
        expect(rightOf(await s.streamHead('head')())).toBeUndefined();
        const r = rightOf(await append(s, 'head', [testEvent(), testEvent()], 'any'));
        expect(rightOf(await s.streamHead('head')())).toEqual({ streamId: 'head', revision: 1n, hash: r.events[1]!.hash, position: r.lastPosition });
      }));
  });
};
