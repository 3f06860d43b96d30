/** The follow-up of one subject folded: the warnings given and the ladder's steps taken. */
import type { FollowUpEscalated, FollowUpEvent, FollowUpWarned } from './events';

/** The follow-up's state. */
export interface FollowUpState {
  readonly warnings: readonly FollowUpWarned[];
  /** `${colour}@${deadline}` of every warning given (one per colour and deadline). */
  readonly warned: ReadonlySet<string>;
  /** The ladder's steps taken, in order. */
  readonly steps: readonly FollowUpEscalated[];
}

/** Nothing given yet. */
export const initialFollowUp: FollowUpState = { warnings: [], warned: new Set(), steps: [] };

/** Folds one follow-up event. */
export const evolveFollowUp = (s: FollowUpState, e: FollowUpEvent): FollowUpState => {
  switch (e.type) {
    case 'follow_up.warned':
      return { ...s, warnings: [...s.warnings, e.data], warned: new Set(s.warned).add(`${e.data.colour}@${e.data.deadline}`) };
    case 'follow_up.escalated':
      return { ...s, steps: [...s.steps, e.data] };
  }
};

/** The last step taken, if any. */
export const lastStep = (s: FollowUpState): FollowUpEscalated | undefined => s.steps[s.steps.length - 1];
