/** The demo is deterministic: the same seed gives byte-identical events and the same digest. */
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import { createDigest } from '../../src/audit/digest';
import { exportLines } from '../../src/audit/export';
import { createCampaignRegistry } from '../../src/campaign/registry';
import { buildDemo } from '../../src/demo/index';
import { createRandom } from '../../src/demo/random';

const run = async (seed: number) => {
  const store = createMemoryStore({ registry: createCampaignRegistry() });
  const summary = await buildDemo({ store, seed });
  let trail = '';
  for await (const line of exportLines(store)) trail += line;
  const digest = await createDigest(store, { at: summary.endedAt })();
  if (E.isLeft(digest)) throw new Error(digest.left.message);
  return { summary, trail, digest: digest.right };
};

describe('demo determinism', () => {
  it('gives byte-identical trails and the same digest for the same seed, another digest for another seed', async () => {
    const a = await run(11);
    const b = await run(11);
    expect(a.trail.length).toBeGreaterThan(100_000);
    expect(b.trail).toBe(a.trail);
    expect(b.digest).toEqual(a.digest);
    expect(b.summary).toEqual(a.summary);
    const c = await run(12);
    expect(c.digest.rootHash).not.toBe(a.digest.rootHash);
  });
});

describe('the seeded generator', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: number) => { const r = createRandom(seed); return [r.uuid(), r.hex(8), r.int(1, 1000), r.next()]; };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
    expect(draw(2 ** 40 + 5)).not.toEqual(draw(5));
  });

  it('makes version-4 UUIDs and stays in range', () => {
    const r = createRandom(3);
    for (let i = 0; i < 500; i++) {
      expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const n = r.int(-3, 3);
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(3);
    }
    const s = r.sample([1, 2, 3, 4, 5], 3);
    expect(new Set(s).size).toBe(3);
    expect(() => createRandom(-1)).toThrow(RangeError);
    expect(() => createRandom(1.5)).toThrow(RangeError);
  });
});
