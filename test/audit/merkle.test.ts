import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT_HEX, MerkleAccumulator, bytesToHex, consistencyProof, emptyRoot, eventLeafHash, hexToBytes,
  inclusionProof, leafHash, merkleRoot, nodeHash, parseHash, verifyConsistency, verifyInclusion,
  type Result,
} from '../../src/audit/merkle';

interface Vectors {
  about: string;
  leaves: string[];
  leafHashes: string[];
  emptyRoot: string;
  roots: string[];
  inclusion: { leafIndex: number; treeSize: number; path: string[] }[];
  consistency: { oldSize: number; newSize: number; proof: string[] }[];
}
const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/rfc6962-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

const hex = bytesToHex;
const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const bytes = (h: string): Uint8Array => {
  const b = hexToBytes(h);
  if (!b) throw new Error(`bad hex in fixture: ${h}`);
  return b;
};
const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
/** Deterministic distinct leaf hashes, as the ledger makes them: leafHash(32-byte event hash). */
const makeLeaves = (n: number, seed = 0): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => leafHash(sha(Buffer.from(`event ${seed}:${i}`))));

/* A literal, recursive transcription of RFC 6962 §2.1, independent of the implementation under test. */
const k2 = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);
const refRoot = (d: Uint8Array[]): Uint8Array =>
  d.length === 0 ? sha() : d.length === 1 ? d[0]! : sha(Uint8Array.of(1), refRoot(d.slice(0, k2(d.length))), refRoot(d.slice(k2(d.length))));
const refPath = (m: number, d: Uint8Array[]): Uint8Array[] => {
  if (d.length <= 1) return [];
  const k = k2(d.length);
  return m < k ? [...refPath(m, d.slice(0, k)), refRoot(d.slice(k))] : [...refPath(m - k, d.slice(k)), refRoot(d.slice(0, k))];
};
const refSubproof = (m: number, d: Uint8Array[], b: boolean): Uint8Array[] => {
  if (m === d.length) return b ? [] : [refRoot(d)];
  const k = k2(d.length);
  return m <= k ? [...refSubproof(m, d.slice(0, k), b), refRoot(d.slice(k))]
    : [...refSubproof(m - k, d.slice(k), false), refRoot(d.slice(0, k))];
};

describe('RFC 6962 reference vectors (every vector in the fixture)', () => {
  const leafHashes = vectors.leafHashes.map(bytes);

  it('has the vectors it claims', () => {
    expect(vectors.leaves).toHaveLength(8);
    expect(vectors.roots).toHaveLength(8);
    expect(vectors.inclusion).toHaveLength(36); // every (leaf, size) for sizes 1..8
    expect(vectors.consistency).toHaveLength(36); // every (old, new) with 1 <= old <= new <= 8
  });

  it('leaf hashes are SHA-256(0x00 || data)', () => {
    vectors.leaves.forEach((leaf, i) => expect(hex(leafHash(bytes(leaf)))).toBe(vectors.leafHashes[i]));
  });

  it('empty tree root is SHA-256 of the empty string', () => {
    expect(hex(emptyRoot())).toBe(vectors.emptyRoot);
    expect(EMPTY_ROOT_HEX).toBe(vectors.emptyRoot);
    expect(hex(unwrap(merkleRoot([])))).toBe(vectors.emptyRoot);
    expect(hex(new MerkleAccumulator().root())).toBe(vectors.emptyRoot);
  });

  it('roots for sizes 1..8, by array and by streaming', () => {
    const acc = new MerkleAccumulator();
    vectors.roots.forEach((root, i) => {
      expect(hex(unwrap(merkleRoot(leafHashes, i + 1)))).toBe(root);
      expect(hex(unwrap(merkleRoot(leafHashes.slice(0, i + 1))))).toBe(root);
      acc.pushData(bytes(vectors.leaves[i]!));
      expect(hex(acc.root())).toBe(root);
    });
  });

  it.each(vectors.inclusion)('inclusion of leaf $leafIndex in tree of size $treeSize', ({ leafIndex, treeSize, path }) => {
    const proof = unwrap(inclusionProof(leafHashes, leafIndex, treeSize));
    expect(proof.map(hex)).toEqual(path);
    const root = vectors.roots[treeSize - 1]!;
    expect(verifyInclusion(vectors.leafHashes[leafIndex]!, leafIndex, treeSize, path, root)).toEqual({ ok: true });
    expect(verifyInclusion(leafHashes[leafIndex]!, leafIndex, treeSize, proof, bytes(root))).toEqual({ ok: true });
  });

  it.each(vectors.consistency)('consistency from size $oldSize to $newSize', ({ oldSize, newSize, proof }) => {
    expect(unwrap(consistencyProof(leafHashes, oldSize, newSize)).map(hex)).toEqual(proof);
    const verdict = verifyConsistency(oldSize, newSize, vectors.roots[oldSize - 1]!, vectors.roots[newSize - 1]!, proof);
    expect(verdict).toEqual({ ok: true });
  });
});

