/** Signed notes, checkpoints and cosignatures against the published C2SP and Go examples. */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, openCheckpoint, parseCheckpointText, signCheckpoint } from '../../src/audit/checkpoint';
import { addSignatureLines, cosignedMessage, ed25519Cosigner } from '../../src/audit/cosignature';
import { hexToBytes, merkleRoot, leafHash } from '../../src/audit/merkle';
import {
  COSIGNATURE_V1_TYPE, ED25519_TYPE, ed25519Signer, formatVerifierKey, keyIdHex, noteKeyId, openNote, parseNote, parseSignerKey,
  parseVerifierKey, rawPublicKey, signNote, type VerifierKey,
} from '../../src/audit/note';

const vectors = JSON.parse(readFileSync(new URL('../fixtures/c2sp-vectors.json', import.meta.url), 'utf8')) as {
  goNote: { skey: string; vkey: string; text: string; note: string };
  cosignatureExample: { note: string; cosignedMessage: string; timestamp: number };
};
const rfc = JSON.parse(readFileSync(new URL('../fixtures/rfc6962-vectors.json', import.meta.url), 'utf8')) as { leaves: string[]; roots: string[] };

const ok = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const keyPair = (name: string, type = ED25519_TYPE) => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const vkey = ok(parseVerifierKey(formatVerifierKey({ name, type, publicKey: rawPublicKey(publicKey) })));
  return { privateKey, vkey };
};

describe('signed notes (Go sumdb/note example)', () => {
  const g = vectors.goNote;

  it('signs the example text into exactly the published note', () => {
    const signer = ok(parseSignerKey(g.skey));
    expect(keyIdHex(signer.keyId)).toBe('c74f20a3');
    expect(ok(signNote(g.text, [signer]))).toBe(g.note);
  });

  it('derives the published verifier key and key id', () => {
    const vkey = ok(parseVerifierKey(g.vkey));
    expect(vkey.name).toBe('PeterNeumann');
    expect(keyIdHex(vkey.keyId)).toBe('c74f20a3');
    expect(keyIdHex(noteKeyId('PeterNeumann', ED25519_TYPE, vkey.publicKey))).toBe('c74f20a3');
    expect(formatVerifierKey(vkey)).toBe(g.vkey);
  });

  it('opens the published note with its verifier key', () => {
    const opened = ok(openNote(g.note, [ok(parseVerifierKey(g.vkey))]));
    expect(opened.text).toBe(g.text);
    expect(opened.verified.map((s) => s.key.name)).toEqual(['PeterNeumann']);
  });

  it('refuses an altered text, an unknown key, a wrong key id and malformed notes', () => {
    const vkey = ok(parseVerifierKey(g.vkey));
    const altered = openNote(g.note.replace('cryptography', 'cryptographY'), [vkey]);
    expect(altered).toMatchObject({ ok: false, reason: expect.stringContaining('does not verify') });
    expect(openNote(g.note, [keyPair('Other').vkey])).toMatchObject({ ok: false, reason: expect.stringContaining('no signature by a known key') });
    expect(openNote(g.note, [])).toMatchObject({ ok: false });
    expect(parseVerifierKey(g.vkey.replace('c74f20a3', 'c74f20a4'))).toMatchObject({ ok: false, reason: expect.stringContaining('does not match') });
    expect(parseNote('no blank line\n')).toMatchObject({ ok: false });
    expect(parseNote(`${g.text}\n— PeterNeumann !!!\n`)).toMatchObject({ ok: false });
    expect(parseNote(g.note.slice(0, -1))).toMatchObject({ ok: false, reason: expect.stringContaining('newline') });
    expect(parseNote(`a\tb\n\n${g.note.split('\n\n')[1]}`)).toMatchObject({ ok: false, reason: expect.stringContaining('control') });
  });

  it('ignores signatures by unknown keys and keeps them aside', () => {
    const other = keyPair('court.example/other');
    const signer = ok(ed25519Signer('court.example/other', other.privateKey));
    const note = addSignatureLines(g.note, ok(signNote(g.text, [signer])).split('\n\n')[1]!.split('\n'));
    const opened = ok(openNote(note, [ok(parseVerifierKey(g.vkey))]));
    expect(opened.verified).toHaveLength(1);
    expect(opened.unknown.map((s) => s.name)).toEqual(['court.example/other']);
  });

  it('refuses key names with a space or "+"', () => {
    const { privateKey } = keyPair('x');
    expect(ed25519Signer('a b', privateKey).ok).toBe(false);
    expect(ed25519Signer('a+b', privateKey).ok).toBe(false);
  });
});

