/**
 * Given/when/then specifications of the campaign deciders: given past events, when a command
 * is decided by an actor at a trusted time, then these events — or this refusal.
 */
import * as E from 'fp-ts/Either';
import { expect } from 'vitest';
import { bindDecider, replay, type AggregateSpec } from '../../../src/campaign/aggregate';
import type { DomainEvent } from '../../../src/eventsourcing/decider';
import type { Actor } from '../../../src/eventsourcing/envelope';
import type { LedgerError } from '../../../src/eventsourcing/errors';

/** When a command is decided. */
export interface When {
  readonly actor: Actor;
  readonly recordedAt?: string;
  readonly effectiveAt?: string;
}

/** Default trusted time of a decision. */
export const T0 = '2019-06-01T02:00:00.000Z';

/** A decided command, to check. */
export interface Outcome<S, Ev> {
  readonly result: E.Either<LedgerError, readonly Ev[]>;
  /** The state before the command. */
  readonly before: S;
  /** Expects exactly these events (type and data). */
  then(expected: readonly Ev[]): S;
  /** Expects events of these types; returns the state after them. */
  thenTypes(...types: readonly string[]): S;
  /** Expects a refusal by this rule code. */
  thenRefused(rule: string): void;
  /** Expects NotAuthorized for this actor and right. */
  thenNotAuthorized(right: string): void;
  /** Expects ValidationFailed or RuleViolated naming the text. */
  thenFails(tag: LedgerError['_tag'], text?: string): void;
}

/** Starts a spec of an aggregate with an environment. */
export const specOf = <C extends { readonly type: string }, S, Ev extends DomainEvent, Env>(spec: AggregateSpec<C, S, Ev, Env>, env: Env) => ({
  given: (events: readonly Ev[] = []) => ({
    when: (command: C, when: When): Outcome<S, Ev> => {
      const before = replay(spec, events);
      const decider = bindDecider(spec, env);
      const recordedAt = when.recordedAt ?? T0;
      const result = decider.decide(command, before, { actor: when.actor, recordedAt, effectiveAt: when.effectiveAt ?? recordedAt });
      const after = () => (E.isRight(result) ? replay({ initialState: before, evolve: spec.evolve }, result.right) : before);
      const show = () => (E.isLeft(result) ? result.left.message : JSON.stringify(result.right));
      return {
        result,
        before,
        then(expected) {
          expect(E.isRight(result), show()).toBe(true);
          if (E.isRight(result)) expect(result.right.map((e) => ({ type: e.type, data: e.data }))).toEqual(expected.map((e) => ({ type: e.type, data: e.data })));
          return after();
        },
        thenTypes(...types) {
          expect(E.isRight(result), show()).toBe(true);
          if (E.isRight(result)) expect(result.right.map((e) => e.type)).toEqual(types);
          return after();
        },
        thenRefused(rule) {
          expect(E.isLeft(result), `expected refusal ${rule}, got ${show()}`).toBe(true);
          if (E.isLeft(result)) {
            expect(result.left._tag, result.left.message).toBe('RuleViolated');
            if (result.left._tag === 'RuleViolated') expect(result.left.rule, result.left.message).toBe(rule);
          }
        },
        thenNotAuthorized(right) {
          expect(E.isLeft(result), `expected NotAuthorized ${right}, got ${show()}`).toBe(true);
          if (E.isLeft(result)) {
            expect(result.left._tag, result.left.message).toBe('NotAuthorized');
            if (result.left._tag === 'NotAuthorized') {
              expect(result.left.right).toBe(right);
              expect(result.left.actorId).toBe(when.actor.id);
              expect(result.left.message).toContain(when.actor.id);
            }
          }
        },
        thenFails(tag, text) {
          expect(E.isLeft(result), `expected ${tag}, got ${show()}`).toBe(true);
          if (E.isLeft(result)) {
            expect(result.left._tag).toBe(tag);
            if (text !== undefined) expect(result.left.message).toContain(text);
          }
        },
      };
    },
  }),
});
