/**
 * A small persistent (immutable) map from string keys to values, made of plain arrays so a state
 * that holds it is plain JSON. Setting a key copies two 64-slot arrays and one small bucket, never
 * the whole map, so a fold over many events stays linear while every earlier state stays intact.
 * Iteration order depends only on the keys (deterministic), not on insertion order.
 */

type Bucket<V> = readonly (readonly [string, V])[];
type Level<V> = readonly (Bucket<V> | null)[];

/** A persistent map. Treat it as opaque: use the functions of this module. */
export interface PMap<V> {
  readonly size: number;
  readonly root: readonly (Level<V> | null)[];
}

const WIDTH = 64;
const EMPTY_ROOT: readonly null[] = Object.freeze(new Array<null>(WIDTH).fill(null));

/** FNV-1a, 32 bits. */
const hash = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

/** The empty map. */
export const pmEmpty = <V>(): PMap<V> => ({ size: 0, root: EMPTY_ROOT });

/** The value of `key`, or undefined. */
export const pmGet = <V>(m: PMap<V>, key: string): V | undefined => {
  const h = hash(key);
  const bucket = m.root[h & 63]?.[(h >>> 6) & 63];
  if (!bucket) return undefined;
  for (const [k, v] of bucket) if (k === key) return v;
  return undefined;
};

/** Whether the map has `key`. */
export const pmHas = <V>(m: PMap<V>, key: string): boolean => pmGet(m, key) !== undefined;

/** A new map with `key` set to `value` (values must not be undefined). */
export const pmSet = <V>(m: PMap<V>, key: string, value: V): PMap<V> => {
  const h = hash(key);
  const i = h & 63;
  const j = (h >>> 6) & 63;
  const level = m.root[i] ?? EMPTY_ROOT;
  const bucket = level[j] ?? [];
  const at = bucket.findIndex(([k]) => k === key);
  const nextBucket = bucket.slice();
  if (at < 0) nextBucket.push([key, value]);
  else nextBucket[at] = [key, value];
  const nextLevel = level.slice();
  nextLevel[j] = nextBucket;
  const nextRoot = m.root.slice();
  nextRoot[i] = nextLevel;
  return { size: m.size + (at < 0 ? 1 : 0), root: nextRoot };
};

/** A new map with `key`'s value replaced by `f(value)`; unchanged when the key is missing. */
export const pmUpdate = <V>(m: PMap<V>, key: string, f: (v: V) => V): PMap<V> => {
  const v = pmGet(m, key);
  return v === undefined ? m : pmSet(m, key, f(v));
};

/** Every value (order fixed by the keys). */
export function* pmValues<V>(m: PMap<V>): Generator<V> {
  for (const level of m.root) {
    if (!level) continue;
    for (const bucket of level) if (bucket) for (const [, v] of bucket) yield v;
  }
}

/** Every value as an array. */
export const pmList = <V>(m: PMap<V>): V[] => [...pmValues(m)];
