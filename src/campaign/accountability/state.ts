/** The AccountabilityCase folded. */
import type { AccountabilityEvent, CaseProposed, SanctionDecided, SubjectNotified } from './events';

/** Where a case stands. */
export type CaseStatus = 'none' | 'proposed' | 'facts_established' | 'sanctioned' | 'dismissed' | 'closed';

/** The AccountabilityCase's state. */
export interface AccountabilityState {
  readonly status: CaseStatus;
  readonly proposal?: CaseProposed | undefined;
  readonly facts: readonly string[];
  /** Who established facts (they never decide the sanction). */
  readonly factsBy: readonly string[];
  /** The notice to the subject and the end of the defence period. */
  readonly notice?: SubjectNotified | undefined;
  /** Whether the subject stated a defence or waived it. */
  readonly defence?: 'stated' | 'waived' | undefined;
  readonly sanction?: SanctionDecided | undefined;
  readonly published: boolean;
}

/** No case yet. */
export const initialAccountability: AccountabilityState = { status: 'none', facts: [], factsBy: [], published: false };

/** Folds one AccountabilityCase event. */
export const evolveAccountability = (s: AccountabilityState, e: AccountabilityEvent): AccountabilityState => {
  switch (e.type) {
    case 'accountability.case_proposed':
      return { ...s, status: 'proposed', proposal: e.data };
    case 'accountability.facts_established':
      return {
        ...s, status: 'facts_established', facts: [...s.facts, e.data.facts],
        factsBy: e.data.establishedBy === undefined || s.factsBy.includes(e.data.establishedBy) ? s.factsBy : [...s.factsBy, e.data.establishedBy],
      };
    case 'accountability.subject_notified':
      return { ...s, notice: e.data };
    case 'accountability.defence_stated':
      return { ...s, defence: 'stated' };
    case 'accountability.defence_waived':
      return { ...s, defence: 'waived' };
    case 'accountability.sanction_decided':
      return { ...s, status: 'sanctioned', sanction: e.data };
    case 'accountability.case_dismissed':
      return { ...s, status: 'dismissed' };
    case 'accountability.published':
      return { ...s, published: true };
    case 'accountability.closed':
      return { ...s, status: 'closed' };
  }
};
