/**
 * Supervision item (督办事项) events: 拟办 → 立项 → 审批 → 交办 → 签收 → 办理 → 反馈 → 复核 → 办结, with
 * 退回 for rework, and each reminder (催办) and warning (预警) given about the item as a recorded fact.
 * One stream per item: `${namespace}/supervision/${itemId}`.
 */
import * as t from 'io-ts';
import { Id, IsoDate, LongText, ShortText, UnitRef, intIn, listOf, optional, struct } from '../codecs';
import { definitionsOf, eventType, type EventUnion } from '../define';

/** Where an item comes from: a leading-group decision, a leader's instruction (批示), an inspection, a report. */
export const SupervisionSource = t.union([
  t.intersection([struct({ kind: t.literal('leading_group_decision'), decision: LongText }), optional({ decidedOn: IsoDate })]),
  struct({ kind: t.literal('leader_instruction'), text: LongText, givenBy: Id, givenOn: IsoDate }),
  struct({ kind: t.literal('inspection'), inspectionId: Id }),
  struct({ kind: t.literal('report'), periodId: Id, courtId: Id }),
], 'SupervisionSource');
/** Where an item comes from. */
export type SupervisionSource = t.TypeOf<typeof SupervisionSource>;

/** What is put under supervision: a task of the plan, a problem, or a shortfall of a court's report. */
export const SupervisionSubject = t.union([
  struct({ kind: t.literal('task'), taskId: Id }),
  struct({ kind: t.literal('problem'), problemId: Id }),
  struct({ kind: t.literal('report_shortfall'), periodId: Id, courtId: Id, shortfall: LongText }),
], 'SupervisionSubject');
/** What is put under supervision. */
export type SupervisionSubject = t.TypeOf<typeof SupervisionSubject>;

/** A warning colour: blue approaching, yellow behind or returned, red overdue. */
export const WarningColour = t.keyof({ blue: null, yellow: null, red: null }, 'WarningColour');
/** A warning colour. */
export type WarningColour = t.TypeOf<typeof WarningColour>;

/** 拟办: the office proposed an item. */
export const SupervisionProposed = t.intersection([
  struct({ itemId: Id, title: ShortText, content: LongText, source: SupervisionSource, proposedBy: Id }),
  optional({ subject: SupervisionSubject }),
]);
/** Data of `supervision.proposed`. */
export type SupervisionProposed = t.TypeOf<typeof SupervisionProposed>;

/** 立项: the item was opened and numbered per issuing office and year (督〔2019〕12号). */
export const SupervisionOpened = struct({
  itemId: Id, office: ShortText, year: intIn(2000, 2100), sequence: intIn(1, 1_000_000_000), number: ShortText, openedBy: Id,
});
/** Data of `supervision.opened`. */
export type SupervisionOpened = t.TypeOf<typeof SupervisionOpened>;

/** 审批: a leader other than the proposer approved the item. */
export const SupervisionApproved = t.intersection([struct({ itemId: Id, approvedBy: Id }), optional({ note: LongText })]);
/** Data of `supervision.approved`. */
export type SupervisionApproved = t.TypeOf<typeof SupervisionApproved>;

/** 交办: the item was assigned to a lead unit (主办) and co-responsible units (协办), with a deadline and a feedback frequency. */
export const SupervisionAssigned = struct({
  itemId: Id, lead: UnitRef, co: listOf(UnitRef, 0, 50), deadline: IsoDate,
  /** A feedback is due every this many days (working days when the campaign counts them) from `assignedOn`. */
  feedbackEveryDays: intIn(1, 366), assignedOn: IsoDate, assignedBy: Id,
});
/** Data of `supervision.assigned`. */
export type SupervisionAssigned = t.TypeOf<typeof SupervisionAssigned>;

/** 签收: the lead unit signed for the item (the time is the event's recorded time). */
export const SupervisionReceived = struct({ itemId: Id, receivedBy: Id, receivedOn: IsoDate });
/** Data of `supervision.received`. */
export type SupervisionReceived = t.TypeOf<typeof SupervisionReceived>;

/** 反馈: the lead unit reported, in period `period` of the schedule; a final feedback asks for review (报结). */
export const SupervisionFeedbackGiven = struct({ itemId: Id, period: intIn(1, 100_000), summary: LongText, final: t.boolean, givenBy: Id, givenOn: IsoDate });
/** Data of `supervision.feedback_given`. */
export type SupervisionFeedbackGiven = t.TypeOf<typeof SupervisionFeedbackGiven>;

/** 复核 passed. */
export const SupervisionReviewPassed = t.intersection([struct({ itemId: Id, reviewedBy: Id }), optional({ note: LongText })]);
/** Data of `supervision.review_passed`. */
export type SupervisionReviewPassed = t.TypeOf<typeof SupervisionReviewPassed>;

/** 退回: the review sent the item back for rework, with the reason. */
export const SupervisionReturned = struct({ itemId: Id, reviewedBy: Id, reason: LongText });
/** Data of `supervision.returned`. */
export type SupervisionReturned = t.TypeOf<typeof SupervisionReturned>;

/** 办结: the item was closed by someone who is not its assignee. */
export const SupervisionClosed = t.intersection([struct({ itemId: Id, closedBy: Id, closedOn: IsoDate }), optional({ note: LongText })]);
/** Data of `supervision.closed`. */
export type SupervisionClosed = t.TypeOf<typeof SupervisionClosed>;

/** 催办: a reminder was given to the lead unit, by whom, under which rule, on which day. */
export const SupervisionReminded = t.intersection([
  struct({ itemId: Id, remindedUnit: UnitRef, remindedBy: Id, rule: ShortText, day: IsoDate }),
  optional({ note: LongText }),
]);
/** Data of `supervision.reminded`. */
export type SupervisionReminded = t.TypeOf<typeof SupervisionReminded>;

/** 预警: a warning of a colour was given to the lead unit, under which rule, on which day. */
export const SupervisionWarned = struct({ itemId: Id, colour: WarningColour, warnedUnit: UnitRef, warnedBy: Id, rule: ShortText, day: IsoDate });
/** Data of `supervision.warned`. */
export type SupervisionWarned = t.TypeOf<typeof SupervisionWarned>;

/** The supervision item's event types. */
export const supervisionEvents = {
  proposed: eventType('supervision.proposed', SupervisionProposed),
  opened: eventType('supervision.opened', SupervisionOpened),
  approved: eventType('supervision.approved', SupervisionApproved),
  assigned: eventType('supervision.assigned', SupervisionAssigned),
  received: eventType('supervision.received', SupervisionReceived),
  feedbackGiven: eventType('supervision.feedback_given', SupervisionFeedbackGiven),
  reviewPassed: eventType('supervision.review_passed', SupervisionReviewPassed),
  returned: eventType('supervision.returned', SupervisionReturned),
  closed: eventType('supervision.closed', SupervisionClosed),
  reminded: eventType('supervision.reminded', SupervisionReminded),
  warned: eventType('supervision.warned', SupervisionWarned),
} as const;

/** Any supervision item event. */
export type SupervisionEvent = EventUnion<typeof supervisionEvents>;

/** Registry entries of the supervision item's event types. */
export const supervisionEventTypes = definitionsOf(supervisionEvents);
