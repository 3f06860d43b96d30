/**
 * Signed notes in the C2SP signed-note format (https://c2sp.org/signed-note), with Ed25519 keys
 * through node:crypto only.
 *
 * A note is UTF-8 text ending in a newline, then a blank line, then one signature line per key:
 * `— <key name> <base64(4-byte key id || signature)>` (U+2014 and a space). The key id of a key is
 * the first 4 bytes of SHA-256(name || "\n" || type || public key); a verifier key is written
 * `<name>+<key id, 8 hex digits>+<base64(type || public key)>`. Type 0x01 is a plain Ed25519 note
 * signature; type 0x04 is a timestamped cosignature (see ./cosignature).
 *
 * Nothing here throws on bad input: parsers return a {@link NoteResult} naming what was wrong.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** A value, or the reason it could not be produced. */
export type NoteResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Signature type of a plain Ed25519 note signature. */
export const ED25519_TYPE = 0x01;
/** Signature type of an Ed25519 cosignature/v1 (C2SP tlog-cosignature). */
export const COSIGNATURE_V1_TYPE = 0x04;
/** The signature line prefix: an em dash (U+2014) and a space. */
export const SIGNATURE_PREFIX = '\u2014 ';
/** Most signature lines a note may carry (as Go's implementation). */
export const MAX_SIGNATURES = 100;

const fail = (reason: string): { readonly ok: false; readonly reason: string } => ({ ok: false, reason });
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX8 = /^[0-9a-f]{8}$/;

/** Standard (padded) base64, or undefined when the text is not exactly that. */
export const decodeBase64 = (text: string): Uint8Array | undefined =>
  BASE64.test(text) ? new Uint8Array(Buffer.from(text, 'base64')) : undefined;

/** Standard padded base64 of some bytes. */
export const encodeBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/**
 * A key name is non-empty and holds no '+' and no whitespace (Unicode spaces included), so that
 * verifier keys and signature lines parse back unambiguously.
 */
export const keyNameProblem = (name: string): string | undefined => {
  if (typeof name !== 'string' || name === '') return 'a key name must not be empty';
  if (name.includes('+')) return `key name ${JSON.stringify(name)} contains "+"`;
  if (/[\s\p{Z}\p{Cc}]/u.test(name)) return `key name ${JSON.stringify(name)} contains a space or a control character`;
  return undefined;
};

/** The 32-bit key id: the first 4 bytes of SHA-256(name || "\n" || type || public key), big-endian. */
export const noteKeyId = (name: string, type: number, publicKey: Uint8Array): number =>
  createHash('sha256').update(Buffer.from(`${name}\n`, 'utf8')).update(Uint8Array.of(type)).update(publicKey).digest().readUInt32BE(0);

/** A key id as the 8 lowercase hex digits of verifier keys. */
export const keyIdHex = (id: number): string => id.toString(16).padStart(8, '0');

/** The raw 32 bytes of an Ed25519 public key. */
export const rawPublicKey = (key: KeyObject): Uint8Array =>
  new Uint8Array(key.export({ type: 'spki', format: 'der' }).subarray(SPKI_ED25519_PREFIX.length));

/** An Ed25519 public key object from its raw 32 bytes. */
export const publicKeyFromRaw = (raw: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });

/** An Ed25519 private key object from its raw 32-byte seed. */
export const privateKeyFromSeed = (seed: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });

/** A public key as a note verifier would know it. */
export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  /** {@link ED25519_TYPE} or {@link COSIGNATURE_V1_TYPE}. */
  readonly type: number;
  /** The 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
}

/** Writes a verifier key: `<name>+<key id hex>+<base64(type || public key)>`. */
export const formatVerifierKey = (key: Pick<VerifierKey, 'name' | 'type' | 'publicKey'>): string =>
  `${key.name}+${keyIdHex(noteKeyId(key.name, key.type, key.publicKey))}+${encodeBase64(Uint8Array.of(key.type, ...key.publicKey))}`;

/** Parses a verifier key, checking that its key id matches its name, type and key. */
export const parseVerifierKey = (vkey: string): NoteResult<VerifierKey> => {
  const text = typeof vkey === 'string' ? vkey.trim() : '';
  // the base64 key may itself hold '+': split at the first two only
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) return fail(`verifier key: expected <name>+<key id>+<key>, got ${JSON.stringify(text.slice(0, 80))}`);
  const [name, idHex, keyB64] = [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
  const nameProblem = keyNameProblem(name);
  if (nameProblem) return fail(`verifier key: ${nameProblem}`);
  if (!HEX8.test(idHex)) return fail(`verifier key ${name}: the key id must be 8 lowercase hex digits, got ${JSON.stringify(idHex)}`);
  const bytes = decodeBase64(keyB64);
  if (bytes === undefined || bytes.length < 1) return fail(`verifier key ${name}: the key is not base64`);
  const type = bytes[0]!;
  if (type !== ED25519_TYPE && type !== COSIGNATURE_V1_TYPE) return fail(`verifier key ${name}: unknown key type 0x${type.toString(16).padStart(2, '0')}`);
  const publicKey = bytes.subarray(1);
  if (publicKey.length !== 32) return fail(`verifier key ${name}: an Ed25519 key has 32 bytes, got ${publicKey.length}`);
  const keyId = noteKeyId(name, type, publicKey);
  if (keyIdHex(keyId) !== idHex) return fail(`verifier key ${name}: key id ${idHex} does not match the key (expected ${keyIdHex(keyId)})`);
  try {
    publicKeyFromRaw(publicKey);
  } catch (x) {
    return fail(`verifier key ${name}: not an Ed25519 public key (${x instanceof Error ? x.message : String(x)})`);
  }
  return { ok: true, value: { name, keyId, type, publicKey: new Uint8Array(publicKey) } };
};