describe('checkpoints (C2SP tlog-checkpoint)', () => {
  it('parses the specification example checkpoint and writes it back byte for byte', () => {
    const text = parseNote(vectors.cosignatureExample.note);
    const body = ok(text).text;
    const c = ok(parseCheckpointText(body));
    expect(c.origin).toBe('example.com/behind-the-sofa');
    expect(c.treeSize).toBe(20852163);
    expect(ok(formatCheckpoint(c))).toBe(body);
  });

  it('carries the RFC 6962 roots of the published vectors', () => {
    const leaves = rfc.leaves.map((l) => leafHash(hexToBytes(l)!));
    for (let n = 1; n <= leaves.length; n++) {
      const root = ok(merkleRoot(leaves, n));
      const text = ok(formatCheckpoint({ origin: 'rfc6962.example/vectors', treeSize: n, rootHash: root }));
      expect(text).toBe(`rfc6962.example/vectors\n${n}\n${Buffer.from(rfc.roots[n - 1]!, 'hex').toString('base64')}\n`);
    }
  });

  it('refuses malformed bodies', () => {
    const root = Buffer.alloc(32).toString('base64');
    for (const bad of [`o\n01\n${root}\n`, `o\n-1\n${root}\n`, `\n1\n${root}\n`, 'o\n1\nAAAA\n', `o\n1\n${root}`, 'o\n1\n', `o\n1\n${root}\n\n`]) {
      expect(parseCheckpointText(bad).ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('signs with several keys (rotation) and opens with either', () => {
    const a = keyPair('court.example/log');
    const b = keyPair('court.example/log');
    const signers = [ok(ed25519Signer('court.example/log', a.privateKey)), ok(ed25519Signer('court.example/log', b.privateKey))];
    const note = ok(signCheckpoint({ origin: 'court.example/trail', treeSize: 3, rootHash: new Uint8Array(32).fill(7) }, signers));
    expect(ok(openCheckpoint(note, [a.vkey])).checkpoint.treeSize).toBe(3);
    expect(ok(openCheckpoint(note, [b.vkey])).verified).toHaveLength(1);
    const tampered = note.replace('\n3\n', '\n4\n');
    expect(openCheckpoint(tampered, [a.vkey])).toMatchObject({ ok: false, reason: expect.stringContaining('does not verify') });
  });
});

describe('cosignatures (C2SP tlog-cosignature/v1)', () => {
  it('reads the specification example: key id, 8-byte time 1679315147, 64-byte signature', () => {
    const parsed = ok(parseNote(vectors.cosignatureExample.note));
    const [log, witness] = parsed.signatures;
    expect(log!.signature).toHaveLength(64);
    expect(witness!.name).toBe('witness.example.com/w1');
    expect(witness!.signature).toHaveLength(72);
    expect(Number(Buffer.from(witness!.signature).readBigUInt64BE(0))).toBe(vectors.cosignatureExample.timestamp);
    expect(cosignedMessage(parsed.text, vectors.cosignatureExample.timestamp).toString('utf8')).toBe(vectors.cosignatureExample.cosignedMessage);
  });

  it('cosigns a checkpoint that opens with the witness key only (type 0x04), at the stated time', () => {
    const log = keyPair('court.example/log');
    const w = keyPair('higher-court.example/witness', COSIGNATURE_V1_TYPE);
    const note = ok(signCheckpoint({ origin: 'court.example/trail', treeSize: 1, rootHash: new Uint8Array(32) }, [ok(ed25519Signer('court.example/log', log.privateKey))]));
    const cosigner = ok(ed25519Cosigner('higher-court.example/witness', w.privateKey, () => 1700000000));
    const cosigned = addSignatureLines(note, [cosigner.cosign(ok(parseNote(note)).text)]);
    const opened = ok(openNote(cosigned, [w.vkey]));
    expect(opened.verified[0]).toMatchObject({ timestamp: 1700000000 });
    // the same key taken as a plain note key (type 0x01) has another key id: it does not match
    const asPlain: VerifierKey = { ...w.vkey, type: ED25519_TYPE, keyId: noteKeyId(w.vkey.name, ED25519_TYPE, w.vkey.publicKey) };
    expect(openNote(cosigned, [asPlain])).toMatchObject({ ok: false });
    // an altered time fails the signature
    const line = cosigned.trimEnd().split('\n').at(-1)!;
    const bytes = Buffer.from(line.split(' ').at(-1)!, 'base64');
    bytes.writeBigUInt64BE(1700000001n, 4);
    const moved = cosigned.replace(line, `${line.slice(0, line.lastIndexOf(' '))} ${bytes.toString('base64')}`);
    expect(openNote(moved, [w.vkey])).toMatchObject({ ok: false, reason: expect.stringContaining('does not verify') });
  });
});
