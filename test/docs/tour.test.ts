/**
 * The README's five-minute tour. The README quotes the block between the `tour` markers of
 * examples/consumer/src/tour.ts, so what newcomers read is exactly what runs here (against the
 * repository's build) and in test/package/example-consumer.test.ts (from the packed tarball, in a
 * strict `nodenext` project). The tour asserts each step itself and prints a summary as JSON.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('README tour', () => {
  it('runs', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await import('../../examples/consumer/src/tour');
    expect(log).toHaveBeenCalledTimes(1);
    const summary = JSON.parse(String(log.mock.calls[0]?.[0])) as { closed: string; treeSize: number; rootHash: string };
    expect(summary.closed).toBe('closed');
    expect(summary.treeSize).toBeGreaterThan(0);
    expect(summary.rootHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
