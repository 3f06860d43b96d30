/**
 * Pure domain logic: `decide` turns a command and the current state into new events (or a typed
 * refusal); `evolve` folds one event into the state. No I/O, no clock reads: the trusted time and
 * the resolved actor arrive in the {@link DecisionContext}.
 */
import type { Either } from 'fp-ts/Either';
import type { Actor } from './envelope';
import type { LedgerError } from './errors';
import type { SnapshotSpec } from './snapshots';

/** A domain event before it is wrapped in an envelope. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** Facts the command handler fixes for a decision. */
export interface DecisionContext {
  /** The actor, resolved by the system (never as claimed). */
  readonly actor: Actor;
  /** The handler's trusted time (ISO 8601): use it for every time-dependent rule. */
  readonly recordedAt: string;
  /** The caller's business time (ISO 8601); may be earlier than `recordedAt` (backdated). */
  readonly effectiveAt: string;
}

/** The three-field decider. */
export interface Decider<C, S, E extends DomainEvent> {
  /** The events a command gives in a state (pure), or why it is refused. */
  readonly decide: (command: C, state: S, context: DecisionContext) => Either<LedgerError, readonly E[]>;
  /** Folds one event into the state (pure). */
  readonly evolve: (state: S, event: E) => S;
  readonly initialState: S;
  /** Present when the fold's state may be snapshotted (long streams; see `SnapshotSpec`). */
  readonly snapshot?: SnapshotSpec | undefined;
}

/** Folds events into a state with a decider's `evolve`. Deterministic. */
export const fold = <S, E extends DomainEvent>(decider: Pick<Decider<unknown, S, E>, 'evolve' | 'initialState'>, events: Iterable<E>): S => {
  let s = decider.initialState;
  for (const e of events) s = decider.evolve(s, e);
  return s;
};
