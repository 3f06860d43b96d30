/**
 * The warning colour of a problem, a task or a supervision item on a given day — the one rule the
 * reactions (which record warnings) and the read models (which show them) share:
 * - **red** (逾期): past its deadline and not done;
 * - **yellow** (滞后): behind — returned for poor quality (a verification returned, a task or an item
 *   sent back for rework) or a feedback period of a supervision item passed without feedback;
 * - **blue** (临期): its deadline is at most `approachingDays` days away (in the campaign's days);
 * - none otherwise. Colours are computed, never stored; a warning *given* is a recorded event.
 */
import type { Calendar } from '../time';
import type { WarningColour } from '../supervision/events';

/** What the colour of anything with a deadline depends on. */
export interface ColourInput {
  /** The deadline (undefined: none set, or nothing open). */
  readonly deadline?: string | undefined;
  /** Returned for poor quality, or behind its schedule. */
  readonly behind: boolean;
}

/** The colour of a subject on `today`, or undefined when it needs no warning. */
export const warningColour = (x: ColourInput, today: string, approachingDays: number, calendar: Calendar): WarningColour | undefined => {
  if (x.deadline === undefined) return undefined;
  const left = calendar.daysBetween(today, x.deadline);
  if (left < 0) return 'red';
  if (x.behind) return 'yellow';
  return left <= approachingDays ? 'blue' : undefined;
};
