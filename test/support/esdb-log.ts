/**
 * The storage model of the in-process EventStoreDB-protocol server: a transaction log ($all) with
 * positions that grow by the size of each record (so they are ordered with gaps, as on a real
 * node), per-stream revisions, stream metadata ($maxCount, $tb), soft deletes and tombstones.
 * Protocol-free: the gRPC handlers translate to and from it.
 */
import { randomUUID } from 'node:crypto';

/** One stored record. Commit and prepare positions are equal (no explicit transactions). */
export interface LogRecord {
  readonly position: bigint;
  readonly streamName: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** Ticks (100 ns) since the Unix epoch, as the server sends them. */
  readonly created: bigint;
}

/** An event as proposed by a client. */
export interface Proposed {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** The expected state of a stream, as the protocol carries it. */
export type Expected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

/** What an append did. */
export type AppendOutcome =
  | { readonly ok: true; readonly lastRevision: bigint; readonly position: bigint | undefined; readonly idempotent: boolean }
  | { readonly ok: false; readonly error: 'wrong_expected_version'; readonly current: bigint | undefined }
  | { readonly ok: false; readonly error: 'stream_deleted' }
  | { readonly ok: false; readonly error: 'too_large'; readonly max: number };

/** What a delete or tombstone did. */
export type DeleteOutcome =
  | { readonly ok: true; readonly position: bigint }
  | { readonly ok: false; readonly error: 'wrong_expected_version'; readonly current: bigint | undefined }
  | { readonly ok: false; readonly error: 'stream_deleted' };

/** The result of reading one stream. */
export type StreamRead = readonly LogRecord[] | 'not_found' | 'deleted';

interface StreamState {
  readonly records: LogRecord[];
  /** Last revision written, -1 when none. */
  lastRevision: bigint;
  tombstoned: boolean;
  /** Set by a soft delete: the stream reads as missing until it is written again. */
  softDeleted: boolean;
  truncateBefore: bigint;
  maxCount: number | undefined;
}

const enc = new TextEncoder();
const LONG_MAX = 9_223_372_036_854_775_807n;
/** The revision real servers give a tombstone event. */
export const TOMBSTONE_REVISION = LONG_MAX;

const ticksNow = () => BigInt(Date.now()) * 10_000n;

/** In-memory log. Positions start past a pretend header and grow by each record's size. */
export class EsdbLog {
  readonly all: LogRecord[] = [];
  private readonly streams = new Map<string, StreamState>();
  private nextPosition = 1_000n;
  private readonly listeners = new Set<() => void>();

  constructor(readonly maxAppendSize = 1024 * 1024, seedSystemEvents = true) {
    if (seedSystemEvents) {
      this.write('$settings', [json('$settings', { $userStreamAcl: { $r: '$all' } })]);
      this.write('$user-admin', [json('$User', { loginName: 'admin', fullName: 'Event Store Administrator' })]);
    }
  }

  /** Called after every write (subscriptions wake on it). */
  onWrite(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last position written, or undefined on an empty log. */
  lastPosition(): bigint | undefined {
    return this.all[this.all.length - 1]?.position;
  }

  /**
   * Whether a read of `$all` may start at `position`: the start, the end, or where a record begins.
   * Real servers fail a read that starts inside a record (they parse garbage as a record header).
   */
  isBoundary(position: bigint): boolean {
    return position === 0n || position === this.nextPosition || this.all[this.indexAtOrAfter(position)]?.position === position;
  }

  /** Index of the first record whose position is >= `position`. */
  indexAtOrAfter(position: bigint): number {
    let lo = 0;
    let hi = this.all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.all[mid] as LogRecord).position < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  append(streamName: string, expected: Expected, events: readonly Proposed[]): AppendOutcome {
    const size = events.reduce((n, e) => n + e.data.length + e.metadata.length, 0);
    if (size > this.maxAppendSize) return { ok: false, error: 'too_large', max: this.maxAppendSize };
    const s = this.streams.get(streamName);
    if (s?.tombstoned) return { ok: false, error: 'stream_deleted' };
    const current = s === undefined || s.lastRevision < 0n ? undefined : s.lastRevision;
    const idem = this.idempotent(s, expected, events);
    if (idem === 'corrupt') return { ok: false, error: 'wrong_expected_version', current };
    if (idem !== undefined) return { ok: true, lastRevision: idem, position: undefined, idempotent: true };
    const visible = s !== undefined && !s.softDeleted;
    const matches =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && (current === undefined || s?.softDeleted === true)) ||
      (expected.kind === 'stream_exists' && visible && current !== undefined) ||
      (expected.kind === 'revision' && current === expected.revision);
    if (!matches) return { ok: false, error: 'wrong_expected_version', current };
    if (events.length === 0) return { ok: true, lastRevision: current ?? -1n, position: undefined, idempotent: false };
    if (s?.softDeleted) {
      // Writing to a soft-deleted stream revives it; its numbering continues.
      s.softDeleted = false;
      this.write(`$$${streamName}`, [json('$metadata', { $tb: Number(s.lastRevision + 1n) })]);
    }
    const written = this.write(streamName, events);
    const last = written[written.length - 1] as LogRecord;
    return { ok: true, lastRevision: last.revision, position: last.position, idempotent: false };
  }

