/**
 * Proofs over the trail, computed streaming with O(log n) memory: the inclusion of one event in a
 * digest's tree, and the consistency of an older digest with a newer one. Their verifiers need
 * only the proof and the digests (and, for inclusion, optionally the event as exported).
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { SealedEvent } from '../eventsourcing/envelope';
import { errors } from '../eventsourcing/errors';
import { computeHash } from '../eventsourcing/integrity';
import type { EventStore } from '../eventsourcing/store';
import { createDigest, eventHashes, leafOfEventHash, type DigestOptions } from './digest';
import { auditErrors, type AuditError } from './errors';
import { asLedgerError } from './failure';
import { bytesToHex, MerkleAccumulator, verifyConsistency, verifyInclusion, type Verdict } from './merkle';
import { canonicalDigestJson, verifyDigestSignature, type SignedDigest } from './signature';

type Range = readonly [lo: number, hi: number];

const split = (n: number): number => { let k = 1; while (k * 2 < n) k *= 2; return k; };

/** The subtrees whose roots form the audit path of leaf `index` in a tree of `size` (RFC 6962 PATH). */
export const inclusionRanges = (index: number, size: number): Range[] => {
  const out: Range[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = split(hi - lo);
    if (index < lo + k) { out.push([lo + k, hi]); hi = lo + k; } else { out.push([lo, lo + k]); lo += k; }
  }
  return out.reverse();
};

/** The subtrees whose roots form the consistency proof from size `m` to size `n` (RFC 6962 PROOF). */
export const consistencyRanges = (m: number, n: number): Range[] => {
  const out: Range[] = [];
  if (m === 0 || m === n) return out;
  let lo = 0;
  let hi = n;
  let rest = m;
  let complete = true;
  while (rest !== hi - lo) {
    const k = split(hi - lo);
    if (rest <= k) { out.push([lo + k, hi]); hi = lo + k; } else { out.push([lo, lo + k]); lo += k; rest -= k; complete = false; }
  }
  if (!complete) out.push([lo, hi]);
  return out.reverse();
};

/** One pass over the trail: the roots of disjoint ranges, and the root at `size` (for checking). */
const rangeRoots = async (store: EventStore, ranges: readonly Range[], size: number): Promise<{ roots: Map<string, string>; root: string; seen: number }> => {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const roots = new Map<string, string>();
  const whole = new MerkleAccumulator();
  let k = 0;
  let acc: MerkleAccumulator | undefined;
  for await (const e of eventHashes(store)) {
    const j = whole.size;
    if (j >= size) break;
    const leaf = leafOfEventHash(e.hash);
    whole.push(leaf);
    const r = sorted[k];
    if (r === undefined || j < r[0]) continue;
    acc ??= new MerkleAccumulator();
    acc.push(leaf);
    if (j === r[1] - 1) { roots.set(`${r[0]}:${r[1]}`, bytesToHex(acc.root())); acc = undefined; k++; }
  }
  return { roots, root: bytesToHex(whole.root()), seen: whole.size };
};

/** Proof that one event is in a digest's tree. */
export interface InclusionProof {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: string;
  readonly position: string;
  /** The event's hash (the leaf's data). */
  readonly eventHash: string;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly rootHash: string;
  /** The audit path, hex, leaf to root. */
  readonly path: readonly string[];
}

const bad = (path: string, message: string) => E.left(errors.validation([{ path, message }]));

/**
 * Proves that the event `eventId` is in the tree of `digest` (default: a digest of the trail now).
 * Fails with EventNotFound when the event is absent or beyond the digest, and DigestNotMatched
 * when the store no longer gives the digest's root.
 */
export const proveInclusion = (store: EventStore, eventId: string, digest?: SignedDigest): TaskEither<AuditError, InclusionProof> => async () => {
  if (digest !== undefined) { const d = canonicalDigestJson(digest); if (!d.ok) return bad('digest', d.reason); }
  try {
    let head = digest;
    if (head === undefined) {
      const made = await createDigest(store)();
      if (E.isLeft(made)) return made;
      head = made.right;
    }
    let index = 0;
    let found: { streamId: string; revision: bigint; position: bigint; hash: string } | undefined;
    for await (const e of store.readAll()) {
      if (index >= head.treeSize) break;
      if (e.eventId === eventId) { found = e; break; }
      index++;
    }
    if (found === undefined) return E.left(auditErrors.eventNotFound(eventId, `not among the ${head.treeSize} events of the digest`));
    const ranges = inclusionRanges(index, head.treeSize);
    const { roots, root, seen } = await rangeRoots(store, ranges, head.treeSize);
    if (seen < head.treeSize || root !== head.rootHash) {
      return E.left(auditErrors.digestNotMatched(head.treeSize, seen < head.treeSize ? `the store holds only ${seen} events` : `its first ${head.treeSize} events give root ${root}`));
    }
    return E.right({
      eventId, streamId: found.streamId, revision: found.revision.toString(), position: found.position.toString(), eventHash: found.hash,
      leafIndex: index, treeSize: head.treeSize, rootHash: head.rootHash, path: ranges.map((r) => roots.get(`${r[0]}:${r[1]}`) as string),
    });
  } catch (x) {
    return E.left(asLedgerError(x));
  }
};

