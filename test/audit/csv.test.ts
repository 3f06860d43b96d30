import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvField, tableToCsv, toCsv } from '../../src/audit/csv';

/** A small RFC 4180 reader, to check that what is written reads back the same. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    field += c; i++;
  }
  return rows;
};

describe('csv', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(12n)).toBe('12');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(new Date('2024-01-02T03:04:05.000Z'))).toBe('2024-01-02T03:04:05.000Z');
    expect(csvField({ a: 1n })).toBe('"{""a"":""1""}"');
    expect(csvField('整改率')).toBe('整改率');
  });

  it('guards formulas in text by default, never in numbers, and not when turned off', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('=SUM(A1,A2)')).toBe('"\'=SUM(A1,A2)"');
    expect(csvField('-3')).toBe("'-3");
    expect(csvField(-3)).toBe('-3');
    expect(csvField('=SUM(A1)', { guardFormulas: false })).toBe('=SUM(A1)');
  });

  it('ends every record with CRLF, header first', () => {
    expect(toCsv(['a', 'b'], [[1, 'x'], [2, 'y,z']])).toBe('a,b\r\n1,x\r\n2,"y,z"\r\n');
    expect(tableToCsv([{ header: 'name', value: (r: { n: string }) => r.n }], [{ n: 'q' }])).toBe('name\r\nq\r\n');
  });

  it('reads back exactly what was written, whatever the text (guard off)', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
      const width = rows[0]!.length;
      const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
      // A record of one empty field is a blank line, which RFC 4180 readers skip; keep it distinct.
      const fixed = table.map((r) => (r.length === 1 && r[0] === '' ? ['""'] : r));
      expect(parseCsv(toCsv(undefined, fixed, { guardFormulas: false }))).toEqual(fixed);
    }));
  });
});
