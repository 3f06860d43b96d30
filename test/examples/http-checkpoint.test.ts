/**
 * The service publishes the trail's checkpoint (C2SP) at GET /checkpoint: 404 until the first one
 * is published (at start, once its witness has answered), then the signed and cosigned note.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COSIGNATURE_V1_TYPE, ED25519_TYPE, ed25519Signer, formatVerifierKey, parseVerifierKey, rawPublicKey } from '../../src/audit/note';
import { createWitness, directoryWitnessState } from '../../src/audit/witness';
import { verifyWitnessedCheckpoint } from '../../src/audit/witnessed';
import { startWorld, type ServiceWorld } from './support/service-world';
import { expectProblem } from './support/http-steps';

const ORIGIN = 'city-court.example/trail';
const vkeyOf = (name: string, type: number, publicKey: Parameters<typeof rawPublicKey>[0]) => {
  const k = parseVerifierKey(formatVerifierKey({ name, type, publicKey: rawPublicKey(publicKey) }));
  if (!k.ok) throw new Error(k.reason);
  return k.value;
};
const log = generateKeyPairSync('ed25519');
const wit = generateKeyPairSync('ed25519');
const logKey = vkeyOf('city-court.example/log', ED25519_TYPE, log.publicKey);
const witnessKey = vkeyOf('province-court.example/witness', COSIGNATURE_V1_TYPE, wit.publicKey);
const stateDir = mkdtempSync(join(tmpdir(), 'http-witness-'));
const witness = createWitness({ name: witnessKey.name, privateKey: wit.privateKey, logs: new Map([[ORIGIN, [logKey]]]), state: directoryWitnessState(stateDir) });

// A witness that answers only once released, so the service's first publication is still pending.
let release!: () => void;
const released = new Promise<void>((r) => { release = r; });
let witnessServer: Server;
let w: ServiceWorld;

beforeAll(async () => {
  witnessServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void released.then(() => {
        const r = witness.addCheckpoint(Buffer.concat(chunks));
        res.writeHead(r.status, { 'content-type': r.contentType }).end(r.body);
      });
    });
  });
  await new Promise<void>((r) => witnessServer.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(witnessServer.address() as AddressInfo).port}`;
  const signer = ed25519Signer(logKey.name, log.privateKey);
  if (!signer.ok) throw new Error(signer.reason);
  w = await startWorld({ service: { checkpoints: { origin: ORIGIN, signers: [signer.value], witnesses: [{ url, key: witnessKey }] } } });
});

afterAll(async () => {
  release();
  await w.stop();
  await new Promise<void>((r) => witnessServer.close(() => r()));
  rmSync(stateDir, { recursive: true, force: true });
});

describe('GET /checkpoint', () => {
  it('is 404 until the first checkpoint is published, then the cosigned checkpoint of the whole trail', async () => {
    const before = await expectProblem(await w.call('GET', '/checkpoint'), 404);
    expect(before.type).toBe('urn:campaign-ledger:problem:no-checkpoint');
    release();
    await w.service.firstCheckpoint();
    const r = await w.call('GET', '/checkpoint');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const note = await r.text();
    const checked = verifyWitnessedCheckpoint(note, { logKeys: [logKey], witnessKeys: [witnessKey] });
    if (!checked.ok) throw new Error(checked.reason);
    let events = 0;
    for await (const _ of w.store.readAll()) events += 1;
    expect(checked.value.checkpoint).toMatchObject({ origin: ORIGIN, treeSize: events });
    expect(checked.value.cosignedBy.map((c) => c.name)).toEqual([witnessKey.name]);
  });
});
