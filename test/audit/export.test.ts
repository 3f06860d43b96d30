import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import { createDigest } from '../../src/audit/digest';
import { exportLines, exportTrail, verifyTrailFile } from '../../src/audit/export';
import { importTrail } from '../../src/audit/import';
import { parseTrailLine, textTrail } from '../../src/audit/jsonl';
import { proveInclusion, verifyInclusionProof } from '../../src/audit/proofs';
import { generateSigningKeyPair } from '../../src/audit/signature';
import { verifyStore } from '../../src/audit/verify';
import { canonicalBody, canonicalJson, sha256Hex, type EventStore, type RecordedEvent } from '../../src/eventsourcing/index';
import { caseDecider, caseRegistry, caseWorld, filledStore } from './fixtures';

const ok = async <A>(te: () => Promise<E.Either<{ message: string }, A>>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const dir = mkdtempSync(join(tmpdir(), 'trail-'));
let n = 0;
const tmp = () => join(dir, `trail-${n++}.jsonl`);
const all = async (store: EventStore) => { const out: RecordedEvent[] = []; for await (const e of store.readAll()) out.push(e); return out; };

/** A realistic trail: commands with actors, reasons, backdating, Chinese text. */
const world = async () => {
  const { store, handler } = caseWorld();
  const a = { id: 'alice', posts: ['庭长'], unit: '第一法庭' };
  for (let i = 0; i < 6; i++) {
    await ok(handler.handle(caseDecider, `case-${i % 3}`, i < 3 ? { kind: 'open', title: `卷宗 "${i}"\n`, dept: '立案庭' } : { kind: 'measure', measure: `整改, ${i}` }, { actor: a, reason: i % 2 ? '复查' : undefined, effectiveAt: '2023-12-01T00:00:00.000Z' }));
  }
  return store;
};
const exported = async (store: EventStore) => {
  const path = tmp();
  const summary = await ok(exportTrail(store, path, { at: '2024-06-01T00:00:00.000Z' }));
  return { path, summary, text: readFileSync(path, 'utf8') };
};
const lines = (text: string) => text.split('\n').filter(Boolean);
const edit = (text: string, f: (ls: string[]) => string[]) => textTrail(`${f(lines(text)).join('\n')}\n`);

describe('export', () => {
  it('writes one canonical envelope per line, in global order, with the digest of what it wrote', async () => {
    const store = await world();
    const { summary, text } = await exported(store);
    const events = await all(store);
    expect(text.endsWith('\n')).toBe(true);
    const ls = lines(text);
    expect(ls).toHaveLength(6);
    for (const [i, line] of ls.entries()) {
      const e = events[i] as RecordedEvent;
      const o = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(o)).toEqual(['data', 'eventId', 'hash', 'metadata', 'position', 'prevHash', 'revision', 'schemaVersion', 'streamId', 'type']);
      expect(o).toMatchObject({ position: e.position.toString(), revision: e.revision.toString(), hash: e.hash });
      expect(canonicalJson(o)).toBe(line);
      const { hash: _h, position: _p, ...body } = o;
      expect(sha256Hex(canonicalJson(body))).toBe(e.hash);
    }
    expect(summary).toMatchObject({ events: 6, lastPosition: 6n });
    expect(summary.digest).toEqual(await ok(createDigest(store, { at: '2024-06-01T00:00:00.000Z' })));
    let streamed = '';
    for await (const l of exportLines(store)) streamed += l;
    expect(streamed).toBe(text);
  });

  it('fails clearly when it cannot write', async () => {
    const store = await filledStore(3);
    const r = await exportTrail(store, join(dir, 'no-such-dir', 'x.jsonl'))();
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'TrailUnwritable', message: /cannot write the trail to .*no-such-dir/ });
    const broken = new Writable({ write: (_c, _e, cb) => cb(new Error('disk full')) });
    const r2 = await exportTrail(await filledStore(3000), broken)();
    expect(E.isLeft(r2) && r2.left.message).toMatch(/disk full/);
  });
});

