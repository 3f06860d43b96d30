/**
 * Canonical JSON in the spirit of RFC 8785: object keys sorted by UTF-16 code units, no
 * whitespace, bigints as decimal strings, `undefined` object members omitted. Values that JSON
 * cannot represent faithfully (NaN, Infinity, functions, symbols, undefined in arrays, cycles,
 * non-plain objects) are refused with a {@link CanonicalJsonError} naming the path.
 */

/** A value that cannot be written as canonical JSON, and where it is. */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
  constructor(readonly path: string, readonly reason: string) {
    super(`${path || '(root)'}: ${reason}`);
  }
}

const sortedKeysCache = new Map<string, string[]>();

const sortedKeys = (o: object): string[] => {
  const keys = Object.keys(o);
  if (keys.length < 2) return keys;
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) { sorted = false; break; }
  }
  if (sorted) return keys;
  const sig = keys.join('\u0000');
  let hit = sortedKeysCache.get(sig);
  // Keys may themselves contain U+0000, so two key lists can share a signature: use a cached order
  // only when it names exactly this object's keys.
  if (hit === undefined || hit.length !== keys.length || !hit.every((k) => Object.prototype.hasOwnProperty.call(o, k))) {
    hit = keys.slice().sort();
    if (sortedKeysCache.size < 10_000) sortedKeysCache.set(sig, hit);
  }
  return hit;
};

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

const write = (v: unknown, path: string, seen: Set<object>): string => {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw new CanonicalJsonError(path, `number ${v} is not representable in JSON`);
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return `"${v.toString()}"`;
    case 'object': {
      if (v === null) return 'null';
      if (seen.has(v)) throw new CanonicalJsonError(path, 'circular reference');
      if (seen.size > 200) throw new CanonicalJsonError(path, 'nested more than 200 levels deep');
      seen.add(v);
      let out: string;
      if (Array.isArray(v)) {
        out = '[';
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (item === undefined) throw new CanonicalJsonError(join(path, i), 'undefined is not representable in JSON');
          out += (i ? ',' : '') + write(item, join(path, i), seen);
        }
        out += ']';
      } else {
        const proto = Object.getPrototypeOf(v) as unknown;
        if (proto !== Object.prototype && proto !== null) {
          throw new CanonicalJsonError(path, `a ${(v as object).constructor?.name ?? 'non-plain'} object is not plain JSON data`);
        }
        out = '{';
        let first = true;
        for (const k of sortedKeys(v)) {
          const item = (v as Record<string, unknown>)[k];
          if (item === undefined) continue;
          out += (first ? '' : ',') + JSON.stringify(k) + ':' + write(item, join(path, k), seen);
          first = false;
        }
        out += '}';
      }
      seen.delete(v);
      return out;
    }
    default:
      throw new CanonicalJsonError(path, `${typeof v} is not representable in JSON`);
  }
};

/** The fast writer: no path bookkeeping; any problem makes it return undefined. */
const fast = (v: unknown, depth: number): string | undefined => {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : undefined;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return `"${v.toString()}"`;
    case 'object': {
      if (v === null) return 'null';
      if (depth > 200) return undefined;
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (item === undefined) return undefined;
          const w = fast(item, depth + 1);
          if (w === undefined) return undefined;
          out += i ? `,${w}` : w;
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) return undefined;
      let out = '{';
      let first = true;
      const keys = sortedKeys(v);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const item = (v as Record<string, unknown>)[k];
        if (item === undefined) continue;
        const w = fast(item, depth + 1);
        if (w === undefined) return undefined;
        out += (first ? '' : ',') + JSON.stringify(k) + ':' + w;
        first = false;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
};

/** Writes `value` as canonical JSON; throws {@link CanonicalJsonError} (naming the path) for non-JSON values. */
export const canonicalJson = (value: unknown, path = ''): string => {
  const out = fast(value, 0);
  if (out !== undefined) return out;
  return write(value, path, new Set()); // slow path: finds and names what is wrong
};
