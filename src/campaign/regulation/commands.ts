/** Rule-making (制度建设) commands; the facade completes them with what the ledger says of the linked problems and tasks. */
import * as t from 'io-ts';
import { Id, IsoDate, LongText, ShortText, listOf, optional, struct } from '../codecs';
import type { CommandUnion } from '../define';
import { RegulationAction } from './events';

/** Records a rule of a court cleared, revised or made, with the problems and tasks that prompted it. */
export const RecordRegulation = t.intersection([
  struct({ regulationId: Id, courtId: Id, title: ShortText, action: RegulationAction, on: IsoDate, summary: LongText }),
  optional({ problemIds: listOf(Id, 0, 200), taskIds: listOf(Id, 0, 37 * 4), documentNumber: ShortText }),
]);
/** Input of `regulation.record`. */
export type RecordRegulation = t.TypeOf<typeof RecordRegulation>;

/** Links more problems or tasks to a rule entry. */
export const LinkRegulation = t.intersection([struct({ regulationId: Id }), optional({ problemIds: listOf(Id, 0, 200), taskIds: listOf(Id, 0, 37 * 4) })]);
/** Input of `regulation.link`. */
export type LinkRegulation = t.TypeOf<typeof LinkRegulation>;

/** Withdraws a rule entry recorded in error. */
export const WithdrawRegulation = struct({ regulationId: Id, reason: LongText });
/** Input of `regulation.withdraw`. */
export type WithdrawRegulation = t.TypeOf<typeof WithdrawRegulation>;

/** Input codecs of the rule entry's commands, by command name. */
export const regulationCommands = { record: RecordRegulation, link: LinkRegulation, withdraw: WithdrawRegulation } as const;

/** Any rule entry command as the facade takes it. */
export type RegulationInput = CommandUnion<typeof regulationCommands>;

/** What the ledger says of the linked problems and tasks, as resolved when the command is handled. */
export interface LinkFacts {
  /** The court of each linked problem, or null when the ledger has no such problem. */
  readonly problemCourts: Readonly<Record<string, string | null>>;
  /** Whether each linked task was issued. */
  readonly tasksIssued: Readonly<Record<string, boolean>>;
}

/** A rule entry command as the decider sees it. */
export type RegulationCommand =
  | (Extract<RegulationInput, { readonly type: 'record' | 'link' }> & { readonly facts: LinkFacts })
  | Extract<RegulationInput, { readonly type: 'withdraw' }>;
