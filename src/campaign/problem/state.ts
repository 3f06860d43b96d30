/**
 * The Problem folded. Overdue and warning colours are never stored: {@link overdueMeasures}
 * derives them from the deadlines at a given date.
 */
import type { EvidenceRef } from '../codecs';
import type {
  MeasureExtensionRequested, Milestone, ProblemEvent, ProblemIdentified, ProblemVerified, ProblemWithdrawn, ResponsibilityAssigned,
} from './events';

/** Where a problem stands in the ledger. */
export type ProblemStatus = 'none' | 'open' | 'closure_requested' | 'verified' | 'closed' | 'withdrawn';

/** A rectification measure. */
export interface Measure {
  readonly measureId: string;
  readonly content: string;
  /** The current deadline (moved only by granted extensions). */
  readonly deadline: string;
  readonly done: boolean;
}

/** A measure extension request and what became of it. */
export interface MeasureExtension extends MeasureExtensionRequested {
  readonly decision: 'pending' | 'granted' | 'denied';
}

/** The Problem's state. */
export interface ProblemState {
  readonly status: ProblemStatus;
  /** What was identified, with every correction applied. */
  readonly details?: ProblemIdentified | undefined;
  readonly ledgerNumber?: string | undefined;
  readonly responsibility?: ResponsibilityAssigned | undefined;
  readonly measures: ReadonlyMap<string, Measure>;
  /** Rectification evidence attached, in order. */
  readonly evidence: readonly EvidenceRef[];
  /** Evidence attached since the problem was last reopened (closure needs some). */
  readonly freshEvidence: number;
  readonly extensions: ReadonlyMap<string, MeasureExtension>;
  readonly verification?: ProblemVerified | undefined;
  readonly longTerm?: { readonly reason: string; readonly milestones: ReadonlyMap<string, Milestone & { readonly reached: boolean }> } | undefined;
  readonly withdrawal?: ProblemWithdrawn | undefined;
  readonly timesClosed: number;
  readonly timesReopened: number;
  readonly timesReturned: number;
}

/** No problem yet. */
export const initialProblem: ProblemState = {
  status: 'none', measures: new Map(), evidence: [], freshEvidence: 0, extensions: new Map(), timesClosed: 0, timesReopened: 0, timesReturned: 0,
};

const setMeasure = (s: ProblemState, id: string, f: (m: Measure) => Measure): ProblemState => {
  const m = s.measures.get(id);
  return m ? { ...s, measures: new Map(s.measures).set(id, f(m)) } : s;
};

const decideExtension = (s: ProblemState, requestId: string, decision: 'granted' | 'denied'): ProblemState => {
  const x = s.extensions.get(requestId);
  return x ? { ...s, extensions: new Map(s.extensions).set(requestId, { ...x, decision }) } : s;
};

/** Folds one Problem event. */
export const evolveProblem = (s: ProblemState, e: ProblemEvent): ProblemState => {
  switch (e.type) {
    case 'problem.identified':
      return { ...s, status: 'open', details: e.data };
    case 'problem.registered':
      return { ...s, ledgerNumber: e.data.ledgerNumber };
    case 'problem.responsibility_assigned':
      return { ...s, responsibility: e.data };
    case 'problem.measure_planned':
      return { ...s, measures: new Map(s.measures).set(e.data.measureId, { measureId: e.data.measureId, content: e.data.content, deadline: e.data.deadline, done: false }) };
    case 'problem.measure_completed':
      return setMeasure(s, e.data.measureId, (m) => ({ ...m, done: true }));
    case 'problem.progress_recorded':
      return s;
    case 'problem.evidence_attached':
      return { ...s, evidence: [...s.evidence, e.data.evidence], freshEvidence: s.freshEvidence + 1 };
    case 'problem.extension_requested':
      return { ...s, extensions: new Map(s.extensions).set(e.data.requestId, { ...e.data, decision: 'pending' }) };
    case 'problem.extension_granted':
      return setMeasure(decideExtension(s, e.data.requestId, 'granted'), e.data.measureId, (m) => ({ ...m, deadline: e.data.newDeadline }));
    case 'problem.extension_denied':
      return decideExtension(s, e.data.requestId, 'denied');
    case 'problem.closure_requested':
      return { ...s, status: 'closure_requested' };
    case 'problem.verified':
      return { ...s, status: 'verified', verification: e.data };
    case 'problem.verification_returned':
      return { ...s, status: 'open', verification: undefined, timesReturned: s.timesReturned + 1 };
    case 'problem.closed':
      return { ...s, status: 'closed', timesClosed: s.timesClosed + 1 };
    case 'problem.reopened':
      return { ...s, status: 'open', verification: undefined, freshEvidence: 0, timesReopened: s.timesReopened + 1 };
    case 'problem.marked_long_term':
      return { ...s, longTerm: { reason: e.data.reason, milestones: new Map(e.data.milestones.map((m) => [m.milestoneId, { ...m, reached: false }])) } };
    case 'problem.milestone_reached': {
      const lt = s.longTerm;
      const m = lt?.milestones.get(e.data.milestoneId);
      return lt && m ? { ...s, longTerm: { ...lt, milestones: new Map(lt.milestones).set(m.milestoneId, { ...m, reached: true }) } } : s;
    }
    case 'problem.withdrawn':
      return { ...s, status: 'withdrawn', withdrawal: e.data };
    case 'problem.corrected': {
      if (!s.details) return s;
      const { problemId: _p, reason: _r, ...changes } = e.data;
      return { ...s, details: { ...s.details, ...changes } };
    }
  }
};

/** Whether a problem's rectification is finished for good (closed or withdrawn). */
export const isSettled = (s: ProblemState): boolean => s.status === 'closed' || s.status === 'withdrawn';

/**
 * The measures past their deadline on `date` (a local calendar date) and not done, for a problem
 * that is neither closed nor withdrawn; `graceDays` later than the deadline when given.
 * Derived, never stored.
 */
export const overdueMeasures = (s: ProblemState, date: string, graceDays = 0): readonly Measure[] => {
  if (s.status === 'none' || isSettled(s)) return [];
  const limit = (deadline: string) => {
    const d = new Date(Date.parse(`${deadline}T00:00:00.000Z`) + graceDays * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  return [...s.measures.values()].filter((m) => !m.done && limit(m.deadline) < date);
};
