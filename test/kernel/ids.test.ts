import { describe, expect, it } from 'vitest';
import { Uuid, uuidv7 } from '../../src/eventsourcing/index';

describe('uuidv7', () => {
  it('is a valid UUID of version 7 and variant 10', () => {
    const id = uuidv7();
    expect(Uuid.is(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
  });
  it('sorts by creation, even within one millisecond and when the clock steps back', () => {
    const ids = [uuidv7(1000), uuidv7(1000), uuidv7(1000), uuidv7(999), uuidv7(2000)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const many = Array.from({ length: 5000 }, () => uuidv7(5000));
    expect([...many].sort()).toEqual(many);
    expect(new Set(many).size).toBe(many.length);
  });
  it('carries the millisecond timestamp', () => {
    const before = Date.now();
    const ms = parseInt(uuidv7().replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThan(Date.now() + 5_000); // a burst within one millisecond may borrow a few ms ahead
  });
});
