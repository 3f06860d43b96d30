/**
 * Witnesses (C2SP tlog-witness) over real HTTP and directory state: cosigning, refusing rollbacks,
 * forks, altered roots and wrong keys (writing nothing), k-of-n verification, a rewritten trail
 * caught by earlier cosignatures, and offline tlog-proof bundles.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../../adapters/memory/index';
import { signCheckpoint } from '../../src/audit/checkpoint';
import { createCheckpointPublisher, requestCosignature, trailLeaves } from '../../src/audit/cosigning';
import { consistencyProof, merkleRoot } from '../../src/audit/merkle';
import { COSIGNATURE_V1_TYPE, ED25519_TYPE, ed25519Signer, formatVerifierKey, parseVerifierKey, rawPublicKey, type NoteSigner, type VerifierKey } from '../../src/audit/note';
import { createTlogProof, formatTlogProof, parseTlogProof, verifyTlogProof } from '../../src/audit/tlog-proof';
import { verifyStore } from '../../src/audit/verify';
import { createWitness, directoryWitnessState, formatAddCheckpoint, type Witness } from '../../src/audit/witness';
import { serveWitness, type WitnessServer } from '../../src/audit/witness-http';
import { verifyWitnessedCheckpoint } from '../../src/audit/witnessed';
import { newEvent, uuids } from './fixtures';

const ORIGIN = 'court-a.example/trail';
const ok = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const key = (name: string, type: number): { privateKey: KeyObject; vkey: VerifierKey } => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, vkey: ok(parseVerifierKey(formatVerifierKey({ name, type, publicKey: rawPublicKey(publicKey) }))) };
};

/** A store holding one event per text, each in its own append: a whole trail that checks against itself. */
const storeOf = async (texts: readonly string[]): Promise<MemoryStore> => {
  const store = createMemoryStore();
  const id = uuids(5000);
  for (const [i, text] of texts.entries()) {
    const r = await store.append(`case-${i % 2}`, [newEvent(id(), 'Noted', { text })], 'any')();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  return store;
};
const append = async (store: MemoryStore, texts: readonly string[], seed: number) => {
  const id = uuids(seed);
  for (const text of texts) {
    const r = await store.append('case-9', [newEvent(id(), 'Noted', { text })], 'any')();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
};

const log = key('court-a.example/log', ED25519_TYPE);
const logSigner: NoteSigner = ok(ed25519Signer('court-a.example/log', log.privateKey));
const w1 = key('higher-court.example/w1', COSIGNATURE_V1_TYPE);
const w2 = key('inspection.example/w2', COSIGNATURE_V1_TYPE);
const dirs: string[] = [];
const servers: WitnessServer[] = [];
const fresh = () => { const d = mkdtempSync(join(tmpdir(), 'ledger-witness-')); dirs.push(d); return d; };
const witnessAt = (dir: string, who: { privateKey: KeyObject; vkey: VerifierKey }, logs = new Map([[ORIGIN, [log.vkey]]])): Witness =>
  createWitness({ name: who.vkey.name, privateKey: who.privateKey, logs, state: directoryWitnessState(dir), now: () => 1_750_000_000 });
const stateBytes = (dir: string) => readdirSync(dir).sort().map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('two witnesses over HTTP', () => {
  let urls: string[] = [];
  let stateDirs: string[] = [];
  beforeAll(async () => {
    stateDirs = [fresh(), fresh()];
    const started = await Promise.all([serveWitness(witnessAt(stateDirs[0]!, w1)), serveWitness(witnessAt(stateDirs[1]!, w2))]);
    servers.push(...started);
    urls = started.map((s) => s.url);
  });
  const policy = { logKeys: [log.vkey], witnessKeys: [w1.vkey, w2.vkey] };

  it('cosign the growing trail, and refuse a rewritten one that their earlier cosignatures catch', async () => {
    const texts = ['filed', 'assigned', 'heard', 'ruled', 'closed'];
    const store = await storeOf(texts);
    const publisher = createCheckpointPublisher(store, { origin: ORIGIN, signers: [logSigner], witnesses: urls.map((url, i) => ({ url, key: [w1, w2][i]!.vkey })) });
    expect(publisher.latest()).toBeUndefined();
    const first = ok(await publisher.publish());
    expect(first.refusals).toEqual([]);
    const v1 = ok(verifyWitnessedCheckpoint(first.note, policy));
    expect(v1.checkpoint.treeSize).toBe(5);
    expect(v1.cosignedBy.map((c) => c.name).sort()).toEqual([w1.vkey.name, w2.vkey.name]);
    expect(v1.cosignedBy[0]!.timestamp).toBe(1_750_000_000);

    await append(store, ['appealed', 'remanded'], 9000);
    const second = ok(await publisher.publish());
    expect(second.refusals).toEqual([]); // each witness answered 409 (size 0 → 5), then cosigned with the proof 5 → 7
    expect(ok(verifyWitnessedCheckpoint(second.note, policy)).checkpoint.treeSize).toBe(7);
    expect(publisher.latest()).toBe(second.note);
    const before = stateDirs.map(stateBytes);

    // someone with write access rewrites history: event 3 changed, every chain re-sealed, more appended
    const rewritten = await storeOf(['filed', 'assigned', 'heard (rewritten)', 'ruled', 'closed', 'appealed', 'remanded', 'settled']);
    const self = await verifyStore(rewritten)();
    expect(E.isRight(self) && self.right.ok).toBe(true); // it checks against itself
    const forged = ok(await createCheckpointPublisher(rewritten, { origin: ORIGIN, signers: [logSigner], witnesses: urls.map((url) => ({ url })) }).publish());
    expect(forged.refusals).toHaveLength(2);
    for (const r of forged.refusals) expect(r).toMatch(/refused \(422\): not consistent with the checkpoint of size 7/);
    expect(() => ok(verifyWitnessedCheckpoint(forged.note, policy))).toThrow(/0 of the 2 required witness cosignatures/);
    expect(stateDirs.map(stateBytes)).toEqual(before); // nothing written

    // the auditor's earlier cosigned checkpoint no longer matches the rewritten trail
    const head = ok(verifyWitnessedCheckpoint(second.note, policy)).checkpoint;
    const report = await verifyStore(rewritten, { treeHead: { treeSize: head.treeSize, rootHash: Buffer.from(head.rootHash).toString('hex'), description: 'the witnessed checkpoint' } })();
    expect(E.isRight(report) && report.right.ok).toBe(false);
    if (E.isRight(report)) expect(report.right.firstFailure?.kind).toBe('digest_mismatch');
  });
});

describe('a witness refuses and writes nothing', () => {
  const setup = async () => {
    const dir = fresh();
    const witness = witnessAt(dir, w1);
    const store = await storeOf(['a', 'b', 'c', 'd', 'e']);
    const leaves = await trailLeaves(store);
    const at = (n: number) => ({ origin: ORIGIN, treeSize: n, rootHash: ok(merkleRoot(leaves, n)) });
    const note = (n: number, signer = logSigner) => ok(signCheckpoint(at(n), [signer]));
    expect(witness.addCheckpoint(formatAddCheckpoint(0, [], note(3))).status).toBe(200);
    return { dir, witness, leaves, at, note, state: () => stateBytes(dir) };
  };

  it('refuses a rollback, a fork, an altered root, a wrong key, an unknown origin and a bad proof', async () => {
    const { witness, leaves, at, note, state } = await setup();
    const saved = state();
    // rollback: asking it to go back to size 2
    expect(witness.addCheckpoint(formatAddCheckpoint(0, [], note(2)))).toMatchObject({ status: 409, contentType: 'text/x.tlog.size', body: '3\n' });
    expect(witness.addCheckpoint(formatAddCheckpoint(3, [], note(2))).status).toBe(400);
    // fork: another tree of the same size
    const fork = ok(signCheckpoint({ origin: ORIGIN, treeSize: 3, rootHash: new Uint8Array(32).fill(9) }, [logSigner]));
    expect(witness.addCheckpoint(formatAddCheckpoint(3, [], fork))).toMatchObject({ status: 409, body: '3\n' });
    // fork: a larger tree that does not extend the one cosigned
    const other = ok(signCheckpoint({ origin: ORIGIN, treeSize: 5, rootHash: new Uint8Array(32).fill(9) }, [logSigner]));
    expect(witness.addCheckpoint(formatAddCheckpoint(3, ok(consistencyProof(leaves, 3, 5)), other)).status).toBe(422);
    // an altered root under the original signature
    const altered = note(5).replace(Buffer.from(at(5).rootHash).toString('base64'), Buffer.alloc(32, 1).toString('base64'));
    expect(witness.addCheckpoint(formatAddCheckpoint(3, ok(consistencyProof(leaves, 3, 5)), altered)).status).toBe(403);
    // a key the witness does not know for this log
    const stranger = ok(ed25519Signer('court-a.example/log', key('court-a.example/log', ED25519_TYPE).privateKey));
    expect(witness.addCheckpoint(formatAddCheckpoint(3, ok(consistencyProof(leaves, 3, 5)), note(5, stranger))).status).toBe(403);
    // an unknown origin
    const elsewhere = ok(signCheckpoint({ ...at(5), origin: 'court-b.example/trail' }, [logSigner]));
    expect(witness.addCheckpoint(formatAddCheckpoint(0, [], elsewhere)).status).toBe(404);
    // a proof for other sizes; a malformed request
    expect(witness.addCheckpoint(formatAddCheckpoint(3, ok(consistencyProof(leaves, 2, 5)), note(5))).status).toBe(422);
    expect(witness.addCheckpoint(`old x\n\n${note(5)}`).status).toBe(400);
    expect(state()).toBe(saved);
    // the honest extension is cosigned
    expect(witness.addCheckpoint(formatAddCheckpoint(3, ok(consistencyProof(leaves, 3, 5)), note(5))).status).toBe(200);
    expect(state()).not.toBe(saved);
  });

  it('remembers across restarts (the state is on disk)', async () => {
    const { dir, note } = await setup();
    const again = witnessAt(dir, w1);
    expect(again.addCheckpoint(formatAddCheckpoint(0, [], note(4)))).toMatchObject({ status: 409, body: '3\n' });
  });

  it('a client learns the size from the 409 and refuses to ask for a rollback', async () => {
    const { witness, leaves, note, at } = await setup();
    const server = await serveWitness(witness);
    servers.push(server);
    const a = ok(await requestCosignature({ url: server.url, key: w1.vkey }, note(5), at(5), leaves));
    expect(a.oldSize).toBe(3);
    const back = await requestCosignature({ url: server.url }, note(4), at(4), leaves);
    expect(back).toMatchObject({ ok: false, reason: expect.stringMatching(/size 5, larger than this checkpoint's 4/) });
  });
});

describe('k-of-n and proof bundles', () => {
  it('counts only known witnesses, needs k of them, and checks tlog-proof bundles offline', async () => {
    const store = await storeOf(['a', 'b', 'c', 'd', 'e', 'f']);
    const leaves = await trailLeaves(store);
    const cp = { origin: ORIGIN, treeSize: 6, rootHash: ok(merkleRoot(leaves, 6)) };
    let note = ok(signCheckpoint(cp, [logSigner]));
    const stranger = key('stranger.example/w', COSIGNATURE_V1_TYPE);
    for (const w of [w1, stranger]) note += witnessAt(fresh(), w).addCheckpoint(formatAddCheckpoint(0, [], note)).body;
    expect(ok(verifyWitnessedCheckpoint(note, { logKeys: [log.vkey], witnessKeys: [w1.vkey, w2.vkey], minWitnesses: 1 })).ignored).toEqual([expect.stringMatching(/^stranger\.example\/w\+/)]);
    const refused = verifyWitnessedCheckpoint(note, { logKeys: [log.vkey], witnessKeys: [w1.vkey, w2.vkey] });
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/1 of the 2 required .*unknown keys count for nothing: stranger/) });

    let eventId = '';
    for await (const e of store.readAll()) if ((e.data as { text: string }).text === 'd') eventId = e.eventId;
    const made = await createTlogProof(store, eventId, note)();
    if (E.isLeft(made)) throw new Error(made.left.message);
    const bundle = made.right;
    expect(bundle.startsWith('c2sp.org/tlog-proof@v1\nextra ')).toBe(true);
    expect(bundle).toContain('\nindex 3\n');
    const policy = { logKeys: [log.vkey], witnessKeys: [w1.vkey], minWitnesses: 1 };
    expect(ok(verifyTlogProof(bundle, policy)).event.eventId).toBe(eventId);
    const p = ok(parseTlogProof(bundle));
    expect(formatTlogProof(p)).toBe(bundle);
    // an altered event, a wrong index, a missing witness
    const event = JSON.parse(Buffer.from(p.extra!).toString('utf8')) as { data: { text: string } };
    event.data.text = 'D';
    expect(verifyTlogProof(formatTlogProof({ ...p, extra: Buffer.from(JSON.stringify(event)) }), policy)).toMatchObject({ ok: false, reason: expect.stringContaining('altered') });
    expect(verifyTlogProof(formatTlogProof({ ...p, index: 2 }), policy)).toMatchObject({ ok: false, reason: expect.stringContaining('inclusion proof') });
    expect(verifyTlogProof(bundle, { ...policy, witnessKeys: [w1.vkey, w2.vkey], minWitnesses: 2 }).ok).toBe(false);
  });
});
