/**
 * Validation with io-ts, reported as paths a person can act on:
 * `deadline: expected ISO date, got "2019-13-40"`.
 */
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { NewEvent } from './envelope';
import { errors, type ValidationFailed, type ValidationIssue } from './errors';

const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(v);
  }
};

/** Turns io-ts errors into plain-worded issues, one per failing path (deepest failure wins). */
export const toIssues = (errs: t.Errors, prefix = ''): ValidationIssue[] => {
  const seen = new Map<string, ValidationIssue>();
  for (const err of errs) {
    const parts: string[] = [];
    err.context.forEach((c, j) => {
      if (j === 0 || c.key === '') return;
      const parent = err.context[j - 1]?.type;
      if (parent instanceof t.UnionType || parent instanceof t.IntersectionType) return; // member index, not a field
      parts.push(/^\d+$/.test(c.key) ? `[${c.key}]` : `.${c.key}`);
    });
    const path = `${prefix}${parts.join('')}`.replace(/^\./, '');
    const last = err.context[err.context.length - 1];
    const expected = err.message ?? `expected ${last?.type.name ?? 'a valid value'}`;
    if (!seen.has(path)) seen.set(path, { path, message: `${expected}, got ${show(err.value)}` });
  }
  return [...seen.values()];
};

/** Decodes `input` with `codec`, or returns a ValidationFailed naming every bad field. */
export const decodeWith = <A, O>(codec: t.Type<A, O, unknown>, input: unknown, prefix = ''): E.Either<ValidationFailed, A> => {
  const r = codec.decode(input);
  return E.isRight(r) ? r : E.left(errors.validation(toIssues(r.left, prefix)));
};

/** A non-empty string after trimming. */
export const NonEmptyString = new t.Type<string, string, unknown>(
  'NonEmptyString',
  (u): u is string => typeof u === 'string' && u.trim().length > 0,
  (u, c) => (typeof u === 'string' && u.trim().length > 0 ? t.success(u) : t.failure(u, c, 'expected a non-empty string')),
  t.identity,
);

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UUID string. */
export const Uuid = new t.Type<string, string, unknown>(
  'Uuid',
  (u): u is string => typeof u === 'string' && UUID_RE.test(u),
  (u, c) => (typeof u === 'string' && UUID_RE.test(u) ? t.success(u) : t.failure(u, c, 'expected a UUID')),
  t.identity,
);

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const recentInstants: string[] = [];
const validInstant = (s: string): boolean => {
  if (recentInstants.includes(s)) return true; // events of one command share their times
  const ok = ISO_RE.test(s) && !Number.isNaN(Date.parse(s)) && sameDay(s);
  if (ok && recentInstants.unshift(s) > 4) recentInstants.pop();
  return ok;
};
const sameDay = (s: string) => {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};
/** An ISO 8601 instant with a time zone, e.g. `2019-05-20T09:00:00.000Z`. */
export const IsoDateTime = new t.Type<string, string, unknown>(
  'IsoDateTime',
  (u): u is string => typeof u === 'string' && validInstant(u),
  (u, c) => (typeof u === 'string' && validInstant(u) ? t.success(u) : t.failure(u, c, 'expected an ISO date-time with zone')),
  t.identity,
);
/** A calendar date `YYYY-MM-DD`. */
export const IsoDate = new t.Type<string, string, unknown>(
  'IsoDate',
  (u): u is string => typeof u === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(u) && sameDay(u),
  (u, c) =>
    typeof u === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(u) && sameDay(u) ? t.success(u) : t.failure(u, c, 'expected ISO date'),
  t.identity,
);

const ActorCodec = t.intersection([
  t.type({ id: NonEmptyString, posts: t.readonlyArray(t.string) }),
  t.partial({ unit: t.union([t.string, t.undefined]) }),
]);
/** io-ts codec of {@link EventMetadata}. */
export const EventMetadataCodec = t.intersection([
  t.type({
    actor: ActorCodec,
    correlationId: NonEmptyString,
    causationId: NonEmptyString,
    recordedAt: IsoDateTime,
    effectiveAt: IsoDateTime,
  }),
  t.partial({ onBehalfOf: t.union([t.string, t.undefined]), reason: t.union([t.string, t.undefined]) }),
]);

const PositiveInt = new t.Type<number, number, unknown>(
  'PositiveInt',
  (u): u is number => Number.isInteger(u) && (u as number) >= 1,
  (u, c) => (Number.isInteger(u) && (u as number) >= 1 ? t.success(u as number) : t.failure(u, c, 'expected an integer >= 1')),
  t.identity,
);

/** io-ts codec of a {@link NewEvent}'s envelope fields (data is checked by the codec registry). */
export const NewEventCodec = t.type({
  eventId: Uuid,
  type: NonEmptyString,
  schemaVersion: PositiveInt,
  data: t.unknown,
  metadata: EventMetadataCodec,
});

/**
 * Checks the envelope of every event. Pure: no I/O. Whether data is plain JSON is checked when it is
 * written as canonical JSON, once (see `prepareAppend`).
 */
export const validateNewEvents = (events: readonly NewEvent[]): E.Either<ValidationFailed, readonly NewEvent[]> => {
  if (!Array.isArray(events)) return E.left(errors.validation([{ path: 'events', message: 'expected an array of events' }]));
  if (events.length === 1 && looksValid(events[0])) return E.right(events); // the common case, checked by hand
  const issues: ValidationIssue[] = [];
  const ids = new Set<string>();
  events.forEach((e, i) => {
    const r = looksValid(e) ? E.right(e) : NewEventCodec.decode(e);
    if (E.isLeft(r)) issues.push(...toIssues(r.left, `events[${i}]`));
    else {
      if (ids.has(e.eventId)) issues.push({ path: `events[${i}].eventId`, message: `eventId ${e.eventId} appears twice in one append` });
      ids.add(e.eventId);
    }
  });
  return issues.length ? E.left(errors.validation(issues)) : E.right(events);
};

const str = (u: unknown): u is string => typeof u === 'string';
const optStr = (u: unknown) => u === undefined || typeof u === 'string';
const nonEmpty = (u: unknown) => typeof u === 'string' && u.trim().length > 0;

/** A hand-written check equivalent to {@link NewEventCodec} (io-ts then explains any failure). */
const looksValid = (e: unknown): e is NewEvent => {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as Record<string, unknown>;
  const m = x.metadata as Record<string, unknown> | null | undefined;
  if (!str(x.eventId) || !UUID_RE.test(x.eventId) || !nonEmpty(x.type) || !Number.isInteger(x.schemaVersion) || (x.schemaVersion as number) < 1) return false;
  if (typeof m !== 'object' || m === null) return false;
  const a = m.actor as Record<string, unknown> | null | undefined;
  if (typeof a !== 'object' || a === null || !nonEmpty(a.id) || !Array.isArray(a.posts) || !a.posts.every(str) || !optStr(a.unit)) return false;
  return nonEmpty(m.correlationId) && nonEmpty(m.causationId) && str(m.recordedAt) && validInstant(m.recordedAt) &&
    str(m.effectiveAt) && validInstant(m.effectiveAt) && optStr(m.onBehalfOf) && optStr(m.reason);
};
