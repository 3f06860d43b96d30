import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { createDigest } from '../../src/audit/digest';
import { bytesToHex, consistencyProof, eventLeafHash, inclusionProof, leafHash, merkleRoot } from '../../src/audit/merkle';
import {
  consistencyRanges, inclusionRanges, proveConsistency, proveInclusion, verifyConsistencyProof, verifyInclusionProof,
  type ConsistencyProof, type InclusionProof,
} from '../../src/audit/proofs';
import { generateSigningKeyPair, signDigest, type SignedDigest } from '../../src/audit/signature';
import type { EventStore, RecordedEvent } from '../../src/eventsourcing/index';
import { filledStore, tamperedStore } from './fixtures';

const ok = async <A>(te: () => Promise<E.Either<{ message: string }, A>>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const events = async (store: EventStore) => { const out: RecordedEvent[] = []; for await (const e of store.readAll()) out.push(e); return out; };
const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Uint8Array.of(i, i >> 8)));
const rootsOf = (ls: Uint8Array[], ranges: readonly (readonly [number, number])[]) =>
  ranges.map(([lo, hi]) => { const r = merkleRoot(ls.slice(lo, hi)); if (!r.ok) throw new Error(r.reason); return bytesToHex(r.value); });

describe('proof ranges', () => {
  it('give the RFC 6962 audit path for every leaf of every tree up to 64', () => {
    const ls = leaves(64);
    for (let n = 1; n <= 64; n++) {
      for (let i = 0; i < n; i++) {
        const want = inclusionProof(ls, i, n);
        if (!want.ok) throw new Error(want.reason);
        expect(rootsOf(ls, inclusionRanges(i, n))).toEqual(want.value.map(bytesToHex));
      }
    }
  });
  it('give the RFC 6962 consistency proof for every pair of sizes up to 64', () => {
    const ls = leaves(64);
    for (let n = 0; n <= 64; n++) {
      for (let m = 0; m <= n; m++) {
        const want = consistencyProof(ls, m, n);
        if (!want.ok) throw new Error(want.reason);
        expect(rootsOf(ls, consistencyRanges(m, n))).toEqual(want.value.map(bytesToHex));
      }
    }
  });
});

describe('inclusion proofs from the store', () => {
  it('prove every event of a trail, and match the in-memory tree', async () => {
    const store = await filledStore(37, 5);
    const all = await events(store);
    const digest = await ok(createDigest(store));
    const ls = all.map((e) => { const l = eventLeafHash(e.hash); if (!l.ok) throw new Error(l.reason); return l.value; });
    for (const [i, e] of all.entries()) {
      const proof = await ok(proveInclusion(store, e.eventId, digest));
      expect(proof).toMatchObject({ leafIndex: i, treeSize: 37, eventHash: e.hash, position: e.position.toString(), streamId: e.streamId });
      const want = inclusionProof(ls, i, 37);
      expect(want.ok && proof.path).toEqual(want.ok && want.value.map(bytesToHex));
      expect(verifyInclusionProof(proof, digest, e)).toEqual({ ok: true });
    }
  });

  it('rejects tampered proofs, other digests and other events', async () => {
    const store = await filledStore(20, 3);
    const all = await events(store);
    const target = all[7] as RecordedEvent;
    const digest = await ok(createDigest(store));
    const proof = await ok(proveInclusion(store, target.eventId));
    expect(verifyInclusionProof(proof, digest)).toEqual({ ok: true });
    const flip = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);
    const bad: InclusionProof[] = [
      { ...proof, path: proof.path.map((h, i) => (i === 2 ? flip(h) : h)) },
      { ...proof, path: proof.path.slice(1) },
      { ...proof, leafIndex: 8 },
      { ...proof, eventHash: (all[8] as RecordedEvent).hash },
    ];
    for (const p of bad) expect(verifyInclusionProof(p, digest).ok).toBe(false);
    expect(verifyInclusionProof({ ...proof, treeSize: 21 }, digest)).toMatchObject({ ok: false, reason: /tree of 21 events/ });
    expect(verifyInclusionProof(proof, digest, { ...target, data: { i: 99, text: 'changed' } })).toMatchObject({ ok: false, reason: /the event hashes to/ });
    const other: SignedDigest = { ...digest, rootHash: flip(digest.rootHash) };
    expect(verifyInclusionProof({ ...proof, rootHash: other.rootHash }, other).ok).toBe(false);
  });

  it('fails clearly for an unknown event, an event after the digest, or a store that moved on', async () => {
    const store = await filledStore(10, 2);
    const all = await events(store);
    const early = await ok(createDigest(store));
    const unknown = await proveInclusion(store, 'no-such-id')();
    expect(E.isLeft(unknown) && unknown.left).toMatchObject({ _tag: 'EventNotFound', eventId: 'no-such-id' });
    const small = { ...early, treeSize: 4 };
    const beyond = await proveInclusion(store, (all[6] as RecordedEvent).eventId, small)();
    expect(E.isLeft(beyond) && beyond.left.message).toMatch(/not among the 4 events of the digest/);
    const dropped = await tamperedStore(store, (rows) => rows.filter((_, i) => i !== 2));
    const moved = await proveInclusion(dropped, (all[5] as RecordedEvent).eventId, early)();
    expect(E.isLeft(moved) && moved.left).toMatchObject({ _tag: 'DigestNotMatched', treeSize: 10 });
  });
});

