/**
 * The append rules, owned by the kernel so that every store behaves alike. Two pure steps:
 *
 * 1. {@link prepareAppend}, before any I/O: the arguments and every event are validated (envelope,
 *    and data against the registry), data and metadata are written as canonical JSON once (the
 *    bytes sealing hashes and the idempotency key is made of), and the size limit is checked.
 * 2. {@link planAppend}, with what the store read (the stream head, and the stored events with the
 *    append's ids when it looked them up): the idempotency rule, the expected-revision rule and the
 *    sealing of the rows onto the hash chain.
 *
 * An adapter only does I/O around them:
 *
 * ```ts
 * const prepared = prepareAppend(streamId, events, expected, registry, { maxAppendBytes });
 * if (E.isLeft(prepared)) return prepared;
 * let found: readonly (RecordedEvent | undefined)[] | undefined; // undefined: not looked up yet
 * for (;;) {
 *   const plan = planAppend(prepared.right, readHead(streamId), found);
 *   if (E.isLeft(plan)) return plan;
 *   switch (plan.right._tag) {
 *     case 'Duplicate': return E.right(plan.right.result);            // a retry: nothing to write
 *     case 'LookUp': found = readByIds(plan.right.ids); continue;       // needed to tell a retry
 *     case 'Write': return E.right(plan.right.done(insert(plan.right.rows))); // positions in row order
 *   }
 * }
 * ```
 *
 * A store that reads the ids anyway (memory) passes them from the start and never sees `LookUp`; a
 * store with a unique index on event ids (SQLite) may write first and look the ids up only when the
 * index refuses a row, then plan again with them.
 */
import * as E from 'fp-ts/Either';
import { CanonicalJsonError, canonicalJson, compileCanonicalWriter } from './canonical';
import type { CodecRegistry } from './codecs';
import { GENESIS_HASH, type NewEvent, type RecordedEvent, type SealedEvent } from './envelope';
import {
  errors, type AppendTooLarge, type DuplicateEventId, type ValidationFailed, type WrongExpectedRevision,
} from './errors';
import { contentKey, sha256Hex, type SealedWithBody } from './integrity';
import { revisionMatches, type ExpectedRevision } from './revision';
import type { AppendResult } from './store';
import { EventMetadataCodec, validateNewEvents } from './validation';

/** Canonical JSON of event metadata, compiled from its codec once. */
const writeMetadata = compileCanonicalWriter(EventMetadataCodec);

/** One event of a {@link PreparedAppend}: the caller's event and its canonical JSON, written once. */
export interface PreparedEvent {
  readonly event: NewEvent;
  /** Canonical JSON of `event.data`. */
  readonly data: string;
  /** Canonical JSON of `event.metadata`. */
  readonly metadata: string;
}

/**
 * The idempotency key of a prepared event: canonical JSON of type, schema version, data and
 * metadata (equal to `contentKey` of the event), made from the canonical JSON written once by
 * {@link prepareAppend}. Needed only when an id is found stored.
 */
export const idempotencyKey = (p: PreparedEvent): string =>
  '{"data":' + p.data + ',"metadata":' + p.metadata + ',"schemaVersion":' + JSON.stringify(p.event.schemaVersion) +
  ',"type":' + JSON.stringify(p.event.type) + '}';

/** An append that passed every check needing no I/O (the result of {@link prepareAppend}). */
export interface PreparedAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly PreparedEvent[];
  /** The event ids, in order. */
  readonly ids: readonly string[];
  /** The size limit the append was checked against (bytes of canonical JSON). */
  readonly maxAppendBytes: number;
}

/** Limits of {@link prepareAppend}. */
export interface AppendLimits {
  /** Maximum bytes of canonical JSON in one append (see `DEFAULT_MAX_APPEND_BYTES`). */
  readonly maxAppendBytes: number;
}

/** Every event is already stored, in this stream, with the same content: return `result`, write nothing. */
export interface DuplicatePlan { readonly _tag: 'Duplicate'; readonly result: AppendResult }

