/**
 * The streaming hash-chain check shared by store verification and offline file verification.
 * Memory stays flat: per stream only its head (last revision and hash) is kept, never the events.
 *
 * Per record, in global order:
 * - positions strictly increase (else `reorder`);
 * - SHA-256 of the hashed bytes equals the stored hash (`hash_mismatch`); the bytes are the stored
 *   ones when the source has them, else the canonical body recomputed from the envelope;
 * - the bytes describe this record: same stream and revision, and, when both the stored bytes and
 *   the envelope are at hand, the same bytes as the envelope's canonical body (`body_mismatch`);
 * - revisions continue the stream's head (`revision_gap` when one is skipped, `reorder` when one
 *   goes back or repeats);
 * - prevHash is the head's hash, or the genesis hash at revision 0 (`broken_link`).
 */
import * as crypto from 'node:crypto';
import { GENESIS_HASH, type SealedEvent } from '../eventsourcing/envelope';
import { canonicalBody, sha256Hex } from '../eventsourcing/integrity';

/** What a check found wrong. */
export type FindingKind =
  | 'hash_mismatch' | 'body_mismatch' | 'broken_link' | 'revision_gap' | 'reorder' | 'malformed_record'
  | 'missing_events' | 'digest_mismatch' | 'signature_invalid';

/** One thing found wrong, located as precisely as the evidence allows. */
export interface Finding {
  readonly kind: FindingKind;
  readonly message: string;
  readonly streamId?: string | undefined;
  readonly revision?: bigint | undefined;
  readonly position?: bigint | undefined;
  /** 1-based line of an exported trail file. */
  readonly line?: number | undefined;
}

/** One record to check: what the source says about an event. */
export interface ChainRecord {
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly hash: string;
  /** The exact bytes that were hashed, when the source keeps them. */
  readonly body?: string | undefined;
  /** The envelope as read (needed when `body` is absent; cross-checked against it when present). */
  readonly event?: Omit<SealedEvent, 'hash'> | undefined;
  /** Source line (files). */
  readonly line?: number | undefined;
}

const TAIL = ',"prevHash":';
interface Tail { readonly prevHash: string; readonly revision: string; readonly streamId: string }

/** Reads prevHash, revision and streamId from the end of a canonical body (the slow, diagnosing path). */
const bodyTail = (body: string): Tail | undefined => {
  const i = body.lastIndexOf(TAIL);
  if (i < 0) return undefined;
  try {
    const o = JSON.parse(`{${body.slice(i + 1)}`) as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.join() !== 'prevHash,revision,schemaVersion,streamId,type') return undefined;
    const { prevHash, revision, streamId } = o;
    return typeof prevHash === 'string' && typeof revision === 'string' && typeof streamId === 'string' ? { prevHash, revision, streamId } : undefined;
  } catch {
    return undefined;
  }
};

const REV = '","revision":"';
const SCHEMA = '","schemaVersion":';
const STREAM = ',"streamId":';
/**
 * The fast path: the prevHash of a canonical body whose tail names exactly this stream (as JSON)
 * and revision, or undefined (then {@link bodyTail} says what differs).
 */
const prevHashOf = (body: string, streamJson: string, revision: string): string | undefined => {
  const i = body.lastIndexOf(TAIL);
  if (i < 0) return undefined;
  const h = i + TAIL.length + 1;
  if (body.charCodeAt(h - 1) !== 34 || !body.startsWith(REV, h + 64)) return undefined;
  const r = h + 64 + REV.length;
  if (!body.startsWith(revision, r) || !body.startsWith(SCHEMA, r + revision.length)) return undefined;
  const st = body.indexOf(STREAM, r + revision.length + SCHEMA.length);
  if (st < 0 || !body.startsWith(streamJson, st + STREAM.length) || !body.startsWith(',"type":', st + STREAM.length + streamJson.length)) return undefined;
  return body.slice(h, h + 64);
};

const oneShot = (crypto as { hash?: (alg: string, data: string) => string }).hash;
/** SHA-256 hex of a string: the one-shot hash where the runtime has it, else a Hash object. */
const sha256 = oneShot ? (text: string) => oneShot('sha256', text) : sha256Hex;

/** Result of a chain check. */
export interface ChainSummary {
  readonly events: number;
  readonly streams: number;
  readonly lastPosition: bigint | undefined;
  /** Findings kept (at most `maxFindings`), in the order found. */
  readonly findings: readonly Finding[];
  /** All findings, including those not kept. */
  readonly findingCount: number;
}

/** What is kept per stream: its last revision and hash (and its id as JSON, for the fast path). */
interface Head { revision: bigint; hash: string; readonly json: string }

/** Checks records one at a time; see the module comment for the rules. */
export class ChainChecker {
  readonly #heads = new Map<string, Head>();
  readonly #findings: Finding[] = [];
  readonly #max: number;
  #count = 0;
  #events = 0;
  #lastPosition: bigint | undefined;

