import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import {
  canonicalBody, contentKey, idempotencyKey, planAppend, prepareAppend, sealEvents, type NewEvent, type PreparedAppend, type RecordedEvent,
} from '../../src/eventsourcing/index';
import { testMetadata, uuidFrom } from '../../src/testing/index';

const event = (n: number, data: unknown = { n }): NewEvent => ({
  eventId: uuidFrom(n), type: 'TestHappened', schemaVersion: 1, data, metadata: testMetadata(),
});
const limits = { maxAppendBytes: 1024 * 1024 };
const prepared = (events: readonly NewEvent[], expected: unknown = 'any', max = limits.maxAppendBytes): PreparedAppend => {
  const p = prepareAppend('s', events, expected, undefined, { maxAppendBytes: max });
  if (E.isLeft(p)) throw new Error(p.left.message);
  return p.right;
};
const stored = (events: readonly NewEvent[], streamId = 's'): RecordedEvent[] =>
  sealEvents(streamId, undefined, events).map((x, i) => ({ ...x.event, position: BigInt(i + 1) }));

describe('prepareAppend', () => {
  it('refuses bad arguments and non-JSON data before any I/O, naming the path', () => {
    expect(prepareAppend('', [event(1)], 'any', undefined, limits)).toMatchObject({ left: { _tag: 'ValidationFailed' } });
    expect(prepareAppend('s', [event(1)], -1n, undefined, limits)).toMatchObject({ left: { _tag: 'ValidationFailed' } });
    expect(prepareAppend('s', [], 'any', undefined, limits)).toMatchObject({ left: { _tag: 'ValidationFailed' } });
    const nan = prepareAppend('s', [event(1), event(2, { x: [Number.NaN] })], 'any', undefined, limits);
    expect(E.isLeft(nan) && nan.left.message).toContain('events[1].data.x[0]');
  });

  it('writes the idempotency key from the canonical JSON, equal to the content key', () => {
    const e = event(1, { b: 1, a: [1, 'x'] });
    expect(idempotencyKey(prepared([e]).events[0]!)).toBe(contentKey(e));
  });

  it('refuses an append above the size limit, counting UTF-8 bytes', () => {
    const big = event(1, { text: '词'.repeat(400) });
    const body = canonicalBody({ ...sealEvents('s', undefined, [big])[0]!.event });
    const bytes = Buffer.byteLength(body, 'utf8');
    expect(E.isRight(prepareAppend('s', [big], 'any', undefined, { maxAppendBytes: bytes }))).toBe(true);
    expect(prepareAppend('s', [big], 'any', undefined, { maxAppendBytes: bytes - 1 }))
      .toMatchObject({ left: { _tag: 'AppendTooLarge', size: bytes, limit: bytes - 1 } });
  });
});

describe('planAppend', () => {
  it('seals rows exactly as sealEvents does and builds the result from the positions', () => {
    const events = [event(1), event(2)];
    const plan = planAppend(prepared(events), undefined, [undefined, undefined]);
    if (E.isLeft(plan) || plan.right._tag !== 'Write') throw new Error('expected a write');
    const expected = sealEvents('s', undefined, events);
    expect(plan.right.rows.map((r) => r.body)).toEqual(expected.map((r) => r.body));
    expect(plan.right.rows.map((r) => r.event.hash)).toEqual(expected.map((r) => r.event.hash));
    const result = plan.right.done([7n, 9n]);
    expect(result).toMatchObject({ streamId: 's', lastRevision: 1n, lastPosition: 9n, duplicate: false });
    expect(result.events.map((e) => e.position)).toEqual([7n, 9n]);
  });

  it('chains onto the head and checks the exact size once revisions are known', () => {
    const first = stored([event(1)]);
    const head = { revision: 0n, hash: first[0]!.hash };
    const plan = planAppend(prepared([event(2)], 0n), head, [undefined]);
    if (E.isLeft(plan) || plan.right._tag !== 'Write') throw new Error('expected a write');
    expect(plan.right.rows[0]!.event).toMatchObject({ revision: 1n, prevHash: head.hash });
    const size = Buffer.byteLength(plan.right.rows[0]!.body, 'utf8');
    // Prepared from revision 0 with a genesis hash of the same length: the exact size is known only here.
    const tight = prepared([event(2)], 'any', size);
    expect(E.isRight(planAppend(tight, head, [undefined]))).toBe(true);
    expect(planAppend(tight, { revision: 9n, hash: head.hash }, [undefined])).toMatchObject({ left: { _tag: 'AppendTooLarge', size: size + 1 } });
  });

  it('answers a retry with the stored events, whatever the expected revision now', () => {
    const events = [event(1), event(2)];
    const found = stored(events);
    const plan = planAppend(prepared(events, 'no_stream'), { revision: 5n, hash: 'h' }, found);
    expect(plan).toMatchObject({ right: { _tag: 'Duplicate', result: { duplicate: true, lastRevision: 1n, lastPosition: 2n } } });
  });

  it('asks to look the ids up when the expected revision fails and they were not looked up', () => {
    const p = prepared([event(1)], 'no_stream');
    expect(planAppend(p, { revision: 0n, hash: 'h' })).toEqual(E.right({ _tag: 'LookUp', ids: [uuidFrom(1)] }));
    expect(planAppend(p, { revision: 0n, hash: 'h' }, [undefined]))
      .toMatchObject({ left: { _tag: 'WrongExpectedRevision', expected: 'no_stream', actual: 0n } });
    expect(planAppend(p, undefined)).toMatchObject({ right: { _tag: 'Write' } });
  });

  it('refuses a known id with other content, in another stream, in part or out of order', () => {
    const [a, b] = [event(1), event(2)];
    const changed = planAppend(prepared([{ ...a, data: { n: 99 } }]), undefined, stored([a]));
    expect(changed).toMatchObject({ left: { _tag: 'DuplicateEventId', eventId: a.eventId } });
    expect(planAppend(prepared([a]), undefined, stored([a], 'other'))).toMatchObject({ left: { message: expect.stringContaining('"other"') } });
    expect(planAppend(prepared([a, b]), undefined, [stored([a])[0], undefined])).toMatchObject({ left: { message: expect.stringContaining('part of this append') } });
    const [sa, sb] = stored([a, b]);
    expect(planAppend(prepared([b, a]), undefined, [sb, sa])).toMatchObject({ left: { message: expect.stringContaining('not in this order') } });
  });
});