/**
 * Write `rows` (sealed, in order, with the exact bytes their hashes cover) atomically, then call
 * `done` with the position of each row for the result; `copies` are the store's own stored forms of
 * the rows, when it keeps copies instead of the caller's objects.
 */
export interface WritePlan {
  readonly _tag: 'Write';
  readonly rows: readonly SealedWithBody[];
  /** The result of the append, once the rows are written at `positions`. */
  readonly done: (positions: readonly bigint[], copies?: readonly SealedEvent[]) => AppendResult;
}

/** The expected revision does not match: read the stored events with these ids and plan again (it may be a retry). */
export interface LookUpPlan { readonly _tag: 'LookUp'; readonly ids: readonly string[] }

/** What {@link planAppend} tells the store to do. */
export type AppendPlan = DuplicatePlan | WritePlan | LookUpPlan;

/** What sealing needs of a stream's head: its last revision and hash. */
export interface ChainHead { readonly revision: bigint; readonly hash: string }

/** The failures {@link planAppend} can decide. */
export type PlanError = WrongExpectedRevision | DuplicateEventId | AppendTooLarge;

const validExpected = (x: unknown): x is ExpectedRevision =>
  x === 'any' || x === 'no_stream' || x === 'stream_exists' || (typeof x === 'bigint' && x >= 0n);

const invalid = (path: string, message: string) => E.left(errors.validation([{ path, message }]));

/** `{"data":…,"eventId":…,…}`: the bytes the hash covers (the same as `canonicalBody`). */
const bodyOf = (streamIdJson: string, p: PreparedEvent, revision: bigint, prevHash: string): string =>
  '{"data":' + p.data +
  ',"eventId":' + JSON.stringify(p.event.eventId) +
  ',"metadata":' + p.metadata +
  ',"prevHash":' + JSON.stringify(prevHash) +
  ',"revision":"' + revision.toString() + '"' +
  ',"schemaVersion":' + JSON.stringify(p.event.schemaVersion) +
  ',"streamId":' + streamIdJson +
  ',"type":' + JSON.stringify(p.event.type) + '}';

/** Characters of a body besides its variable parts. */
const FIXED_CHARS = '{"data":,"eventId":,"metadata":,"prevHash":,"revision":"","schemaVersion":,"streamId":,"type":}'.length + 66;

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * Checks an append before any I/O and writes what sealing and the idempotency rule need, once.
 * Fails with ValidationFailed (bad stream id, expected revision, envelope, data against `registry`
 * when given, or a value that is not plain JSON, naming its path) or AppendTooLarge (the canonical
 * bytes of the events, sealed from revision 0, exceed `limits.maxAppendBytes`; {@link planAppend}
 * checks the exact size once the revisions are known).
 */
