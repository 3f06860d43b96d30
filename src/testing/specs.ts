/**
 * Given/when/then specifications:
 *
 * ```ts
 * deciderSpec(problemDecider).given([identified]).when(closeOff, ctx).thenFails('RuleViolated');
 * projectionSpec(ledgerProjection).given(recorded).thenState(expectedState);
 * ```
 *
 * (No method is called `then`: an object with one would be mistaken for a promise by `await`.)
 */
import * as E from 'fp-ts/Either';
import { expect } from 'vitest';
import type { DecisionContext, Decider, DomainEvent } from '../eventsourcing/decider';
import type { RecordedEvent } from '../eventsourcing/envelope';
import type { LedgerError, LedgerErrorTag } from '../eventsourcing/errors';
import type { Projection } from '../eventsourcing/projection';
import { testActor } from './fixtures';

const defaultContext: DecisionContext = {
  actor: testActor,
  recordedAt: '2019-06-01T00:00:00.000Z',
  effectiveAt: '2019-06-01T00:00:00.000Z',
};

/** The outcome of a `when`, to assert on. */
export interface DeciderThen<S, E extends DomainEvent> {
  /** Asserts the decision produced exactly these events; returns the state after them. */
  thenEmits(expected: readonly E[]): S;
  /** Asserts the decision was refused with this tag (and, optionally, this rule code). */
  thenFails(tag: LedgerErrorTag, rule?: string): LedgerError;
  /** The raw decision. */
  readonly result: E.Either<LedgerError, readonly E[]>;
}

/** Starts a specification of a decider. */
export const deciderSpec = <C, S, E extends DomainEvent>(decider: Decider<C, S, E>) => ({
  given: (events: readonly E[]) => ({
    when: (command: C, context: Partial<DecisionContext> = {}): DeciderThen<S, E> => {
      const state = events.reduce(decider.evolve, decider.initialState);
      const result = decider.decide(command, state, { ...defaultContext, ...context });
      return {
        result,
        thenEmits(expected) {
          if (E.isLeft(result)) throw new Error(`expected events, the command was refused: ${result.left.message}`);
          expect(result.right).toEqual(expected);
          return result.right.reduce(decider.evolve, state);
        },
        thenFails(tag, rule) {
          if (E.isRight(result)) throw new Error(`expected a ${tag} refusal, got events: ${JSON.stringify(result.right)}`);
          expect(result.left._tag).toBe(tag);
          if (rule !== undefined) expect((result.left as { rule?: string }).rule).toBe(rule);
          return result.left;
        },
      };
    },
  }),
});

/** Starts a specification of a projection. */
export const projectionSpec = <S>(projection: Pick<Projection<S>, 'apply' | 'initialState'>) => ({
  given: (events: readonly RecordedEvent[]) => ({
    thenState: (expected: S): S => {
      const state = events.reduce(projection.apply, projection.initialState);
      expect(state).toEqual(expected);
      return state;
    },
  }),
});
