import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { createDigest } from '../../src/audit/digest';
import { generateSigningKeyPair, signDigest } from '../../src/audit/signature';
import { verifyStore, type VerifyOptions } from '../../src/audit/verify';
import type { EventStore, RawRecord, RecordedEvent } from '../../src/eventsourcing/index';
import { canonicalBody, sha256Hex } from '../../src/eventsourcing/index';
import { filledStore, tamperedStore, type Tamper } from './fixtures';

type Row = Parameters<Tamper>[0][number];

const verify = async (store: EventStore, options: VerifyOptions = {}) => {
  const r = await verifyStore(store, options)();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

/** Replaces the payload of row i, in the event and in the stored bytes, optionally rehashing it. */
const editPayload = (rows: Row[], i: number, rehash = false): Row[] => rows.map((r, k) => {
  if (k !== i) return r;
  const event = { ...r.event, data: { i: -1, text: 'forged' } };
  const body = canonicalBody(event);
  const hash = rehash ? sha256Hex(body) : r.event.hash;
  return { event: { ...event, hash }, raw: { ...r.raw, body, hash } };
});

/** Sets rows[i].position to `p` in both views. */
const at = (r: Row, p: bigint): Row => ({ event: { ...r.event, position: p }, raw: { ...r.raw, position: p } });

const sources = [{ raw: true, label: 'stored bytes' }, { raw: false, label: 'envelopes' }] as const;

describe.each(sources)('verifyStore over $label', ({ raw }) => {
  const tampered = async (tamper: Tamper, count = 40) => tamperedStore(await filledStore(count, 4), tamper, { raw });

  it('passes an untouched trail and says it is self-consistency only', async () => {
    const report = await verify(await tampered((rows) => rows));
    expect(report).toMatchObject({ ok: true, assurance: 'self-consistency', events: 40, streams: 4, lastPosition: 40n, findingCount: 0 });
    expect(report.firstFailure).toBeUndefined();
    expect(report.statement).toMatch(/self-consistency only/);
    expect(report.statement).toMatch(/rewritten and rehashed/);
  });

  it('catches a changed payload and locates it', async () => {
    const report = await verify(await tampered((rows) => editPayload(rows, 9)));
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({ kind: 'hash_mismatch', streamId: 'case-1', revision: 2n, position: 10n });
    expect(report.findingCount).toBe(1);
  });

  it('catches a changed and rehashed payload at the next link', async () => {
    const report = await verify(await tampered((rows) => editPayload(rows, 9, true)));
    expect(report.firstFailure).toMatchObject({ kind: 'broken_link', streamId: 'case-1', revision: 3n, position: 14n });
    expect(report.findings).toHaveLength(1);
  });

  it('catches two events of one stream swapped (positions kept in order)', async () => {
    const report = await verify(await tampered((rows) => {
      const out = [...rows];
      out[5] = at(rows[13] as Row, 6n); // case-1 revision 3 moved before revision 1
      out[13] = at(rows[5] as Row, 14n);
      return out;
    }));
    expect(report.firstFailure).toMatchObject({ kind: 'revision_gap', streamId: 'case-1', revision: 3n, position: 6n });
    expect(report.findings.map((f) => [f.kind, f.position])).toEqual([['revision_gap', 6n], ['reorder', 10n], ['reorder', 14n]]);
  });

  it('catches two events swapped with their positions (global order broken)', async () => {
    const report = await verify(await tampered((rows) => {
      const out = [...rows];
      [out[20], out[21]] = [rows[21] as Row, rows[20] as Row];
      return out;
    }));
    expect(report.findings[0]).toMatchObject({ kind: 'reorder', streamId: 'case-0', position: 21n });
    expect(report.findings[0]?.message).toMatch(/position does not increase \(follows position 22\)/);
  });

  it('catches a dropped event and names the missing revision', async () => {
    const report = await verify(await tampered((rows) => rows.filter((_, i) => i !== 17)));
    expect(report.firstFailure).toMatchObject({ kind: 'revision_gap', streamId: 'case-1', revision: 5n, position: 22n });
    expect(report.firstFailure?.message).toMatch(/revision 4 is missing/);
    expect(report.findingCount).toBe(1);
  });

  it('misses a dropped tail or stream on its own, and says it cannot see them', async () => {
    for (const tamper of [(rows: Row[]) => rows.slice(0, 30), (rows: Row[]) => rows.filter((r) => r.event.streamId !== 'case-3')]) {
      const report = await verify(await tampered(tamper));
      expect(report.ok).toBe(true);
      expect(report.assurance).toBe('self-consistency');
      expect(report.statement).toMatch(/removed whole streams or the latest events/);
    }
  });

  it('catches a dropped tail, a dropped stream and a rehashed rewrite against an older digest', async () => {
    const original = await filledStore(40, 4);
    const older = await createDigest(original, { at: '2024-06-01T00:00:00.000Z' })();
    if (E.isLeft(older)) throw new Error(older.left.message);
    const against = older.right;

    const untouched = await verify(await tampered((rows) => rows), { against });
    expect(untouched).toMatchObject({ ok: true, assurance: 'external-digest', comparison: { rootMatches: true, covered: true, signature: 'not-checked' } });
    expect(untouched.statement).toMatch(/still holds exactly those 40 events/);

    const tail = await verify(await tampered((rows) => rows.slice(0, 30)), { against });
    expect(tail).toMatchObject({ ok: false, assurance: 'external-digest', findingCount: 1 });
    expect(tail.firstFailure).toMatchObject({ kind: 'missing_events' });
    expect(tail.firstFailure?.message).toMatch(/has only 30: at least 10 events were removed/);

    const stream = await verify(await tampered((rows) => rows.filter((r) => r.event.streamId !== 'case-3')), { against });
    expect(stream.firstFailure).toMatchObject({ kind: 'missing_events' });

    // A dropped stream followed by new appends (so the count is back): the root catches it.
    const refilled = await verify(await tampered((rows) => [
      ...rows.filter((r) => r.event.streamId !== 'case-3'),
      ...rows.filter((r) => r.event.streamId === 'case-0').slice(0, 10).map((r, k) => at(r, 41n + BigInt(k))),
    ].map((r, k, all) => (k >= 30 ? rehashChain(all, k) : r))), { against });
    expect(refilled.findings.map((f) => f.kind)).toContain('digest_mismatch');
    expect(refilled.comparison?.rootMatches).toBe(false);

    const rewritten = await verify(await tampered(rewriteAll), { against });
    expect(rewritten.findings.map((f) => f.kind)).toEqual(['digest_mismatch']);
    expect((await verify(await tampered(rewriteAll))).ok).toBe(true); // self-consistent, as the statement warns
  });
});

/** Re-seals row k as the next revision of its stream after the rows before it (a forger's append). */
const rehashChain = (rows: Row[], k: number): Row => {
  const r = rows[k] as Row;
  const before = rows.slice(0, k).filter((x) => x.event.streamId === r.event.streamId);
  const prev = before[before.length - 1];
  const unhashed = { ...r.event, revision: prev ? prev.event.revision + 1n : 0n, prevHash: prev ? prev.event.hash : '0'.repeat(64) };
  const body = canonicalBody(unhashed);
  const hash = sha256Hex(body);
  rows[k] = { event: { ...unhashed, hash }, raw: { ...r.raw, revision: unhashed.revision, body, hash } };
  return rows[k] as Row;
};

/** Changes one payload and rehashes every chain forward: self-consistent, but not the same trail. */
const rewriteAll: Tamper = (rows) => {
  const out = editPayload(rows, 3, true);
  for (let k = 4; k < out.length; k++) rehashChain(out, k);
  return out;
};

describe('verifyStore with both sources side by side', () => {
  it('catches an event that reads differently from the bytes that were hashed', async () => {
    const store = await tamperedStore(await filledStore(12, 3), (rows) =>
      rows.map((r, i) => (i === 4 ? { ...r, event: { ...r.event, data: { i: 4, text: 'other' } } } : r)));
    expect((await verify(store, { source: 'raw' })).ok).toBe(true);
    const both = await verify(store, { source: 'both' });
    expect(both.firstFailure).toMatchObject({ kind: 'body_mismatch', streamId: 'case-1', revision: 1n, position: 5n });
    expect(both.firstFailure?.message).toMatch(/differs from the stored bytes/);
  });

  it('catches stored bytes that belong to another stream or revision', async () => {
    const store = await tamperedStore(await filledStore(6, 2), (rows) =>
      rows.map((r, i) => (i === 2 ? { ...r, raw: { ...r.raw, revision: 7n } as RawRecord } : r)));
    const report = await verify(store, { source: 'raw' });
    expect(report.findings[0]).toMatchObject({ kind: 'body_mismatch', revision: 7n, position: 3n });
  });

  it('refuses raw sources on a store without readRaw', async () => {
    const store = await tamperedStore(await filledStore(3), (rows) => rows, { raw: false });
    const r = await verifyStore(store, { source: 'both' })();
    expect(E.isLeft(r) && r.left.message).toMatch(/source: source "both" needs a store with readRaw/);
  });
});

describe('verifyStore against signed digests', () => {
  it('checks the signature with the given public key', async () => {
    const store = await filledStore(10, 2);
    const keys = generateSigningKeyPair();
    const other = generateSigningKeyPair();
    const made = await createDigest(store, { signWith: { privateKeyPem: keys.privateKeyPem } })();
    if (E.isLeft(made)) throw new Error(made.left.message);
    const good = await verify(store, { against: made.right, publicKeyPem: keys.publicKeyPem });
    expect(good).toMatchObject({ ok: true, comparison: { signature: 'valid', keyId: keys.keyId } });
    expect(good.statement).toMatch(new RegExp(`signature is valid \\(key id ${keys.keyId}\\)`));

    const wrongKey = await verify(store, { against: made.right, publicKeyPem: other.publicKeyPem });
    expect(wrongKey).toMatchObject({ ok: false, comparison: { signature: 'invalid' } });
    expect(wrongKey.findings[0]?.kind).toBe('signature_invalid');

    // An operator who shrinks the digest to fit a shortened trail cannot re-sign it.
    const shrunk = { ...made.right, treeSize: 5 };
    const forged = await verify(store, { against: shrunk, publicKeyPem: keys.publicKeyPem });
    expect(forged.findings.map((f) => f.kind)).toContain('signature_invalid');

    const resigned = signDigest(made.right, other.privateKeyPem);
    if (!resigned.ok) throw new Error(resigned.reason);
    expect((await verify(store, { against: resigned.value, publicKeyPem: keys.publicKeyPem })).ok).toBe(false);
    expect((await verify(store, { against: resigned.value })).comparison?.signature).toBe('not-checked');
  });

  it('refuses a malformed digest or key before reading', async () => {
    const store = await filledStore(2);
    const r = await verifyStore(store, { against: { treeSize: -1, rootHash: 'x', lastPosition: '0', createdAt: 'now' } })();
    expect(E.isLeft(r) && r.left.message).toMatch(/against: digest\.treeSize/);
    const made = await createDigest(store)();
    if (E.isLeft(made)) throw new Error('digest');
    const k = await verifyStore(store, { against: made.right, publicKeyPem: 'not a key' })();
    expect(E.isLeft(k) && k.left.message).toMatch(/publicKeyPem: public key/);
  });
});

describe('verifyStore reports', () => {
  it('bounds the findings it keeps but counts all', async () => {
    const store = await tamperedStore(await filledStore(30, 1), (rows) => rows.map((r) => ({ ...r, raw: { ...r.raw, hash: 'f'.repeat(64) }, event: { ...r.event, hash: 'f'.repeat(64) } as RecordedEvent })));
    const report = await verify(store, { maxFindings: 5 });
    expect(report.findings).toHaveLength(5);
    expect(report.findingCount).toBeGreaterThan(30);
    expect(report.truncated).toBe(true);
  });

  it('returns the digest of what it verified when asked', async () => {
    const store = await filledStore(9, 2);
    const report = await verify(store, { digestAt: '2024-05-05T00:00:00.000Z' });
    const made = await createDigest(store, { at: '2024-05-05T00:00:00.000Z' })();
    expect(E.isRight(made) && report.digest).toEqual(E.isRight(made) && made.right);
  });
});