export const prepareAppend = (
  streamId: unknown,
  events: readonly NewEvent[],
  expected: unknown,
  registry: CodecRegistry | undefined,
  limits: AppendLimits,
): E.Either<ValidationFailed | AppendTooLarge, PreparedAppend> => {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > 512 || streamId.startsWith('$')) {
    return invalid('streamId', `expected a non-empty id of at most 512 characters not starting with "$", got ${JSON.stringify(streamId)}`);
  }
  if (!validExpected(expected)) {
    return invalid('expectedRevision', `expected "any", "no_stream", "stream_exists" or a bigint >= 0, got ${String(expected)}`);
  }
  if (!Array.isArray(events) || events.length === 0) return invalid('events', 'expected a non-empty array of events');
  const checked = validateNewEvents(events);
  if (E.isLeft(checked)) return checked;
  if (registry !== undefined) {
    const valid = registry.validate(events);
    if (E.isLeft(valid)) return valid;
  }
  const prepared: PreparedEvent[] = [];
  const ids: string[] = [];
  const streamIdJson = JSON.stringify(streamId);
  let chars = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as NewEvent;
    let data: string;
    let metadata: string;
    try {
      // A writer compiled from the type's codec when the registry has one; the generic walk
      // otherwise, and to name what is wrong when the compiled writer refuses a value.
      data = registry?.writerOf?.(e.type)?.(e.data) ?? canonicalJson(e.data, 'data');
      metadata = writeMetadata(e.metadata) ?? canonicalJson(e.metadata, 'metadata');
    } catch (x) {
      if (!(x instanceof CanonicalJsonError)) throw x;
      return invalid(`events[${i}].${x.path}`, x.reason); // a value that is not plain JSON, named by its path
    }
    prepared.push({ event: e, data, metadata });
    ids.push(e.eventId);
    // An upper bound: JSON escapes a character in at most 6; a safe integer has at most 16 characters.
    chars += FIXED_CHARS + data.length + metadata.length + e.eventId.length * 6 + 2 + streamIdJson.length +
      e.type.length * 6 + 2 + 32;
  }
  const limit = limits.maxAppendBytes;
  if (chars * 3 > limit) { // a UTF-16 unit is at most 3 UTF-8 bytes: only then count bytes
    let size = 0;
    prepared.forEach((p, i) => { size += utf8(bodyOf(streamIdJson, p, BigInt(i), GENESIS_HASH)); });
    if (size > limit) return E.left(errors.tooLarge(streamId, size, limit));
  }
  return E.right({ streamId, expected, events: prepared, ids, maxAppendBytes: limit });
};

/** The result of an append: built here only. */
const appendResult = (streamId: string, events: readonly RecordedEvent[], duplicate: boolean): AppendResult => {
  const last = events[events.length - 1] as RecordedEvent;
  return { streamId, lastRevision: last.revision, lastPosition: last.position, events, duplicate };
};

/**
 * The idempotency rule. `found[i]` is the stored event with the i-th id, if any.
 * - none stored: `undefined` (a new append);
 * - all stored, in this stream, consecutively, with the same content: the stored events (a retry);
 * - anything else: DuplicateEventId.
 */
const retried = (
  p: PreparedAppend, found: readonly (RecordedEvent | undefined)[],
): E.Either<DuplicateEventId, readonly RecordedEvent[] | undefined> => {
  if (found.every((f) => f === undefined)) return E.right(undefined);
  const { streamId } = p;
  const stored: RecordedEvent[] = [];
  for (let i = 0; i < p.events.length; i++) {
    const f = found[i];
    const e = p.events[i] as PreparedEvent;
    const id = e.event.eventId;
    if (f === undefined) return E.left(errors.duplicateEventId(streamId, id, 'part of this append was stored before and part was not'));
    if (f.streamId !== streamId) return E.left(errors.duplicateEventId(streamId, id, `this eventId is already stored in stream "${f.streamId}"`));
    if (i > 0 && f.revision !== (stored[i - 1] as RecordedEvent).revision + 1n) {
      return E.left(errors.duplicateEventId(streamId, id, 'the stored events with these ids are not in this order'));
    }
    if (contentKey(f) !== idempotencyKey(e)) return E.left(errors.duplicateEventId(streamId, id, 'this eventId is already stored with different content'));
    stored.push(f);
  }
  return E.right(stored);
};

/** A sealed event whose position is filled in by `done` (one object per event, from sealing to the result). */
type Positioned = { -readonly [K in keyof RecordedEvent]: RecordedEvent[K] };

/** Seals the prepared events onto a stream whose head is `head` (undefined: a new stream). */
const seal = (p: PreparedAppend, head: ChainHead | undefined): SealedWithBody[] => {
  const streamIdJson = JSON.stringify(p.streamId);
  let revision = head === undefined ? -1n : head.revision;
  let prevHash = head === undefined ? GENESIS_HASH : head.hash;
  const rows: SealedWithBody[] = [];
  for (let i = 0; i < p.events.length; i++) {
    const pe = p.events[i] as PreparedEvent;
    revision += 1n;
    const body = bodyOf(streamIdJson, pe, revision, prevHash);
    const hash = sha256Hex(body);
    const e = pe.event;
    // The key order of a recorded event, position last; the position is set by `done`.
    const event: Positioned = {
      eventId: e.eventId, streamId: p.streamId, revision, type: e.type, schemaVersion: e.schemaVersion,
      data: e.data, metadata: e.metadata, prevHash, hash, position: -1n,
    };
    rows.push({ event, body });
    prevHash = hash;
  }
  return rows;
};

