/**
 * Digests: an RFC 6962 tree head over every event hash in global order, built streaming (memory
 * O(log n)), optionally signed with Ed25519. Keep one outside the system (hand it to the auditors
 * or a higher court): later, {@link verifyStore} or the offline file verifier checks that the trail
 * still holds everything it covered, which catches removed tails and removed streams.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { errors, type LedgerError, type ValidationFailed } from '../eventsourcing/errors';
import type { EventStore } from '../eventsourcing/store';
import { asLedgerError } from './failure';
import * as crypto from 'node:crypto';
import { bytesToHex, EMPTY_ROOT_HEX, leafHash, MerkleAccumulator } from './merkle';
import { signDigest, type Digest, type SignedDigest } from './signature';

/** How to sign a digest. */
export interface SignWith {
  /** Ed25519 private key, PKCS#8 PEM. */
  readonly privateKeyPem: string;
  /** Defaults to the key id of the matching public key. */
  readonly keyId?: string;
}

/** Options of {@link createDigest}. */
export interface DigestOptions {
  /** The digest's `createdAt`. Default: now. */
  readonly at?: string | Date;
  readonly signWith?: SignWith;
}

/** An event's position and hash, as the digest sees it. */
export interface HashedPosition {
  readonly position: bigint;
  readonly hash: string;
}

/** Every event's position and hash in global order; from the stored bytes' records when the store has them. */
export const eventHashes = (store: EventStore): AsyncIterable<HashedPosition> => (store.readRaw ? store.readRaw() : store.readAll());

const HEX64 = /^[0-9a-fA-F]{64}$/;
const leafScratch = Buffer.alloc(33); // 0x00 || 32 bytes of the event hash
const oneShot = (crypto as { hash?: (alg: string, data: Uint8Array, enc: 'buffer') => Buffer }).hash;

/** The RFC 6962 leaf of an event hash: SHA-256(0x00 || hash bytes); a malformed hash still yields a distinct leaf. */
export const leafOfEventHash = (hash: string): Uint8Array => {
  if (typeof hash !== 'string' || !HEX64.test(hash)) return leafHash(Buffer.from(String(hash), 'utf8'));
  leafScratch.write(hash, 1, 'hex');
  return oneShot ? oneShot('sha256', leafScratch, 'buffer') : crypto.createHash('sha256').update(leafScratch).digest();
};

/** Checks the digest options before any reading: the time, and that the key can sign. */
export const prepareDigest = (options: DigestOptions): E.Either<ValidationFailed, (d: Digest) => SignedDigest> => {
  const at = options.at === undefined ? undefined : options.at instanceof Date ? options.at : new Date(options.at);
  if (at !== undefined && Number.isNaN(at.getTime())) {
    return E.left(errors.validation([{ path: 'at', message: `expected an ISO date-time or a valid Date, got ${JSON.stringify(String(options.at))}` }]));
  }
  const sign = options.signWith;
  if (sign !== undefined) {
    const trial = signDigest({ treeSize: 0, rootHash: EMPTY_ROOT_HEX, lastPosition: '0', createdAt: new Date(0).toISOString() }, sign.privateKeyPem, sign.keyId);
    if (!trial.ok) return E.left(errors.validation([{ path: 'signWith', message: trial.reason }]));
  }
  return E.right((d) => {
    const digest = { ...d, createdAt: (at ?? new Date()).toISOString() };
    if (sign === undefined) return digest;
    const signed = signDigest(digest, sign.privateKeyPem, sign.keyId);
    if (!signed.ok) throw new Error(`signing failed after the key was checked: ${signed.reason}`);
    return signed.value;
  });
};

/** Accumulates a digest one event at a time. */
export class DigestBuilder {
  readonly #acc = new MerkleAccumulator();
  #lastPosition: bigint | undefined;

  /** Adds the next event (in global order). */
  push(e: HashedPosition): void {
    this.#acc.push(leafOfEventHash(e.hash));
    this.#lastPosition = e.position;
  }

  /** The unsigned digest so far (createdAt left empty for the caller to fix). */
  head(): Digest {
    return { treeSize: this.#acc.size, rootHash: bytesToHex(this.#acc.root()), lastPosition: (this.#lastPosition ?? 0n).toString(), createdAt: '' };
  }
}

/**
 * The digest of the whole trail now: tree size, root, last position, creation time, and an Ed25519
 * signature when `signWith` is given. An empty trail has the empty root and last position "0".
 */
export const createDigest = (store: EventStore, options: DigestOptions = {}): TaskEither<LedgerError, SignedDigest> => async () => {
  const finish = prepareDigest(options);
  if (E.isLeft(finish)) return finish;
  const builder = new DigestBuilder();
  try {
    for await (const e of eventHashes(store)) builder.push(e);
  } catch (x) {
    return E.left(asLedgerError(x));
  }
  return E.right(finish.right(builder.head()));
};