describe('hex helpers and leaves of events', () => {
  it('hexToBytes is strict and round-trips', () => {
    expect(hexToBytes('00ff10')).toEqual(Uint8Array.of(0, 255, 16));
    expect(hexToBytes('ABcd')).toEqual(Uint8Array.of(0xab, 0xcd));
    expect(hexToBytes('')).toEqual(new Uint8Array(0));
    for (const bad of ['0', 'abc', 'zz', '0x00', ' 00', '00 ']) expect(hexToBytes(bad)).toBeUndefined();
    fc.assert(fc.property(fc.uint8Array(), (b) => { expect(hexToBytes(bytesToHex(b))).toEqual(b); }));
  });

  it('parseHash names what was wrong', () => {
    expect(parseHash('ab'.repeat(32), 'root').ok).toBe(true);
    expect(parseHash('ab'.repeat(31), 'root')).toMatchObject({ ok: false, reason: expect.stringMatching(/^root: .*"abab/) });
    expect(parseHash('g'.repeat(64), 'root').ok).toBe(false);
    expect(parseHash(new Uint8Array(33), 'proof[3]')).toEqual({ ok: false, reason: 'proof[3]: expected a 32-byte hash, got 33 bytes' });
    expect(parseHash(null, 'leaf').ok).toBe(false);
  });

  it('an event leaf is the leaf hash of the 32 raw bytes of the event hash', () => {
    const eventHash = sha(Buffer.from('some canonical envelope')).toString('hex');
    expect(hex(unwrap(eventLeafHash(eventHash)))).toBe(hex(sha(Uint8Array.of(0), Buffer.from(eventHash, 'hex'))));
    expect(eventLeafHash(eventHash.slice(2)).ok).toBe(false);
  });

  it('nodeHash is SHA-256(0x01 || left || right), also for non-32-byte inputs', () => {
    const [a, b] = makeLeaves(2);
    expect(hex(nodeHash(a!, b!))).toBe(hex(sha(Uint8Array.of(1), a!, b!)));
    expect(hex(nodeHash(Uint8Array.of(7), Uint8Array.of(8, 9)))).toBe(hex(sha(Uint8Array.of(1, 7, 8, 9))));
  });
});

describe('proof generation agrees with a literal transcription of the RFC', () => {
  it('for every pair of sizes 1 <= m <= n <= 64, consistency proofs match and verify', () => {
    const leaves = makeLeaves(64);
    const roots = [emptyRoot(), ...leaves.map((_, i) => unwrap(merkleRoot(leaves, i + 1)))];
    for (let n = 1; n <= 64; n++) {
      expect(hex(roots[n]!)).toBe(hex(refRoot(leaves.slice(0, n))));
      for (let m = 1; m <= n; m++) {
        const proof = unwrap(consistencyProof(leaves, m, n));
        expect(proof.map(hex)).toEqual(refSubproof(m, leaves.slice(0, n), true).map(hex));
        expect(verifyConsistency(m, n, roots[m]!, roots[n]!, proof)).toEqual({ ok: true });
      }
    }
  });

  it('size 0 is consistent with every tree, with an empty proof and the empty root only', () => {
    const leaves = makeLeaves(20);
    for (let n = 0; n <= 20; n++) {
      const root = unwrap(merkleRoot(leaves, n));
      expect(unwrap(consistencyProof(leaves, 0, n))).toEqual([]);
      expect(verifyConsistency(0, n, emptyRoot(), root, [])).toEqual({ ok: true });
      expect(verifyConsistency(0, n, leaves[0]!, root, []).ok).toBe(false);
      expect(verifyConsistency(0, n, emptyRoot(), root, [leaves[0]!]).ok).toBe(false);
    }
  });

  it('every leaf of random trees up to ~300 leaves has a proof that verifies', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), (n, seed) => {
      const leaves = makeLeaves(n, seed);
      const root = unwrap(merkleRoot(leaves));
      expect(hex(root)).toBe(hex(refRoot(leaves)));
      for (let i = 0; i < n; i++) {
        const proof = unwrap(inclusionProof(leaves, i, n));
        expect(verifyInclusion(leaves[i]!, i, n, proof, root)).toEqual({ ok: true });
      }
      const probe = seed % n;
      expect(unwrap(inclusionProof(leaves, probe, n)).map(hex)).toEqual(refPath(probe, leaves).map(hex));
    }), { numRuns: 25 });
  });

  it('consistency proofs for random size pairs up to 1000 match and verify', () => {
    const leaves = makeLeaves(1000, 7);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (a, b) => {
      const [m, n] = a <= b ? [a, b] : [b, a];
      const proof = unwrap(consistencyProof(leaves, m, n));
      expect(proof.map(hex)).toEqual(refSubproof(m, leaves.slice(0, n), true).map(hex));
      const verdict = verifyConsistency(m, n, unwrap(merkleRoot(leaves, m)), unwrap(merkleRoot(leaves, n)), proof);
      expect(verdict).toEqual({ ok: true });
    }), { numRuns: 60 });
  });
});

