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

/** Reads prevHash, revision and streamId from the end of a canonical body without parsing it all. */
const bodyTail = (body: string): Tail | undefined => {
  const i = body.lastIndexOf(TAIL);
  if (i < 0) return undefined;
  try {
    const o = JSON.parse(`{${body.slice(i + 1)}`) as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length !== 5 || keys[0] !== 'prevHash' || keys[1] !== 'revision' || keys[2] !== 'schemaVersion' || keys[3] !== 'streamId' || keys[4] !== 'type') return undefined;
    const { prevHash, revision, streamId } = o;
    return typeof prevHash === 'string' && typeof revision === 'string' && typeof streamId === 'string' ? { prevHash, revision, streamId } : undefined;
  } catch {
    return undefined;
  }
};

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

/** Checks records one at a time; see the module comment for the rules. */
export class ChainChecker {
  readonly #heads = new Map<string, { revision: bigint; hash: string }>();
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
    const at = { streamId: r.streamId, revision: r.revision, position: r.position, line: r.line };
    const where = `stream "${r.streamId}" revision ${r.revision} at position ${r.position}`;
    if (this.#lastPosition !== undefined && r.position <= this.#lastPosition) {
      this.report({ kind: 'reorder', ...at, message: `${where}: position does not increase (follows position ${this.#lastPosition})` });
    } else {
      this.#lastPosition = r.position;
    }
    let body = r.body;
    let prevHash: string | undefined = r.event?.prevHash;
    if (body === undefined) {
      if (r.event === undefined) {
        this.report({ kind: 'malformed_record', ...at, message: `${where}: neither stored bytes nor an envelope to check` });
        return;
      }
      try {
        body = canonicalBody(r.event);
      } catch (x) {
        this.report({ kind: 'malformed_record', ...at, message: `${where}: not canonical JSON data: ${x instanceof Error ? x.message : String(x)}` });
        return;
      }
      this.#hash(r, body, at, where);
      if (r.event.streamId !== r.streamId || r.event.revision !== r.revision) {
        this.report({ kind: 'body_mismatch', ...at, message: `${where}: the envelope says stream "${r.event.streamId}" revision ${r.event.revision}` });
      }
    } else {
      this.#hash(r, body, at, where);
      const tail = bodyTail(body);
      if (tail === undefined) {
        this.report({ kind: 'body_mismatch', ...at, message: `${where}: the stored bytes are not a canonical event body` });
      } else {
        if (tail.streamId !== r.streamId || tail.revision !== r.revision.toString()) {
          this.report({ kind: 'body_mismatch', ...at, message: `${where}: the stored bytes say stream "${tail.streamId}" revision ${tail.revision}` });
        }
        if (prevHash !== undefined && prevHash !== tail.prevHash) {
          this.report({ kind: 'body_mismatch', ...at, message: `${where}: the envelope's prevHash differs from the stored bytes` });
        }
        prevHash = tail.prevHash;
      }
      if (r.event !== undefined && canonicalBodyOrUndefined(r.event) !== body) {
        this.report({ kind: 'body_mismatch', ...at, message: `${where}: the event as read differs from the stored bytes that were hashed` });
      }
    }
    this.#link(r, prevHash, at, where);
  }

  #hash(r: ChainRecord, body: string, at: Omit<Finding, 'kind' | 'message'>, where: string): void {
    const computed = sha256Hex(body);
    if (computed !== r.hash) {
      this.report({ kind: 'hash_mismatch', ...at, message: `${where}: stored hash ${r.hash.slice(0, 16)}…, content hashes to ${computed.slice(0, 16)}…` });
    }
  }

  #link(r: ChainRecord, prevHash: string | undefined, at: Omit<Finding, 'kind' | 'message'>, where: string): void {
    const head = this.#heads.get(r.streamId);
    const expected = head === undefined ? 0n : head.revision + 1n;
    if (r.revision < expected) {
      this.report({ kind: 'reorder', ...at, message: `${where}: revision goes back (the stream is already at revision ${expected - 1n})` });
      return; // keep the head: the events after it are still checked against it
    }
    if (r.revision > expected) {
      const missing = r.revision - expected === 1n ? `revision ${expected} is missing` : `revisions ${expected}..${r.revision - 1n} are missing`;
      this.report({ kind: 'revision_gap', ...at, message: `${where}: ${missing}` });
    } else if (prevHash !== undefined) {
      const want = head === undefined ? GENESIS_HASH : head.hash;
      if (prevHash !== want) {
        this.report({ kind: 'broken_link', ...at, message: `${where}: prevHash ${prevHash.slice(0, 16)}… does not match ${head === undefined ? 'the genesis hash' : `the hash of revision ${head.revision}`} ${want.slice(0, 16)}…` });
      }
    }
    this.#heads.set(r.streamId, { revision: r.revision, hash: r.hash });
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
