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

  it('parses back to the value it was given (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
    }));
  });

  it('keeps every member whatever the keys contain, U+0000 included (property)', () => {
    const key = fc.string({ unit: fc.constantFrom('a', 'b', 'x', '\u0000', '\u2028', '雪'), maxLength: 4 });
    const obj = fc.dictionary(key, fc.integer(), { maxKeys: 5 });
    fc.assert(fc.property(fc.array(obj, { minLength: 1, maxLength: 6 }), (objects) => {
      for (const o of objects) expect(JSON.parse(canonicalJson(o))).toEqual(o);
    }));
    canonicalJson({ x: 1, 'a\u0000b': 2 });
    expect(JSON.parse(canonicalJson({ 'x\u0000a': 'payment', b: 'approved' }))).toEqual({ 'x\u0000a': 'payment', b: 'approved' });
  });

  it('orders integer-like keys as strings, not as JavaScript does', () => {
    expect(canonicalJson({ b: 1, 10: 2, 9: 3 })).toBe('{"10":2,"9":3,"b":1}');
    expect(canonicalJson(JSON.parse('{"__proto__":1,"a":2}'))).toBe('{"__proto__":1,"a":2}');
  });

  it('refuses nesting deeper than 200 levels with a typed error, not a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { d: deep };
    expect(() => canonicalJson(deep)).toThrow(CanonicalJsonError);
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