const sizeOf = (rows: readonly SealedWithBody[], limit: number): number | undefined => {
  let chars = 0;
  for (const r of rows) chars += r.body.length;
  if (chars * 3 <= limit) return undefined;
  let size = 0;
  for (const r of rows) size += utf8(r.body);
  return size > limit ? size : undefined;
};

/**
 * Decides an append from what the store read: `head`, the stream's head now (undefined when the
 * stream does not exist), and `found`, the stored event with each of `prepared.ids` (undefined
 * entries: not stored; an empty array: none is stored), or `undefined` when the store has not looked the ids up.
 *
 * Order, as on every store: the idempotency rule (a retry of a stored append is `Duplicate`; a
 * known id with other content, in another stream or in part is DuplicateEventId), then the
 * expected revision (`LookUp` first when the ids were not looked up, since a retry of an earlier
 * append no longer matches it), then sealing onto the chain and the exact size.
 */
export function planAppend(
  prepared: PreparedAppend, head: ChainHead | undefined, found: readonly (RecordedEvent | undefined)[],
): E.Either<PlanError, DuplicatePlan | WritePlan>;
export function planAppend(
  prepared: PreparedAppend, head: ChainHead | undefined, found?: readonly (RecordedEvent | undefined)[],
): E.Either<PlanError, AppendPlan>;
export function planAppend(
  prepared: PreparedAppend, head: ChainHead | undefined, found?: readonly (RecordedEvent | undefined)[],
): E.Either<PlanError, AppendPlan> {
  const { streamId, expected } = prepared;
  if (found !== undefined) {
    const again = retried(prepared, found);
    if (E.isLeft(again)) return again;
    if (again.right !== undefined) return E.right({ _tag: 'Duplicate', result: appendResult(streamId, again.right, true) });
  }
  if (!revisionMatches(expected, head?.revision)) {
    if (found === undefined) return E.right({ _tag: 'LookUp', ids: prepared.ids });
    return E.left(errors.wrongExpectedRevision(streamId, expected, head?.revision ?? 'no_stream'));
  }
  const rows = seal(prepared, head);
  const size = sizeOf(rows, prepared.maxAppendBytes);
  if (size !== undefined) return E.left(errors.tooLarge(streamId, size, prepared.maxAppendBytes));
  let given = false;
  const done = (positions: readonly bigint[], copies?: readonly SealedEvent[]): AppendResult => {
    const events: RecordedEvent[] = new Array<RecordedEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const position = positions[i] as bigint;
      if (copies === undefined && !given) {
        // The sealed object itself becomes the recorded event: no second object per event.
        const event = (rows[i] as SealedWithBody).event as Positioned;
        event.position = position;
        events[i] = event;
      } else {
        const c = copies === undefined ? (rows[i] as SealedWithBody).event : copies[i] as SealedEvent;
        events[i] = {
          eventId: c.eventId, streamId: c.streamId, revision: c.revision, type: c.type, schemaVersion: c.schemaVersion,
          data: c.data, metadata: c.metadata, prevHash: c.prevHash, hash: c.hash, position,
        };
      }
    }
    if (copies === undefined) given = true;
    return appendResult(streamId, events, false);
  };
  return E.right({ _tag: 'Write', rows, done });
}

/** Deeply freezes a plain JSON value (in place) and returns it. */
export const deepFreeze = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x === 'object' && x !== null) deepFreeze(x);
      }
    } else {
      // for…in over a plain object: no key array (the prototype of plain JSON has no enumerable keys).
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        const x: unknown = (v as Record<string, unknown>)[k];
        if (typeof x === 'object' && x !== null) deepFreeze(x);
      }
    }
  }
  return v;
};
