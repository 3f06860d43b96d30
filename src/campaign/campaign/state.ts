/** The Campaign folded: what it is, its plan, categories, phases, report periods and roles. */
import type { DayCount } from '../calendar';
import type { OrganizationState } from '../organization/state';
import type {
  CampaignEvent, CategoryDefined, FollowUpConfigured, LeadingGroupRole, OfficeEstablished, PhaseDefined, PlanAdopted, ReportPeriodDefined,
} from './events';

/** The Campaign's state. */
export interface CampaignState {
  readonly launched: boolean;
  readonly campaignId: string;
  readonly name: string;
  readonly organizerCourtId: string;
  readonly startYear: number;
  readonly endYear: number;
  /** Local time of the campaign's deadlines, as an offset from UTC in minutes. */
  readonly utcOffsetMinutes: number;
  readonly parentCampaignId?: string | undefined;
  readonly plan?: PlanAdopted | undefined;
  readonly categories: ReadonlyMap<string, CategoryDefined>;
  readonly phases: ReadonlyMap<string, PhaseDefined>;
  readonly periods: ReadonlyMap<string, ReportPeriodDefined>;
  readonly leadingGroup: ReadonlyMap<string, LeadingGroupRole>;
  readonly office?: OfficeEstablished | undefined;
  /** Court id → its first responsible person. */
  readonly firstResponsible: ReadonlyMap<string, string>;
  /** How deadlines and days left are counted: natural days unless the campaign chose working days. */
  readonly dayCount: DayCount;
  /** Warning threshold and escalation ladder ({@link DEFAULT_FOLLOW_UP} until configured). */
  readonly followUp: FollowUpConfigured;
}

/**
 * Follow-up until a campaign configures it: blue 3 days before a deadline, and a one-step ladder
 * that opens the accountability case at the first run after a problem is overdue.
 */
export const DEFAULT_FOLLOW_UP: FollowUpConfigured = { approachingDays: 3, ladder: ['accountability'], accountabilityAt: 'accountability', stepEveryDays: 1 };

/** A campaign not launched yet. */
export const initialCampaign: CampaignState = {
  launched: false, campaignId: '', name: '', organizerCourtId: '', startYear: 0, endYear: 0, utcOffsetMinutes: 480,
  categories: new Map(), phases: new Map(), periods: new Map(), leadingGroup: new Map(), firstResponsible: new Map(), dayCount: 'natural',
  followUp: DEFAULT_FOLLOW_UP,
};

/** Folds one Campaign event. */
export const evolveCampaign = (s: CampaignState, e: CampaignEvent): CampaignState => {
  switch (e.type) {
    case 'campaign.launched':
      return { ...s, ...e.data, launched: true };
    case 'campaign.plan_adopted':
      return { ...s, plan: e.data };
    case 'campaign.category_defined':
      return { ...s, categories: new Map(s.categories).set(e.data.categoryId, e.data) };
    case 'campaign.phase_defined':
      return { ...s, phases: new Map(s.phases).set(e.data.phaseId, e.data) };
    case 'campaign.report_period_defined':
      return { ...s, periods: new Map(s.periods).set(e.data.periodId, e.data) };
    case 'campaign.leading_group_member_appointed':
      return { ...s, leadingGroup: new Map(s.leadingGroup).set(e.data.personId, e.data.role) };
    case 'campaign.leading_group_member_dismissed': {
      const leadingGroup = new Map(s.leadingGroup);
      leadingGroup.delete(e.data.personId);
      return { ...s, leadingGroup };
    }
    case 'campaign.office_established':
      return { ...s, office: e.data };
    case 'campaign.first_responsible_designated':
    case 'campaign.first_responsible_replaced':
      return { ...s, firstResponsible: new Map(s.firstResponsible).set(e.data.courtId, e.data.personId) };
    case 'campaign.day_count_chosen':
      return { ...s, dayCount: e.data.dayCount };
    case 'campaign.follow_up_configured':
      return { ...s, followUp: e.data };
  }
};

/** The court's president (院长, its 一把手): the first active `court_president` of the court, by id. */
export const presidentOf = (org: OrganizationState, courtId: string): string | undefined =>
  [...org.people.values()].filter((p) => p.active && p.courtId === courtId && p.posts.has('court_president'))
    .map((p) => p.personId).sort()[0];

/**
 * A court's first responsible person (第一责任人): the person designated for it, or by default its
 * president (一把手).
 */
export const firstResponsibleOf = (s: CampaignState, org: OrganizationState, courtId: string): string | undefined =>
  s.firstResponsible.get(courtId) ?? presidentOf(org, courtId);