describe('offline verification of an exported file', () => {
  it('passes an untouched file, against its signed digest too', async () => {
    const store = await world();
    const keys = generateSigningKeyPair();
    const path = tmp();
    const { digest } = await ok(exportTrail(store, path, { signWith: { privateKeyPem: keys.privateKeyPem } }));
    expect((await ok(verifyTrailFile(path))).assurance).toBe('self-consistency');
    const report = await ok(verifyTrailFile(path, { against: digest, publicKeyPem: keys.publicKeyPem }));
    expect(report).toMatchObject({ ok: true, events: 6, streams: 3, assurance: 'external-digest', comparison: { signature: 'valid' } });
  });

  it('finds edited, swapped, dropped and malformed lines, naming the line', async () => {
    const { text, summary } = await exported(await world());
    const payload = await ok(verifyTrailFile(edit(text, (ls) => ls.map((l, i) => (i === 3 ? l.replace('整改, 3', '整改, 9') : l)))));
    expect(payload.firstFailure).toMatchObject({ kind: 'hash_mismatch', streamId: 'case-0', revision: 1n, position: 4n, line: 4 });
    const swapped = await ok(verifyTrailFile(edit(text, (ls) => [ls[0], ls[3], ls[2], ls[1], ls[4], ls[5]] as string[])));
    expect(swapped.firstFailure).toMatchObject({ kind: 'reorder', position: 3n, line: 3 });
    const dropped = await ok(verifyTrailFile(edit(text, (ls) => ls.filter((_, i) => i !== 1))));
    expect(dropped.firstFailure).toMatchObject({ kind: 'revision_gap', streamId: 'case-1', revision: 1n, line: 4 });
    const garbled = await ok(verifyTrailFile(edit(text, (ls) => [...ls.slice(0, 5), (ls[5] as string).slice(0, 40)])));
    expect(garbled.firstFailure).toMatchObject({ kind: 'malformed_record', line: 6 });
    expect(garbled.firstFailure?.message).toMatch(/^line 6: not JSON/);
    const tail = await ok(verifyTrailFile(edit(text, (ls) => ls.slice(0, 4))));
    expect(tail.ok).toBe(true);
    const tailAgainst = await ok(verifyTrailFile(edit(text, (ls) => ls.slice(0, 4)), { against: summary.digest }));
    expect(tailAgainst).toMatchObject({ ok: false, assurance: 'external-digest', firstFailure: { kind: 'missing_events' } });
    const noStream = await ok(verifyTrailFile(edit(text, (ls) => ls.filter((l) => !l.includes('"streamId":"case-2"'))), { against: summary.digest }));
    expect(noStream.firstFailure?.kind).toBe('missing_events');
  });

  it('checks a single event offline with an inclusion proof, the exported line and the digest', async () => {
    const store = await world();
    const { text, summary } = await exported(store);
    const line = lines(text)[4] as string;
    const parsed = parseTrailLine(line, 5);
    if (!parsed.ok) throw new Error(parsed.message);
    const proof = await ok(proveInclusion(store, parsed.event.eventId, summary.digest));
    expect(verifyInclusionProof(proof, summary.digest, parsed.event)).toEqual({ ok: true });
    const forged = parseTrailLine(line.replace('整改, 4', '整改, 5'), 5);
    expect(forged.ok && verifyInclusionProof(proof, summary.digest, forged.event).ok).toBe(false);
  });

  it('says so when the file cannot be read', async () => {
    const r = await verifyTrailFile(join(dir, 'missing.jsonl'))();
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'TrailUnreadable', message: /cannot read the trail .*missing\.jsonl/ });
  });
});

