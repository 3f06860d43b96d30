import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, leafHash, merkleRoot } from '../../src/audit/merkle';
import {
  canonicalDigestJson, generateSigningKeyPair, keyIdOf, signDigest, verifyDigestSignature,
  type Digest, type SignatureResult, type SignedDigest,
} from '../../src/audit/signature';

const unwrap = <T>(r: SignatureResult<T>): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const rootOf = (n: number): string => {
  const root = merkleRoot(Array.from({ length: n }, (_, i) => leafHash(Uint8Array.of(i % 256, i >> 8))));
  if (!root.ok) throw new Error(root.reason);
  return bytesToHex(root.value);
};
const digest: Digest = { treeSize: 5, rootHash: rootOf(5), lastPosition: '1234567890123456789', createdAt: '2025-03-01T08:00:00.000Z' };
const keys = generateSigningKeyPair();
const other = generateSigningKeyPair();
const signed = unwrap(signDigest(digest, keys.privateKeyPem));
const failure = (reason: RegExp) => ({ ok: false, reason: expect.stringMatching(reason) });

describe('canonical form', () => {
  it('is the sorted, whitespace-free JSON of the four fields, without the signature', () => {
    const expected = `{"createdAt":"2025-03-01T08:00:00.000Z","lastPosition":"1234567890123456789","rootHash":"${digest.rootHash}","treeSize":5}`;
    expect(unwrap(canonicalDigestJson(digest))).toBe(expected);
    expect(unwrap(canonicalDigestJson(signed))).toBe(expected);
    const reordered = { createdAt: digest.createdAt, treeSize: 5, lastPosition: digest.lastPosition, rootHash: digest.rootHash };
    expect(unwrap(canonicalDigestJson(reordered))).toBe(expected);
  });

  it('the signature is an Ed25519 signature over exactly those UTF-8 bytes', () => {
    const bytes = Buffer.from(unwrap(canonicalDigestJson(digest)), 'utf8');
    expect(verify(null, bytes, createPublicKey(keys.publicKeyPem), Buffer.from(signed.signature!.value, 'base64'))).toBe(true);
    expect(Buffer.from(signed.signature!.value, 'base64')).toHaveLength(64);
  });

  it('refuses malformed digests, naming the field', () => {
    const bad: [unknown, RegExp][] = [
      [null, /^digest: expected an object/],
      [{ ...digest, treeSize: -1 }, /^digest\.treeSize: .*-1/],
      [{ ...digest, treeSize: 1.5 }, /^digest\.treeSize/],
      [{ ...digest, treeSize: '5' }, /^digest\.treeSize/],
      [{ ...digest, rootHash: digest.rootHash.toUpperCase() }, /^digest\.rootHash/],
      [{ ...digest, rootHash: digest.rootHash.slice(2) }, /^digest\.rootHash/],
      [{ ...digest, lastPosition: 12 }, /^digest\.lastPosition/],
      [{ ...digest, lastPosition: '-1' }, /^digest\.lastPosition/],
      [{ ...digest, lastPosition: '012' }, /^digest\.lastPosition/],
      [{ ...digest, createdAt: 'yesterday' }, /^digest\.createdAt: .*"yesterday"/],
      [{ ...digest, createdAt: '2025-03-01' }, /^digest\.createdAt/],
      [{ ...digest, note: 'x' }, /^digest\.note: unexpected field/],
    ];
    for (const [d, reason] of bad) {
      expect(canonicalDigestJson(d as Digest)).toEqual(failure(reason));
      expect(signDigest(d as Digest, keys.privateKeyPem)).toEqual(failure(reason));
      const withSignature = d === null ? d : { ...(d as object), signature: signed.signature };
      expect(verifyDigestSignature(withSignature as SignedDigest, keys.publicKeyPem)).toEqual(failure(reason));
    }
  });
});

describe('key ids and key pairs', () => {
  it('keyIdOf is 16 hex characters, stable, and differs between keys', () => {
    expect(unwrap(keyIdOf(keys.publicKeyPem))).toMatch(/^[0-9a-f]{16}$/);
    expect(unwrap(keyIdOf(keys.publicKeyPem))).toBe(keys.keyId);
    expect(keys.keyId).not.toBe(other.keyId);
    expect(signed.signature!.keyId).toBe(keys.keyId);
  });

  it('an explicit key id is carried as given', () => {
    const s = unwrap(signDigest(digest, keys.privateKeyPem, 'court-2025-a'));
    expect(verifyDigestSignature(s, keys.publicKeyPem)).toEqual({ ok: true, keyId: 'court-2025-a' });
    expect(signDigest(digest, keys.privateKeyPem, '')).toEqual(failure(/^keyId: /));
    expect(signDigest(digest, keys.privateKeyPem, 'has space')).toEqual(failure(/^keyId: /));
  });
});

