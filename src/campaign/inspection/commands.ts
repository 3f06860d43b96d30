/**
 * Inspection commands. `recordSpotCheck` and `revealSeed` are completed by the facade: it loads
 * the checked problem's status and court, and finds the beacon event ({@link ResolvedInspectionCommand}).
 */
import * as t from 'io-ts';
import { DepartmentName, EvidenceRef, Id, IsoDate, LongText, Severity, Sha256Hex, ShortText, distinctListOf, intIn, listOf, optional, struct } from '../codecs';
import type { CommandUnion } from '../define';
import type { Beacon } from './events';
import { InspectionKind, SeedHex } from './events';

/** Plans an inspection: routine ones name their targets, unannounced ones name none. */
export const PlanInspection = t.intersection([
  struct({ inspectionId: Id, kind: InspectionKind, title: ShortText }),
  optional({ targets: distinctListOf(Id, 0, 500), periodId: Id }),
]);
/** Input of `inspection.plan`. */
export type PlanInspection = t.TypeOf<typeof PlanInspection>;

/** Commits to a secret seed (its SHA-256), the candidate courts and how many will be drawn. */
export const CommitSeed = struct({ inspectionId: Id, commitment: Sha256Hex, candidates: distinctListOf(Id, 1, 500), count: intIn(1, 500) });
/** Input of `inspection.commitSeed`. */
export type CommitSeed = t.TypeOf<typeof CommitSeed>;

/** Records a visit to a court. */
export const RecordVisit = struct({ inspectionId: Id, courtId: Id, visitedOn: IsoDate });
/** Input of `inspection.recordVisit`. */
export type RecordVisit = t.TypeOf<typeof RecordVisit>;

/** Records a finding in a visited court. */
export const RecordFinding = t.intersection([
  struct({
    inspectionId: Id, findingId: Id, courtId: Id, title: ShortText, description: LongText, criterion: ShortText, severity: Severity,
  }),
  optional({ evidence: listOf(EvidenceRef, 0, 100), department: DepartmentName, taskId: Id }),
]);
/** Input of `inspection.recordFinding`. */
export type RecordFinding = t.TypeOf<typeof RecordFinding>;

/** Links a finding to the problem it became (done by the reaction). */
export const LinkFinding = struct({ inspectionId: Id, findingId: Id, problemId: Id });
/** Input of `inspection.linkFinding`. */
export type LinkFinding = t.TypeOf<typeof LinkFinding>;

/** Records a spot check of a problem's rectification. */
export const RecordSpotCheck = struct({ inspectionId: Id, checkId: Id, problemId: Id, passed: t.boolean, note: LongText });
/** Input of `inspection.recordSpotCheck`. */
export type RecordSpotCheck = t.TypeOf<typeof RecordSpotCheck>;

/** Reveals the seed after the visits. */
export const RevealSeed = struct({ inspectionId: Id, seed: SeedHex });
/** Input of `inspection.revealSeed`. */
export type RevealSeed = t.TypeOf<typeof RevealSeed>;

/** Concludes the inspection. */
export const ConcludeInspection = struct({ inspectionId: Id, summary: LongText });
/** Input of `inspection.conclude`. */
export type ConcludeInspection = t.TypeOf<typeof ConcludeInspection>;

/** Input codecs of the Inspection's commands, by command name. */
export const inspectionCommands = {
  plan: PlanInspection,
  commitSeed: CommitSeed,
  recordVisit: RecordVisit,
  recordFinding: RecordFinding,
  linkFinding: LinkFinding,
  recordSpotCheck: RecordSpotCheck,
  revealSeed: RevealSeed,
  conclude: ConcludeInspection,
} as const;

/** The problem a spot check looked at, as loaded from its stream. */
export interface CheckedProblem {
  readonly status: 'none' | 'open' | 'closure_requested' | 'verified' | 'closed' | 'withdrawn';
  readonly courtId?: string | undefined;
}

/** Commands completed by the facade. */
export type ResolvedInspectionCommand =
  | (RecordSpotCheck & { readonly type: 'recordSpotCheck'; readonly problem: CheckedProblem })
  | (RevealSeed & { readonly type: 'revealSeed'; readonly beacon: Beacon | undefined });

/** Any Inspection command, as decided. */
export type InspectionCommand =
  | Exclude<CommandUnion<typeof inspectionCommands>, { readonly type: 'recordSpotCheck' | 'revealSeed' }>
  | ResolvedInspectionCommand;