describe('consistency proofs from the store', () => {
  it('prove every older size against the trail now, and verify', async () => {
    const store = await filledStore(33, 4);
    const all = await events(store);
    const ls = all.map((e) => { const l = eventLeafHash(e.hash); if (!l.ok) throw new Error(l.reason); return l.value; });
    for (let m = 0; m <= 33; m++) {
      const root = merkleRoot(ls, m);
      if (!root.ok) throw new Error(root.reason);
      const older: SignedDigest = { treeSize: m, rootHash: bytesToHex(root.value), lastPosition: String(m), createdAt: '2024-01-01T00:00:00.000Z' };
      const proof = await ok(proveConsistency(store, older));
      expect(proof.newer.treeSize).toBe(33);
      expect(verifyConsistencyProof(proof)).toEqual({ ok: true });
    }
  });

  it('refuses to prove a trail that lost its tail or a stream, and rejects tampered proofs', async () => {
    const keys = generateSigningKeyPair();
    const store = await filledStore(24, 3);
    const older = await ok(createDigest(store, { signWith: { privateKeyPem: keys.privateKeyPem } }));
    const tail = await proveConsistency(await tamperedStore(store, (rows) => rows.slice(0, 20)), older)();
    expect(E.isLeft(tail) && tail.left.message).toMatch(/holds only 20 events: events were removed/);
    const noStream = await tamperedStore(store, (rows) => rows.filter((r) => r.event.streamId !== 'case-2'));
    const stream = await proveConsistency(noStream, older)();
    expect(E.isLeft(stream) && stream.left._tag).toBe('DigestNotMatched');

    const at11 = signDigest({ ...older, treeSize: 11, rootHash: await rootAt(store, 11) }, keys.privateKeyPem);
    if (!at11.ok) throw new Error(at11.reason);
    const proof: ConsistencyProof = await ok(proveConsistency(store, at11.value, { signWith: { privateKeyPem: keys.privateKeyPem } }));
    expect(verifyConsistencyProof(proof, { publicKeyPem: keys.publicKeyPem })).toEqual({ ok: true });
    expect(verifyConsistencyProof({ ...proof, path: proof.path.slice(0, -1) }).ok).toBe(false);
    expect(verifyConsistencyProof({ ...proof, path: [...proof.path].reverse() }).ok).toBe(false);
    expect(verifyConsistencyProof({ ...proof, newer: { ...proof.newer, rootHash: proof.older.rootHash } }).ok).toBe(false);
    // The path alone does not bind the tree size (RFC 9162): the signature over size and root does.
    const resized = { ...proof, newer: { ...proof.newer, treeSize: 25 } };
    expect(verifyConsistencyProof(resized, { publicKeyPem: keys.publicKeyPem })).toMatchObject({ ok: false, reason: /newer: signature/ });
    expect(verifyConsistencyProof(proof, { publicKeyPem: generateSigningKeyPair().publicKeyPem })).toMatchObject({ ok: false, reason: /older: signature/ });
  });
});

const rootAt = async (store: EventStore, n: number): Promise<string> => {
  const all = await events(store);
  const r = merkleRoot(all.slice(0, n).map((e) => { const l = eventLeafHash(e.hash); if (!l.ok) throw new Error(l.reason); return l.value; }));
  if (!r.ok) throw new Error(r.reason);
  return bytesToHex(r.value);
};
