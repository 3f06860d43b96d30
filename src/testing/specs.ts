/**
 * Given/when/then specifications:
 *
 * ```ts
 * const spec = deciderSpec(bindDecider(problemAggregate, env), { recordedAt: '2019-06-01T02:00:00.000Z' });
 * spec.given([identified]).when(closeOff, { actor: officer }).thenRefused('problem.close.not_verified');
 * spec.given([identified]).when(plan, { actor: head }).thenEmits([measurePlanned]);
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
  /** The raw decision. */
  readonly result: E.Either<LedgerError, readonly E[]>;
  /** The state the command was decided against. */
  readonly before: S;
  /** Asserts the decision produced exactly these events (type and data); returns the state after them. */
  thenEmits(expected: readonly E[]): S;
  /** Asserts the decision produced events of exactly these types; returns the state after them. */
  thenEmitsTypes(...types: readonly E['type'][]): S;
  /** Asserts the decision was refused by a domain rule with this code. */
  thenRefused(rule: string): LedgerError;
  /**
   * Asserts the actor was refused this right (`aggregate.command`), the refusal naming the actor and
   * the right; with `rule`, refused by that named rule of rights.
   */
  thenNotAuthorized(right: string, rule?: string): LedgerError;
  /** Asserts the decision failed with this tag (and, for a RuleViolated, this rule code). */
  thenFails(tag: LedgerErrorTag, rule?: string): LedgerError;
}

/** Starts a specification of a decider; `defaults` is the decision context of every `when`. */
export const deciderSpec = <C, S, E extends DomainEvent>(decider: Decider<C, S, E>, defaults: Partial<DecisionContext> = {}) => ({
  /** The events already recorded in the stream. */
  given: (events: readonly E[] = []) => ({
    /** Decides the command; the effective time defaults to the recorded time. */
    when: (command: C, context: Partial<DecisionContext> = {}): DeciderThen<S, E> => {
      const before = events.reduce(decider.evolve, decider.initialState);
      const given = { ...defaults, ...context };
      const recordedAt = given.recordedAt ?? defaultContext.recordedAt;
      const ctx: DecisionContext = { actor: given.actor ?? defaultContext.actor, recordedAt, effectiveAt: given.effectiveAt ?? recordedAt };
      const result = decider.decide(command, before, ctx);
      const show = () => (E.isLeft(result) ? `${result.left._tag}: ${result.left.message}` : `events ${JSON.stringify(result.right)}`);
      const emitted = (what: string): readonly E[] => {
        if (E.isLeft(result)) throw new Error(`expected ${what}, the command was refused: ${show()}`);
        return result.right;
      };
      const refusal = (tag: LedgerErrorTag): LedgerError => {
        if (E.isRight(result)) throw new Error(`expected a ${tag} refusal, got ${show()}`);
        expect(result.left._tag, result.left.message).toBe(tag);
        return result.left;
      };
      const typeAndData = (es: readonly E[]) => es.map((e) => ({ type: e.type, data: e.data }));
      return {
        result,
        before,
        thenEmits(expected) {
          const got = emitted('events');
          expect(typeAndData(got)).toEqual(typeAndData(expected));
          return got.reduce(decider.evolve, before);
        },
        thenEmitsTypes(...types) {
          const got = emitted(`events ${types.join(', ')}`);
          expect(got.map((e) => e.type)).toEqual(types);
          return got.reduce(decider.evolve, before);
        },
        thenRefused(rule) {
          const left = refusal('RuleViolated');
          if (left._tag === 'RuleViolated') expect(left.rule, left.message).toBe(rule);
          return left;
        },
        thenNotAuthorized(right, rule) {
          const left = refusal('NotAuthorized');
          if (left._tag === 'NotAuthorized') {
            expect(left.right, left.message).toBe(right);
            expect(left.actorId).toBe(ctx.actor.id);
            expect(left.message).toContain(ctx.actor.id);
            expect(left.message).toContain(right);
            if (rule !== undefined) expect(left.rule, left.message).toBe(rule);
          }
          return left;
        },
        thenFails(tag, rule) {
          const left = refusal(tag);
          if (rule !== undefined) expect(left._tag === 'RuleViolated' ? left.rule : undefined, left.message).toBe(rule);
          return left;
        },
      };
    },
  }),
});

/** Starts a specification of a projection. */
export const projectionSpec = <S>(projection: Pick<Projection<S>, 'apply' | 'initialState'>) => ({
  /** The recorded events to fold. */
  given: (events: readonly RecordedEvent[]) => ({
    /** Asserts the fold of the events equals `expected`. */
    thenState: (expected: S): S => {
      const state = events.reduce(projection.apply, projection.initialState);
      expect(state).toEqual(expected);
      return state;
    },
  }),
});
