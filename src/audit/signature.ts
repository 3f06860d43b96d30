/**
 * Ed25519 signatures over tree-head digests (node:crypto only).
 *
 * The signed bytes are the canonical JSON of the digest without `signature`: keys sorted, no
 * whitespace, UTF-8 — `{"createdAt":…,"lastPosition":…,"rootHash":…,"treeSize":…}`. The key id is
 * not covered by the signature; it only tells a verifier which public key to try.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** A tree head: the Merkle root over the first `treeSize` event hashes in global order. */
export interface Digest {
  /** Number of events (leaves) covered. */
  readonly treeSize: number;
  /** Merkle root, 64 lowercase hex characters. */
  readonly rootHash: string;
  /** Global position of the last event covered, as a decimal string. */
  readonly lastPosition: string;
  /** When the digest was made, ISO 8601. */
  readonly createdAt: string;
}

/** An Ed25519 signature over a digest. */
export interface DigestSignature {
  readonly alg: 'Ed25519';
  /** Names the signing key; see {@link keyIdOf}. Not itself signed. */
  readonly keyId: string;
  /** The 64-byte signature, base64. */
  readonly value: string;
}

/** A digest, optionally signed. */
export type SignedDigest = Digest & { readonly signature?: DigestSignature };

/** A value, or the reason it could not be produced. */
export type SignatureResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Outcome of {@link verifyDigestSignature}. */
export type SignatureCheck = { readonly ok: true; readonly keyId: string } | { readonly ok: false; readonly reason: string };

/** A freshly generated Ed25519 key pair, as PEM (SPKI public, PKCS#8 private), with its key id. */
export interface SigningKeyPair {
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
  readonly keyId: string;
}

const fail = (reason: string): { readonly ok: false; readonly reason: string } => ({ ok: false, reason });

const show = (v: unknown): string => {
  if (typeof v === 'string') return v.length > 80 ? `a string of ${v.length} characters` : JSON.stringify(v);
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : String(v);
};

const DIGEST_FIELDS = ['createdAt', 'lastPosition', 'rootHash', 'treeSize'] as const;
const ROOT_HASH = /^[0-9a-f]{64}$/;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const BASE64_64_BYTES = /^[A-Za-z0-9+/]{85}[AQgw]==$/;
const KEY_ID = /^[\x21-\x7e]{1,128}$/;

/** Checks the digest's shape; names the first field that is wrong. */
function digestProblem(d: unknown): string | undefined {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return `digest: expected an object, got ${show(d)}`;
  const r = d as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (key !== 'signature' && !(DIGEST_FIELDS as readonly string[]).includes(key)) return `digest.${key}: unexpected field`;
  }
  const { treeSize, rootHash, lastPosition, createdAt } = r;
  if (typeof treeSize !== 'number' || !Number.isSafeInteger(treeSize) || treeSize < 0) {
    return `digest.treeSize: expected a non-negative safe integer, got ${show(treeSize)}`;
  }
  if (typeof rootHash !== 'string' || !ROOT_HASH.test(rootHash)) {
    return `digest.rootHash: expected 64 lowercase hex characters, got ${show(rootHash)}`;
  }
  if (typeof lastPosition !== 'string' || !DECIMAL.test(lastPosition)) {
    return `digest.lastPosition: expected a non-negative decimal integer string, got ${show(lastPosition)}`;
  }
  if (typeof createdAt !== 'string' || !ISO_TIME.test(createdAt) || Number.isNaN(Date.parse(createdAt))) {
    return `digest.createdAt: expected an ISO 8601 timestamp, got ${show(createdAt)}`;
  }
  return undefined;
}

/** Canonical JSON of a flat object of strings and integers: keys sorted, no whitespace. */
function canonicalFlat(fields: Readonly<Record<string, string | number>>): string {
  const parts = Object.keys(fields).sort().map((k) => {
    const v = fields[k]!;
    return `${JSON.stringify(k)}:${typeof v === 'number' ? String(v) : JSON.stringify(v)}`;
  });
  return `{${parts.join(',')}}`;
}

/** The exact text that is signed for a digest (its `signature`, if any, left out). */
export function canonicalDigestJson(digest: Digest): SignatureResult<string> {
  const problem = digestProblem(digest);
  if (problem) return fail(problem);
  const { treeSize, rootHash, lastPosition, createdAt } = digest;
  return { ok: true, value: canonicalFlat({ treeSize, rootHash, lastPosition, createdAt }) };
}

