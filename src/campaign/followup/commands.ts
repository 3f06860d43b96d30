/** Follow-up commands; the facade completes them with what the subject's stream says. */
import * as t from 'io-ts';
import { LongText, ShortText, type UnitRef, optional, struct } from '../codecs';
import type { CommandUnion } from '../define';
import { WarningColour } from '../supervision/events';
import { FollowUpSubject } from './events';

/** 预警: gives a warning of a colour about the subject's deadline. */
export const WarnSubject = struct({ subject: FollowUpSubject, colour: WarningColour, rule: ShortText });
/** Input of `followUp.warn`. */
export type WarnSubject = t.TypeOf<typeof WarnSubject>;

/** Takes the next step of the campaign's ladder about an overdue subject. */
export const EscalateSubject = t.intersection([struct({ subject: FollowUpSubject, rule: ShortText }), optional({ note: LongText })]);
/** Input of `followUp.escalate`. */
export type EscalateSubject = t.TypeOf<typeof EscalateSubject>;

/** Input codecs of the follow-up's commands, by command name. */
export const followUpCommands = { warn: WarnSubject, escalate: EscalateSubject } as const;

/** Any follow-up command as the facade takes it. */
export type FollowUpInput = CommandUnion<typeof followUpCommands>;

/** What the subject's own stream says, as resolved when the command is handled. */
export interface SubjectFacts {
  /** Closed, withdrawn or evaluated: nothing more is followed up. */
  readonly settled: boolean;
  /** The subject's deadline (a problem's by `problemDeadline`; a task's due date while it is open). */
  readonly deadline?: string | undefined;
  /** Past that deadline at the trusted clock. */
  readonly overdue: boolean;
  readonly addressedTo: UnitRef;
  readonly personId?: string | undefined;
}

/** A follow-up command as the decider sees it. */
export type FollowUpCommand = FollowUpInput & { readonly facts: SubjectFacts };
