/**
 * Campaign events: the launch, the adopted plan (pinned by the document's SHA-256), categories,
 * phases, report periods, the leading group (领导小组) and its office (领导小组办公室), and the
 * first responsible person (第一责任人) of each court. One stream per namespace: `${namespace}/campaign`.
 */
import * as t from 'io-ts';
import { DepartmentName, Id, IsoDate, LongText, Sha256Hex, ShortText, distinctListOf, intIn, listOf, optional, struct } from '../codecs';
import { definitionsOf, eventType, type EventUnion } from '../define';

/** The campaign was launched by its organizer court. Its id is the namespace. */
export const CampaignLaunched = t.intersection([
  struct({
    campaignId: Id,
    name: ShortText,
    organizerCourtId: Id,
    startYear: intIn(2000, 2100),
    endYear: intIn(2000, 2100),
    /** Offset of the campaign's local time from UTC, in minutes (deadlines are local dates). */
    utcOffsetMinutes: intIn(-720, 840),
  }),
  optional({ parentCampaignId: Id }),
]);
/** Data of `campaign.launched`. */
export type CampaignLaunched = t.TypeOf<typeof CampaignLaunched>;

/** The plan document was adopted; its SHA-256 pins the exact text. */
export const PlanAdopted = struct({ planId: Id, title: ShortText, documentSha256: Sha256Hex, issuedOn: IsoDate });
/** Data of `campaign.plan_adopted`. */
export type PlanAdopted = t.TypeOf<typeof PlanAdopted>;

/** A task category (e.g. 加强审判管理, tasks 1–15). */
export const CategoryDefined = t.intersection([
  struct({ categoryId: Id, name: ShortText }),
  optional({ firstTask: intIn(1, 10_000), lastTask: intIn(1, 10_000) }),
]);
/** Data of `campaign.category_defined`. */
export type CategoryDefined = t.TypeOf<typeof CategoryDefined>;

/** A phase of the schedule (e.g. 2019 first half: find problems, list them, build the ledger). */
export const PhaseDefined = struct({
  phaseId: Id, name: ShortText, start: IsoDate, end: IsoDate, goals: listOf(ShortText, 0, 20),
});
/** Data of `campaign.phase_defined`. */
export type PhaseDefined = t.TypeOf<typeof PhaseDefined>;

/** A reporting period: which courts report, for which dates, by which deadline. */
export const ReportPeriodDefined = t.intersection([
  struct({ periodId: Id, name: ShortText, from: IsoDate, to: IsoDate, deadline: IsoDate, courts: distinctListOf(Id, 1, 500) }),
  /** The host (organizer) court's own consolidated report is due by this date, after its subordinates' `deadline`. */
  optional({ consolidatedDeadline: IsoDate }),
]);
/** Data of `campaign.report_period_defined`. */
export type ReportPeriodDefined = t.TypeOf<typeof ReportPeriodDefined>;

/** A role in the leading group: 组长, 副组长 or 成员. */
export const LeadingGroupRole = t.keyof({ leader: null, deputy: null, member: null }, 'LeadingGroupRole');
/** A role in the leading group. */
export type LeadingGroupRole = t.TypeOf<typeof LeadingGroupRole>;

/** A person was appointed to the leading group. */
export const LeadingGroupMemberAppointed = struct({ personId: Id, role: LeadingGroupRole });
/** Data of `campaign.leading_group_member_appointed`. */
export type LeadingGroupMemberAppointed = t.TypeOf<typeof LeadingGroupMemberAppointed>;

/** A person left the leading group. */
export const LeadingGroupMemberDismissed = struct({ personId: Id, reason: LongText });
/** Data of `campaign.leading_group_member_dismissed`. */
export type LeadingGroupMemberDismissed = t.TypeOf<typeof LeadingGroupMemberDismissed>;

/** The leading group's office was set up in a unit; everyone in that unit holds `campaign_office`. */
export const OfficeEstablished = struct({ name: ShortText, courtId: Id, department: DepartmentName });
/** Data of `campaign.office_established`. */
export type OfficeEstablished = t.TypeOf<typeof OfficeEstablished>;

/** A court's first responsible person (第一责任人) was designated. */
export const FirstResponsibleDesignated = struct({ courtId: Id, personId: Id });
/** Data of `campaign.first_responsible_designated`. */
export type FirstResponsibleDesignated = t.TypeOf<typeof FirstResponsibleDesignated>;

/** A court's first responsible person was replaced (there is always at most one). */
export const FirstResponsibleReplaced = struct({ courtId: Id, personId: Id, previousPersonId: Id, reason: LongText });
/** Data of `campaign.first_responsible_replaced`. */
export type FirstResponsibleReplaced = t.TypeOf<typeof FirstResponsibleReplaced>;

/** How the campaign counts days: every day (`natural`, the default) or PRC working days (`working`). */
export const DayCountCodec = t.keyof({ natural: null, working: null }, 'DayCount');

/** The campaign chose how its deadlines, days left and warning thresholds are counted. */
export const DayCountChosen = struct({ dayCount: DayCountCodec });
/** Data of `campaign.day_count_chosen`. */
export type DayCountChosen = t.TypeOf<typeof DayCountChosen>;

/** A step of the escalation ladder: 预警 warning, 催办 reminder, 约谈 talk, 通报 circular, 问责 accountability. */
export const EscalationStep = t.keyof({ warning: null, reminder: null, talk: null, circular: null, accountability: null }, 'EscalationStep');
/** A step of the escalation ladder. */
export type EscalationStep = t.TypeOf<typeof EscalationStep>;

/**
 * How the campaign follows up: the blue warning's threshold (days left, in the campaign's days),
 * the escalation ladder (steps in the order 预警 → 催办 → 约谈 → 通报 → 问责, any left out), the step
 * at which an accountability case opens, and the days between two steps.
 */
export const FollowUpConfigured = struct({
  approachingDays: intIn(0, 60), ladder: distinctListOf(EscalationStep, 1, 5), accountabilityAt: EscalationStep, stepEveryDays: intIn(1, 60),
});
/** Data of `campaign.follow_up_configured`. */
export type FollowUpConfigured = t.TypeOf<typeof FollowUpConfigured>;

/** The Campaign's event types. */
export const campaignEvents = {
  launched: eventType('campaign.launched', CampaignLaunched),
  planAdopted: eventType('campaign.plan_adopted', PlanAdopted),
  categoryDefined: eventType('campaign.category_defined', CategoryDefined),
  phaseDefined: eventType('campaign.phase_defined', PhaseDefined),
  reportPeriodDefined: eventType('campaign.report_period_defined', ReportPeriodDefined),
  leadingGroupMemberAppointed: eventType('campaign.leading_group_member_appointed', LeadingGroupMemberAppointed),
  leadingGroupMemberDismissed: eventType('campaign.leading_group_member_dismissed', LeadingGroupMemberDismissed),
  officeEstablished: eventType('campaign.office_established', OfficeEstablished),
  firstResponsibleDesignated: eventType('campaign.first_responsible_designated', FirstResponsibleDesignated),
  firstResponsibleReplaced: eventType('campaign.first_responsible_replaced', FirstResponsibleReplaced),
  dayCountChosen: eventType('campaign.day_count_chosen', DayCountChosen),
  followUpConfigured: eventType('campaign.follow_up_configured', FollowUpConfigured),
} as const;

/** Any Campaign event. */
export type CampaignEvent = EventUnion<typeof campaignEvents>;

/** Registry entries of the Campaign's event types. */
export const campaignEventTypes = definitionsOf(campaignEvents);
