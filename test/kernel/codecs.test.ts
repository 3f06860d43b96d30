import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { createCodecRegistry, decodeWith, IsoDate, NonEmptyString, type RecordedEvent } from '../../src/eventsourcing/index';
import { testMetadata } from '../../src/testing/fixtures';

const recorded = (schemaVersion: number, data: unknown): RecordedEvent => ({
  eventId: '00000000-0000-4000-8000-000000000001', streamId: 's', revision: 0n, position: 1n, type: 'Renamed',
  schemaVersion, data, metadata: testMetadata(), prevHash: '0'.repeat(64), hash: 'f'.repeat(64),
});

// v1 { name }, v2 { fullName }, v3 { fullName, initials }
const registry = createCodecRegistry([
  {
    type: 'Renamed', schemaVersion: 3, codec: t.type({ fullName: t.string, initials: t.string }),
    upcasters: [
      { fromVersion: 1, up: (d) => ({ fullName: (d as { name: string }).name }) },
      { fromVersion: 2, up: (d) => ({ ...(d as object), initials: (d as { fullName: string }).fullName.slice(0, 1) }) },
    ],
  },
]);

describe('codec registry', () => {
  it('lifts any old version through the upcaster chain to the current one (property)', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), fc.constantFrom(1, 2, 3), (name, v) => {
      const data = v === 1 ? { name } : v === 2 ? { fullName: name } : { fullName: name, initials: name.slice(0, 1) };
      const up = registry.upcast(recorded(v, data));
      expect(E.isRight(up)).toBe(true);
      if (E.isRight(up)) {
        expect(up.right.schemaVersion).toBe(3);
        expect(up.right.data).toEqual({ fullName: name, initials: name.slice(0, 1) });
      }
    }));
  });

  it('refuses unknown types, future versions and invalid data on read', () => {
    expect(E.isLeft(registry.upcast({ ...recorded(3, {}), type: 'Nope' }))).toBe(true);
    expect(registry.upcast(recorded(4, {}))).toEqual(E.left(expect.stringContaining('newer')));
    expect(registry.upcast(recorded(3, { fullName: 1 }))).toEqual(E.left(expect.stringContaining('data.fullName')));
  });

  it('refuses on write an old schema version', () => {
    const r = registry.validate([{ eventId: 'x', type: 'Renamed', schemaVersion: 2, data: { fullName: 'a' }, metadata: testMetadata() }]);
    expect(E.isLeft(r) && r.left.message).toContain('schema version 3');
  });

  it('refuses a definition with a missing upcaster step or a duplicate type', () => {
    expect(() => createCodecRegistry([{ type: 'A', schemaVersion: 2, codec: t.unknown }])).toThrow(/no upcaster from v1/);
    expect(() => createCodecRegistry([{ type: 'A', schemaVersion: 1, codec: t.unknown }, { type: 'A', schemaVersion: 1, codec: t.unknown }])).toThrow(/twice/);
  });

  it('reports validation failures as readable paths', () => {
    const Cmd = t.type({ task: t.type({ deadline: IsoDate, title: NonEmptyString }), items: t.array(t.number) });
    const r = decodeWith(Cmd, { task: { deadline: '2019-13-40', title: ' ' }, items: [1, 'x'] });
    expect(E.isLeft(r) && r.left.issues).toEqual([
      { path: 'task.deadline', message: 'expected ISO date, got "2019-13-40"' },
      { path: 'task.title', message: 'expected a non-empty string, got " "' },
      { path: 'items[1]', message: 'expected number, got "x"' },
    ]);
  });
});
