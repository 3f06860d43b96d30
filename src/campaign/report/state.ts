/** The Report folded: every submitted version is kept as submitted (frozen); the status is the last word on it. */
import type { ConsolidatedSource, ReportEvent, ReportSubmitted } from './events';

/** Where a report stands. `draft`: lower reports consolidated, nothing submitted yet. */
export type ReportStatus = 'none' | 'draft' | 'submitted' | 'accepted' | 'returned';

/** The Report's state. */
export interface ReportState {
  readonly status: ReportStatus;
  /** Every submitted version, in order (version n at index n - 1). */
  readonly versions: readonly ReportSubmitted[];
  /** Lower court → the accepted report folded in. */
  readonly consolidated: ReadonlyMap<string, ConsolidatedSource>;
}

/** No report yet. */
export const initialReport: ReportState = { status: 'none', versions: [], consolidated: new Map() };

/** Folds one Report event. */
export const evolveReport = (s: ReportState, e: ReportEvent): ReportState => {
  switch (e.type) {
    case 'report.submitted':
      return { ...s, status: 'submitted', versions: [...s.versions, e.data] };
    case 'report.accepted':
      return { ...s, status: 'accepted' };
    case 'report.returned':
      return { ...s, status: 'returned' };
    case 'report.consolidated': {
      const consolidated = new Map(s.consolidated);
      for (const x of e.data.sources) consolidated.set(x.courtId, x);
      return { ...s, status: s.status === 'none' ? 'draft' : s.status, consolidated };
    }
  }
};

/** The last submitted version (undefined before the first). */
export const lastVersion = (s: ReportState): ReportSubmitted | undefined => s.versions[s.versions.length - 1];