describe('verification', () => {
  it('a valid signature verifies and reports its key id', () => {
    expect(verifyDigestSignature(signed, keys.publicKeyPem)).toEqual({ ok: true, keyId: keys.keyId });
    const roundTripped = JSON.parse(JSON.stringify(signed)) as SignedDigest;
    expect(verifyDigestSignature(roundTripped, keys.publicKeyPem)).toEqual({ ok: true, keyId: keys.keyId });
  });

  it('any changed digest field is rejected', () => {
    const changed: SignedDigest[] = [
      { ...signed, treeSize: 4 },
      { ...signed, treeSize: 6 },
      { ...signed, rootHash: rootOf(4) },
      { ...signed, lastPosition: '1234567890123456788' },
      { ...signed, createdAt: '2025-03-01T08:00:00.001Z' },
    ];
    for (const c of changed) expect(verifyDigestSignature(c, keys.publicKeyPem)).toEqual(failure(/does not match this digest/));
  });

  it('a changed, truncated or foreign signature is rejected', () => {
    const sig = signed.signature!;
    const raw = Buffer.from(sig.value, 'base64');
    for (let i = 0; i < raw.length; i += 7) {
      const flipped = Buffer.from(raw);
      flipped[i]! ^= 0x01;
      expect(verifyDigestSignature({ ...signed, signature: { ...sig, value: flipped.toString('base64') } }, keys.publicKeyPem).ok).toBe(false);
    }
    const otherSig = unwrap(signDigest(digest, other.privateKeyPem)).signature!;
    expect(verifyDigestSignature({ ...signed, signature: otherSig }, keys.publicKeyPem)).toEqual(failure(/does not match/));
    expect(verifyDigestSignature(signed, other.publicKeyPem)).toEqual(failure(new RegExp(`key id ${other.keyId}`)));
    const malformed: [unknown, RegExp][] = [
      [undefined, /^digest is not signed$/],
      ['sig', /^signature: expected an object/],
      [{ ...sig, alg: 'RS256' }, /^signature\.alg: .*"RS256"/],
      [{ ...sig, keyId: 7 }, /^signature\.keyId/],
      [{ ...sig, value: raw.subarray(0, 63).toString('base64') }, /^signature\.value: /],
      [{ ...sig, value: `${sig.value.slice(0, -3)}!==` }, /^signature\.value: /],
      [{ ...sig, value: '' }, /^signature\.value: /],
      [{ ...sig, extra: 1 }, /^signature\.extra: unexpected field/],
    ];
    for (const [s, reason] of malformed) {
      expect(verifyDigestSignature({ ...digest, signature: s } as SignedDigest, keys.publicKeyPem)).toEqual(failure(reason));
    }
  });

  it('every single-field change of random digests is rejected', () => {
    const digestArb = fc.record({
      treeSize: fc.nat(),
      rootHash: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(bytesToHex),
      lastPosition: fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String),
      createdAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    });
    fc.assert(fc.property(digestArb, digestArb, fc.constantFrom(...(['treeSize', 'rootHash', 'lastPosition', 'createdAt'] as const)), (d, e, field) => {
      const s = unwrap(signDigest(d, keys.privateKeyPem));
      expect(verifyDigestSignature(s, keys.publicKeyPem)).toEqual({ ok: true, keyId: keys.keyId });
      fc.pre(d[field] !== e[field]);
      expect(verifyDigestSignature({ ...s, [field]: e[field] }, keys.publicKeyPem).ok).toBe(false);
    }), { numRuns: 60 });
  });
});

describe('malformed keys give a clear failure, never a throw', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const rsaPublic = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const rsaPrivate = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const [head, body, ...tail] = keys.publicKeyPem.split('\n');
  const garbled = [head, body!.slice(0, 40), ...tail].join('\n');

  it('for verification', () => {
    const cases: [unknown, RegExp][] = [
      ['', /^public key: expected a PEM string/],
      [undefined, /^public key: expected a PEM string/],
      ['hello', /^public key: not PEM/],
      [garbled, /^public key: malformed PEM/],
      ['-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n', /^public key: malformed PEM/],
      [keys.privateKeyPem, /^public key: got a private key PEM/],
      [rsaPublic, /^public key: expected an Ed25519 key, got rsa/],
    ];
    for (const [pem, reason] of cases) {
      expect(verifyDigestSignature(signed, pem as string)).toEqual(failure(reason));
      expect(keyIdOf(pem as string)).toEqual(failure(reason));
    }
  });

  it('for signing', () => {
    expect(signDigest(digest, 'not a key')).toEqual(failure(/^private key: not PEM/));
    expect(signDigest(digest, keys.publicKeyPem)).toEqual(failure(/^private key: malformed PEM/));
    expect(signDigest(digest, rsaPrivate)).toEqual(failure(/^private key: expected an Ed25519 key, got rsa/));
  });
});
