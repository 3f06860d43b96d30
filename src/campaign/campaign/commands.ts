/** Campaign commands. The campaign's id is its namespace; every command but `launch` needs a launched campaign. */
import * as t from 'io-ts';
import { DepartmentName, Id, IsoDate, LongText, Sha256Hex, ShortText, distinctListOf, intIn, listOf, optional, struct } from '../codecs';
import type { CommandUnion } from '../define';
import { DayCountCodec, FollowUpConfigured, LeadingGroupRole } from './events';

/** Launches the campaign. `utcOffsetMinutes` defaults to +480 (UTC+08:00); deciders and read models read dates at it. */
export const Launch = t.intersection([
  struct({ name: ShortText, organizerCourtId: Id, startYear: intIn(2000, 2100), endYear: intIn(2000, 2100) }),
  optional({ utcOffsetMinutes: intIn(-720, 840), parentCampaignId: Id }),
]);
/** Input of `campaign.launch`. */
export type Launch = t.TypeOf<typeof Launch>;

/** Adopts the plan document, pinned by its SHA-256. */
export const AdoptPlan = struct({ planId: Id, title: ShortText, documentSha256: Sha256Hex, issuedOn: IsoDate });
/** Input of `campaign.adoptPlan`. */
export type AdoptPlan = t.TypeOf<typeof AdoptPlan>;

/** Defines a task category, optionally with its range of task numbers. */
export const DefineCategory = t.intersection([
  struct({ categoryId: Id, name: ShortText }),
  optional({ firstTask: intIn(1, 10_000), lastTask: intIn(1, 10_000) }),
]);
/** Input of `campaign.defineCategory`. */
export type DefineCategory = t.TypeOf<typeof DefineCategory>;

/** Defines a phase of the schedule. */
export const DefinePhase = struct({ phaseId: Id, name: ShortText, start: IsoDate, end: IsoDate, goals: listOf(ShortText, 0, 20) });
/** Input of `campaign.definePhase`. */
export type DefinePhase = t.TypeOf<typeof DefinePhase>;

/** Defines a reporting period: dates covered, deadline, the courts that must report. */
export const DefineReportPeriod = t.intersection([
  struct({ periodId: Id, name: ShortText, from: IsoDate, to: IsoDate, deadline: IsoDate, courts: distinctListOf(Id, 1, 500) }),
  /** The host (organizer) court's own consolidated report is due by this date, after its subordinates' `deadline`. */
  optional({ consolidatedDeadline: IsoDate }),
]);
/** Input of `campaign.defineReportPeriod`. */
export type DefineReportPeriod = t.TypeOf<typeof DefineReportPeriod>;

/** Appoints a person to the leading group. */
export const AppointLeadingGroupMember = struct({ personId: Id, role: LeadingGroupRole });
/** Input of `campaign.appointLeadingGroupMember`. */
export type AppointLeadingGroupMember = t.TypeOf<typeof AppointLeadingGroupMember>;

/** Removes a person from the leading group. */
export const DismissLeadingGroupMember = struct({ personId: Id, reason: LongText });
/** Input of `campaign.dismissLeadingGroupMember`. */
export type DismissLeadingGroupMember = t.TypeOf<typeof DismissLeadingGroupMember>;

/** Sets up the leading group's office in a unit. */
export const EstablishOffice = struct({ name: ShortText, courtId: Id, department: DepartmentName });
/** Input of `campaign.establishOffice`. */
export type EstablishOffice = t.TypeOf<typeof EstablishOffice>;

/** Designates a court's first responsible person (one per court). */
export const DesignateFirstResponsible = struct({ courtId: Id, personId: Id });
/** Input of `campaign.designateFirstResponsible`. */
export type DesignateFirstResponsible = t.TypeOf<typeof DesignateFirstResponsible>;

/** Replaces a court's first responsible person. */
export const ReplaceFirstResponsible = struct({ courtId: Id, personId: Id, reason: LongText });
/** Input of `campaign.replaceFirstResponsible`. */
export type ReplaceFirstResponsible = t.TypeOf<typeof ReplaceFirstResponsible>;

/** Chooses how the campaign counts days (natural days until chosen). */
export const ChooseDayCount = struct({ dayCount: DayCountCodec });
/** Input of `campaign.chooseDayCount`. */
export type ChooseDayCount = t.TypeOf<typeof ChooseDayCount>;

/** Sets the warning threshold, the escalation ladder and the step at which accountability opens. */
export const ConfigureFollowUp = FollowUpConfigured;
/** Input of `campaign.configureFollowUp`. */
export type ConfigureFollowUp = t.TypeOf<typeof ConfigureFollowUp>;

/** Input codecs of the Campaign's commands, by command name. */
export const campaignCommands = {
  launch: Launch,
  adoptPlan: AdoptPlan,
  defineCategory: DefineCategory,
  definePhase: DefinePhase,
  defineReportPeriod: DefineReportPeriod,
  appointLeadingGroupMember: AppointLeadingGroupMember,
  dismissLeadingGroupMember: DismissLeadingGroupMember,
  establishOffice: EstablishOffice,
  designateFirstResponsible: DesignateFirstResponsible,
  replaceFirstResponsible: ReplaceFirstResponsible,
  chooseDayCount: ChooseDayCount,
  configureFollowUp: ConfigureFollowUp,
} as const;

/** Any Campaign command. */
export type CampaignCommand = CommandUnion<typeof campaignCommands>;
