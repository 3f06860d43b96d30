/**
 * JSON for results: `JSON.stringify` throws on a bigint (positions and revisions are bigints), and
 * writes a Map or a Set as `{}`. {@link jsonReplacer} writes bigints as decimal strings, Maps as
 * objects (keys as strings) and Sets as arrays; Dates are written by their own `toJSON` (ISO 8601,
 * `null` for an invalid date).
 */

/**
 * A replacer for `JSON.stringify`: bigints as decimal strings, Maps as objects, Sets as arrays.
 *
 * @example
 * ```ts
 * JSON.stringify({ revision: 3n }, jsonReplacer); // '{"revision":"3"}'
 * ```
 */
export const jsonReplacer = (_key: string, value: unknown): unknown => {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), v]));
  if (value instanceof Set) return [...value];
  return value;
};

/**
 * `JSON.stringify` with {@link jsonReplacer}: never throws on a bigint, a Map or a Set.
 *
 * @param value - any result of the SDK (command results, read-model state, reports).
 * @param indent - spaces of indentation (none by default).
 * @returns the JSON text; `undefined` at the top becomes `'null'` so the result is always a string.
 */
export const toJson = (value: unknown, indent?: number): string =>
  JSON.stringify(value, jsonReplacer, indent) ?? 'null';
