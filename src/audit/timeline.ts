/**
 * Timelines: every event of one stream, one actor or one correlation, with who (actor, posts,
 * unit, on behalf of), why (reason), when (recorded and effective time) and a backdated flag.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Actor, RecordedEvent } from '../eventsourcing/envelope';
import { errors, LedgerFailure, type LedgerError } from '../eventsourcing/errors';
import type { EventStore } from '../eventsourcing/store';
import { asLedgerError } from './failure';
import { backdating, DEFAULT_BACKDATED_THRESHOLD_MS } from './time';

/** Which events a timeline shows. */
export type TimelineQuery =
  | { readonly stream: string }
  /** Events issued by this actor id; with `includeOnBehalfOf`, also those done on this person's behalf. */
  | { readonly actor: string; readonly includeOnBehalfOf?: boolean }
  | { readonly correlation: string };

/** Options of {@link timeline}. */
export interface TimelineOptions {
  /** Effective time this much earlier than recorded time flags an entry as backdated. Default 24 h. */
  readonly backdatedThresholdMs?: number;
  /** For actor and correlation queries: scan only streams with this prefix. */
  readonly streamPrefix?: string;
}

/** One line of a timeline. */
export interface TimelineEntry {
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly actor: Actor;
  readonly onBehalfOf: string | undefined;
  readonly reason: string | undefined;
  readonly correlationId: string;
  readonly causationId: string;
  readonly recordedAt: string;
  readonly effectiveAt: string;
  /** recordedAt − effectiveAt in milliseconds. */
  readonly lagMs: number;
  /** Effective time lies more than the threshold before recorded time. */
  readonly backdated: boolean;
  /** The event itself (payload included). */
  readonly event: RecordedEvent;
}

/** The timeline entry of one event. */
export const timelineEntry = (e: RecordedEvent, thresholdMs: number = DEFAULT_BACKDATED_THRESHOLD_MS): TimelineEntry => {
  const m = e.metadata;
  const { lagMs, backdated } = backdating(m, thresholdMs);
  return {
    position: e.position, streamId: e.streamId, revision: e.revision, eventId: e.eventId, type: e.type,
    schemaVersion: e.schemaVersion, actor: m.actor, onBehalfOf: m.onBehalfOf, reason: m.reason,
    correlationId: m.correlationId, causationId: m.causationId, recordedAt: m.recordedAt, effectiveAt: m.effectiveAt,
    lagMs, backdated, event: e,
  };
};

const queryProblem = (q: unknown): string | undefined => {
  if (typeof q !== 'object' || q === null) return 'expected { stream }, { actor } or { correlation }';
  const keys = ['stream', 'actor', 'correlation'].filter((k) => k in q);
  if (keys.length !== 1) return `expected exactly one of stream, actor, correlation, got ${keys.length ? keys.join(', ') : 'none'}`;
  const v = (q as Record<string, unknown>)[keys[0] as string];
  return typeof v === 'string' && v.length > 0 ? undefined : `${keys[0]}: expected a non-empty string, got ${JSON.stringify(v)}`;
};

const matcher = (q: TimelineQuery): ((e: RecordedEvent) => boolean) => {
  if ('correlation' in q) return (e) => e.metadata.correlationId === q.correlation;
  if ('actor' in q) {
    return q.includeOnBehalfOf
      ? (e) => e.metadata.actor.id === q.actor || e.metadata.onBehalfOf === q.actor
      : (e) => e.metadata.actor.id === q.actor;
  }
  return (e) => e.streamId === q.stream;
};

/**
 * The timeline as a stream of entries, in global order (a stream query reads only that stream).
 * Throws a `LedgerFailure` on store failure or an invalid query.
 */
export async function* timelineEntries(store: EventStore, query: TimelineQuery, options: TimelineOptions = {}): AsyncIterable<TimelineEntry> {
  const problem = queryProblem(query);
  if (problem) throw new LedgerFailure(errors.validation([{ path: 'query', message: problem }]));
  const threshold = options.backdatedThresholdMs ?? DEFAULT_BACKDATED_THRESHOLD_MS;
  const source = 'stream' in query ? store.readStream(query.stream) : store.readAll(options.streamPrefix === undefined ? {} : { streamPrefix: options.streamPrefix });
  const wanted = matcher(query);
  for await (const e of source) if (wanted(e)) yield timelineEntry(e, threshold);
}

/** The whole timeline of a stream, an actor or a correlation, in global order. */
export const timeline = (store: EventStore, query: TimelineQuery, options: TimelineOptions = {}): TaskEither<LedgerError, TimelineEntry[]> =>
  async () => {
    const problem = queryProblem(query);
    if (problem) return E.left(errors.validation([{ path: 'query', message: problem }]));
    const out: TimelineEntry[] = [];
    try {
      for await (const entry of timelineEntries(store, query, options)) out.push(entry);
    } catch (x) {
      return E.left(asLedgerError(x));
    }
    return E.right(out);
  };

/** Column headers of {@link timelineRow}. */
export const TIMELINE_COLUMNS = [
  'position', 'streamId', 'revision', 'eventId', 'type', 'actor', 'posts', 'unit', 'onBehalfOf', 'reason',
  'correlationId', 'recordedAt', 'effectiveAt', 'backdated',
] as const;

/** A timeline entry as a flat row (for CSV), in the order of {@link TIMELINE_COLUMNS}. */
export const timelineRow = (t: TimelineEntry): string[] => [
  t.position.toString(), t.streamId, t.revision.toString(), t.eventId, t.type, t.actor.id, t.actor.posts.join('; '),
  t.actor.unit ?? '', t.onBehalfOf ?? '', t.reason ?? '', t.correlationId, t.recordedAt, t.effectiveAt, t.backdated ? 'yes' : 'no',
];