/** Options of the proof verifiers. */
export interface ProofCheckOptions {
  /** Ed25519 public key (SPKI PEM): the digests must carry a valid signature by it. */
  readonly publicKeyPem?: string;
}

const signatureVerdict = (d: SignedDigest, key: string | undefined, what: string): Verdict => {
  if (key === undefined) return { ok: true };
  const s = verifyDigestSignature(d, key);
  return s.ok ? { ok: true } : { ok: false, reason: `${what}: ${s.reason}` };
};

/**
 * Checks an inclusion proof against a digest; with `event` (e.g. a line of an exported trail), also
 * that the proof's hash is that event's recomputed hash. Needs nothing of the running system.
 */
export const verifyInclusionProof = (proof: InclusionProof, digest: SignedDigest, event?: Omit<SealedEvent, 'hash'>, options: ProofCheckOptions = {}): Verdict => {
  const shape = canonicalDigestJson(digest);
  if (!shape.ok) return { ok: false, reason: shape.reason };
  if (proof.treeSize !== digest.treeSize) return { ok: false, reason: `the proof is for a tree of ${proof.treeSize} events, the digest covers ${digest.treeSize}` };
  if (proof.rootHash !== digest.rootHash) return { ok: false, reason: 'the proof is for another root than the digest\'s' };
  if (event !== undefined) {
    let h: string;
    try { h = computeHash(event); } catch (x) { return { ok: false, reason: `event: ${x instanceof Error ? x.message : String(x)}` }; }
    if (h !== proof.eventHash) return { ok: false, reason: `the event hashes to ${h}, the proof is for ${proof.eventHash}` };
  }
  const sig = signatureVerdict(digest, options.publicKeyPem, 'digest');
  if (!sig.ok) return sig;
  return verifyInclusion(leafOfEventHash(proof.eventHash), proof.leafIndex, proof.treeSize, proof.path, digest.rootHash);
};

/** Proof that an older digest's tree is a prefix of a newer one's. */
export interface ConsistencyProof {
  readonly older: SignedDigest;
  readonly newer: SignedDigest;
  /** The consistency path, hex. */
  readonly path: readonly string[];
}

/**
 * Proves that the trail now (a new digest, made and optionally signed with `options`) extends
 * `older`. Fails with DigestNotMatched when it does not: a dropped tail, dropped stream or any
 * change to the events the older digest covered.
 */
export const proveConsistency = (store: EventStore, older: SignedDigest, options: DigestOptions = {}): TaskEither<AuditError, ConsistencyProof> => async () => {
  const shape = canonicalDigestJson(older);
  if (!shape.ok) return bad('older', shape.reason);
  const made = await createDigest(store, options)();
  if (E.isLeft(made)) return made;
  const newer = made.right;
  if (older.treeSize > newer.treeSize) {
    return E.left(auditErrors.digestNotMatched(older.treeSize, `the trail now holds only ${newer.treeSize} events: events were removed`));
  }
  try {
    const ranges = consistencyRanges(older.treeSize, newer.treeSize);
    const { roots } = await rangeRoots(store, ranges, newer.treeSize);
    const path = ranges.map((r) => roots.get(`${r[0]}:${r[1]}`) as string);
    const check = verifyConsistency(older.treeSize, newer.treeSize, older.rootHash, newer.rootHash, path);
    if (!check.ok) return E.left(auditErrors.digestNotMatched(older.treeSize, `the trail does not extend it (${check.reason})`));
    return E.right({ older, newer, path });
  } catch (x) {
    return E.left(asLedgerError(x));
  }
};

/** Checks a consistency proof (and, with a public key, both digests' signatures). */
export const verifyConsistencyProof = (proof: ConsistencyProof, options: ProofCheckOptions = {}): Verdict => {
  for (const [what, d] of [['older', proof.older], ['newer', proof.newer]] as const) {
    const shape = canonicalDigestJson(d);
    if (!shape.ok) return { ok: false, reason: `${what}: ${shape.reason}` };
    const sig = signatureVerdict(d, options.publicKeyPem, what);
    if (!sig.ok) return sig;
  }
  return verifyConsistency(proof.older.treeSize, proof.newer.treeSize, proof.older.rootHash, proof.newer.rootHash, proof.path);
};
