/**
 * The Problem folded. Overdue and warning colours are never stored: {@link overdueMeasures}
 * derives them from the deadlines at a given date.
 */
import type { EvidenceRef } from '../codecs';
import { settle, type ExtensionDecision } from '../extensions';
import { settleProposal, type Proposal } from '../four-eyes';
import { isOverdueOn } from '../time';
import type {
  MeasureExtensionRequested, Milestone, ProblemAction, ProblemEvent, ProblemIdentified, ProblemSpotChecked, ProblemVerified, ProblemWithdrawn,
  ResponsibilityAssigned,
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
  /** Who completed it, when recorded. */
  readonly completedBy?: string | undefined;
}

/** A measure extension request and what became of it. */
export interface MeasureExtension extends MeasureExtensionRequested {
  readonly decision: ExtensionDecision;
}

/** What a problem has, whatever its status. */
interface ProblemFacts {
  readonly ledgerNumber?: string | undefined;
  readonly measures: ReadonlyMap<string, Measure>;
  /** Rectification evidence attached, in order. */
  readonly evidence: readonly EvidenceRef[];
  /** Evidence attached since the problem was last reopened (closure needs some). */
  readonly freshEvidence: number;
  readonly extensions: ReadonlyMap<string, MeasureExtension>;
  /** Decisions proposed for four eyes, by proposal id, and what became of them. */
  readonly proposals: ReadonlyMap<string, Proposal<ProblemAction>>;
  readonly longTerm?: { readonly reason: string; readonly milestones: ReadonlyMap<string, Milestone & { readonly reached: boolean }> } | undefined;
  readonly timesClosed: number;
  readonly timesReopened: number;
  readonly timesReturned: number;
  /** The years the problem was carried over into (结转), in order. */
  readonly carriedInto?: readonly number[] | undefined;
  /** The court whose office keeps the problem: the host court once it took it over, else the problem's own (undefined before identification). */
  readonly takenOverBy?: string | undefined;
  /** Times the host court's office returned the court's handling (退回). */
  readonly timesHandlingReturned: number;
  /** Spot checks (抽查) by the host court's office, in order. */
  readonly spotChecks: readonly ProblemSpotChecked[];
}

/** No problem yet. */
export interface NoProblem extends ProblemFacts {
  readonly status: 'none';
  readonly details?: undefined;
  readonly responsibility?: undefined;
  readonly verification?: undefined;
  readonly withdrawal?: undefined;
}

/** An identified problem: what was identified, with every correction applied. */
interface IdentifiedProblem extends ProblemFacts {
  readonly details: ProblemIdentified;
  readonly responsibility?: ResponsibilityAssigned | undefined;
  readonly verification?: ProblemVerified | undefined;
  readonly withdrawal?: ProblemWithdrawn | undefined;
}

/** Being rectified (also after a returned verification or a reopening). */
export interface OpenProblem extends IdentifiedProblem { readonly status: 'open' }
/** Put up for closure: its responsibility is assigned. */
export interface ClosureRequestedProblem extends IdentifiedProblem { readonly status: 'closure_requested'; readonly responsibility: ResponsibilityAssigned }
/** Verified: who verified it is known. */
export interface VerifiedProblem extends IdentifiedProblem {
  readonly status: 'verified'; readonly responsibility: ResponsibilityAssigned; readonly verification: ProblemVerified;
}
/** Closed (销号). */
export interface ClosedProblem extends IdentifiedProblem {
  readonly status: 'closed'; readonly responsibility: ResponsibilityAssigned; readonly verification: ProblemVerified;
}
/** Withdrawn, with who approved it and why. */
export interface WithdrawnProblem extends IdentifiedProblem { readonly status: 'withdrawn'; readonly withdrawal: ProblemWithdrawn }

/** The Problem's state, by status: the compiler knows which facts each status has. */
export type ProblemState = NoProblem | OpenProblem | ClosureRequestedProblem | VerifiedProblem | ClosedProblem | WithdrawnProblem;

/** No problem yet. */
export const initialProblem: NoProblem = {
  status: 'none', measures: new Map(), evidence: [], freshEvidence: 0, extensions: new Map(), proposals: new Map(), timesClosed: 0, timesReopened: 0, timesReturned: 0,
  timesHandlingReturned: 0, spotChecks: [],
};

const setMeasure = (s: ProblemState, id: string, f: (m: Measure) => Measure): ProblemState => {
  const m = s.measures.get(id);
  return m ? { ...s, measures: new Map(s.measures).set(id, f(m)) } : s;
};

const approved = (s: ProblemState, proposalId: string | undefined): ProblemState => {
  const proposals = settleProposal(s.proposals, proposalId, 'approved');
  return proposals === s.proposals ? s : { ...s, proposals };
};

const decideExtension = (s: ProblemState, requestId: string, decision: 'granted' | 'denied'): ProblemState => {
  const extensions = settle(s.extensions, requestId, decision);
  return extensions === s.extensions ? s : { ...s, extensions };
};

