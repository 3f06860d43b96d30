import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from '../../src/eventsourcing/index';

const shuffleKeys = (v: unknown, rnd: () => number): unknown => {
  if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, rnd));
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).sort(() => rnd() - 0.5);
    return Object.fromEntries(entries.map(([k, x]) => [k, shuffleKeys(x, rnd)]));
  }
  return v;
};

describe('canonical JSON', () => {
  it('sorts keys, drops whitespace, writes bigints as strings', () => {
    expect(canonicalJson({ b: [3, { d: 1, c: 2n }], a: 'x', u: undefined })).toBe('{"a":"x","b":[3,{"c":"2","d":1}]}');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson('\u2028"')).toBe('"\u2028\\""');
  });

  it('is independent of key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (v, seed) => {
        let s = seed;
        const rnd = () => ((s = (s * 16807) % 2147483647) & 0xffff) / 0xffff;
        expect(canonicalJson(shuffleKeys(v, rnd))).toBe(canonicalJson(v));
      }),
    );
  });

  it('parses back to an equal value (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(canonicalJson(JSON.parse(canonicalJson(v)))).toBe(canonicalJson(v));
    }));
  });

  it('refuses what JSON cannot carry, naming the path', () => {
    const bad: [unknown, string][] = [
      [{ a: [1, Number.POSITIVE_INFINITY] }, 'a[1]'],
      [{ f: () => 0 }, 'f'],
      [{ m: new Map() }, 'm'],
      [[undefined], '[0]'],
      [{ s: Symbol('x') }, 's'],
    ];
    for (const [v, path] of bad) {
      try {
        canonicalJson(v);
        expect.fail('should refuse');
      } catch (x) {
        expect(x).toBeInstanceOf(CanonicalJsonError);
        expect((x as CanonicalJsonError).path).toBe(path);
      }
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/circular/);
  });
});
