/** The AccountabilityCase folded. */
import type { AccountabilityEvent, CaseProposed, SanctionDecided } from './events';

/** Where a case stands. */
export type CaseStatus = 'none' | 'proposed' | 'facts_established' | 'sanctioned' | 'dismissed' | 'closed';

/** The AccountabilityCase's state. */
export interface AccountabilityState {
  readonly status: CaseStatus;
  readonly proposal?: CaseProposed | undefined;
  readonly facts: readonly string[];
  readonly sanction?: SanctionDecided | undefined;
  readonly published: boolean;
}

/** No case yet. */
export const initialAccountability: AccountabilityState = { status: 'none', facts: [], published: false };

/** Folds one AccountabilityCase event. */
export const evolveAccountability = (s: AccountabilityState, e: AccountabilityEvent): AccountabilityState => {
  switch (e.type) {
    case 'accountability.case_proposed':
      return { ...s, status: 'proposed', proposal: e.data };
    case 'accountability.facts_established':
      return { ...s, status: 'facts_established', facts: [...s.facts, e.data.facts] };
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
