/**
 * Snapshots of long streams: a fold's state after a known event, kept outside the audited trail
 * (a port of its own, like projection checkpoints), so loading a long stream reads only the events
 * after it. A snapshot is a cache, never evidence: it is used only when the stored event at its
 * revision has its hash, its fold's name and version are the current ones and its digest matches
 * its content; anything else is ignored and the stream is folded from the start (and the snapshot
 * written again). Verification and digests never read snapshots.
 *
 * Its digest (SHA-256 of every field) catches a snapshot damaged or edited by hand; it is not a
 * signature: whoever may write the snapshot table and knows this scheme could write a consistent
 * wrong state. Where that is a concern, leave snapshots off (they only save reading time).
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { errors, type StoreError } from './errors';
import { sha256Hex } from './integrity';

/**
 * Declares that a fold may be snapshotted: its name (one per fold, e.g. the aggregate's) and the
 * version of its state; raise the version whenever `evolve` or the state's shape changes, and
 * snapshots of the earlier version are ignored and rebuilt.
 */
export interface SnapshotSpec {
  readonly name: string;
  readonly version: number;
}

/** A fold's state after the event at `revision` (whose hash is `hash`), as stored. */
export interface Snapshot {
  readonly streamId: string;
  /** The fold's {@link SnapshotSpec}. */
  readonly name: string;
  readonly version: number;
  readonly revision: bigint;
  readonly hash: string;
  /** The state, written by {@link encodeSnapshotState}. */
  readonly state: string;
  /** SHA-256 over every field above ({@link snapshotDigest}). */
  readonly digest: string;
}

/** Where snapshots live: outside the audited trail. One snapshot per stream and fold name. */
export interface SnapshotStore {
  /** The snapshot of fold `name` kept for the stream, if any. */
  load(streamId: string, name: string): TaskEither<StoreError, Snapshot | undefined>;
  /** Replaces the snapshot of the stream and fold name. */
  save(snapshot: Snapshot): TaskEither<StoreError, void>;
}

/** The digest of a snapshot's fields. */
export const snapshotDigest = (s: Omit<Snapshot, 'digest'>): string =>
  sha256Hex(JSON.stringify([s.streamId, s.name, s.version, s.revision.toString(), s.hash, s.state]));

// States are JSON with Maps, Sets and bigints; those are written as one-key objects, and a plain
// object that looks like one is wrapped, so every state reads back as it was.
const TAGS = new Set(['$map', '$set', '$bigint', '$object']);

const encodeValue = (v: unknown): unknown => {
  if (typeof v === 'bigint') return { $bigint: v.toString() };
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError(`a snapshot cannot hold ${String(v)}`);
    if (typeof v === 'function' || typeof v === 'symbol') throw new TypeError(`a snapshot cannot hold a ${typeof v}`);
    return v;
  }
  if (v instanceof Map) return { $map: [...v].map(([k, x]) => [encodeValue(k), encodeValue(x)]) };
  if (v instanceof Set) return { $set: [...v].map(encodeValue) };
  if (Array.isArray(v)) return v.map(encodeValue);
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw new TypeError('a snapshot holds plain objects, arrays, Maps and Sets only');
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = encodeValue(x);
  const keys = Object.keys(out);
  return keys.length === 1 && TAGS.has(keys[0] as string) ? { $object: out } : out;
};

const decodeValue = (v: unknown): unknown => {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    if (Array.isArray(o.$map)) return new Map((o.$map as [unknown, unknown][]).map(([k, x]) => [decodeValue(k), decodeValue(x)]));
    if (Array.isArray(o.$set)) return new Set((o.$set as unknown[]).map(decodeValue));
    if (typeof o.$bigint === 'string') return BigInt(o.$bigint);
    if (o.$object !== null && typeof o.$object === 'object' && !Array.isArray(o.$object)) {
      const inner = o.$object as Record<string, unknown>;
      return Object.fromEntries(Object.entries(inner).map(([k, x]) => [k, decodeValue(x)]));
    }
  }
  return Object.fromEntries(keys.map((k) => [k, decodeValue(o[k])]));
};

/** A state as snapshot text (JSON with Maps, Sets and bigints tagged). Throws a TypeError for anything else. */
export const encodeSnapshotState = (state: unknown): string => JSON.stringify(encodeValue(state));

/** The state of snapshot text; undefined when it is not snapshot text. */
export const decodeSnapshotState = (text: string): unknown => {
  try {
    return decodeValue(JSON.parse(text));
  } catch {
    return undefined;
  }
};

const invalid = (streamId: unknown, name: unknown): StoreError | undefined =>
  typeof streamId !== 'string' || streamId.length === 0 || typeof name !== 'string' || name.length === 0
    ? errors.validation([{ path: typeof streamId !== 'string' || streamId.length === 0 ? 'streamId' : 'name', message: 'expected a non-empty string' }])
    : undefined;

/** The checks every snapshot store makes before it saves: a ValidationFailed naming the field. */
export const checkSnapshot = (s: Snapshot): StoreError | undefined => {
  const bad = invalid(s.streamId, s.name);
  if (bad !== undefined) return bad;
  if (!Number.isSafeInteger(s.version)) return errors.validation([{ path: 'version', message: `expected an integer, got ${String(s.version)}` }]);
  if (typeof s.revision !== 'bigint' || s.revision < 0n) return errors.validation([{ path: 'revision', message: `expected a bigint >= 0, got ${String(s.revision)}` }]);
  for (const k of ['hash', 'state', 'digest'] as const) {
    if (typeof s[k] !== 'string') return errors.validation([{ path: k, message: `expected a string, got ${typeof s[k]}` }]);
  }
  return undefined;
};

/** A snapshot store in memory (for tests and the memory event store). */
export const createMemorySnapshotStore = (): SnapshotStore => {
  const saved = new Map<string, Snapshot>();
  const key = (streamId: string, name: string) => `${name}\u0000${streamId}`;
  return {
    load: (streamId, name) => () => {
      const bad = invalid(streamId, name);
      return Promise.resolve(bad === undefined ? E.right(saved.get(key(streamId, name))) : E.left(bad));
    },
    save: (snapshot) => () => {
      const bad = checkSnapshot(snapshot);
      if (bad !== undefined) return Promise.resolve(E.left(bad));
      saved.set(key(snapshot.streamId, snapshot.name), { ...snapshot });
      return Promise.resolve(E.right(undefined));
    },
  };
};
