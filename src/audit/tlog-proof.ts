/**
 * Offline proof bundles in the C2SP tlog-proof form (https://c2sp.org/tlog-proof, `.tlog-proof`):
 *
 *     c2sp.org/tlog-proof@v1
 *     extra <base64 of the event as a trail line>
 *     index <leaf index>
 *     <inclusion proof hashes, base64, one per line, leaf's sibling first>
 *
 *     <the checkpoint note, with its cosignatures>
 *
 * The leaf of an event is its 32-byte hash (as in digests and checkpoints). The extra data carries
 * the event itself so that its hash is recomputed from its content; it is not trusted otherwise.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { RecordedEvent, SealedEvent } from '../eventsourcing/envelope';
import { errors } from '../eventsourcing/errors';
import { computeHash } from '../eventsourcing/integrity';
import type { EventStore } from '../eventsourcing/store';
import { parseCheckpointText } from './checkpoint';
import { leafOfEventHash } from './digest';
import { auditErrors, type AuditError } from './errors';
import { asLedgerError } from './failure';
import { parseTrailLine, trailLine } from './jsonl';
import { bytesToHex, hexToBytes, verifyInclusion } from './merkle';
import { decodeBase64, encodeBase64, parseNote, type NoteResult } from './note';
import { proveInclusion } from './proofs';
import { verifyWitnessedCheckpoint, type WitnessedCheckpoint, type WitnessPolicy } from './witnessed';

/** The first line of every proof. */
export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

/** A parsed proof bundle. */
export interface TlogProof {
  readonly extra?: Uint8Array;
  readonly index: number;
  readonly proof: readonly Uint8Array[];
  /** The checkpoint note, verbatim. */
  readonly checkpoint: string;
}

const fail = (reason: string): { readonly ok: false; readonly reason: string } => ({ ok: false, reason });
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/** Writes a proof bundle. */
export const formatTlogProof = (p: TlogProof): string =>
  [TLOG_PROOF_HEADER, ...(p.extra ? [`extra ${encodeBase64(p.extra)}`] : []), `index ${p.index}`, ...p.proof.map(encodeBase64)].map((l) => `${l}\n`).join('')
  + `\n${p.checkpoint}`;

/** Parses a proof bundle (its checkpoint is not checked here). */
export const parseTlogProof = (text: string): NoteResult<TlogProof> => {
  const split = text.indexOf('\n\n');
  if (split < 0) return fail('a proof needs a blank line before the checkpoint');
  const lines = text.slice(0, split).split('\n');
  if (lines.shift() !== TLOG_PROOF_HEADER) return fail(`the first line must be ${TLOG_PROOF_HEADER}`);
  let extra: Uint8Array | undefined;
  if (lines[0]?.startsWith('extra ')) {
    extra = decodeBase64(lines.shift()!.slice('extra '.length));
    if (extra === undefined) return fail('the extra line is not base64');
  }
  const index = /^index (.*)$/.exec(lines.shift() ?? '')?.[1];
  if (index === undefined || !DECIMAL.test(index) || !Number.isSafeInteger(Number(index))) return fail('expected "index <decimal>"');
  const proof: Uint8Array[] = [];
  for (const [i, line] of lines.entries()) {
    const h = decodeBase64(line);
    if (h === undefined || h.length !== 32) return fail(`proof line ${i + 1} is not the base64 of a 32-byte hash`);
    proof.push(h);
  }
  return { ok: true, value: { ...(extra ? { extra } : {}), index: Number(index), proof, checkpoint: text.slice(split + 2) } };
};

/** The event carried in a proof's extra data, or why it cannot be read. */
export const eventOfExtra = (extra: Uint8Array | undefined): NoteResult<RecordedEvent> => {
  if (extra === undefined) return fail('the proof carries no event (no extra line)');
  const parsed = parseTrailLine(Buffer.from(extra).toString('utf8'), 1);
  return parsed.ok ? { ok: true, value: parsed.event } : fail(`the event in the proof is malformed (${parsed.message.replace(/^line 1: /, '')})`);
};

/** What an offline check of a proof established. */
export interface CheckedTlogProof {
  readonly witnessed: WitnessedCheckpoint;
  readonly event: RecordedEvent;
  readonly eventHash: string;
}

/**
 * Checks a proof bundle with the keys alone: the checkpoint's signature and cosignatures under the
 * policy, the event's hash recomputed from its content, and the inclusion path to the root.
 */
export const verifyTlogProof = (text: string, policy: WitnessPolicy): NoteResult<CheckedTlogProof> => {
  const p = parseTlogProof(text);
  if (!p.ok) return p;
  const witnessed = verifyWitnessedCheckpoint(p.value.checkpoint, policy);
  if (!witnessed.ok) return witnessed;
  const event = eventOfExtra(p.value.extra);
  if (!event.ok) return event;
  let hash: string;
  try {
    hash = computeHash(event.value as Omit<SealedEvent, 'hash'>);
  } catch (x) {
    return fail(`the event in the proof cannot be hashed (${x instanceof Error ? x.message : String(x)})`);
  }
  if (hash !== event.value.hash) return fail(`the event's content hashes to ${hash}, not to its recorded hash ${event.value.hash}: it was altered`);
  const { treeSize, rootHash } = witnessed.value.checkpoint;
  const included = verifyInclusion(leafOfEventHash(hash), p.value.index, treeSize, p.value.proof, rootHash);
  if (!included.ok) return fail(`the inclusion proof does not hold: ${included.reason}`);
  return { ok: true, value: { witnessed: witnessed.value, event: event.value, eventHash: hash } };
};

/**
 * Writes the proof bundle of one event in the trail a checkpoint covers. Fails with EventNotFound
 * when the event is absent or beyond the checkpoint, and DigestNotMatched when the store no longer
 * gives the checkpoint's root.
 */
export const createTlogProof = (store: EventStore, eventId: string, checkpointNote: string): TaskEither<AuditError, string> => async () => {
  const parsed = parseNote(checkpointNote);
  if (!parsed.ok) return E.left(errors.validation([{ path: 'checkpoint', message: parsed.reason }]));
  const c = parseCheckpointText(parsed.value.text);
  if (!c.ok) return E.left(errors.validation([{ path: 'checkpoint', message: c.reason }]));
  const head = { treeSize: c.value.treeSize, rootHash: bytesToHex(c.value.rootHash), lastPosition: '0', createdAt: new Date(0).toISOString() };
  const proved = await proveInclusion(store, eventId, head)();
  if (E.isLeft(proved)) return proved;
  const p = proved.right;
  let line: string | undefined;
  try {
    for await (const e of store.readStream(p.streamId, { fromRevision: BigInt(p.revision), maxCount: 1 })) { line = trailLine(e); break; }
  } catch (x) {
    return E.left(asLedgerError(x));
  }
  if (line === undefined) return E.left(auditErrors.eventNotFound(eventId, 'vanished while proving'));
  return E.right(formatTlogProof({
    extra: Buffer.from(line, 'utf8'), index: p.leafIndex, proof: p.path.map((h) => hexToBytes(h)!), checkpoint: checkpointNote,
  }));
};