/** Folds one Problem event. */
export const evolveProblem = (s: ProblemState, e: ProblemEvent): ProblemState => {
  switch (e.type) {
    case 'problem.identified':
      return { ...s, status: 'open', details: e.data };
    case 'problem.registered':
      return { ...s, ledgerNumber: e.data.ledgerNumber };
    case 'problem.responsibility_assigned':
      return s.status === 'none' ? s : { ...s, responsibility: e.data };
    case 'problem.measure_planned':
      return { ...s, measures: new Map(s.measures).set(e.data.measureId, { measureId: e.data.measureId, content: e.data.content, deadline: e.data.deadline, done: false }) };
    case 'problem.measure_completed':
      return setMeasure(s, e.data.measureId, (m) => ({ ...m, done: true, ...(e.data.completedBy === undefined ? {} : { completedBy: e.data.completedBy }) }));
    case 'problem.progress_recorded':
      return s;
    case 'problem.evidence_attached':
      return { ...s, evidence: [...s.evidence, e.data.evidence], freshEvidence: s.freshEvidence + 1 };
    case 'problem.extension_requested':
      return { ...s, extensions: new Map(s.extensions).set(e.data.requestId, { ...e.data, decision: 'pending' }) };
    case 'problem.extension_granted':
      return setMeasure(approved(decideExtension(s, e.data.requestId, 'granted'), e.data.proposalId), e.data.measureId, (m) => ({ ...m, deadline: e.data.newDeadline }));
    case 'problem.extension_denied':
      return decideExtension(s, e.data.requestId, 'denied');
    case 'problem.closure_requested':
      return s.status === 'none' || s.responsibility === undefined ? s : { ...s, status: 'closure_requested', responsibility: s.responsibility };
    case 'problem.verified':
      return s.status === 'none' || s.responsibility === undefined ? s : { ...s, status: 'verified', responsibility: s.responsibility, verification: e.data };
    case 'problem.verification_returned':
      return s.status === 'none' ? s : { ...s, status: 'open', verification: undefined, timesReturned: s.timesReturned + 1 };
    case 'problem.closed':
      return s.status === 'verified' ? { ...s, proposals: settleProposal(s.proposals, e.data.proposalId, 'approved'), status: 'closed', timesClosed: s.timesClosed + 1 } : s;
    case 'problem.reopened':
      return s.status === 'none' ? s : { ...s, status: 'open', verification: undefined, freshEvidence: 0, timesReopened: s.timesReopened + 1 };
    case 'problem.marked_long_term':
      return { ...s, longTerm: { reason: e.data.reason, milestones: new Map(e.data.milestones.map((m) => [m.milestoneId, { ...m, reached: false }])) } };
    case 'problem.milestone_reached': {
      const lt = s.longTerm;
      const m = lt?.milestones.get(e.data.milestoneId);
      return lt && m ? { ...s, longTerm: { ...lt, milestones: new Map(lt.milestones).set(m.milestoneId, { ...m, reached: true }) } } : s;
    }
    case 'problem.withdrawn':
      return s.status === 'none' ? s : { ...s, proposals: settleProposal(s.proposals, e.data.proposalId, 'approved'), status: 'withdrawn', withdrawal: e.data };
    case 'problem.decision_proposed':
      return { ...s, proposals: new Map(s.proposals).set(e.data.proposalId, { proposalId: e.data.proposalId, action: e.data.action, proposedBy: e.data.proposedBy, status: 'pending' }) };
    case 'problem.proposal_rejected':
      return { ...s, proposals: settleProposal(s.proposals, e.data.proposalId, 'rejected') };
    case 'problem.carried_over':
      return { ...s, carriedInto: [...(s.carriedInto ?? []), e.data.toYear] };
    case 'problem.corrected': {
      if (s.status === 'none') return s;
      const { problemId: _p, reason: _r, ...changes } = e.data;
      return { ...s, details: { ...s.details, ...changes } };
    }
    case 'problem.handling_returned':
      return s.status === 'none' ? s : { ...s, status: 'open', verification: undefined, freshEvidence: 0, timesHandlingReturned: s.timesHandlingReturned + 1 };
    case 'problem.spot_checked':
      return { ...s, spotChecks: [...s.spotChecks, e.data] };
    case 'problem.taken_over':
      return { ...s, takenOverBy: e.data.byCourtId };
  }
};

/** The court whose office keeps the problem's ledger entry: the host court once it took it over, else the problem's court. */
export const keeperOf = (s: ProblemState): string | undefined => s.takenOverBy ?? s.details?.courtId;

/** Whether a problem's rectification is finished for good (closed or withdrawn). */
export const isSettled = (s: ProblemState): boolean => s.status === 'closed' || s.status === 'withdrawn';

/**
 * The problem's deadline: the latest of its measures' current deadlines and, once it is
 * long-term, of its milestones' due dates; undefined while it has none. The read models use the
 * same rule (`deadlineOf`).
 */
export const problemDeadline = (s: ProblemState): string | undefined => {
  let d: string | undefined;
  for (const m of s.measures.values()) if (d === undefined || m.deadline > d) d = m.deadline;
  if (s.longTerm) for (const m of s.longTerm.milestones.values()) if (d === undefined || m.due > d) d = m.due;
  return d;
};

/**
 * Whether the problem is overdue on `date` (a local calendar date): neither closed nor withdrawn,
 * and its deadline ({@link problemDeadline}) overdue by `isOverdueOn`. The one per-problem rule the
 * dashboard's red colour and the overdue reaction share.
 */
export const isProblemOverdue = (s: ProblemState, date: string, graceDays = 0): boolean => {
  if (s.status === 'none' || isSettled(s)) return false;
  const d = problemDeadline(s);
  return d !== undefined && isOverdueOn(d, date, graceDays);
};

/**
 * The measures past their deadline on `date` and not done, for a problem that is itself overdue
 * ({@link isProblemOverdue}); `graceDays` later than the deadline when given. A measure past its own
 * deadline while a later measure keeps the problem in time is not overdue. Derived, never stored.
 */
export const overdueMeasures = (s: ProblemState, date: string, graceDays = 0): readonly Measure[] => {
  if (!isProblemOverdue(s, date, graceDays)) return [];
  return [...s.measures.values()].filter((m) => !m.done && isOverdueOn(m.deadline, date, graceDays));
};