describe('MerkleAccumulator', () => {
  it('streams the same root as merkleRoot for random sizes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3000 }), fc.nat(), (n, seed) => {
      const leaves = makeLeaves(n, seed);
      const acc = new MerkleAccumulator();
      for (const leaf of leaves) acc.push(leaf);
      expect(acc.size).toBe(n);
      expect(hex(acc.root())).toBe(hex(unwrap(merkleRoot(leaves))));
    }), { numRuns: 40 });
  });

  it('keeps the roots at the sizes it was asked to record, and only those', () => {
    const leaves = makeLeaves(100);
    const acc = new MerkleAccumulator({ recordRootsAt: [0, 1, 17, 64, 99] });
    for (const leaf of leaves) acc.push(leaf);
    for (const size of [0, 1, 17, 64, 99, 100]) {
      expect(hex(unwrap(acc.rootAt(size)))).toBe(hex(unwrap(merkleRoot(leaves, size))));
    }
    expect(acc.rootAt(50)).toMatchObject({ ok: false, reason: expect.stringContaining('not recorded') });
    expect(acc.rootAt(101)).toMatchObject({ ok: false, reason: expect.stringContaining('beyond') });
  });

  it('is not disturbed when the caller reuses its buffer', () => {
    const leaves = makeLeaves(5);
    const scratch = new Uint8Array(32);
    const acc = new MerkleAccumulator();
    for (const leaf of leaves) { scratch.set(leaf); acc.push(scratch); }
    expect(hex(acc.root())).toBe(hex(unwrap(merkleRoot(leaves))));
  });

  it('refuses a leaf that is not 32 bytes, naming it, and adds nothing', () => {
    const acc = new MerkleAccumulator();
    acc.push(makeLeaves(1)[0]!);
    expect(() => acc.push(new Uint8Array(31))).toThrow(/leaf 1: expected a 32-byte leaf hash, got 31 bytes/);
    expect(acc.size).toBe(1);
  });
});

const flipped = (b: Uint8Array, at: number): Uint8Array => {
  const c = Uint8Array.from(b); // not Buffer#slice, which would share memory
  c[at % c.length]! ^= 1;
  return c;
};
const without = <T>(xs: readonly T[], i: number): T[] => xs.filter((_, j) => j !== i);
const rejected = (v: { ok: boolean }): void => expect(v.ok).toBe(false);

