import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, endOfLocalDayMs as endOfLocalDay, localDateOf, startOfLocalDay } from '../../src/campaign/time';

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Sao_Paulo'];
const intlDate = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
const msArb = fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') });

describe('calendar dates in a time zone', () => {
  it('the local date of an instant is the one Intl formats', () => {
    fc.assert(fc.property(msArb, fc.constantFrom(...ZONES), (ms, zone) => {
      expect(localDateOf(ms, zone)).toBe(intlDate(ms, zone));
    }), { numRuns: 500 });
  });

  it('a local day starts at the first instant with that date and ends where the next one starts', () => {
    fc.assert(fc.property(msArb, fc.constantFrom(...ZONES), (ms, zone) => {
      const day = intlDate(ms, zone);
      const start = startOfLocalDay(day, zone);
      expect(intlDate(start, zone)).toBe(day);
      expect(intlDate(start - 1, zone)).toBe(addDays(day, -1));
      expect(endOfLocalDay(day, zone)).toBe(startOfLocalDay(addDays(day, 1), zone));
    }), { numRuns: 500 });
  });

  it('finds the start of a day whose midnight does not exist (São Paulo, 2018-11-04)', () => {
    expect(new Date(startOfLocalDay('2018-11-04', 'America/Sao_Paulo')).toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(new Date(startOfLocalDay('2019-07-01', 'Asia/Shanghai')).toISOString()).toBe('2019-06-30T16:00:00.000Z');
  });
});
