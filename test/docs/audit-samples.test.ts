/**
 * The code samples of docs/audit.md. Each block between `sample:` markers is quoted in the doc
 * line for line (test/docs/snippets.test.ts checks it), so every sample there runs here.
 * The trail is made with the campaign test world (see test/docs/domain-samples.test.ts).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import {
  campaignReadModel, createCampaignRegistry, createDigest, entityHistory, exportTrail,
  generateSigningKeyPair, importTrail, problemLedger, proveConsistency,
  proveInclusion, rectificationRates, runProjection, stateAsOf, textTrail, timeline, verifyConsistencyProof,
  verifyDigestSignature, verifyInclusionProof, verifyStore, verifyTrailFile,
} from '../../src/index';
import { bytesToHex, eventLeafHash, merkleRoot, parseTrailLine } from '../../src/audit/index';
import { problemAggregate } from '../../src/kernel';
import { testLedger } from '../campaign/support/ledger-world';
import { cli, requireBuilt, tempDir } from '../cli/helpers';
import { seedTrail } from '../cli/seed';

const ok = async <A>(te: () => Promise<E.Either<{ message: string }, A>>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const dir = mkdtempSync(join(tmpdir(), 'audit-samples-'));

/** A campaign trail with one registered problem under rectification (measure due 2019-06-20). */
const trail = async () => {
  const t = await testLedger();
  const p = t.ledger.problem;
  await ok(p.identify('ng-staff', {
    problemId: 'P-1', courtId: 'NANGUAN', department: '执行局', source: 'self_inspection',
    title: '执行案款发放超期', description: '部分案款未按期发放', criterion: '案款发放期限规定', severity: 'moderate',
  }));
  await ok(p.register('ng-office', { problemId: 'P-1' }));
  await ok(p.assignResponsibility('ng-president', { problemId: 'P-1', leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
  await ok(p.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', content: '清理超期案款', deadline: '2019-06-20' }));
  return t;
};

describe('audit samples', () => {
  it('verifies the chains, signs a digest and verifies against it', async () => {
    const { store } = await trail();
    // sample:verify
    const report = await ok(verifyStore(store));
    expect(report).toMatchObject({ ok: true, assurance: 'self-consistency', findingCount: 0 });
    expect(report.statement).toMatch(/could have rewritten and rehashed everything/);

    const keys = generateSigningKeyPair(); // keep the private key with the signer, hand out the public one
    const digest = await ok(createDigest(store, { signWith: { privateKeyPem: keys.privateKeyPem } }));
    expect(digest).toMatchObject({ treeSize: report.events, signature: { alg: 'Ed25519', keyId: keys.keyId } });
    expect(verifyDigestSignature(digest, keys.publicKeyPem)).toEqual({ ok: true, keyId: keys.keyId });

    const later = await ok(verifyStore(store, { against: digest, publicKeyPem: keys.publicKeyPem }));
    expect(later).toMatchObject({ ok: true, assurance: 'external-digest', comparison: { covered: true, rootMatches: true, signature: 'valid' } });
    // sample:end
  });

  it('recomputes a digest root by hand', async () => {
    const { store } = await trail();
    const digest = await ok(createDigest(store));
    // sample:merkle
    const hashes: string[] = [];
    for await (const e of store.readAll()) hashes.push(e.hash); // every event, in global order
    const leaf = (h: string) => createHash('sha256').update(Buffer.concat([Buffer.of(0), Buffer.from(h, 'hex')])).digest();
    const leaves = hashes.map(leaf);
    expect(leaves.map((l) => l.toString('hex'))).toEqual(hashes.map((h) => { const r = eventLeafHash(h); return r.ok ? bytesToHex(r.value) : ''; }));
    const root = merkleRoot(leaves); // node = SHA-256(0x01 || left || right), RFC 6962 split
    expect(root.ok && bytesToHex(root.value)).toBe(digest.rootHash);
    // sample:end
  });

  it('exports, verifies offline, and sees a removed tail only against a digest', async () => {
    const { store } = await trail();
    const keys = generateSigningKeyPair();
    // sample:export
    const path = join(dir, 'trail.jsonl');
    const { events, digest } = await ok(exportTrail(store, path, { signWith: { privateKeyPem: keys.privateKeyPem } }));
    expect((await ok(verifyTrailFile(path))).ok).toBe(true);

    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    const truncated = textTrail(lines.slice(0, events - 2).join('\n')); // the last two events removed
    expect(await ok(verifyTrailFile(truncated))).toMatchObject({ ok: true, assurance: 'self-consistency' }); // the chains cannot see it
    const checked = await ok(verifyTrailFile(truncated, { against: digest, publicKeyPem: keys.publicKeyPem }));
    expect(checked).toMatchObject({ ok: false, assurance: 'external-digest', firstFailure: { kind: 'missing_events' } });
    // sample:end
  });

  it('proves one event is in a digest, and an older digest a prefix of a newer one', async () => {
    const { ledger, store } = await trail();
    const path = join(dir, 'proofs.jsonl');
    const { digest } = await ok(exportTrail(store, path));
    const line = readFileSync(path, 'utf8').split('\n')[2]!;
    // sample:inclusion
    const parsed = parseTrailLine(line, 3); // an event as exported, e.g. handed over with the proof
    if (!parsed.ok) throw new Error(parsed.message);
    const proof = await ok(proveInclusion(store, parsed.event.eventId, digest));
    expect(proof).toMatchObject({ leafIndex: 2, treeSize: digest.treeSize, rootHash: digest.rootHash });
    expect(verifyInclusionProof(proof, digest, parsed.event)).toEqual({ ok: true }); // no store needed
    const forged = { ...parsed.event, data: { ...(parsed.event.data as object), title: '已改' } };
    expect(verifyInclusionProof(proof, digest, forged).ok).toBe(false);
    // sample:end
    // sample:consistency
    const older = digest; // kept by the auditors
    await ok(ledger.problem.recordProgress('ng-staff', { problemId: 'P-1', note: '已清理一半' }));
    const consistency = await ok(proveConsistency(store, older));
    expect(consistency.newer.treeSize).toBe(older.treeSize + 1);
    expect(verifyConsistencyProof(consistency)).toEqual({ ok: true });
    // sample:end
  });

  it('imports a verified trail into an empty store with every hash preserved', async () => {
    const { store } = await trail();
    const path = join(dir, 'import.jsonl');
    const { digest } = await ok(exportTrail(store, path));
    // sample:import
    const target = createMemoryStore({ registry: createCampaignRegistry() });
    const imported = await ok(importTrail(path, target, { against: digest, registry: createCampaignRegistry() }));
    expect(imported.digest).toMatchObject({ treeSize: digest.treeSize, rootHash: digest.rootHash });
    const again = await importTrail(path, target)();
    expect(E.isLeft(again) && again.left._tag).toBe('TargetNotEmpty');
    // sample:end
  });

  it('shows timelines, states as of a moment, backdating and field-level history', async () => {
    const { ledger, store, setNow } = await trail();
    // sample:timeline
    setNow('2019-06-11T02:00:00.000Z');
    await ok(ledger.problem.identify('ng-staff', {
      problemId: 'P-2', courtId: 'NANGUAN', source: 'self_inspection', title: '送达不规范', description: '部分文书未按期送达',
      criterion: '送达规定', severity: 'minor',
    }, { effectiveAt: '2019-06-01T02:00:00.000Z', reason: '补录' }));
    const stream = ledger.streams.problem('P-2'); // 'mgmt-2019/problem/P-2'
    const [entry] = await ok(timeline(store, { stream }));
    expect(entry).toMatchObject({ actor: { id: 'ng-staff' }, reason: '补录', lagMs: 10 * 86_400_000, backdated: true });

    const byRecorded = await ok(stateAsOf(store, stream, problemAggregate, { recordedAt: '2019-06-05T00:00:00Z' }));
    expect(byRecorded.state.status).toBe('none'); // nobody could know it on 5 June
    expect(byRecorded.knownLater.map((x) => x.type)).toEqual(['problem.identified']);
    const byEffective = await ok(stateAsOf(store, stream, problemAggregate, { effectiveAt: '2019-06-05T00:00:00Z' }));
    expect(byEffective.state.status).toBe('open'); // but it was the case then, by its business time
    expect(byEffective.backdated).toHaveLength(1);

    await ok(ledger.problem.correct('office1', { problemId: 'P-2', reason: '标题有误', title: '文书送达不规范' }));
    const history = await ok(entityHistory(store, stream, problemAggregate));
    expect(history[1]).toMatchObject({ type: 'problem.corrected', reason: '标题有误', changes: [{ path: 'details.title', kind: 'changed', before: '送达不规范', after: '文书送达不规范' }] });
    // sample:end
  });

  it('computes colours and rates at an explicit now', async () => {
    const { ledger, store } = await trail();
    // sample:readmodels
    const model = await ok(runProjection(store, store.checkpoints, campaignReadModel({ namespace: ledger.streams.namespace })));
    const colour = (now: string) => problemLedger(model.state, { now }).map((r) => [r.ledgerNumber, r.daysLeft, r.colour, r.dueSoon]);
    expect(colour('2019-06-05T12:00:00+08:00')).toEqual([['NANGUAN-2019-0001', 15, 'green', true]]);
    expect(colour('2019-06-10T12:00:00+08:00')).toEqual([['NANGUAN-2019-0001', 10, 'yellow', true]]);
    expect(colour('2019-06-20T23:59:59+08:00')).toEqual([['NANGUAN-2019-0001', 0, 'yellow', true]]); // met through its whole local day
    expect(colour('2019-06-21T00:00:00+08:00')).toEqual([['NANGUAN-2019-0001', -1, 'red', false]]);
    const rates = rectificationRates(model.state, { now: '2019-06-21T00:00:00+08:00' });
    expect(rates.overall).toMatchObject({ total: 1, closed: 0, rectificationRate: 0, onTimeRate: null, overdue: 1 });
    // sample:end
  });

  it('runs the auditors\' round on the command line (the built program)', async () => {
    requireBuilt();
    const d = tempDir();
    try {
      await seedTrail(d.file('court.db'), 3, 4);
      const round = `
        # sample:cli
        # The operator, regularly: a signed digest handed to the auditors.
        campaign-ledger audit keygen --private signer.pem --public signer.pub.pem
        campaign-ledger audit digest --store sqlite:court.db --out digest-2019-06.json --sign-key signer.pem
        # The auditors, later, with the export and their own copy of the digest:
        campaign-ledger audit export --store sqlite:court.db --out trail.jsonl
        campaign-ledger audit verify --file trail.jsonl --against digest-2019-06.json --public-key signer.pub.pem
        campaign-ledger audit prove --store sqlite:court.db --event EVENT-ID --digest digest-2019-06.json --out proof.json
        campaign-ledger audit check-proof --proof proof.json --digest digest-2019-06.json --public-key signer.pub.pem
        # sample:end
      `;
      const commands = round.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('campaign-ledger '));
      const outputs: string[] = [];
      for (const line of commands) {
        const eventId = () => (JSON.parse(readFileSync(d.file('trail.jsonl'), 'utf8').split('\n')[4]!) as { eventId: string }).eventId;
        const args = line.split(' ').slice(1).map((a) => (a === 'EVENT-ID' ? eventId() : a));
        const r = cli(args, { cwd: d.dir });
        expect(r.code, `${line}: ${r.stderr}`).toBe(0);
        outputs.push(r.stdout);
      }
      expect(outputs[3]).toMatch(/^OK: 12 events in 3 streams verified\.[\s\S]*signature is valid/);
      expect(outputs[5]).toMatch(/^OK: event [^\n]*\nis event number 5 of the 12 events covered by the digest [^\n]*\(signature valid\)/);
    } finally {
      d.remove();
    }
  });
});