/** Something that signs notes under a key name. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  /** The bytes after the key id in the signature line, for the note text `text`. */
  signatureFor(text: string): Uint8Array;
}

/** A plain Ed25519 note signer (type 0x01) from a private key. */
export const ed25519Signer = (name: string, privateKey: KeyObject): NoteResult<NoteSigner> => {
  const problem = keyNameProblem(name);
  if (problem) return fail(problem);
  if (privateKey.asymmetricKeyType !== 'ed25519' || privateKey.type !== 'private') return fail('expected an Ed25519 private key');
  const keyId = noteKeyId(name, ED25519_TYPE, rawPublicKey(createPublicKey(privateKey)));
  return { ok: true, value: { name, keyId, type: ED25519_TYPE, signatureFor: (text) => new Uint8Array(sign(null, Buffer.from(text, 'utf8'), privateKey)) } };
};

/** Loads an Ed25519 private key from PKCS#8 PEM (as `audit keygen` writes it). */
export const privateKeyFromPem = (pem: string): NoteResult<KeyObject> => {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? { ok: true, value: key } : fail(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'another kind'}`);
  } catch (x) {
    return fail(`not an Ed25519 private key in PEM (${x instanceof Error ? x.message : String(x)})`);
  }
};

/**
 * Parses a signer key in the form of Go's note package: `PRIVATE+KEY+<name>+<key id>+<base64(type
 * || 32-byte seed)>` (type 0x01 only), so keys made by that tooling can sign here.
 */
export const parseSignerKey = (skey: string): NoteResult<NoteSigner> => {
  const text = skey.trim();
  if (!text.startsWith('PRIVATE+KEY+')) return fail('signer key: expected PRIVATE+KEY+<name>+<key id>+<key>');
  const parts = text.slice('PRIVATE+KEY+'.length).split('+');
  if (parts.length < 3) return fail('signer key: expected PRIVATE+KEY+<name>+<key id>+<key>');
  const [name, idHex] = parts as [string, string];
  const keyB64 = parts.slice(2).join('+');
  const bytes = decodeBase64(keyB64);
  if (bytes === undefined || bytes.length !== 33 || bytes[0] !== ED25519_TYPE) return fail(`signer key ${name}: expected base64 of 0x01 and a 32-byte seed`);
  const signer = ed25519Signer(name, privateKeyFromSeed(bytes.subarray(1)));
  if (!signer.ok) return signer;
  if (keyIdHex(signer.value.keyId) !== idHex) return fail(`signer key ${name}: key id ${idHex} does not match the key`);
  return signer;
};

/** One signature line of a note, parsed but not yet verified. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The bytes after the key id. */
  readonly signature: Uint8Array;
  /** The whole line, without its newline. */
  readonly line: string;
}

/** A note split into its text and signature lines. */
export interface ParsedNote {
  /** The signed text, ending in a newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

const textProblem = (text: string): string | undefined => {
  if (text === '' || !text.endsWith('\n')) return 'the note text must end with a newline';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x09\x0b-\x1f\x7f]/.test(text)) return 'the note text holds a control character other than newline';
  if (text.includes('\uFFFD')) return 'the note is not valid UTF-8';
  return undefined;
};

/** Parses one signature line (without its newline). */
export const parseSignatureLine = (line: string): NoteResult<NoteSignature> => {
  if (!line.startsWith(SIGNATURE_PREFIX)) return fail(`signature line does not start with "\u2014 ": ${JSON.stringify(line.slice(0, 60))}`);
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.lastIndexOf(' ');
  if (space <= 0) return fail(`signature line has no key name and signature: ${JSON.stringify(line.slice(0, 60))}`);
  const name = rest.slice(0, space);
  const problem = keyNameProblem(name);
  if (problem) return fail(`signature line: ${problem}`);
  const bytes = decodeBase64(rest.slice(space + 1));
  if (bytes === undefined || bytes.length < 5) return fail(`signature line of ${name}: the signature is not base64 of a key id and a signature`);
  const keyId = Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32BE(0);
  return { ok: true, value: { name, keyId, signature: bytes.subarray(4), line } };
};

/** Splits a signed note (bytes or text) into text and signature lines; a malformed note is a failure. */
export const parseNote = (note: string | Uint8Array): NoteResult<ParsedNote> => {
  const msg = typeof note === 'string' ? note : Buffer.from(note).toString('utf8');
  if (typeof note !== 'string' && !Buffer.from(msg, 'utf8').equals(Buffer.from(note))) return fail('the note is not valid UTF-8');
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) return fail('the note has no blank line before its signatures');
  const text = msg.slice(0, split + 1);
  const problem = textProblem(text);
  if (problem) return fail(problem);
  const block = msg.slice(split + 2);
  if (!block.endsWith('\n')) return fail('the signature block must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return fail(`the note has ${lines.length} signatures, more than ${MAX_SIGNATURES}`);
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const s = parseSignatureLine(line);
    if (!s.ok) return s;
    signatures.push(s.value);
  }
  return { ok: true, value: { text, signatures } };
};

/** Signs a text with each signer and returns the note: text, blank line, signature lines. */
export const signNote = (text: string, signers: readonly NoteSigner[]): NoteResult<string> => {
  const problem = textProblem(text);
  if (problem) return fail(problem);
  if (signers.length === 0) return fail('at least one signer is needed');
  const lines = signers.map((s) => {
    const id = Buffer.alloc(4);
    id.writeUInt32BE(s.keyId);
    return `${SIGNATURE_PREFIX}${s.name} ${encodeBase64(Buffer.concat([id, s.signatureFor(text)]))}\n`;
  });
  return { ok: true, value: `${text}\n${lines.join('')}` };
};

/** The signed message and signature bytes of one signature line, as its key type defines them. */
export const verifyNoteSignature = (key: VerifierKey, text: string, signature: Uint8Array): NoteResult<{ readonly timestamp?: number }> => {
  let message = Buffer.from(text, 'utf8');
  let sig = signature;
  let timestamp: number | undefined;
  if (key.type === COSIGNATURE_V1_TYPE) {
    if (signature.length !== 8 + 64) return fail(`cosignature of ${key.name}: expected 72 bytes after the key id, got ${signature.length}`);
    const t = Buffer.from(signature.buffer, signature.byteOffset, 8).readBigUInt64BE(0);
    if (t > BigInt(Number.MAX_SAFE_INTEGER)) return fail(`cosignature of ${key.name}: timestamp ${t} is out of range`);
    timestamp = Number(t);
    message = Buffer.concat([Buffer.from(`cosignature/v1\ntime ${t}\n`, 'utf8'), message]);
    sig = signature.subarray(8);
  } else if (signature.length !== 64) {
    return fail(`signature of ${key.name}: expected 64 bytes after the key id, got ${signature.length}`);
  }
  let valid = false;
  try {
    valid = verify(null, message, publicKeyFromRaw(key.publicKey), sig);
  } catch {
    valid = false;
  }
  if (!valid) return fail(`the signature of ${key.name} (key id ${keyIdHex(key.keyId)}) does not verify`);
  return { ok: true, value: timestamp === undefined ? {} : { timestamp } };
};

/** A signature line that verified with a known key. */
export interface VerifiedSignature {
  readonly key: VerifierKey;
  readonly line: string;
  /** Cosignatures: the POSIX time the cosigner signed at. */
  readonly timestamp?: number;
}

/** A note whose signatures were checked against a set of known keys. */
export interface OpenedNote {
  readonly text: string;
  /** The signatures by known keys, each valid. */
  readonly verified: readonly VerifiedSignature[];
  /** The signature lines by keys not known (ignored, as the specification requires). */
  readonly unknown: readonly NoteSignature[];
}

/**
 * Checks a note against known verifier keys. A signature by a known key (same name and key id)
 * that does not verify is a failure; signatures by unknown keys are set aside; a note with no
 * valid signature by a known key is a failure.
 */
export const openNote = (note: string | Uint8Array, keys: readonly VerifierKey[]): NoteResult<OpenedNote> => {
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const verified: VerifiedSignature[] = [];
  const unknown: NoteSignature[] = [];
  for (const s of parsed.value.signatures) {
    const key = keys.find((k) => k.name === s.name && k.keyId === s.keyId);
    if (key === undefined) { unknown.push(s); continue; }
    const checked = verifyNoteSignature(key, parsed.value.text, s.signature);
    if (!checked.ok) return checked;
    verified.push({ key, line: s.line, ...checked.value });
  }
  if (verified.length === 0) {
    const names = parsed.value.signatures.map((s) => `${s.name}+${keyIdHex(s.keyId)}`).join(', ');
    return fail(`no signature by a known key (the note is signed by ${names || 'nobody'})`);
  }
  return { ok: true, value: { text: parsed.value.text, verified, unknown } };
};
