import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { EventMetadataCodec, canonicalJson, compileCanonicalWriter, createCodecRegistry } from '../../src/eventsourcing/index';

const Progress = t.intersection([
  t.type({ problemId: t.string, percent: t.number, evidence: t.array(t.string), nested: t.type({ b: t.string, a: t.number }) }),
  t.partial({ note: t.union([t.string, t.undefined]), toString: t.string, 'é': t.string, B: t.string }),
]);

/** What the generic walk writes, or undefined when it refuses the value. */
const generic = (v: unknown): string | undefined => {
  try {
    return canonicalJson(v);
  } catch {
    return undefined;
  }
};

describe('compiled canonical writer', () => {
  const write = compileCanonicalWriter(Progress);

  it('writes the bytes of the generic walk for values of the shape, extra keys, undefined members and odd keys', () => {
    const samples: unknown[] = [
      { problemId: 'P-1', percent: 40, evidence: ['a', 'b'], nested: { b: 'x', a: 1 } },
      { nested: { a: 1, b: 'x', zz: [1, { y: 2, x: 1 }] }, evidence: [], percent: -0, problemId: '\u2028"', note: undefined },
      { problemId: 'P', percent: 1, evidence: [], nested: { a: 1, b: '' }, extra: { k: 1 }, 'é': 'e', B: 'b' },
      { problemId: 'P', percent: 1, evidence: [], nested: { a: 1, b: '' }, toString: 'own' },
      { problemId: 'P', percent: 1, evidence: [], nested: null },
      { problemId: 'P', percent: 1, evidence: 'not an array', nested: [] },
      Object.assign(Object.create(null) as object, { problemId: 'P', percent: 2n, evidence: [], nested: { a: 1, b: 'c' } }),
      'a string', 12, null, [1, 2],
    ];
    for (const v of samples) expect(write(v)).toBe(generic(v));
  });

  it('refuses what the generic walk refuses (NaN, undefined in arrays, class instances)', () => {
    for (const v of [
      { problemId: 'P', percent: Number.NaN, evidence: [], nested: { a: 1, b: '' } },
      { problemId: 'P', percent: 1, evidence: [undefined], nested: { a: 1, b: '' } },
      { problemId: 'P', percent: 1, evidence: [], nested: new Date(0) },
      new Date(0),
    ]) {
      expect(generic(v)).toBeUndefined();
      expect(write(v)).toBeUndefined();
    }
  });

  it('agrees with the generic walk on arbitrary JSON-like values', () => {
    const shaped = fc.record({
      problemId: fc.string(), percent: fc.double(), evidence: fc.array(fc.string()),
      nested: fc.record({ a: fc.double(), b: fc.string() }, { requiredKeys: [] }),
    }, { requiredKeys: [] });
    const arb = fc.oneof(shaped, fc.tuple(shaped, fc.dictionary(fc.string(), fc.jsonValue())).map(([a, b]) => ({ ...b, ...a })), fc.jsonValue());
    fc.assert(fc.property(arb, (v) => write(v) === generic(v)), { numRuns: 500 });
  });

  it('is what the registry hands out per type, and metadata has one too', () => {
    const registry = createCodecRegistry([{ type: 'P', schemaVersion: 1, codec: Progress }]);
    const v = { problemId: 'P', percent: 1, evidence: ['e'], nested: { a: 1, b: 'c' } };
    expect(registry.writerOf?.('P')?.(v)).toBe(canonicalJson(v));
    expect(registry.writerOf?.('unknown')).toBeUndefined();
    const m = { actor: { id: 'a', posts: ['x'], unit: undefined }, correlationId: 'c', causationId: 'c', recordedAt: 'r', effectiveAt: 'e', reason: 'why', more: 1 };
    expect(compileCanonicalWriter(EventMetadataCodec)(m)).toBe(canonicalJson(m));
  });
});
