/**
 * Rule-making (制度建设, 固成果) events: each court's inventory of its rules — a rule cleared out in
 * the clean-up (清理), revised (修订) or newly made (新建) — each linked to the problems of the ledger
 * and the tasks of the plan that prompted it. One stream per rule entry: `${namespace}/regulation/${regulationId}`.
 */
import * as t from 'io-ts';
import { Id, IsoDate, LongText, ShortText, listOf, optional, struct } from '../codecs';
import { definitionsOf, eventType, type EventUnion } from '../define';

/** What was done to the rule: cleared out as obsolete (清理废止), revised (修订), or newly made (新建). */
export const RegulationAction = t.keyof({ cleared: null, revised: null, made: null }, 'RegulationAction');
/** What was done to the rule. */
export type RegulationAction = t.TypeOf<typeof RegulationAction>;

/** A rule of a court was cleared, revised or made, on a date, prompted by problems and tasks. */
export const RegulationRecorded = t.intersection([
  struct({
    regulationId: Id, courtId: Id, title: ShortText, action: RegulationAction,
    /** The day the rule was adopted, revised or repealed (local date). */
    on: IsoDate,
    summary: LongText,
    problemIds: listOf(Id, 0, 200), taskIds: listOf(Id, 0, 37 * 4), recordedBy: Id,
  }),
  optional({ documentNumber: ShortText }),
]);
/** Data of `regulation.recorded`. */
export type RegulationRecorded = t.TypeOf<typeof RegulationRecorded>;

/** More problems or tasks were linked to a rule entry (only those not linked before). */
export const RegulationLinked = struct({ regulationId: Id, problemIds: listOf(Id, 0, 200), taskIds: listOf(Id, 0, 37 * 4), linkedBy: Id });
/** Data of `regulation.linked`. */
export type RegulationLinked = t.TypeOf<typeof RegulationLinked>;

/** A rule entry recorded in error was withdrawn, with the reason (it stays on the trail). */
export const RegulationWithdrawn = struct({ regulationId: Id, reason: LongText, withdrawnBy: Id });
/** Data of `regulation.withdrawn`. */
export type RegulationWithdrawn = t.TypeOf<typeof RegulationWithdrawn>;

/** The rule entry's event types. */
export const regulationEvents = {
  recorded: eventType('regulation.recorded', RegulationRecorded),
  linked: eventType('regulation.linked', RegulationLinked),
  withdrawn: eventType('regulation.withdrawn', RegulationWithdrawn),
} as const;

/** Any rule entry event. */
export type RegulationEvent = EventUnion<typeof regulationEvents>;

/** Registry entries of the rule entry's event types. */
export const regulationEventTypes = definitionsOf(regulationEvents);