  /** @param maxFindings how many findings to keep (all are counted). Default 100. */
  constructor(maxFindings = 100) {
    this.#max = maxFindings;
  }

  /** Records a finding (also used by sources for records they could not read). */
  report(f: Finding): void {
    this.#count++;
    if (this.#findings.length < this.#max) this.#findings.push(f);
  }

  /** Checks one record. */
  check(r: ChainRecord): void {
    this.#events++;
    if (this.#lastPosition !== undefined && r.position <= this.#lastPosition) {
      this.#fail('reorder', r, `position does not increase (follows position ${this.#lastPosition})`);
    } else {
      this.#lastPosition = r.position;
    }
    const head = this.#heads.get(r.streamId);
    let body = r.body;
    let prevHash: string | undefined = r.event?.prevHash;
    if (body === undefined) {
      if (r.event === undefined) return this.#fail('malformed_record', r, 'neither stored bytes nor an envelope to check');
      try {
        body = canonicalBody(r.event);
      } catch (x) {
        return this.#fail('malformed_record', r, `not canonical JSON data: ${x instanceof Error ? x.message : String(x)}`);
      }
      this.#hash(r, body);
      if (r.event.streamId !== r.streamId || r.event.revision !== r.revision) {
        this.#fail('body_mismatch', r, `the envelope says stream "${r.event.streamId}" revision ${r.event.revision}`);
      }
    } else {
      this.#hash(r, body);
      const fast = prevHashOf(body, head?.json ?? JSON.stringify(r.streamId), r.revision.toString());
      const tail = fast === undefined ? bodyTail(body) : undefined;
      if (fast === undefined && tail === undefined) {
        this.#fail('body_mismatch', r, 'the stored bytes are not a canonical event body');
      } else if (tail !== undefined && (tail.streamId !== r.streamId || tail.revision !== r.revision.toString())) {
        this.#fail('body_mismatch', r, `the stored bytes say stream "${tail.streamId}" revision ${tail.revision}`);
      }
      const stored = fast ?? tail?.prevHash;
      if (prevHash !== undefined && stored !== undefined && prevHash !== stored) {
        this.#fail('body_mismatch', r, 'the envelope\'s prevHash differs from the stored bytes');
      }
      prevHash = stored ?? prevHash;
      if (r.event !== undefined && canonicalBodyOrUndefined(r.event) !== body) {
        this.#fail('body_mismatch', r, 'the event as read differs from the stored bytes that were hashed');
      }
    }
    this.#link(r, head, prevHash);
  }

  #fail(kind: FindingKind, r: ChainRecord, detail: string): void {
    this.report({
      kind, streamId: r.streamId, revision: r.revision, position: r.position, line: r.line,
      message: `${r.line === undefined ? '' : `line ${r.line}: `}stream "${r.streamId}" revision ${r.revision} at position ${r.position}: ${detail}`,
    });
  }

  #hash(r: ChainRecord, body: string): void {
    const computed = sha256(body);
    if (computed !== r.hash) this.#fail('hash_mismatch', r, `stored hash ${String(r.hash).slice(0, 16)}…, content hashes to ${computed.slice(0, 16)}…`);
  }

  #link(r: ChainRecord, head: Head | undefined, prevHash: string | undefined): void {
    const expected = head === undefined ? 0n : head.revision + 1n;
    if (r.revision < expected) {
      // Keep the head: the events after it are still checked against it.
      return this.#fail('reorder', r, `revision goes back (the stream is already at revision ${expected - 1n})`);
    }
    if (r.revision > expected) {
      this.#fail('revision_gap', r, r.revision - expected === 1n ? `revision ${expected} is missing` : `revisions ${expected}..${r.revision - 1n} are missing`);
    } else if (prevHash !== undefined) {
      const want = head === undefined ? GENESIS_HASH : head.hash;
      if (prevHash !== want) {
        this.#fail('broken_link', r, `prevHash ${prevHash.slice(0, 16)}… does not match ${head === undefined ? 'the genesis hash' : `the hash of revision ${head.revision}`} ${want.slice(0, 16)}…`);
      }
    }
    if (head === undefined) this.#heads.set(r.streamId, { revision: r.revision, hash: r.hash, json: JSON.stringify(r.streamId) });
    else { head.revision = r.revision; head.hash = r.hash; }
  }

  /** The summary so far. */
  summary(): ChainSummary {
    return { events: this.#events, streams: this.#heads.size, lastPosition: this.#lastPosition, findings: [...this.#findings], findingCount: this.#count };
  }
}

const canonicalBodyOrUndefined = (e: Omit<SealedEvent, 'hash'>): string | undefined => {
  try {
    return canonicalBody(e);
  } catch {
    return undefined;
  }
};
