/**
 * Field-level diffs between successive states of an entity: every changed leaf as
 * (path, before, after), each attributed to the event that caused it (actor, reason, times).
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { DomainEvent } from '../eventsourcing/decider';
import type { RecordedEvent } from '../eventsourcing/envelope';
import { errors, type LedgerError } from '../eventsourcing/errors';
import type { EventStore } from '../eventsourcing/store';
import type { StateAsOfOptions } from './as-of';
import type { Evolver } from '../eventsourcing/handler';
import { asLedgerError } from './failure';
import { DEFAULT_BACKDATED_THRESHOLD_MS } from './time';
import { timelineEntry, type TimelineEntry } from './timeline';

/** One changed field. `path` reads like `problems["P-7"].measures[0].status` ('' is the whole state). */
export interface FieldChange {
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** undefined when the field was added. */
  readonly before: unknown;
  /** undefined when the field was removed. */
  readonly after: unknown;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const keyPath = (path: string, key: string): string =>
  IDENT.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
const mapKeyPath = (path: string, key: unknown): string =>
  `${path}[${typeof key === 'string' ? JSON.stringify(key) : typeof key === 'bigint' ? `${key}n` : String(key)}]`;

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

const sameSet = (a: ReadonlySet<unknown>, b: ReadonlySet<unknown>): boolean => {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
};

const walk = (a: unknown, b: unknown, path: string, out: FieldChange[], present: [boolean, boolean]): void => {
  if (present[0] && !present[1]) { out.push({ path, kind: 'removed', before: a, after: undefined }); return; }
  if (!present[0] && present[1]) { out.push({ path, kind: 'added', before: undefined, after: b }); return; }
  if (Object.is(a, b)) return;
  if (isPlain(a) && isPlain(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(a[k], b[k], keyPath(path, k), out, [Object.hasOwn(a, k) && a[k] !== undefined, Object.hasOwn(b, k) && b[k] !== undefined]);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`, out, [i < a.length, i < b.length]);
    return;
  }
  if (a instanceof Map && b instanceof Map) {
    for (const k of new Set([...a.keys(), ...b.keys()])) walk(a.get(k), b.get(k), mapKeyPath(path, k), out, [a.has(k), b.has(k)]);
    return;
  }
  if (a instanceof Set && b instanceof Set && sameSet(a, b)) return;
  if (a instanceof Date && b instanceof Date && a.getTime() === b.getTime()) return;
  out.push({ path, kind: 'changed', before: a, after: b });
};

/**
 * Every leaf that differs between two states. Plain objects, arrays and Maps are compared member
 * by member; Sets and Dates by value; anything else by identity (`Object.is`). A member holding
 * `undefined` counts as absent.
 */
export const diffStates = (before: unknown, after: unknown): FieldChange[] => {
  const out: FieldChange[] = [];
  walk(before, after, '', out, [before !== undefined, after !== undefined]);
  return out;
};

/** The changes one event made, with who and why. */
export interface StateChange extends TimelineEntry {
  readonly changes: readonly FieldChange[];
}

/** Options of {@link entityHistory}. */
export interface HistoryOptions extends StateAsOfOptions {
  /** Also list events that changed nothing. Default false. */
  readonly includeUnchanged?: boolean;
}

/** The field-level history of one entity (stream): each event with the fields it changed. */
export const entityHistory = <S, Ev extends DomainEvent>(
  store: EventStore, streamId: string, decider: Evolver<S, Ev>, options: HistoryOptions = {},
): TaskEither<LedgerError, StateChange[]> => async () => {
  const threshold = options.backdatedThresholdMs ?? DEFAULT_BACKDATED_THRESHOLD_MS;
  let state = decider.initialState;
  const out: StateChange[] = [];
  try {
    for await (const stored of store.readStream(streamId)) {
      let e: RecordedEvent = stored;
      if (options.registry) {
        const up = options.registry.upcast(stored);
        if (E.isLeft(up)) return E.left(errors.corrupt(stored.position, up.left, streamId));
        e = up.right;
      }
      let next: S;
      try {
        next = decider.evolve(state, { type: e.type, data: e.data } as Ev);
      } catch (x) {
        return E.left(errors.corrupt(e.position, `evolve cannot apply ${e.type}: ${x instanceof Error ? x.message : String(x)}`, streamId));
      }
      const changes = diffStates(state, next);
      if (changes.length > 0 || options.includeUnchanged) out.push({ ...timelineEntry(stored, threshold), changes });
      state = next;
    }
  } catch (x) {
    return E.left(asLedgerError(x));
  }
  return E.right(out);
};
