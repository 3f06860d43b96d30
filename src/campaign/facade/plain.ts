/**
 * What the facade accepts from a caller: plain JSON data only. {@link plainCopy} reads a value
 * once, defensively (a Proxy's traps or a getter that throws are caught), and returns a fresh copy
 * made of strings, finite numbers, booleans, null, arrays without holes and objects (with the
 * ordinary prototype or none), or a ValidationFailed naming every path that is not. Nothing a caller
 * passed is kept, so nothing hostile reaches the rules or a store, and every store answers the same.
 */
import * as E from 'fp-ts/Either';
import { errors, type ValidationFailed, type ValidationIssue } from '../../eventsourcing/errors';

const MAX_DEPTH = 32;

const at = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

const describe = (u: unknown): string => {
  if (typeof u === 'bigint') return 'a BigInt';
  if (typeof u === 'number') return String(u);
  return `a ${typeof u}`;
};

const walk = (u: unknown, path: string, depth: number, issues: ValidationIssue[]): unknown => {
  const where = path === '' ? 'input' : path;
  if (u === null || typeof u === 'string' || typeof u === 'boolean') return u;
  if (typeof u === 'number') {
    if (Number.isFinite(u)) return u;
    issues.push({ path: where, message: `expected a finite number, got ${describe(u)}` });
    return undefined;
  }
  if (typeof u !== 'object') {
    issues.push({ path: where, message: `expected JSON data, got ${describe(u)}` });
    return undefined;
  }
  if (depth > MAX_DEPTH) {
    issues.push({ path: where, message: `nested deeper than ${MAX_DEPTH} levels` });
    return undefined;
  }
  try {
    if (Array.isArray(u)) {
      const out: unknown[] = [];
      const length = u.length;
      for (let i = 0; i < length; i++) {
        if (!Object.prototype.hasOwnProperty.call(u, i)) {
          issues.push({ path: at(path, i), message: 'expected an element, got a hole (a sparse array)' });
          continue;
        }
        out.push(walk(u[i], at(path, i), depth + 1, issues));
      }
      return out;
    }
    const proto: unknown = Object.getPrototypeOf(u);
    if (proto !== Object.prototype && proto !== null) {
      issues.push({ path: where, message: 'expected a plain object' });
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(u)) {
      const d = Object.getOwnPropertyDescriptor(u, key);
      if (d === undefined) continue;
      if (!('value' in d)) {
        issues.push({ path: at(path, key), message: 'expected a value, got an accessor' });
        continue;
      }
      if (d.value === undefined) continue;
      Object.defineProperty(out, key, { value: walk(d.value, at(path, key), depth + 1, issues), enumerable: true, writable: true, configurable: true });
    }
    return out;
  } catch {
    issues.push({ path: where, message: 'could not be read (a getter or proxy threw)' });
    return undefined;
  }
};

/** A plain JSON copy of `u`, or a ValidationFailed naming each path that is not plain data. */
export const plainCopy = (u: unknown, prefix = ''): E.Either<ValidationFailed, unknown> => {
  const issues: ValidationIssue[] = [];
  const copy = walk(u, prefix, 0, issues);
  return issues.length === 0 ? E.right(copy) : E.left(errors.validation(issues));
};
