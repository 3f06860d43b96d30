/**
 * RFC 6962 Merkle tree over the ledger's event hashes (in global order), with inclusion and
 * consistency proofs generated per RFC 6962 §2.1.1–2.1.2 and verified per RFC 9162 §2.1.3–2.1.4.
 *
 * leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), empty tree = SHA-256("").
 * In the ledger a leaf's data is the 32 raw bytes of the event's hash (see {@link eventLeafHash}).
 *
 * Nothing here throws on bad input except where documented ({@link MerkleAccumulator.push}):
 * generators return a {@link Result}, verifiers a {@link Verdict}, each naming what was wrong.
 */
import * as nodeCrypto from 'node:crypto';

/** Size of every hash in the tree, in bytes. */
export const HASH_BYTES = 32;
/** Root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT_HEX = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** A value, or the reason it could not be produced. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };
/** The outcome of a check: passed, or the reason it failed. */
export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };
/** A 32-byte hash, as bytes or as 64 hex characters. */
export type HashInput = Uint8Array | string;

const fail = (reason: string): { readonly ok: false; readonly reason: string } => ({ ok: false, reason });
const PASS: Verdict = { ok: true };
// One-shot hashing (node >= 20.12) is cheaper for these small inputs; older 20.x falls back.
const sha256: (data: Uint8Array) => Uint8Array = typeof nodeCrypto.hash === 'function'
  ? (data) => nodeCrypto.hash('sha256', data, 'buffer')
  : (data) => nodeCrypto.createHash('sha256').update(data).digest();
const leafScratch = Buffer.alloc(1 + HASH_BYTES, 0);
const nodeScratch = Buffer.alloc(1 + 2 * HASH_BYTES, 1);

