/**
 * Cosignatures in the C2SP tlog-cosignature/v1 form (https://c2sp.org/tlog-cosignature), Ed25519:
 * key type 0x04; the cosigner signs `cosignature/v1\ntime <unix seconds>\n` followed by the whole
 * checkpoint text; the signature line carries key id || 8-byte big-endian timestamp || signature.
 */
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { COSIGNATURE_V1_TYPE, keyNameProblem, noteKeyId, rawPublicKey, SIGNATURE_PREFIX, encodeBase64, type NoteResult, type NoteSigner } from './note';

const fail = (reason: string): { readonly ok: false; readonly reason: string } => ({ ok: false, reason });

/** The message a cosigner signs for a checkpoint text at a POSIX time (seconds). */
export const cosignedMessage = (checkpointText: string, timestamp: number): Buffer =>
  Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`, 'utf8');

/** A cosigner: a witness key (type 0x04) and its name. */
export interface Cosigner extends NoteSigner {
  /** The cosignature line (without newline) for a checkpoint text at a time (default: now). */
  cosign(checkpointText: string, timestamp?: number): string;
}

/**
 * A cosigner from an Ed25519 private key. `now` gives the time in seconds (default: the clock).
 * Use a key for one cosigner only: the v1 message does not commit to the cosigner's name.
 */
export const ed25519Cosigner = (name: string, privateKey: KeyObject, now: () => number = () => Math.floor(Date.now() / 1000)): NoteResult<Cosigner> => {
  const problem = keyNameProblem(name);
  if (problem) return fail(problem);
  if (privateKey.asymmetricKeyType !== 'ed25519' || privateKey.type !== 'private') return fail('expected an Ed25519 private key');
  const keyId = noteKeyId(name, COSIGNATURE_V1_TYPE, rawPublicKey(createPublicKey(privateKey)));
  const signatureFor = (text: string, timestamp = now()): Uint8Array => {
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`cosignature time: expected whole seconds >= 0, got ${timestamp}`);
    const t = Buffer.alloc(8);
    t.writeBigUInt64BE(BigInt(timestamp));
    return new Uint8Array(Buffer.concat([t, sign(null, cosignedMessage(text, timestamp), privateKey)]));
  };
  const cosign = (text: string, timestamp?: number): string => {
    const id = Buffer.alloc(4);
    id.writeUInt32BE(keyId);
    return `${SIGNATURE_PREFIX}${name} ${encodeBase64(Buffer.concat([id, signatureFor(text, timestamp)]))}`;
  };
  return { ok: true, value: { name, keyId, type: COSIGNATURE_V1_TYPE, signatureFor: (text) => signatureFor(text), cosign } };
};

/** Adds signature lines (e.g. cosignatures a witness returned) to a signed note, skipping duplicates. */
export const addSignatureLines = (note: string, lines: readonly string[]): string => {
  const have = new Set(note.slice(note.lastIndexOf('\n\n') + 2).split('\n').filter(Boolean));
  const fresh = lines.map((l) => l.replace(/\n$/, '')).filter((l) => l !== '' && !have.has(l));
  return note + fresh.map((l) => `${l}\n`).join('');
};
