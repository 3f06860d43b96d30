import { describe, expect, it } from 'vitest';
import { jsonReplacer, toJson } from '../../src/eventsourcing/json';

describe('toJson', () => {
  it('writes bigints as decimal strings, Maps as objects, Sets as arrays, Dates as ISO text', () => {
    const value = {
      position: 18446744073709551615n,
      heads: new Map<unknown, unknown>([['s-1', 3n], [7, { deep: [1n] }]]),
      tags: new Set(['a', 'b']),
      at: new Date('2019-06-30T16:00:00.000Z'),
    };
    expect(JSON.parse(toJson(value))).toEqual({
      position: '18446744073709551615',
      heads: { 's-1': '3', 7: { deep: ['1'] } },
      tags: ['a', 'b'],
      at: '2019-06-30T16:00:00.000Z',
    });
  });

  it('is what JSON.stringify gives with the replacer, indented when asked', () => {
    expect(JSON.stringify({ r: 1n }, jsonReplacer)).toBe('{"r":"1"}');
    expect(toJson({ r: 1n }, 2)).toBe('{\n  "r": "1"\n}');
  });

  it('always returns a string', () => {
    expect(toJson(undefined)).toBe('null');
    expect(toJson(5n)).toBe('"5"');
  });
});
