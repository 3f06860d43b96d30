/** The supervision item folded: where it stands in its lifecycle, and what was said and done about it. */
import type { UnitRef } from '../codecs';
import type {
  SupervisionAssigned, SupervisionEvent, SupervisionFeedbackGiven, SupervisionOpened, SupervisionProposed, SupervisionReminded, SupervisionWarned,
} from './events';

/**
 * Where an item stands: `proposed` (拟办), `opened` (立项), `approved` (审批), `assigned` (交办),
 * `handling` (签收, then 办理 and 反馈), `under_review` (final feedback given, 复核), `reviewed`
 * (复核 passed), `closed` (办结).
 */
export type SupervisionStatus = 'none' | 'proposed' | 'opened' | 'approved' | 'assigned' | 'handling' | 'under_review' | 'reviewed' | 'closed';

/** The supervision item's state. */
export interface SupervisionState {
  readonly status: SupervisionStatus;
  readonly proposal?: SupervisionProposed | undefined;
  readonly opening?: SupervisionOpened | undefined;
  readonly approvedBy?: string | undefined;
  readonly assignment?: SupervisionAssigned | undefined;
  readonly receivedOn?: string | undefined;
  readonly feedback: readonly SupervisionFeedbackGiven[];
  /** The highest schedule period with a feedback (0 before the first). */
  readonly lastPeriod: number;
  /** Times the review returned the item for rework (退回). */
  readonly timesReturned: number;
  readonly reminders: readonly SupervisionReminded[];
  readonly warnings: readonly SupervisionWarned[];
  readonly closedOn?: string | undefined;
}

/** No item yet. */
export const initialSupervision: SupervisionState = { status: 'none', feedback: [], lastPeriod: 0, timesReturned: 0, reminders: [], warnings: [] };

/** Folds one supervision item event. */
export const evolveSupervision = (s: SupervisionState, e: SupervisionEvent): SupervisionState => {
  switch (e.type) {
    case 'supervision.proposed':
      return { ...s, status: 'proposed', proposal: e.data };
    case 'supervision.opened':
      return { ...s, status: 'opened', opening: e.data };
    case 'supervision.approved':
      return { ...s, status: 'approved', approvedBy: e.data.approvedBy };
    case 'supervision.assigned':
      return { ...s, status: 'assigned', assignment: e.data };
    case 'supervision.received':
      return { ...s, status: 'handling', receivedOn: e.data.receivedOn };
    case 'supervision.feedback_given':
      return { ...s, status: e.data.final ? 'under_review' : s.status, feedback: [...s.feedback, e.data], lastPeriod: Math.max(s.lastPeriod, e.data.period) };
    case 'supervision.review_passed':
      return { ...s, status: 'reviewed' };
    case 'supervision.returned':
      return { ...s, status: 'handling', timesReturned: s.timesReturned + 1 };
    case 'supervision.closed':
      return { ...s, status: 'closed', closedOn: e.data.closedOn };
    case 'supervision.reminded':
      return { ...s, reminders: [...s.reminders, e.data] };
    case 'supervision.warned':
      return { ...s, warnings: [...s.warnings, e.data] };
  }
};

/** The units an item is assigned to: its lead unit (主办) first, then its co-responsible units (协办). */
export const assignedUnits = (s: SupervisionState): readonly UnitRef[] => (s.assignment === undefined ? [] : [s.assignment.lead, ...s.assignment.co]);