  /** Soft delete (`tombstone` false) or tombstone of a stream. */
  delete(streamName: string, expected: Expected, tombstone: boolean): DeleteOutcome {
    const s = this.streams.get(streamName);
    if (s?.tombstoned) return { ok: false, error: 'stream_deleted' };
    const current = s === undefined || s.lastRevision < 0n ? undefined : s.lastRevision;
    const matches =
      (expected.kind === 'any' && current !== undefined) ||
      (expected.kind === 'stream_exists' && current !== undefined) ||
      (expected.kind === 'revision' && current === expected.revision) ||
      (tombstone && expected.kind === 'no_stream' && current === undefined) ||
      (tombstone && expected.kind === 'any');
    if (!matches) return { ok: false, error: 'wrong_expected_version', current };
    if (tombstone) {
      const state = this.state(streamName);
      state.tombstoned = true;
      const rec = this.record(streamName, TOMBSTONE_REVISION, json('$streamDeleted', {}));
      this.all.push(rec);
      this.notify();
      return { ok: true, position: rec.position };
    }
    (s as StreamState).softDeleted = true;
    const [meta] = this.write(`$$${streamName}`, [json('$metadata', { $tb: Number(LONG_MAX) })]);
    return { ok: true, position: (meta as LogRecord).position };
  }

  /** The records of a stream a reader may see (after $tb, $maxCount and soft deletes). */
  readStream(streamName: string): StreamRead {
    const s = this.streams.get(streamName);
    if (s?.tombstoned) return 'deleted';
    if (s === undefined || s.softDeleted || s.lastRevision < 0n) return 'not_found';
    let from = s.truncateBefore;
    if (s.maxCount !== undefined) {
      const byCount = s.lastRevision + 1n - BigInt(s.maxCount);
      if (byCount > from) from = byCount;
    }
    const visible = from <= 0n ? s.records : s.records.filter((r) => r.revision >= from);
    return visible.length === 0 ? 'not_found' : visible;
  }

  /** Last revision of a stream (including hidden records), undefined when none. */
  currentRevision(streamName: string): bigint | undefined {
    const s = this.streams.get(streamName);
    return s === undefined || s.lastRevision < 0n ? undefined : s.lastRevision;
  }

  private idempotent(s: StreamState | undefined, expected: Expected, events: readonly Proposed[]): bigint | 'corrupt' | undefined {
    if (s === undefined || events.length === 0) return undefined;
    const first = (events[0] as Proposed).id;
    let start: number;
    if (expected.kind === 'revision' || expected.kind === 'no_stream') {
      const after = expected.kind === 'revision' ? expected.revision : -1n;
      if (s.lastRevision <= after) return undefined;
      start = s.records.findIndex((r) => r.revision === after + 1n);
      if (start < 0 || (s.records[start] as LogRecord).id !== first) return undefined;
    } else {
      start = s.records.findIndex((r) => r.id === first);
      if (start < 0) return undefined;
    }
    for (let i = 0; i < events.length; i++) {
      const r = s.records[start + i];
      if (r === undefined || r.id !== (events[i] as Proposed).id) return 'corrupt';
    }
    return (s.records[start + events.length - 1] as LogRecord).revision;
  }

  private state(streamName: string): StreamState {
    let s = this.streams.get(streamName);
    if (s === undefined) {
      s = { records: [], lastRevision: -1n, tombstoned: false, softDeleted: false, truncateBefore: 0n, maxCount: undefined };
      this.streams.set(streamName, s);
    }
    return s;
  }

  private record(streamName: string, revision: bigint, e: Proposed): LogRecord {
    const position = this.nextPosition;
    const size = 64 + streamName.length + e.type.length + e.data.length + e.metadata.length;
    this.nextPosition += BigInt(size + (size % 7)); // record sizes vary: gaps between positions
    return { position, streamName, revision, id: e.id.toLowerCase(), type: e.type, contentType: e.contentType, data: e.data, metadata: e.metadata, created: ticksNow() };
  }

  private write(streamName: string, events: readonly Proposed[]): LogRecord[] {
    const s = this.state(streamName);
    const out: LogRecord[] = [];
    for (const e of events) {
      s.lastRevision += 1n;
      const rec = this.record(streamName, s.lastRevision, e);
      s.records.push(rec);
      this.all.push(rec);
      out.push(rec);
      if (streamName.startsWith('$$') && e.type === '$metadata') this.applyMetadata(streamName.slice(2), e.data);
    }
    this.notify();
    return out;
  }

  private applyMetadata(target: string, data: Uint8Array): void {
    let meta: Record<string, unknown>;
    try {
      meta = JSON.parse(Buffer.from(data).toString('utf8')) as Record<string, unknown>;
    } catch {
      return;
    }
    const s = this.state(target);
    const tb = meta['$tb'];
    if (typeof tb === 'number' && tb < Number(LONG_MAX)) s.truncateBefore = BigInt(tb);
    const mc = meta['$maxCount'];
    s.maxCount = typeof mc === 'number' && mc > 0 ? mc : undefined;
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}

/** A JSON event proposed by the server itself (system events). */
export const json = (type: string, data: unknown): Proposed => ({
  id: randomUUID(),
  type,
  contentType: 'application/json',
  data: enc.encode(JSON.stringify(data)),
  metadata: new Uint8Array(0),
});
