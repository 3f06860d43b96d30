/** Supervision item commands. Every command names its item; `open` is completed with the reserved number. */
import * as t from 'io-ts';
import { Id, IsoDate, LongText, ShortText, UnitRef, intIn, listOf, optional, struct } from '../codecs';
import type { CommandUnion } from '../define';
import { SupervisionSource, SupervisionSubject, WarningColour } from './events';

/** 拟办: proposes an item from its source, optionally about a task, a problem or a report's shortfall. */
export const ProposeItem = t.intersection([
  struct({ itemId: Id, title: ShortText, content: LongText, source: SupervisionSource }),
  optional({ subject: SupervisionSubject }),
]);
/** Input of `supervision.propose`. */
export type ProposeItem = t.TypeOf<typeof ProposeItem>;

/** 立项: opens the item under an issuing office's code (代字, e.g. `督`); the number is reserved for the year. */
export const OpenItem = struct({ itemId: Id, office: ShortText });
/** Input of `supervision.open`. */
export type OpenItem = t.TypeOf<typeof OpenItem>;

/** 审批. */
export const ApproveItem = t.intersection([struct({ itemId: Id }), optional({ note: LongText })]);
/** Input of `supervision.approve`. */
export type ApproveItem = t.TypeOf<typeof ApproveItem>;

/** 交办: the lead unit, co-responsible units, deadline and feedback frequency. */
export const AssignItem = t.intersection([
  struct({ itemId: Id, lead: UnitRef, deadline: IsoDate, feedbackEveryDays: intIn(1, 366) }),
  optional({ co: listOf(UnitRef, 0, 50) }),
]);
/** Input of `supervision.assign`. */
export type AssignItem = t.TypeOf<typeof AssignItem>;

/** 签收. */
export const ReceiveItem = struct({ itemId: Id });
/** Input of `supervision.receive`. */
export type ReceiveItem = t.TypeOf<typeof ReceiveItem>;

/** 反馈: one per period of the schedule; `final` asks for review. */
export const GiveFeedback = t.intersection([struct({ itemId: Id, summary: LongText }), optional({ final: t.boolean })]);
/** Input of `supervision.giveFeedback`. */
export type GiveFeedback = t.TypeOf<typeof GiveFeedback>;

/** 复核: passes the final feedback, or returns the item for rework (退回) with a reason. */
export const ReviewItem = t.union([
  t.intersection([struct({ itemId: Id, outcome: t.literal('passed') }), optional({ note: LongText })]),
  struct({ itemId: Id, outcome: t.literal('returned'), reason: LongText }),
]);
/** Input of `supervision.review`. */
export type ReviewItem = t.TypeOf<typeof ReviewItem>;

/** 办结. */
export const CloseItem = t.intersection([struct({ itemId: Id }), optional({ note: LongText })]);
/** Input of `supervision.close`. */
export type CloseItem = t.TypeOf<typeof CloseItem>;

/** 催办: reminds the lead unit, naming the rule. */
export const RemindItem = t.intersection([struct({ itemId: Id, rule: ShortText }), optional({ note: LongText })]);
/** Input of `supervision.remind`. */
export type RemindItem = t.TypeOf<typeof RemindItem>;

/** 预警: records a warning of a colour, naming the rule. */
export const WarnItem = struct({ itemId: Id, colour: WarningColour, rule: ShortText });
/** Input of `supervision.warn`. */
export type WarnItem = t.TypeOf<typeof WarnItem>;

/** Input codecs of the supervision item's commands, by command name. */
export const supervisionCommands = {
  propose: ProposeItem,
  open: OpenItem,
  approve: ApproveItem,
  assign: AssignItem,
  receive: ReceiveItem,
  giveFeedback: GiveFeedback,
  review: ReviewItem,
  close: CloseItem,
  remind: RemindItem,
  warn: WarnItem,
} as const;

/** Any supervision item command as the facade takes it. */
export type SupervisionInput = CommandUnion<typeof supervisionCommands>;

/** `open` as the decider sees it: with the number reserved for the office and year. */
export interface OpenWithNumber {
  readonly type: 'open';
  readonly itemId: string;
  readonly office: string;
  readonly year: number;
  readonly sequence: number;
  readonly number: string;
}

/** Any supervision item command as the decider sees it. */
export type SupervisionCommand = Exclude<SupervisionInput, { readonly type: 'open' }> | OpenWithNumber;
