/**
 * Value codecs shared by every aggregate of the campaign domain: identifiers, names, hashes,
 * evidence references and severities. Every command and event field is built from these, so a
 * bad value is reported with its path (`measures[0].deadline: expected ISO date, got "2019-13-40"`).
 */
import * as t from 'io-ts';
import { IsoDate, IsoDateTime, NonEmptyString } from '../eventsourcing/validation';

export { IsoDate, IsoDateTime, NonEmptyString };

/**
 * An object with these required fields. Exact: decoding drops fields the codec does not name, so
 * nothing a caller adds on the side is ever stored.
 */
export const struct = <P extends t.Props>(props: P) => t.exact(t.type(props));

/** An object with these optional fields (exact, like {@link struct}). */
export const optional = <P extends t.Props>(props: P) => t.exact(t.partial(props));

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
/**
 * An identifier of a court, person, task, problem, inspection, case, finding, measure or period:
 * 1–64 characters, ASCII letters, digits and `_ . : -`, starting with a letter or digit. Ids never
 * contain `/`, `@` or spaces, so they can be joined into stream names without ambiguity.
 */
export const Id = new t.Type<string, string, unknown>(
  'Id',
  (u): u is string => typeof u === 'string' && ID_RE.test(u),
  (u, c) => (typeof u === 'string' && ID_RE.test(u)
    ? t.success(u)
    : t.failure(u, c, 'expected an id of 1-64 letters, digits or "_.:-" starting with a letter or digit')),
  t.identity,
);

const NAME_RE = /^[^/\s@][^/@]{0,63}$/u;
/**
 * A department name as the plan writes it (e.g. `审管办`): 1–64 characters, no `/` or `@`, not
 * starting with a space. A department is identified by its court and its name.
 */
export const DepartmentName = new t.Type<string, string, unknown>(
  'DepartmentName',
  (u): u is string => typeof u === 'string' && NAME_RE.test(u) && u.trim() === u,
  (u, c) => (typeof u === 'string' && NAME_RE.test(u) && u.trim() === u
    ? t.success(u)
    : t.failure(u, c, 'expected a department name of 1-64 characters without "/" or "@" or surrounding spaces')),
  t.identity,
);

/** Free text of at most `max` characters (non-empty after trimming). */
export const text = (max: number) => new t.Type<string, string, unknown>(
  `Text(${max})`,
  (u): u is string => typeof u === 'string' && u.trim().length > 0 && u.length <= max,
  (u, c) => (typeof u === 'string' && u.trim().length > 0 && u.length <= max
    ? t.success(u)
    : t.failure(u, c, `expected non-empty text of at most ${max} characters`)),
  t.identity,
);

/** A short text: names, titles, criteria (at most 200 characters). */
export const ShortText = text(200);
/** A long text: descriptions, summaries, reasons, facts (at most 4,000 characters). */
export const LongText = text(4000);

const SHA_RE = /^[0-9a-f]{64}$/;
/** A SHA-256 digest as 64 lowercase hex characters. */
export const Sha256Hex = new t.Type<string, string, unknown>(
  'Sha256Hex',
  (u): u is string => typeof u === 'string' && SHA_RE.test(u),
  (u, c) => (typeof u === 'string' && SHA_RE.test(u) ? t.success(u) : t.failure(u, c, 'expected a SHA-256 digest as 64 lowercase hex characters')),
  t.identity,
);

/** An integer in `[min, max]`. */
export const intIn = (min: number, max: number) => new t.Type<number, number, unknown>(
  `Int[${min},${max}]`,
  (u): u is number => Number.isInteger(u) && (u as number) >= min && (u as number) <= max,
  (u, c) => (Number.isInteger(u) && (u as number) >= min && (u as number) <= max
    ? t.success(u as number)
    : t.failure(u, c, `expected an integer from ${min} to ${max}`)),
  t.identity,
);

/** A non-negative count. */
export const Count = intIn(0, 1_000_000_000);

/** A list with at least `min` and at most `max` items. */
export const listOf = <C extends t.Mixed>(codec: C, min: number, max: number) => {
  const base = t.readonlyArray(codec);
  return new t.Type<readonly t.TypeOf<C>[], readonly t.OutputOf<C>[], unknown>(
    `List(${codec.name})[${min},${max}]`,
    (u): u is readonly t.TypeOf<C>[] => base.is(u) && u.length >= min && u.length <= max,
    (u, c) => {
      if (Array.isArray(u) && (u.length < min || u.length > max)) {
        return t.failure(u, c, `expected ${min === max ? min : `${min} to ${max}`} items`);
      }
      return base.validate(u, c);
    },
    base.encode,
  );
};

/** A list of distinct items. */
export const distinctListOf = <C extends t.Mixed>(codec: C, min: number, max: number) => {
  const base = listOf(codec, min, max);
  return new t.Type<readonly t.TypeOf<C>[], readonly t.OutputOf<C>[], unknown>(
    `Distinct${base.name}`,
    (u): u is readonly t.TypeOf<C>[] => base.is(u) && new Set(u.map((x) => JSON.stringify(x))).size === u.length,
    (u, c) => {
      const r = base.validate(u, c);
      if (r._tag === 'Right' && new Set(r.right.map((x) => JSON.stringify(x))).size !== r.right.length) {
        return t.failure(u, c, 'expected distinct items (one is repeated)');
      }
      return r;
    },
    base.encode,
  );
};

/** A piece of evidence held outside the ledger, pinned by its SHA-256. */
export const EvidenceRef = t.intersection([
  struct({ sha256: Sha256Hex, description: ShortText }),
  optional({ uri: text(1000) }),
]);
/** A piece of evidence held outside the ledger, pinned by its SHA-256. */
export type EvidenceRef = t.TypeOf<typeof EvidenceRef>;

/** How serious a problem is. */
export const Severity = t.keyof({ minor: null, moderate: null, serious: null, critical: null }, 'Severity');
/** How serious a problem is. */
export type Severity = t.TypeOf<typeof Severity>;

/** A unit: a court (`C-NANGUAN`) or a department of a court (`C-NANGUAN/审管办`). */
export const UnitRef = t.intersection([struct({ courtId: Id }), optional({ department: DepartmentName })]);
/** A unit: a court, or a department of a court. */
export type UnitRef = t.TypeOf<typeof UnitRef>;

/** Writes a unit as `court` or `court/department` (the form recorded in `metadata.actor.unit`). */
export const unitKey = (u: UnitRef): string => (u.department === undefined ? u.courtId : `${u.courtId}/${u.department}`);

/** Reads a unit key back (`court` or `court/department`). */
export const parseUnitKey = (key: string | undefined): UnitRef | undefined => {
  if (key === undefined || key === '') return undefined;
  const i = key.indexOf('/');
  return i < 0 ? { courtId: key } : { courtId: key.slice(0, i), department: key.slice(i + 1) };
};
