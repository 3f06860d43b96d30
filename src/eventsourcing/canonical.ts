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

/** A writer compiled for one shape: canonical JSON of a value, or undefined when the value is not of that shape. */
export type CompiledWriter = (value: unknown) => string | undefined;

/** What {@link compileCanonicalWriter} reads of a codec: io-ts's runtime tags and children. */
interface CodecLike {
  readonly _tag?: string;
  readonly props?: Readonly<Record<string, CodecLike>>;
  readonly types?: readonly CodecLike[];
  readonly type?: CodecLike;
}

const enumerable = Object.prototype.propertyIsEnumerable;
const generic = (v: unknown, depth: number): string | undefined => fast(v, depth);

/** Collects the properties of an object codec (type, partial, their intersections, readonly or exact). */
const objectProps = (c: CodecLike, into: Map<string, CodecLike>): boolean => {
  switch (c._tag) {
    case 'InterfaceType':
    case 'PartialType':
      for (const [k, v] of Object.entries(c.props ?? {})) {
        if (into.has(k)) return false; // the same key twice: leave it to the generic walk
        into.set(k, v);
      }
      return true;
    case 'IntersectionType':
      return (c.types ?? []).every((m) => objectProps(m, into));
    case 'ReadonlyType':
    case 'ExactType':
    case 'StrictType':
    case 'RefinementType':
      return c.type !== undefined && objectProps(c.type, into);
    default:
      return false;
  }
};

type Writer = (v: unknown, depth: number) => string | undefined;

const compile = (c: CodecLike, level: number): Writer => {
  if (level > 20) return generic;
  if (c._tag === 'ArrayType' || c._tag === 'ReadonlyArrayType') {
    const item = c.type === undefined ? generic : compile(c.type, level + 1);
    return (v, depth) => {
      if (!Array.isArray(v)) return fast(v, depth);
      let out = '[';
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x === undefined) return undefined;
        const w = item(x, depth + 1);
        if (w === undefined) return undefined;
        out += i ? `,${w}` : w;
      }
      return `${out}]`;
    };
  }
  const props = new Map<string, CodecLike>();
  if (c._tag === 'ReadonlyType' && c.type !== undefined) return compile(c.type, level);
  if (!objectProps(c, props) || props.size === 0) return generic;
  const keys = [...props.keys()].sort();
  const heads = keys.map((k) => JSON.stringify(k) + ':');
  const writers = keys.map((k) => compile(props.get(k) as CodecLike, level + 1));
  const n = keys.length;
  return (v, depth) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fast(v, depth);
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return undefined;
    const o = v as Record<string, unknown>;
    let out = '{';
    let known = 0;
    for (let i = 0; i < n; i++) {
      const k = keys[i] as string;
      if (!enumerable.call(o, k)) continue; // absent, inherited or hidden: the generic walk skips it too
      known++;
      const x = o[k];
      if (x === undefined) continue;
      const w = (writers[i] as Writer)(x, depth + 1);
      if (w === undefined) return undefined;
      out += (out.length === 1 ? '' : ',') + (heads[i] as string) + w;
    }
    // Keys the codec does not name (io-ts lets them through): the generic walk writes them all.
    let own = 0;
    for (const k in o) if (enumerable.call(o, k)) own++;
    if (own !== known) return fast(v, depth);
    return `${out}}`;
  };
};

/**
 * Compiles a canonical JSON writer from an io-ts codec: for object codecs (`type`, `partial`, their
 * intersections) the keys are sorted once, here, instead of for every value; any other codec, a
 * value with keys the codec does not name, or a value not of the codec's shape is written by the
 * generic walk. The output is always byte-for-byte {@link canonicalJson}'s; undefined means "not
 * representable" (call {@link canonicalJson} to learn where).
 */
export const compileCanonicalWriter = (codec: unknown): CompiledWriter => {
  const w = typeof codec === 'object' && codec !== null ? compile(codec as CodecLike, 0) : generic;
  return (value) => w(value, 0);
};

/** Writes `value` as canonical JSON; throws {@link CanonicalJsonError} (naming the path) for non-JSON values. */
export const canonicalJson = (value: unknown, path = ''): string => {
  const out = fast(value, 0);
  if (out !== undefined) return out;
  return write(value, path, new Set()); // slow path: finds and names what is wrong
};
