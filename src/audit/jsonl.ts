/**
 * The trail file format: JSON Lines, one event per line, in global order.
 *
 * Each line is the canonical JSON (keys sorted by UTF-16 code units, no whitespace, bigints as
 * decimal strings) of the recorded envelope, position and hash included:
 *
 * ```text
 * {"data":{…},"eventId":"…","hash":"<64 hex>","metadata":{"actor":{…},…},"position":"17","prevHash":"<64 hex>","revision":"3","schemaVersion":1,"streamId":"…","type":"…"}
 * ```
 *
 * Lines end with LF (a CR before it is tolerated on reading); the file is UTF-8 and ends with a
 * line break; blank lines are ignored. `position` and `revision` are decimal strings; the event's
 * hash covers the same object without `hash` and `position` (see `canonicalBody`), so a reader
 * recomputes it from the line alone.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { canonicalJson } from '../eventsourcing/canonical';
import type { EventMetadata, RecordedEvent } from '../eventsourcing/envelope';
import type { ChainRecord } from './chain';

/** The canonical line of one event (without the line break). */
export const trailLine = (e: RecordedEvent): string =>
  canonicalJson({
    data: e.data, eventId: e.eventId, hash: e.hash, metadata: e.metadata, position: e.position,
    prevHash: e.prevHash, revision: e.revision, schemaVersion: e.schemaVersion, streamId: e.streamId, type: e.type,
  });

/** A parsed line: the event and the record to check, or what is wrong with it. */
export type ParsedLine =
  | { readonly ok: true; readonly event: RecordedEvent; readonly record: ChainRecord }
  | { readonly ok: false; readonly message: string };

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const HEX64 = /^[0-9a-f]{64}$/;

const bad = (line: number, message: string): ParsedLine => ({ ok: false, message: `line ${line}: ${message}` });

/** Parses one line of a trail file (1-based `line` for messages). */
export const parseTrailLine = (text: string, line: number): ParsedLine => {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (x) {
    return bad(line, `not JSON (${x instanceof Error ? x.message : String(x)})`);
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return bad(line, 'expected a JSON object');
  const v = o as Record<string, unknown>;
  for (const k of ['eventId', 'streamId', 'type'] as const) {
    if (typeof v[k] !== 'string' || v[k] === '') return bad(line, `${k}: expected a non-empty string, got ${JSON.stringify(v[k])}`);
  }
  for (const k of ['position', 'revision'] as const) {
    if (typeof v[k] !== 'string' || !DECIMAL.test(v[k])) return bad(line, `${k}: expected a decimal string, got ${JSON.stringify(v[k])}`);
  }
  for (const k of ['hash', 'prevHash'] as const) {
    if (typeof v[k] !== 'string' || !HEX64.test(v[k])) return bad(line, `${k}: expected 64 lowercase hex characters, got ${JSON.stringify(v[k])}`);
  }
  if (!Number.isSafeInteger(v.schemaVersion)) return bad(line, `schemaVersion: expected an integer, got ${JSON.stringify(v.schemaVersion)}`);
  if (typeof v.metadata !== 'object' || v.metadata === null || Array.isArray(v.metadata)) return bad(line, 'metadata: expected an object');
  if (!('data' in v)) return bad(line, 'data: missing');
  const extra = Object.keys(v).filter((k) => !FIELDS.has(k));
  if (extra.length) return bad(line, `unexpected field${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`);
  const event: RecordedEvent = {
    eventId: v.eventId as string, streamId: v.streamId as string, revision: BigInt(v.revision as string),
    position: BigInt(v.position as string), type: v.type as string, schemaVersion: v.schemaVersion as number,
    data: v.data, metadata: v.metadata as EventMetadata, prevHash: v.prevHash as string, hash: v.hash as string,
  };
  return { ok: true, event, record: { position: event.position, streamId: event.streamId, revision: event.revision, hash: event.hash, event, line } };
};

const FIELDS = new Set(['data', 'eventId', 'hash', 'metadata', 'position', 'prevHash', 'revision', 'schemaVersion', 'streamId', 'type']);

/** A numbered, non-blank line of a trail. */
export interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

/** Where a trail is read from: a file path, or something that yields its lines (re-iterable). */
export type TrailSource = string | {
  /** Yields the trail's lines, from the first, each time it is called. */
  readonly lines: () => AsyncIterable<string> | Iterable<string>;
};

/** The non-blank lines of a trail, numbered from 1. */
export async function* trailLines(source: TrailSource): AsyncIterable<NumberedLine> {
  const lines = typeof source === 'string'
    ? createInterface({ input: createReadStream(source, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY })
    : source.lines();
  let n = 0;
  for await (const raw of lines) {
    n++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() !== '') yield { line: n, text };
  }
}

/** A trail held in memory as text (for tests and small trails). */
export const textTrail = (text: string): TrailSource => ({ lines: () => text.split('\n') });