describe('import', () => {
  it('round-trips: every hash, revision and the digest root preserved, and the import verifies', async () => {
    const source = await world();
    const { path, summary } = await exported(source);
    const target = createMemoryStore({ registry: caseRegistry });
    const imported = await ok(importTrail(path, target, { against: summary.digest, registry: caseRegistry, batchSize: 2 }));
    expect(imported).toMatchObject({ events: 6, streams: 3, digest: { treeSize: 6, rootHash: summary.digest.rootHash } });
    const strip = (e: RecordedEvent) => ({ ...e, position: undefined });
    expect((await all(target)).map(strip)).toEqual((await all(source)).map(strip));
    expect((await ok(verifyStore(target, { against: summary.digest, source: 'both' }))).ok).toBe(true);
  });

  it('round-trips a larger trail with many streams', async () => {
    const source = await filledStore(2500, 37);
    const { path, summary } = await exported(source);
    const target = createMemoryStore();
    const r = await ok(importTrail(path, target));
    expect(r.digest.rootHash).toBe(summary.digest.rootHash);
    expect((await all(target)).map((e) => e.hash)).toEqual((await all(source)).map((e) => e.hash));
  });

  it('refuses a tampered file, an invalid envelope or a non-empty target, leaving the store unchanged', async () => {
    const { text, path } = await exported(await world());
    const target = createMemoryStore();
    const tampered = await importTrail(edit(text, (ls) => ls.map((l, i) => (i === 2 ? l.replace('立案庭', '审判庭') : l))), target)();
    expect(E.isLeft(tampered) && tampered.left).toMatchObject({ _tag: 'TrailRejected', report: { firstFailure: { kind: 'hash_mismatch', line: 3 } } });
    // A rehashed line with metadata a store refuses: rejected before anything is written.
    const bad = lines(text).map((l, i) => {
      if (i !== 0) return l;
      const o = JSON.parse(l) as RecordedEvent & Record<string, unknown>;
      const md = { ...o.metadata, recordedAt: 'last tuesday' };
      const body = canonicalBody({ ...o, metadata: md, revision: BigInt(o.revision), prevHash: o.prevHash } as never);
      return canonicalJson({ ...o, metadata: md, hash: sha256Hex(body) });
    });
    const invalid = await importTrail(textTrail(bad.join('\n')), target)();
    expect(E.isLeft(invalid) && invalid.left._tag).toBe('TrailRejected');
    expect(E.isLeft(invalid) && invalid.left.message).toMatch(/line 1: metadata\.recordedAt: expected an ISO date-time/);
    expect(await all(target)).toEqual([]);
    await ok(importTrail(path, target));
    const again = await importTrail(path, target)();
    expect(E.isLeft(again) && again.left._tag).toBe('TargetNotEmpty');
    expect(await all(target)).toHaveLength(6);
  });

  it('notices a file that changed between its verification and its import', async () => {
    const { text } = await exported(await world());
    const ls = lines(text);
    const last = JSON.parse(ls[5] as string) as Record<string, unknown> & { data: { measure: string } };
    const data = { measure: 'rewritten' };
    const body = canonicalBody({ ...last, data, revision: BigInt(last.revision as string) } as never);
    const swapped = [...ls.slice(0, 5), canonicalJson({ ...last, data, hash: sha256Hex(body) })];
    let reads = 0;
    const source = { lines: () => (reads++ === 0 ? ls : swapped) };
    const r = await importTrail(source, createMemoryStore())();
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'IntegrityViolation', failure: 'digest_mismatch', message: /the file changed while importing/ });
  });

  it('fails clearly when the target seals events to other hashes', async () => {
    const { path } = await exported(await world());
    const inner = createMemoryStore();
    const skewed: EventStore = { ...inner, append: (s, events, x) => inner.append(s, events.map((e) => ({ ...e, metadata: { ...e.metadata, reason: 'rewritten' } })), x) };
    const r = await importTrail(path, skewed)();
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'IntegrityViolation', streamId: 'case-0', revision: 0n, failure: 'hash_mismatch' });
    expect(E.isLeft(r) && r.left.message).toMatch(/does not reproduce the trail's hashes \(0 events imported before it\)/);
  });
});