describe('tampered inclusion proofs are rejected', () => {
  const N = 24;
  const leaves = makeLeaves(N, 3);
  const roots = [emptyRoot(), ...leaves.map((_, i) => unwrap(merkleRoot(leaves, i + 1)))];

  it('for every leaf of every tree up to 24 leaves', () => {
    for (let n = 1; n <= N; n++) {
      const root = roots[n]!;
      for (let i = 0; i < n; i++) {
        const leaf = leaves[i]!;
        const proof = unwrap(inclusionProof(leaves, i, n));
        expect(verifyInclusion(leaf, i, n, proof, root)).toEqual({ ok: true });
        proof.forEach((_, j) => {
          rejected(verifyInclusion(leaf, i, n, proof.map((p, x) => (x === j ? flipped(p, i + j) : p)), root));
          rejected(verifyInclusion(leaf, i, n, without(proof, j), root));
        });
        for (let j = 0; j <= proof.length; j++) {
          rejected(verifyInclusion(leaf, i, n, [...proof.slice(0, j), leaves[j]!, ...proof.slice(j)], root));
        }
        for (let j = 0; j < N; j++) if (j !== i) rejected(verifyInclusion(leaf, j, n, proof, root));
        for (let s = i + 1; s <= N; s++) if (s !== n) rejected(verifyInclusion(leaf, i, s, proof, roots[s]!));
        rejected(verifyInclusion(flipped(leaf, n), i, n, proof, root));
        const extra = verifyInclusion(leaf, i, n, [...proof, root], root);
        expect(extra).toMatchObject({ ok: false, reason: expect.stringContaining('more nodes') });
        if (n > 1) expect(verifyInclusion(leaf, i, n, proof.slice(0, -1), root)).toMatchObject({ reason: expect.stringContaining('fewer nodes') });
        rejected(verifyInclusion(leaf, i, n, proof, flipped(root, i)));
        if (n > 1) rejected(verifyInclusion(leaves[(i + 1) % n]!, i, n, proof, root));
      }
    }
  });

  it('out-of-range indexes are typed failures, not throws', () => {
    expect(inclusionProof(leaves, 5, 5)).toEqual({ ok: false, reason: 'leaf index 5 is outside a tree of size 5' });
    expect(inclusionProof(leaves, 0, 0).ok).toBe(false);
    expect(inclusionProof(leaves, 0, N + 1)).toMatchObject({ ok: false, reason: expect.stringContaining('beyond the 24') });
    expect(inclusionProof(leaves, -1, 3)).toMatchObject({ ok: false, reason: expect.stringContaining('leaf index') });
    expect(verifyInclusion(leaves[0]!, 3, 3, [], roots[3]!)).toMatchObject({ ok: false, reason: expect.stringContaining('outside') });
  });
});

describe('tampered consistency proofs are rejected', () => {
  const N = 24;
  const leaves = makeLeaves(N, 5);
  const roots = [emptyRoot(), ...leaves.map((_, i) => unwrap(merkleRoot(leaves, i + 1)))];

  it('for every pair 1 <= m < n <= 24', () => {
    for (let n = 2; n <= N; n++) {
      for (let m = 1; m < n; m++) {
        const [rm, rn] = [roots[m]!, roots[n]!];
        const proof = unwrap(consistencyProof(leaves, m, n));
        expect(verifyConsistency(m, n, rm, rn, proof)).toEqual({ ok: true });
        proof.forEach((_, j) => {
          rejected(verifyConsistency(m, n, rm, rn, proof.map((p, x) => (x === j ? flipped(p, m + j) : p))));
          rejected(verifyConsistency(m, n, rm, rn, without(proof, j)));
        });
        for (let j = 0; j <= proof.length; j++) {
          rejected(verifyConsistency(m, n, rm, rn, [...proof.slice(0, j), leaves[j]!, ...proof.slice(j)]));
        }
        for (let s = 1; s <= N; s++) {
          if (s !== m) rejected(verifyConsistency(s, n, roots[s]!, rn, proof));
          if (s !== n && s >= m) rejected(verifyConsistency(m, s, rm, roots[s]!, proof));
        }
        rejected(verifyConsistency(m, n, flipped(rm, n), rn, proof));
        rejected(verifyConsistency(m, n, rm, flipped(rn, m), proof));
        rejected(verifyConsistency(m, n, rn, rm, proof));
        expect(verifyConsistency(m, n, rm, rn, [])).toMatchObject({ reason: expect.stringContaining('empty') });
        if (proof.length > 1) expect(verifyConsistency(m, n, rm, rn, proof.slice(0, -1))).toMatchObject({ reason: expect.stringContaining('fewer nodes') });
        expect(verifyConsistency(m, n, rm, rn, [...proof, rn])).toMatchObject({ reason: expect.stringContaining('more nodes') });
      }
      rejected(verifyConsistency(n, n, roots[n]!, roots[n]!, [leaves[0]!]));
      rejected(verifyConsistency(n, n, roots[n]!, roots[n - 1]!, []));
    }
  });
});