/** RFC 6962 leaf hash: SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Uint8Array {
  if (data.length !== HASH_BYTES) return sha256(Buffer.concat([leafScratch.subarray(0, 1), data]));
  leafScratch.set(data, 1);
  return sha256(leafScratch);
}

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) {
    return sha256(Buffer.concat([nodeScratch.subarray(0, 1), left, right]));
  }
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_BYTES);
  return sha256(nodeScratch);
}

/** Root of the empty tree (a fresh copy). */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** Lowercase hex of some bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
/** Bytes of a hex string (either case), or undefined when it is not whole bytes of hex. */
export function hexToBytes(hex: string): Uint8Array | undefined {
  if (typeof hex !== 'string' || !HEX.test(hex)) return undefined;
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** Byte-wise equality. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

const describe = (v: unknown): string => {
  if (typeof v === 'string') return v.length > 80 ? `a string of ${v.length} characters` : JSON.stringify(v);
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : String(v);
};

/** Parses a 32-byte hash given as bytes or hex; `what` names it in the failure reason. */
export function parseHash(input: unknown, what: string): Result<Uint8Array> {
  if (input instanceof Uint8Array) {
    return input.length === HASH_BYTES ? { ok: true, value: input }
      : fail(`${what}: expected a ${HASH_BYTES}-byte hash, got ${input.length} bytes`);
  }
  const bytes = typeof input === 'string' && input.length === 2 * HASH_BYTES ? hexToBytes(input) : undefined;
  return bytes ? { ok: true, value: bytes }
    : fail(`${what}: expected a ${HASH_BYTES}-byte hash as bytes or ${2 * HASH_BYTES} hex characters, got ${describe(input)}`);
}

/** The tree leaf for an event: leafHash of the 32 raw bytes of the event's SHA-256 hash (hex). */
export function eventLeafHash(eventHashHex: string): Result<Uint8Array> {
  const parsed = parseHash(eventHashHex, 'event hash');
  return parsed.ok ? { ok: true, value: leafHash(parsed.value) } : parsed;
}

const sizeProblem = (v: unknown, what: string): string | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined
    : `${what}: expected a non-negative safe integer, got ${describe(v)}`;

/** Largest power of two strictly below n (n >= 2). */
const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const isPowerOfTwo = (n: number): boolean => {
  if (n < 1) return false;
  let x = n;
  while (x % 2 === 0) x /= 2;
  return x === 1;
};

/* Streaming core: peaks[level] holds the root of a complete subtree of 2^level leaves when bit
 * `level` of count is set. Folding the peaks from the smallest up gives the RFC 6962 root. */
function pushPeak(peaks: (Uint8Array | undefined)[], count: number, leaf: Uint8Array): void {
  let h = leaf;
  let n = count;
  let level = 0;
  while (n % 2 === 1) {
    h = nodeHash(peaks[level]!, h);
    peaks[level] = undefined;
    n = (n - 1) / 2;
    level += 1;
  }
  peaks[level] = h;
}

function foldPeaks(peaks: readonly (Uint8Array | undefined)[]): Uint8Array {
  let acc: Uint8Array | undefined;
  for (const peak of peaks) {
    if (peak !== undefined) acc = acc === undefined ? peak : nodeHash(peak, acc);
  }
  return acc ?? emptyRoot();
}

/** Root of leaves[lo, hi): O(hi - lo) hashing, O(log n) memory. Leaves are assumed checked. */
function rangeRoot(leaves: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
  if (hi - lo === 1) return new Uint8Array(leaves[lo]!);
  const peaks: (Uint8Array | undefined)[] = [];
  for (let i = lo; i < hi; i++) pushPeak(peaks, i - lo, leaves[i]!);
  return foldPeaks(peaks);
}

/**
 * Streaming root computation: push leaf hashes in order; memory is O(log n) whatever the count.
 * Roots at earlier sizes are kept only for the sizes named in `recordRootsAt`.
 */
export class MerkleAccumulator {
  readonly #peaks: (Uint8Array | undefined)[] = [];
  #size = 0;
  readonly #wanted: ReadonlySet<number>;
  readonly #recorded = new Map<number, Uint8Array>();

  /** @param options.recordRootsAt tree sizes whose roots {@link rootAt} should still know later. */
  constructor(options: { readonly recordRootsAt?: Iterable<number> } = {}) {
    this.#wanted = new Set(options.recordRootsAt ?? []);
    if (this.#wanted.has(0)) this.#recorded.set(0, emptyRoot());
  }

  /** Number of leaves pushed so far. */
  get size(): number {
    return this.#size;
  }

  /** Appends a leaf hash. Throws RangeError if it is not 32 bytes (a caller bug, nothing is added). */
  push(leaf: Uint8Array): void {
    if (!(leaf instanceof Uint8Array) || leaf.length !== HASH_BYTES) {
      throw new RangeError(`leaf ${this.#size}: expected a ${HASH_BYTES}-byte leaf hash, got ${describe(leaf)}`);
    }
    // a leaf that stays a peak is copied: callers may reuse their buffer
    pushPeak(this.#peaks, this.#size, this.#size % 2 === 0 ? new Uint8Array(leaf) : leaf);
    this.#size += 1;
    if (this.#wanted.has(this.#size)) this.#recorded.set(this.#size, this.root());
  }

  /** Appends a leaf by its raw data (hashed with {@link leafHash}). */
  pushData(data: Uint8Array): void {
    this.push(leafHash(data));
  }

  /** Root of the tree of all leaves pushed so far. O(log n). */
  root(): Uint8Array {
    return foldPeaks(this.#peaks);
  }

  /** Root at the current size, or at an earlier size that was asked for in `recordRootsAt`. */
  rootAt(size: number): Result<Uint8Array> {
    if (size === this.#size) return { ok: true, value: this.root() };
    const recorded = this.#recorded.get(size);
    if (recorded) return { ok: true, value: recorded };
    return fail(size > this.#size ? `tree size ${size} is beyond the ${this.#size} leaves pushed`
      : `the root at tree size ${size} was not recorded (pass it in recordRootsAt)`);
  }
}

function leavesProblem(leaves: readonly Uint8Array[], size: number): string | undefined {
  if (!Array.isArray(leaves)) return `leaf hashes: expected an array, got ${describe(leaves)}`;
  if (size > leaves.length) return `tree size ${size} is beyond the ${leaves.length} leaf hashes given`;
  for (let i = 0; i < size; i++) {
    const leaf = leaves[i];
    if (!(leaf instanceof Uint8Array) || leaf.length !== HASH_BYTES) {
      return `leaf hashes[${i}]: expected a ${HASH_BYTES}-byte hash, got ${describe(leaf)}`;
    }
  }
  return undefined;
}

/** Root of the tree of the first `size` leaf hashes (all of them by default). */
export function merkleRoot(leafHashes: readonly Uint8Array[], size?: number): Result<Uint8Array> {
  if (!Array.isArray(leafHashes)) return fail(`leaf hashes: expected an array, got ${describe(leafHashes)}`);
  if (size === undefined) size = leafHashes.length;
  const problem = sizeProblem(size, 'tree size') ?? leavesProblem(leafHashes, size);
  if (problem) return fail(problem);
  return { ok: true, value: size === 0 ? emptyRoot() : rangeRoot(leafHashes, 0, size) };
}

/** Audit path (RFC 6962 PATH) for leaf `index` in the tree of the first `size` leaf hashes. O(size). */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number, size: number): Result<Uint8Array[]> {
  const problem = sizeProblem(index, 'leaf index') ?? sizeProblem(size, 'tree size') ?? leavesProblem(leafHashes, size);
  if (problem) return fail(problem);
  if (index >= size) return fail(`leaf index ${index} is outside a tree of size ${size}`);
  const path: Uint8Array[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      path.push(rangeRoot(leafHashes, lo + k, hi));
      hi = lo + k;
    } else {
      path.push(rangeRoot(leafHashes, lo, lo + k));
      lo += k;
    }
  }
  return { ok: true, value: path.reverse() };
}

/**
 * Consistency proof (RFC 6962 PROOF) that the tree of the first `m` leaves is a prefix of the tree of
 * the first `n`. Empty when m == 0 or m == n. O(n).
 */
export function consistencyProof(leafHashes: readonly Uint8Array[], m: number, n: number): Result<Uint8Array[]> {
  const problem = sizeProblem(m, 'older tree size') ?? sizeProblem(n, 'newer tree size') ?? leavesProblem(leafHashes, n);
  if (problem) return fail(problem);
  if (m > n) return fail(`older tree size ${m} is larger than newer tree size ${n}`);
  const proof: Uint8Array[] = [];
  if (m === 0 || m === n) return { ok: true, value: proof };
  let lo = 0;
  let hi = n;
  let rest = m;
  let complete = true; // RFC 6962 SUBPROOF's b: the old tree is a complete subtree of this node
  while (rest !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (rest <= k) {
      proof.push(rangeRoot(leafHashes, lo + k, hi));
      hi = lo + k;
    } else {
      proof.push(rangeRoot(leafHashes, lo, lo + k));
      lo += k;
      rest -= k;
      complete = false;
    }
  }
  if (!complete) proof.push(rangeRoot(leafHashes, lo, hi));
  return { ok: true, value: proof.reverse() };
}

function parseProof(proof: unknown): Result<Uint8Array[]> {
  if (!Array.isArray(proof)) return fail(`proof: expected an array of hashes, got ${describe(proof)}`);
  const out: Uint8Array[] = [];
  for (let i = 0; i < proof.length; i++) {
    const node = parseHash(proof[i], `proof[${i}]`);
    if (!node.ok) return node;
    out.push(node.value);
  }
  return { ok: true, value: out };
}

/** Checks an audit path for a leaf hash at `index` in a tree of `size` leaves with root `root`. */
export function verifyInclusion(
  leaf: HashInput, index: number, size: number, proof: readonly HashInput[], root: HashInput,
): Verdict {
  const problem = sizeProblem(index, 'leaf index') ?? sizeProblem(size, 'tree size');
  if (problem) return fail(problem);
  if (index >= size) return fail(`leaf index ${index} is outside a tree of size ${size}`);
  const l = parseHash(leaf, 'leaf hash');
  if (!l.ok) return l;
  const r = parseHash(root, 'root');
  if (!r.ok) return r;
  const path = parseProof(proof);
  if (!path.ok) return path;
  let fn = index;
  let sn = size - 1;
  let acc = l.value;
  for (const p of path.value) {
    if (sn === 0) return fail(`proof has more nodes than leaf ${index} of a tree of size ${size} needs`);
    if (fn % 2 === 1 || fn === sn) {
      acc = nodeHash(p, acc);
      while (fn % 2 === 0 && fn !== 0) { fn /= 2; sn = Math.floor(sn / 2); }
    } else {
      acc = nodeHash(acc, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail(`proof has fewer nodes than leaf ${index} of a tree of size ${size} needs`);
  return equalBytes(acc, r.value) ? PASS : fail(`proof for leaf ${index} does not lead to the given root`);
}

/**
 * Checks that the tree of size `m` with root `rootM` is a prefix of the tree of size `n` with root
 * `rootN`. An empty proof is valid only when m == 0 (rootM must be the empty root) or m == n (roots equal).
 */
export function verifyConsistency(
  m: number, n: number, rootM: HashInput, rootN: HashInput, proof: readonly HashInput[],
): Verdict {
  const problem = sizeProblem(m, 'older tree size') ?? sizeProblem(n, 'newer tree size');
  if (problem) return fail(problem);
  if (m > n) return fail(`older tree size ${m} is larger than newer tree size ${n}: the log has shrunk`);
  const first = parseHash(rootM, 'older root');
  if (!first.ok) return first;
  const second = parseHash(rootN, 'newer root');
  if (!second.ok) return second;
  const parsed = parseProof(proof);
  if (!parsed.ok) return parsed;
  const path = parsed.value;
  if (m === 0) {
    if (bytesToHex(first.value) !== EMPTY_ROOT_HEX) return fail('older root: a tree of size 0 has the empty root');
    return path.length === 0 ? PASS : fail('proof: must be empty when the older tree size is 0');
  }
  if (m === n) {
    if (path.length !== 0) return fail('proof: must be empty when both tree sizes are equal');
    return equalBytes(first.value, second.value) ? PASS : fail(`roots differ for the same tree size ${m}`);
  }
  if (path.length === 0) return fail(`proof: empty, but tree sizes ${m} and ${n} differ`);
  const nodes = isPowerOfTwo(m) ? [first.value, ...path] : path;
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) { fn = (fn - 1) / 2; sn = Math.floor(sn / 2); }
  let fr = nodes[0]!;
  let sr = fr;
  for (let i = 1; i < nodes.length; i++) {
    const c = nodes[i]!;
    if (sn === 0) return fail(`proof has more nodes than sizes ${m} and ${n} need`);
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) { fn /= 2; sn = Math.floor(sn / 2); }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail(`proof has fewer nodes than sizes ${m} and ${n} need`);
  if (!equalBytes(fr, first.value)) return fail(`proof does not lead to the older root (size ${m})`);
  if (!equalBytes(sr, second.value)) return fail(`proof does not lead to the newer root (size ${n})`);
  return PASS;
}
