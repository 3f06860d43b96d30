/**
 * Checks of read options, shared by every store so they refuse the same things the same way:
 * a ValidationFailed (thrown as a LedgerFailure by the iterable) naming the option.
 */
import { errors, LedgerFailure, type ValidationIssue } from './errors';
import type { ReadAllOptions, ReadStreamOptions } from './store';

const count = (n: unknown, issues: ValidationIssue[]) => {
  if (n !== undefined && (typeof n !== 'number' || n < 0 || !(Number.isInteger(n) || n === Number.POSITIVE_INFINITY))) {
    issues.push({ path: 'maxCount', message: `expected an integer >= 0, got ${String(n)}` });
  }
};
const natural = (path: string, v: unknown, issues: ValidationIssue[]) => {
  if (v !== undefined && (typeof v !== 'bigint' || v < 0n)) issues.push({ path, message: `expected a bigint >= 0, got ${String(v)}` });
};

/** Throws a LedgerFailure(ValidationFailed) for bad stream-read options. */
export const checkReadStreamOptions = (o: ReadStreamOptions): void => {
  const issues: ValidationIssue[] = [];
  natural('fromRevision', o.fromRevision, issues);
  count(o.maxCount, issues);
  if (o.direction !== undefined && o.direction !== 'forwards' && o.direction !== 'backwards') {
    issues.push({ path: 'direction', message: `expected "forwards" or "backwards", got ${String(o.direction)}` });
  }
  if (issues.length) throw new LedgerFailure(errors.validation(issues));
};

/** Throws a LedgerFailure(ValidationFailed) for bad read-all options. */
export const checkReadAllOptions = (o: ReadAllOptions): void => {
  const issues: ValidationIssue[] = [];
  natural('fromPosition', o.fromPosition, issues);
  count(o.maxCount, issues);
  if (o.streamPrefix !== undefined && typeof o.streamPrefix !== 'string') issues.push({ path: 'streamPrefix', message: 'expected a string' });
  if (issues.length) throw new LedgerFailure(errors.validation(issues));
};
