/** `audit digest` (the Merkle tree head of the trail, optionally signed) and `audit keygen`. */
import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { createDigest } from '../../audit/digest';
import { COSIGNATURE_V1_TYPE, ED25519_TYPE, formatVerifierKey, keyNameProblem, rawPublicKey } from '../../audit/note';
import { generateSigningKeyPair } from '../../audit/signature';
import { flag, required, str, write, type Command } from '../command';
import { parseDateOption } from '../dates';
import { usageError } from '../errors';
import { pathOf, readTextOption, writeFileAtomic } from '../files';
import { withStore } from '../open-store';
import { renderJson } from '../output';
import { countReads, createProgress } from '../progress';
import { fromAuditError } from './audit-common';
import { storeOptions, storeSpecOf } from './common';

const DIGEST = 'audit digest';
const KEYGEN = 'audit keygen';

/** The `audit digest` command. */
export const auditDigestCommand: Command = {
  name: DIGEST,
  summary: 'write the digest of the trail (RFC 6962 Merkle tree head over every event hash), optionally signed',
  usage: 'audit digest --store S --out DIGEST.json [--sign-key KEY.pem] [--key-id ID] [--at DATE]',
  details: [
    'Hand the digest to someone outside the system (the auditors, a higher court). Later,',
    '`audit verify --against DIGEST.json` proves the trail still holds every event it covered.',
  ].join('\n'),
  options: {
    ...storeOptions,
    out: { type: 'string', value: 'DIGEST.json', description: 'where to write the digest (- for standard output)' },
    'sign-key': { type: 'string', value: 'KEY.pem', description: 'sign with this Ed25519 private key (PKCS#8 PEM; see audit keygen)' },
    'key-id': { type: 'string', value: 'ID', description: 'the key id to record (default: derived from the public key)' },
    at: { type: 'string', value: 'DATE', description: "the digest's createdAt (default: now)" },
  },
  async run(values, io) {
    const out = required(values, 'out', DIGEST);
    const keyPath = str(values, 'sign-key');
    const keyId = str(values, 'key-id');
    if (keyId !== undefined && keyPath === undefined) throw usageError('--key-id needs --sign-key', DIGEST);
    const at = str(values, 'at');
    const spec = storeSpecOf(values, io, DIGEST);
    const signWith = keyPath === undefined ? undefined
      : { privateKeyPem: readTextOption(pathOf(keyPath, io.cwd), 'sign-key', DIGEST), ...(keyId === undefined ? {} : { keyId }) };
    const progress = createProgress(io.stderr, 'hashing');
    const digest = await withStore(spec, { mode: 'read', command: DIGEST }, async ({ store }) => {
      const made = await createDigest(countReads(store, progress), {
        ...(at === undefined ? {} : { at: parseDateOption(at, 'at', DIGEST) }),
        ...(signWith === undefined ? {} : { signWith }),
      })();
      progress.finish();
      if (E.isLeft(made)) throw fromAuditError(made.left, DIGEST);
      return made.right;
    });
    const text = renderJson(digest);
    if (out === '-') {
      await write(io.stdout, text);
    } else {
      writeFileAtomic(pathOf(out, io.cwd), text);
      await write(io.stdout, `digest of ${digest.treeSize} events (root ${digest.rootHash}${digest.signature ? `, signed by key ${digest.signature.keyId}` : ''}) written to ${out}\n`);
    }
    return 0;
  },
};

/** The `audit keygen` command. */
export const auditKeygenCommand: Command = {
  name: KEYGEN,
  summary: 'make an Ed25519 key pair for signing digests and checkpoints, or a witness key',
  usage: 'audit keygen --private KEY.pem --public PUB.pem [--note-name NAME --vkey FILE] [--cosigner] [--force]',
  details: [
    'Keep the private key with whoever signs; give the public key to the auditors. With --note-name, also',
    'write the verifier key in C2SP note form (NAME+KEYID+KEY) that checks checkpoints; --cosigner makes',
    "it a witness's cosigning key (type 0x04) instead of a log key (type 0x01).",
  ].join('\n'),
  options: {
    private: { type: 'string', value: 'KEY.pem', description: 'where to write the private key (PKCS#8 PEM, mode 600)' },
    public: { type: 'string', value: 'PUB.pem', description: 'where to write the public key (SPKI PEM)' },
    'note-name': { type: 'string', value: 'NAME', description: 'the key name in notes, e.g. court-a.example/log' },
    vkey: { type: 'string', value: 'FILE', description: 'where to write the verifier key in note form (needs --note-name)' },
    cosigner: { type: 'boolean', description: 'a witness key (cosignature/v1, type 0x04)' },
    force: { type: 'boolean', description: 'overwrite existing files' },
  },
  async run(values, io) {
    const priv = pathOf(required(values, 'private', KEYGEN), io.cwd);
    const pub = pathOf(required(values, 'public', KEYGEN), io.cwd);
    if (priv === pub) throw usageError('--private and --public name the same file', KEYGEN);
    const noteName = str(values, 'note-name');
    const vkeyOption = str(values, 'vkey');
    if ((noteName === undefined) !== (vkeyOption === undefined)) throw usageError('--note-name and --vkey go together', KEYGEN);
    if (flag(values, 'cosigner') && noteName === undefined) throw usageError('--cosigner needs --note-name and --vkey', KEYGEN);
    const nameProblem = noteName === undefined ? undefined : keyNameProblem(noteName);
    if (nameProblem) throw usageError(`--note-name: ${nameProblem}`, KEYGEN);
    const vkeyPath = vkeyOption === undefined ? undefined : pathOf(vkeyOption, io.cwd);
    if (vkeyPath !== undefined && (vkeyPath === priv || vkeyPath === pub)) throw usageError('--vkey names the same file as --private or --public', KEYGEN);
    for (const f of [priv, pub, ...(vkeyPath ? [vkeyPath] : [])]) if (existsSync(f) && !flag(values, 'force')) throw usageError(`${f} exists; pass --force to overwrite it`, KEYGEN);
    const pair = generateSigningKeyPair();
    writeFileAtomic(priv, pair.privateKeyPem, 0o600);
    writeFileAtomic(pub, pair.publicKeyPem);
    if (noteName !== undefined && vkeyPath !== undefined) {
      const type = flag(values, 'cosigner') ? COSIGNATURE_V1_TYPE : ED25519_TYPE;
      const vkey = formatVerifierKey({ name: noteName, type, publicKey: rawPublicKey(createPublicKey(pair.publicKeyPem)) });
      writeFileAtomic(vkeyPath, `${vkey}\n`);
      await write(io.stdout, `key id ${pair.keyId}: private key ${priv}, public key ${pub}, ${type === ED25519_TYPE ? 'log' : 'witness'} verifier key ${vkey} in ${vkeyPath}\n`);
      return 0;
    }
    await write(io.stdout, `key id ${pair.keyId}: private key ${priv}, public key ${pub}\n`);
    return 0;
  },
};
