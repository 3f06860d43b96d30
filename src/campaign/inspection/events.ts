/**
 * Inspection events: routine inspections (常规检查, announced targets) and unannounced ones
 * (明察暗访). For an unannounced inspection the office commits to a secret seed (its SHA-256) and
 * the candidate courts before anything else; the targets are drawn from the seed and a beacon
 * fixed only after the commitment (see `draw.ts`); the seed is revealed after the visits, so
 * anyone can re-draw and check. Findings become problems (linked both ways); spot checks of
 * closed problems record whether the rectification held.
 * One stream per inspection: `${namespace}/inspection/${inspectionId}`.
 */
import * as t from 'io-ts';
import { DepartmentName, EvidenceRef, Id, IsoDate, IsoDateTime, LongText, Severity, Sha256Hex, ShortText, distinctListOf, intIn, listOf, optional, struct } from '../codecs';
import { definitionsOf, eventType, type EventUnion } from '../define';

/** Routine (常规检查) or unannounced (明察暗访). */
export const InspectionKind = t.keyof({ routine: null, unannounced: null }, 'InspectionKind');
/** Routine or unannounced. */
export type InspectionKind = t.TypeOf<typeof InspectionKind>;

/** An inspection was planned. A routine one names its targets; an unannounced one names none. */
export const InspectionPlanned = t.intersection([
  struct({ inspectionId: Id, kind: InspectionKind, title: ShortText, targets: distinctListOf(Id, 0, 500) }),
  optional({ periodId: Id }),
]);
/** Data of `inspection.planned`. */
export type InspectionPlanned = t.TypeOf<typeof InspectionPlanned>;

/** The office committed to a secret seed (only its SHA-256 is recorded), the candidates and the count. */
export const SeedCommitted = struct({
  inspectionId: Id,
  /** SHA-256 of the seed's bytes (the seed is hex). */
  commitment: Sha256Hex,
  /** Courts the targets will be drawn from (sorted). */
  candidates: distinctListOf(Id, 1, 500),
  count: intIn(1, 500),
  /** The trusted time of the commitment. */
  committedAt: IsoDateTime,
  /** The beacon is the first event recorded at or after the next local midnight after `committedAt`. */
  utcOffsetMinutes: intIn(-720, 840),
});
/** Data of `inspection.seed_committed`. */
export type SeedCommitted = t.TypeOf<typeof SeedCommitted>;

/** The inspectors visited a court. */
export const VisitRecorded = struct({ inspectionId: Id, courtId: Id, visitedOn: IsoDate });
/** Data of `inspection.visit_recorded`. */
export type VisitRecorded = t.TypeOf<typeof VisitRecorded>;

/** Something wrong was found; a reaction turns it into a problem. */
export const FindingRecorded = t.intersection([
  struct({
    inspectionId: Id, findingId: Id, courtId: Id, title: ShortText, description: LongText, criterion: ShortText,
    severity: Severity, evidence: listOf(EvidenceRef, 0, 100),
  }),
  optional({ department: DepartmentName, taskId: Id }),
]);
/** Data of `inspection.finding_recorded`. */
export type FindingRecorded = t.TypeOf<typeof FindingRecorded>;

/** The back link: the problem a finding became. */
export const FindingLinked = struct({ inspectionId: Id, findingId: Id, problemId: Id });
/** Data of `inspection.finding_linked`. */
export type FindingLinked = t.TypeOf<typeof FindingLinked>;

/** A problem's status as the spot check found it in the ledger. */
export const CheckedProblemStatus = t.keyof({
  open: null, closure_requested: null, verified: null, closed: null, withdrawn: null,
}, 'CheckedProblemStatus');

/** A spot check of a problem's rectification (e.g. of a closed one: did it hold?). */
export const SpotCheckRecorded = struct({
  inspectionId: Id, checkId: Id, problemId: Id, courtId: Id,
  /** The problem's ledger status at the check, as resolved from its stream. */
  problemStatus: CheckedProblemStatus,
  passed: t.boolean,
  note: LongText,
});
/** Data of `inspection.spot_check_recorded`. */
export type SpotCheckRecorded = t.TypeOf<typeof SpotCheckRecorded>;

const SEED_RE = /^(?:[0-9a-f]{2}){16,64}$/;
/** A secret seed: 32–128 lowercase hex characters (whole bytes). */
export const SeedHex = new t.Type<string, string, unknown>(
  'SeedHex',
  (u): u is string => typeof u === 'string' && SEED_RE.test(u),
  (u, c) => (typeof u === 'string' && SEED_RE.test(u) ? t.success(u) : t.failure(u, c, 'expected a seed of 32-128 lowercase hex characters')),
  t.identity,
);

/**
 * The event whose hash served as the beacon. Its global position is deliberately not recorded:
 * positions are assigned by each store, and a seeded run must give identical events on every store.
 */
export const Beacon = struct({
  eventId: t.string, streamId: t.string, hash: Sha256Hex, recordedAt: IsoDateTime, actorId: t.string,
});
/** The event whose hash served as the beacon. */
export type Beacon = t.TypeOf<typeof Beacon>;

/** The seed was revealed: anyone can now re-draw the targets with `drawTargets(seed, beacon.hash, candidates, count)`. */
export const SeedRevealed = struct({
  inspectionId: Id,
  seed: SeedHex,
  beacon: Beacon,
  targets: distinctListOf(Id, 1, 500),
  /** Courts visited that the draw did not pick (should be empty). */
  undrawnVisits: distinctListOf(Id, 0, 500),
});
/** Data of `inspection.seed_revealed`. */
export type SeedRevealed = t.TypeOf<typeof SeedRevealed>;

/** The inspection was concluded. */
export const InspectionConcluded = struct({ inspectionId: Id, summary: LongText });
/** Data of `inspection.concluded`. */
export type InspectionConcluded = t.TypeOf<typeof InspectionConcluded>;

/** The Inspection's event types. */
export const inspectionEvents = {
  planned: eventType('inspection.planned', InspectionPlanned),
  seedCommitted: eventType('inspection.seed_committed', SeedCommitted),
  visitRecorded: eventType('inspection.visit_recorded', VisitRecorded),
  findingRecorded: eventType('inspection.finding_recorded', FindingRecorded),
  findingLinked: eventType('inspection.finding_linked', FindingLinked),
  spotCheckRecorded: eventType('inspection.spot_check_recorded', SpotCheckRecorded),
  seedRevealed: eventType('inspection.seed_revealed', SeedRevealed),
  concluded: eventType('inspection.concluded', InspectionConcluded),
} as const;

/** Any Inspection event. */
export type InspectionEvent = EventUnion<typeof inspectionEvents>;

/** Registry entries of the Inspection's event types. */
export const inspectionEventTypes = definitionsOf(inspectionEvents);