describe('a log that lost events cannot prove consistency with an older digest', () => {
  const check = (old: Uint8Array[], now: Uint8Array[]) => {
    const m = old.length;
    const oldRoot = unwrap(merkleRoot(old));
    const newRoot = unwrap(merkleRoot(now));
    if (now.length < m) return verifyConsistency(m, now.length, oldRoot, newRoot, []);
    return verifyConsistency(m, now.length, oldRoot, newRoot, unwrap(consistencyProof(now, m, now.length)));
  };

  it('the last leaf removed: the root differs and the shrunken log is refused', () => {
    for (let n = 1; n <= 40; n++) {
      const leaves = makeLeaves(n, 11);
      const truncated = leaves.slice(0, -1);
      expect(hex(unwrap(merkleRoot(truncated)))).not.toBe(hex(unwrap(merkleRoot(leaves))));
      expect(check(leaves, truncated)).toMatchObject({ ok: false, reason: expect.stringContaining('shrunk') });
      // refilled to the old size and beyond with other events: still caught
      expect(check(leaves, [...truncated, ...makeLeaves(3, 12)]).ok).toBe(false);
    }
  });

  it('a whole stream removed (and the log grown back past the digest): caught', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 120 }), fc.integer({ min: 0, max: 3 }), fc.nat(60),
      (streamOf, victim, extra) => {
        fc.pre(streamOf.includes(victim));
        const leaves = makeLeaves(streamOf.length, 21);
        const kept = leaves.filter((_, i) => streamOf[i] !== victim);
        expect(check(leaves, kept).ok).toBe(false);
        expect(check(leaves, [...kept, ...makeLeaves(streamOf.length + extra, 22)]).ok).toBe(false);
        expect(check(leaves, [...leaves, ...makeLeaves(extra, 22)])).toEqual({ ok: true });
      },
    ), { numRuns: 80 });
  });
});

describe('malformed input is a failure with a reason, never a throw', () => {
  const leaves = makeLeaves(8);
  const root = unwrap(merkleRoot(leaves));
  const proof = unwrap(inclusionProof(leaves, 2, 8));

  it('names the bad argument', () => {
    const cases: [ReturnType<typeof verifyInclusion>, RegExp][] = [
      [verifyInclusion(hex(leaves[2]!).slice(1), 2, 8, proof, root), /^leaf hash: /],
      [verifyInclusion(leaves[2]!, 2, 8, proof, 'zz'.repeat(32)), /^root: /],
      [verifyInclusion(leaves[2]!, 2.5, 8, proof, root), /^leaf index: .*2\.5/],
      [verifyInclusion(leaves[2]!, 2, Number.NaN, proof, root), /^tree size: .*NaN/],
      [verifyInclusion(leaves[2]!, 2, 8, [proof[0]!, new Uint8Array(31)], root), /^proof\[1\]: .*31 bytes/],
      [verifyInclusion(leaves[2]!, 2, 8, null as never, root), /^proof: expected an array/],
      [verifyConsistency(-1, 8, root, root, []), /^older tree size: /],
      [verifyConsistency(2, 2 ** 60, root, root, []), /^newer tree size: /],
      [verifyConsistency(2, 8, root, '', []), /^newer root: /],
      [merkleRoot(leaves, 9), /beyond the 8/],
      [merkleRoot([leaves[0]!, 'ab' as never]), /^leaf hashes\[1\]: /],
      [consistencyProof(leaves, 5, 3), /older tree size 5 is larger/],
    ];
    for (const [verdict, reason] of cases) expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('survives arbitrary values in every argument', () => {
    const hashish = fc.oneof(fc.anything(), fc.uint8Array({ maxLength: 40 }), fc.string({ unit: fc.constantFrom(...'0123456789abcdefX'), maxLength: 70 }));
    const sizeish = fc.oneof(fc.anything(), fc.integer(), fc.double());
    fc.assert(fc.property(hashish, sizeish, sizeish, fc.oneof(fc.anything(), fc.array(hashish)), hashish,
      (a, b, c, d, e) => {
        for (const v of [
          verifyInclusion(a as never, b as never, c as never, d as never, e as never),
          verifyConsistency(b as never, c as never, a as never, e as never, d as never),
          inclusionProof(d as never, b as never, c as never),
          consistencyProof(d as never, b as never, c as never),
          merkleRoot(d as never, b as never),
        ]) expect(typeof v.ok).toBe('boolean');
      }));
  });
});
