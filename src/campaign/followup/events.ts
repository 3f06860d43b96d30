/**
 * Follow-up events (督办 of the ledger): each warning (预警, by colour) and each escalation step
 * (预警 → 催办 → 约谈 → 通报 → 问责, as the campaign's ladder says) given about one problem or task,
 * with whom it addressed, under which rule and on which day — so whether a warning was given in time
 * is provable from the trail. One stream per subject: `${namespace}/follow-up/${kind}:${id}`.
 */
import * as t from 'io-ts';
import { Id, IsoDate, LongText, ShortText, UnitRef, optional, struct } from '../codecs';
import { EscalationStep } from '../campaign/events';
import { definitionsOf, eventType, type EventUnion } from '../define';
import { WarningColour } from '../supervision/events';

/** What is followed up: a problem of the ledger or a task of the plan. */
export const FollowUpSubject = t.union([
  struct({ kind: t.literal('problem'), problemId: Id }),
  struct({ kind: t.literal('task'), taskId: Id }),
], 'FollowUpSubject');
/** What is followed up. */
export type FollowUpSubject = t.TypeOf<typeof FollowUpSubject>;

/** The id of a subject within its kind. */
export const subjectId = (s: FollowUpSubject): string => (s.kind === 'problem' ? s.problemId : s.taskId);

/** A warning of a colour was given about the subject's deadline. */
export const FollowUpWarned = t.intersection([
  struct({ subject: FollowUpSubject, colour: WarningColour, rule: ShortText, deadline: IsoDate, day: IsoDate, addressedTo: UnitRef, givenBy: Id }),
  optional({ personId: Id }),
]);
/** Data of `follow_up.warned`. */
export type FollowUpWarned = t.TypeOf<typeof FollowUpWarned>;

/** The subject, overdue, went one step up the campaign's ladder. */
export const FollowUpEscalated = t.intersection([
  struct({ subject: FollowUpSubject, step: EscalationStep, rule: ShortText, deadline: IsoDate, day: IsoDate, addressedTo: UnitRef, givenBy: Id }),
  optional({ personId: Id, note: LongText }),
]);
/** Data of `follow_up.escalated`. */
export type FollowUpEscalated = t.TypeOf<typeof FollowUpEscalated>;

/** The follow-up's event types. */
export const followUpEvents = {
  warned: eventType('follow_up.warned', FollowUpWarned),
  escalated: eventType('follow_up.escalated', FollowUpEscalated),
} as const;

/** Any follow-up event. */
export type FollowUpEvent = EventUnion<typeof followUpEvents>;

/** Registry entries of the follow-up's event types. */
export const followUpEventTypes = definitionsOf(followUpEvents);
