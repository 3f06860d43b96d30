/** The Inspection folded. */
import type { FindingRecorded, InspectionEvent, InspectionKind, InspectionPlanned, SeedCommitted, SeedRevealed, SpotCheckRecorded } from './events';

/** A finding and the problem it became, once linked. */
export interface InspectionFinding extends FindingRecorded {
  readonly problemId?: string | undefined;
}

/** The Inspection's state. */
export interface InspectionState {
  readonly status: 'none' | 'planned' | 'concluded';
  readonly kind?: InspectionKind | undefined;
  readonly plan?: InspectionPlanned | undefined;
  readonly commitment?: SeedCommitted | undefined;
  /** Court → dates visited. */
  readonly visits: ReadonlyMap<string, readonly string[]>;
  readonly findings: ReadonlyMap<string, InspectionFinding>;
  readonly spotChecks: ReadonlyMap<string, SpotCheckRecorded>;
  readonly reveal?: SeedRevealed | undefined;
}

/** No inspection yet. */
export const initialInspection: InspectionState = { status: 'none', visits: new Map(), findings: new Map(), spotChecks: new Map() };

/** Folds one Inspection event. */
export const evolveInspection = (s: InspectionState, e: InspectionEvent): InspectionState => {
  switch (e.type) {
    case 'inspection.planned':
      return { ...s, status: 'planned', kind: e.data.kind, plan: e.data };
    case 'inspection.seed_committed':
      return { ...s, commitment: e.data };
    case 'inspection.visit_recorded':
      return { ...s, visits: new Map(s.visits).set(e.data.courtId, [...(s.visits.get(e.data.courtId) ?? []), e.data.visitedOn]) };
    case 'inspection.finding_recorded':
      return { ...s, findings: new Map(s.findings).set(e.data.findingId, e.data) };
    case 'inspection.finding_linked': {
      const f = s.findings.get(e.data.findingId);
      return f ? { ...s, findings: new Map(s.findings).set(f.findingId, { ...f, problemId: e.data.problemId }) } : s;
    }
    case 'inspection.spot_check_recorded':
      return { ...s, spotChecks: new Map(s.spotChecks).set(e.data.checkId, e.data) };
    case 'inspection.seed_revealed':
      return { ...s, reveal: e.data };
    case 'inspection.concluded':
      return { ...s, status: 'concluded' };
  }
};
