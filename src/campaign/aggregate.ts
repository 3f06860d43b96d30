/**
 * How every aggregate of the campaign domain is put together: a pure `decide` that also sees an
 * explicit environment (the Organization and the Campaign as folded when the command was handled,
 * plus facts the facade resolved), a pure `evolve`, and a policy table saying which posts and
 * units may issue each command. {@link bindDecider} turns these into the kernel's three-field
 * decider: prechecks (the campaign is launched, the entity exists), then the policy (a refusal
 * names the actor and the missing right), then the rules.
 */
import * as E from 'fp-ts/Either';
import type { Decider, DecisionContext, DomainEvent } from '../eventsourcing/decider';
import type { Actor } from '../eventsourcing/envelope';
import { errors, type LedgerError } from '../eventsourcing/errors';
import type { SnapshotSpec } from '../eventsourcing/snapshots';
import { refuse, type CampaignRuleCode } from './rules';

/**
 * A refusal by a named rule of rights (separation of duties): its literal code and a sentence
 * saying which right the actor lacks. It becomes a NotAuthorized carrying the code.
 */
export interface Denial {
  readonly rule: CampaignRuleCode;
  readonly message: string;
}

/** A {@link Denial} by `rule`. */
export const deny = (rule: CampaignRuleCode, message: string): Denial => ({ rule, message });

/** What a policy rule says: allowed, what the command requires, or a denial by a named rule. */
export type PolicyVerdict = true | string | Denial;

/** The first verdict that is not `true`, or `true` (checks run in order, lazily). */
export const allOf = (...checks: readonly (() => PolicyVerdict)[]): PolicyVerdict => {
  for (const check of checks) {
    const v = check();
    if (v !== true) return v;
  }
  return true;
};

/**
 * One policy rule: `true` when the actor may issue the command, otherwise a sentence saying what
 * the command requires, or a {@link Denial} by a named rule (it becomes the NotAuthorized message).
 */
export type PolicyRule<C, S, Env> = (command: C, state: S, actor: Actor, env: Env) => PolicyVerdict;

/** A policy: one rule per command type. */
export type Policy<C extends { readonly type: string }, S, Env> = {
  readonly [K in C['type']]: PolicyRule<Extract<C, { readonly type: K }>, S, Env>;
};

/** An aggregate: its name, fold and decisions, and its policy. */
export interface AggregateSpec<C extends { readonly type: string }, S, E extends DomainEvent, Env> {
  /** The aggregate's name; rights are named `${name}.${command.type}`. */
  readonly name: string;
  readonly initialState: S;
  /** Folds one event into the state (pure). */
  readonly evolve: (state: S, event: E) => S;
  /** The rules. Runs only once the policy allowed the command. */
  readonly decide: (command: C, state: S, context: DecisionContext, env: Env) => E.Either<LedgerError, readonly E[]>;
  readonly policy: Policy<C, S, Env>;
  /**
   * Checks that run before the policy because the policy cannot be judged without them (the
   * campaign is launched, the entity exists, a rule about who the actor is that deserves its own
   * rule code); undefined when they pass.
   */
  readonly precheck?: (command: C, state: S, env: Env, context: DecisionContext) => E.Either<LedgerError, never> | undefined;
  /** Present for aggregates with long streams: their state may be snapshotted (raise the version when `evolve` or the state changes). */
  readonly snapshot?: SnapshotSpec;
}

/** The right a command needs: `${aggregate}.${command}`, e.g. `problem.verify`. */
export const rightOf = (aggregate: string, commandType: string): string => `${aggregate}.${commandType}`;

/** Checks the policy alone. */
export const authorize = <C extends { readonly type: string }, S, E extends DomainEvent, Env>(
  spec: AggregateSpec<C, S, E, Env>, command: C, state: S, actor: Actor, env: Env,
): E.Either<LedgerError, void> => {
  const rule = (spec.policy as unknown as Record<string, PolicyRule<C, S, Env> | undefined>)[command.type];
  if (rule === undefined) return E.left(errors.notAuthorized(actor.id, rightOf(spec.name, command.type), 'no policy allows this command'));
  const verdict = rule(command, state, actor, env);
  if (verdict === true) return E.right(undefined);
  const right = rightOf(spec.name, command.type);
  return typeof verdict === 'string'
    ? E.left(errors.notAuthorized(actor.id, right, verdict))
    : E.left(errors.notAuthorized(actor.id, right, `${verdict.message} (${verdict.rule})`, verdict.rule));
};

/**
 * The kernel decider of an aggregate for one environment: refuses an effective time later than
 * the recorded time, then applies the policy, then the rules.
 */
export const bindDecider = <C extends { readonly type: string }, S, E extends DomainEvent, Env>(
  spec: AggregateSpec<C, S, E, Env>, env: Env,
): Decider<C, S, E> => ({
  initialState: spec.initialState,
  evolve: spec.evolve,
  snapshot: spec.snapshot,
  decide: (command, state, context) => {
    if (Date.parse(context.effectiveAt) > Date.parse(context.recordedAt)) {
      return refuse('effective_at.in_future', `the effective time ${context.effectiveAt} is later than the recorded time ${context.recordedAt}`);
    }
    const pre = spec.precheck?.(command, state, env, context);
    if (pre !== undefined) return pre;
    const allowed = authorize(spec, command, state, context.actor, env);
    return E.isLeft(allowed) ? allowed : spec.decide(command, state, context, env);
  },
});

/** Folds events with an aggregate's evolve (replay). */
export const replay = <S, E>(spec: { readonly initialState: S; readonly evolve: (s: S, e: E) => S }, events: Iterable<E>): S => {
  let s = spec.initialState;
  for (const e of events) s = spec.evolve(s, e);
  return s;
};

/** What most aggregates decide against: the Organization and the Campaign, folded when the command was handled. */
export interface DomainEnv {
  readonly org: import('./organization/state').OrganizationState;
  readonly campaign: import('./campaign/state').CampaignState;
}

/** Refuses when the campaign has not been launched. */
export const requireLaunched = (env: DomainEnv): E.Either<LedgerError, never> | undefined =>
  env.campaign.launched ? undefined : refuse('campaign.not_launched', 'the campaign has not been launched yet');
