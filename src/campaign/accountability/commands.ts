/**
 * AccountabilityCase commands. `propose` cites evidence; the facade loads every cited item and
 * hands the decider what the ledger says about it ({@link ProposeWithFindings}).
 */
import * as t from 'io-ts';
import { Id, LongText, ShortText, distinctListOf, intIn, listOf, optional, struct } from '../codecs';
import type { CommandUnion } from '../define';
import { CaseGrounds, CaseSubject, CitedEvidence, Sanction, type EvidenceFact } from './events';

/** Proposes a case. */
export const ProposeCase = struct({ caseId: Id, subject: CaseSubject, grounds: CaseGrounds, summary: LongText, evidence: listOf(CitedEvidence, 1, 100) });
/** Input of `accountability.propose`. */
export type ProposeCase = t.TypeOf<typeof ProposeCase>;

/** Records the established facts. */
export const EstablishFacts = struct({ caseId: Id, facts: LongText });
/** Input of `accountability.establishFacts`. */
export type EstablishFacts = t.TypeOf<typeof EstablishFacts>;

/**
 * Decides a sanction; the actor is recorded as the decider and their body (leading group or
 * discipline office). 通报批评 and heavier name the leading-group members `present` at the meeting.
 */
export const DecideSanction = t.intersection([
  struct({ caseId: Id, sanction: Sanction, rationale: LongText }),
  optional({ present: distinctListOf(Id, 1, 100) }),
]);
/** Input of `accountability.decideSanction`. */
export type DecideSanction = t.TypeOf<typeof DecideSanction>;

/** Notifies the subject of the facts, giving `defenceDays` natural days to state a defence (陈述申辩). */
export const NotifySubject = struct({ caseId: Id, defenceDays: intIn(1, 60) });
/** Input of `accountability.notifySubject`. */
export type NotifySubject = t.TypeOf<typeof NotifySubject>;

/** The subject states a defence (陈述申辩). */
export const StateDefence = struct({ caseId: Id, statement: LongText });
/** Input of `accountability.stateDefence`. */
export type StateDefence = t.TypeOf<typeof StateDefence>;

/** The subject waives the defence. */
export const WaiveDefence = struct({ caseId: Id, reason: LongText });
/** Input of `accountability.waiveDefence`. */
export type WaiveDefence = t.TypeOf<typeof WaiveDefence>;

/** Dismisses the case. */
export const DismissCase = struct({ caseId: Id, reason: LongText });
/** Input of `accountability.dismiss`. */
export type DismissCase = t.TypeOf<typeof DismissCase>;

/** Publishes the sanction. */
export const PublishCase = struct({ caseId: Id, channel: ShortText });
/** Input of `accountability.publish`. */
export type PublishCase = t.TypeOf<typeof PublishCase>;

/** Closes the case. */
export const CloseCase = struct({ caseId: Id, summary: LongText });
/** Input of `accountability.close`. */
export type CloseCase = t.TypeOf<typeof CloseCase>;

/** Input codecs of the AccountabilityCase's commands, by command name. */
export const accountabilityCommands = {
  propose: ProposeCase,
  establishFacts: EstablishFacts,
  notifySubject: NotifySubject,
  stateDefence: StateDefence,
  waiveDefence: WaiveDefence,
  decideSanction: DecideSanction,
  dismiss: DismissCase,
  publish: PublishCase,
  close: CloseCase,
} as const;

/** What the ledger says about one cited item. */
export interface EvidenceFinding {
  readonly found: boolean;
  readonly fact: EvidenceFact;
}

/** `propose` as the decider sees it: `findings[i]` is about `evidence[i]`. */
export type ProposeWithFindings = ProposeCase & { readonly type: 'propose'; readonly findings: readonly EvidenceFinding[] };

/** Any AccountabilityCase command, as decided. */
export type AccountabilityCommand = Exclude<CommandUnion<typeof accountabilityCommands>, { readonly type: 'propose' }> | ProposeWithFindings;