function loadKey(pem: unknown, kind: 'public' | 'private'): SignatureResult<KeyObject> {
  const what = `${kind} key`;
  if (typeof pem !== 'string' || pem.trim() === '') return fail(`${what}: expected a PEM string, got ${show(pem)}`);
  if (kind === 'public' && /PRIVATE KEY-----/.test(pem)) {
    return fail(`${what}: got a private key PEM; give the public key (never hand out the private one)`);
  }
  if (!pem.includes('-----BEGIN ')) return fail(`${what}: not PEM (no "-----BEGIN" line)`);
  let key: KeyObject;
  try {
    key = kind === 'public' ? createPublicKey(pem) : createPrivateKey(pem);
  } catch (e) {
    return fail(`${what}: malformed PEM (${e instanceof Error ? e.message : String(e)})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') return fail(`${what}: expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'a non-asymmetric key'}`);
  return { ok: true, value: key };
}

const idOfKey = (publicKey: KeyObject): string =>
  createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);

/** Key id of a public key: the first 16 hex characters of SHA-256 over its DER SubjectPublicKeyInfo. */
export function keyIdOf(publicKeyPem: string): SignatureResult<string> {
  const key = loadKey(publicKeyPem, 'public');
  return key.ok ? { ok: true, value: idOfKey(key.value) } : key;
}

/** Generates an Ed25519 key pair for signing digests. */
export function generateSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    keyId: idOfKey(publicKey),
  };
}

/**
 * Signs a digest with an Ed25519 private key (PKCS#8 PEM). The key id defaults to {@link keyIdOf}
 * of the matching public key. Any existing signature on the input is replaced.
 */
export function signDigest(digest: Digest, privateKeyPem: string, keyId?: string): SignatureResult<SignedDigest> {
  const text = canonicalDigestJson(digest);
  if (!text.ok) return text;
  const key = loadKey(privateKeyPem, 'private');
  if (!key.ok) return key;
  const id = keyId ?? idOfKey(createPublicKey(key.value));
  if (typeof id !== 'string' || !KEY_ID.test(id)) return fail(`keyId: expected 1-128 printable characters without spaces, got ${show(id)}`);
  const value = sign(null, Buffer.from(text.value, 'utf8'), key.value).toString('base64');
  const { treeSize, rootHash, lastPosition, createdAt } = digest;
  return { ok: true, value: { treeSize, rootHash, lastPosition, createdAt, signature: { alg: 'Ed25519', keyId: id, value } } };
}

function signatureProblem(s: unknown): string | undefined {
  if (s === undefined) return 'digest is not signed';
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return `signature: expected an object, got ${show(s)}`;
  const { alg, keyId, value, ...rest } = s as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) return `signature.${extra}: unexpected field`;
  if (alg !== 'Ed25519') return `signature.alg: expected "Ed25519", got ${show(alg)}`;
  if (typeof keyId !== 'string' || !KEY_ID.test(keyId)) return `signature.keyId: expected 1-128 printable characters without spaces, got ${show(keyId)}`;
  if (typeof value !== 'string' || !BASE64_64_BYTES.test(value)) {
    return `signature.value: expected the base64 of a 64-byte Ed25519 signature, got ${show(value)}`;
  }
  return undefined;
}

/**
 * Checks a signed digest against a public key (SPKI PEM). Never throws: a malformed digest,
 * signature or key is a failure naming what was wrong.
 */
export function verifyDigestSignature(signed: SignedDigest, publicKeyPem: string): SignatureCheck {
  const text = canonicalDigestJson(signed);
  if (!text.ok) return text;
  const problem = signatureProblem(signed.signature);
  if (problem) return fail(problem);
  const { keyId, value } = signed.signature!;
  const key = loadKey(publicKeyPem, 'public');
  if (!key.ok) return key;
  let valid: boolean;
  try {
    valid = verify(null, Buffer.from(text.value, 'utf8'), key.value, Buffer.from(value, 'base64'));
  } catch (e) {
    return fail(`signature: could not be checked (${e instanceof Error ? e.message : String(e)})`);
  }
  return valid ? { ok: true, keyId }
    : fail(`signature (key id ${keyId}) does not match this digest under the given public key (key id ${idOfKey(key.value)})`);
}
