/** A rule entry folded: what it records, its links, and whether it was withdrawn. */
import type { RegulationEvent, RegulationRecorded } from './events';

/** The rule entry's state. */
export interface RegulationState {
  readonly status: 'none' | 'recorded' | 'withdrawn';
  readonly record?: RegulationRecorded | undefined;
  readonly problemIds: readonly string[];
  readonly taskIds: readonly string[];
}

/** No entry yet. */
export const initialRegulation: RegulationState = { status: 'none', problemIds: [], taskIds: [] };

/** Folds one rule entry event. */
export const evolveRegulation = (s: RegulationState, e: RegulationEvent): RegulationState => {
  switch (e.type) {
    case 'regulation.recorded':
      return { status: 'recorded', record: e.data, problemIds: e.data.problemIds, taskIds: e.data.taskIds };
    case 'regulation.linked':
      return { ...s, problemIds: [...s.problemIds, ...e.data.problemIds], taskIds: [...s.taskIds, ...e.data.taskIds] };
    case 'regulation.withdrawn':
      return { ...s, status: 'withdrawn' };
  }
};
