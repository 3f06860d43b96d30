/**
 * The state of the campaign read models: plain JSON (no Maps, no bigints), so it can be kept with a
 * checkpoint and compared. Only facts from events are stored; every figure derived from dates
 * (colours, overdue, on time, missing) is computed by a query given an explicit `now`.
 */
import type { CaseGrounds, CaseSubject, CitedEvidence, DecidingBody, EvidenceFact, Sanction } from '../campaign/accountability/events';
import type { CourtLevel } from '../campaign/organization/events';
import type { ProblemSource } from '../campaign/problem/events';
import type { ConsolidatedSource, ReportFigures } from '../campaign/report/events';
import type { Beacon, InspectionKind } from '../campaign/inspection/events';
import type { TaskRating } from '../campaign/task/events';
import type { RegulationAction } from '../campaign/regulation/events';
import type { DayCount } from '../campaign/calendar';
import type { EscalationStep, FollowUpConfigured } from '../campaign/campaign/events';
import type { FollowUpSubject } from '../campaign/followup/events';
import type { SupervisionSource, SupervisionSubject, WarningColour } from '../campaign/supervision/events';
import type { SupervisionStatus } from '../campaign/supervision/state';
import type { UnitRef } from '../campaign/codecs';
import type { Severity } from '../campaign/codecs';
import { pmEmpty, type PMap } from './pmap';

/** A value that took effect at a recorded time (the handler's trusted `recordedAt`). */
export interface Timed<T> {
  readonly at: string;
  readonly value: T;
}

/** A court of the organization. */
export interface CourtRow { readonly courtId: string; readonly name: string; readonly level: CourtLevel; readonly parentCourtId?: string }
/** A person of the organization (unit as of the latest transfer). */
export interface PersonRow {
  readonly personId: string; readonly name: string; readonly courtId: string; readonly department?: string;
  readonly posts: readonly string[]; readonly active: boolean;
}
/** A task category of the campaign. */
export interface CategoryRow { readonly categoryId: string; readonly name: string; readonly firstTask?: number; readonly lastTask?: number }
/** A report period: who reports, for which dates, by when. */
export interface PeriodRow {
  readonly periodId: string; readonly name: string; readonly from: string; readonly to: string; readonly deadline: string;
  /** The host court's own consolidated report's deadline, after `deadline`, when the period sets one. */
  readonly consolidatedDeadline?: string;
  readonly courts: readonly string[];
}
/** What the ledger needs to know of a task. */
export interface TaskRef { readonly taskId: string; readonly number: number; readonly categoryId: string; readonly title: string }

/** Organization and campaign facts shared by every read model. */
export interface Catalog {
  readonly campaign?: { readonly campaignId: string; readonly name: string; readonly organizerCourtId: string; readonly utcOffsetMinutes: number };
  /** How the campaign counts days for deadlines and warnings (natural until it chooses). */
  readonly dayCount?: DayCount;
  /** The campaign's warning threshold and escalation ladder, once configured. */
  readonly followUp?: FollowUpConfigured;
  readonly courts: Readonly<Record<string, CourtRow>>;
  /** Department names per court, in registration order. */
  readonly departments: Readonly<Record<string, readonly string[]>>;
  readonly people: PMap<PersonRow>;
  readonly categories: Readonly<Record<string, CategoryRow>>;
  readonly periods: Readonly<Record<string, PeriodRow>>;
  readonly tasks: Readonly<Record<string, TaskRef>>;
}

/** A problem's ledger status. */
export type ProblemStatus = 'open' | 'closure_requested' | 'verified' | 'closed' | 'withdrawn';

/** A rectification measure. `deadline` is the current one (after granted extensions). */
export interface MeasureRow {
  readonly measureId: string; readonly content: string; readonly deadline: string; readonly originalDeadline: string;
  readonly extensions: number; readonly completed: boolean;
}
/** A milestone of a long-term problem. */
export interface MilestoneRow { readonly milestoneId: string; readonly content: string; readonly due: string; readonly reached: boolean }
/** Who answers for a problem's rectification. */
export interface Responsibility { readonly leaderId: string; readonly courtId: string; readonly department: string; readonly personId: string }

/** One problem of the ledger, with the history the as-of figures need. */
export interface ProblemRow {
  readonly problemId: string;
  readonly courtId: string;
  /** The department named at identification (or by a correction). */
  readonly department?: string;
  readonly source: ProblemSource;
  readonly title: string;
  readonly criterion: string;
  readonly severity: Severity;
  readonly taskId?: string;
  readonly inspectionId?: string;
  readonly ledgerNumber?: string;
  readonly sequence?: number;
  readonly responsibility?: Responsibility;
  readonly measures: readonly MeasureRow[];
  readonly milestones: readonly MilestoneRow[];
  readonly longTerm: boolean;
  readonly status: ProblemStatus;
  /** Every status change, in order (the first is `open` at identification). */
  readonly statusLog: readonly Timed<ProblemStatus>[];
  /** Every change of the problem's deadline (see `deadlineOf`), in order; null while it has none. */
  readonly deadlineLog: readonly Timed<string | null>[];
  /** Recorded and effective time of the identification. */
  readonly identifiedAt: string;
  readonly identifiedEffectiveAt: string;
  /** Recorded time of the latest closure, while closed. */
  readonly closedAt?: string;
  /**
   * Recorded time of the latest closure request (the date the rectification was reported
   * complete); cleared when a verification is returned or the problem is reopened, so while the
   * problem is verified or closed it is the request that was then verified.
   */
  readonly closureRequestedAt?: string;
  readonly returned: number;
  readonly reopened: number;
  readonly evidence: number;
  readonly withdrawal?: { readonly reason: string; readonly approvedBy: string; readonly at: string };
  /** The years the problem was carried over into (结转), in order; absent while never carried. */
  readonly carriedInto?: readonly number[];
  /** The host court, once its office took the problem over (提级办理); absent while the court's own office keeps it. */
  readonly takenOverBy?: string;
  /** Times the host court's office returned the court's handling (退回). */
  readonly handlingReturned?: number;
  /** Spot checks (抽查) by the host court's office: how many, and how many found fault. */
  readonly spotChecks?: { readonly total: number; readonly failed: number };
}

/** A task's progress status. */
export type TaskStatus = 'issued' | 'in_progress' | 'completion_reported' | 'returned' | 'evaluated';
/** A task in one court of its scope. */
export interface TaskCourtRow {
  readonly courtId: string;
  readonly acceptedBy: readonly string[];
  readonly decomposition?: { readonly assignment: string; readonly dueDate: string; readonly at: string };
  readonly progress?: { readonly percent: number; readonly summary: string; readonly at: string };
  readonly progressReports: number;
  /** The court recorded finding no problem under the task (查摆). */
  readonly noProblemFound?: { readonly note: string; readonly at: string };
}
/** A task with its progress. */
export interface TaskRow extends TaskRef {
  readonly leadDepartments: readonly string[];
  readonly coDepartments: readonly string[];
  readonly scopeCourts: readonly string[];
  readonly dueDate: string;
  readonly originalDueDate: string;
  readonly issuedAt: string;
  readonly status: TaskStatus;
  readonly courts: Readonly<Record<string, TaskCourtRow>>;
  readonly extensions: { readonly requested: number; readonly granted: number; readonly denied: number };
  readonly completionReports: number;
  readonly returned: number;
  readonly completionReportedAt?: string;
  readonly evaluation?: { readonly rating: TaskRating; readonly at: string };
}

/** One submitted version of a report. */
export interface ReportVersionRow {
  readonly version: number; readonly deadline: string; readonly onTime: boolean; readonly submittedAt: string;
  readonly figures: ReportFigures; readonly consolidated: readonly ConsolidatedSource[];
  readonly status: 'submitted' | 'accepted' | 'returned';
  /** What the court wrote: the problems found, the measures taken, the results. */
  readonly text?: { readonly found: string; readonly measures: string; readonly results: string };
}
/** A court's report for a period, every version kept. */
export interface ReportRow {
  readonly reportId: string; readonly periodId: string; readonly courtId: string;
  readonly versions: readonly ReportVersionRow[];
  readonly gathered: readonly ConsolidatedSource[];
}

/** A routine or unannounced inspection. */
export interface InspectionRow {
  readonly inspectionId: string; readonly kind: InspectionKind; readonly title: string; readonly targets: readonly string[];
  readonly periodId?: string; readonly streamId: string; readonly plannedAt: string;
  readonly commitment?: {
    readonly commitment: string; readonly candidates: readonly string[]; readonly count: number;
    readonly committedAt: string; readonly utcOffsetMinutes: number; readonly recordedAt: string;
    /** Global position of the commitment (decimal). */
    readonly position: string;
    /** The first event that could serve as the beacon, as this read model saw it (see `projection.ts`). */
    readonly observedBeacon?: { readonly eventId: string; readonly hash: string; readonly recordedAt: string; readonly position: string };
  };
  readonly reveal?: {
    readonly seed: string; readonly beacon: Beacon; readonly targets: readonly string[]; readonly undrawnVisits: readonly string[]; readonly at: string;
  };
  readonly visits: readonly { readonly courtId: string; readonly visitedOn: string; readonly at: string }[];
  readonly findings: readonly { readonly findingId: string; readonly courtId: string; readonly problemId?: string }[];
  readonly spotChecks: readonly { readonly checkId: string; readonly problemId: string; readonly courtId: string; readonly problemStatus: string; readonly passed: boolean }[];
  readonly concludedAt?: string;
}

/** An accountability case's status. */
export type CaseStatus = 'proposed' | 'facts_established' | 'sanctioned' | 'dismissed' | 'closed';
/** An accountability case. `unit` is the subject's unit when the case was proposed. */
export interface CaseRow {
  readonly caseId: string; readonly subject: CaseSubject;
  readonly unit?: { readonly courtId: string; readonly department?: string };
  readonly grounds: CaseGrounds; readonly summary: string;
  readonly evidence: readonly CitedEvidence[]; readonly confirmed: readonly EvidenceFact[];
  readonly status: CaseStatus; readonly factsEstablished: boolean;
  /** The facts as established. */
  readonly facts?: string;
  readonly sanction?: { readonly sanction: Sanction; readonly decidedBy: string; readonly body: DecidingBody; readonly at: string; readonly rationale?: string };
  readonly dismissal?: { readonly decidedBy: string; readonly reason: string; readonly at: string };
  readonly published: readonly { readonly channel: string; readonly at: string }[];
  readonly proposedAt: string; readonly closedAt?: string;
}

/** One entry of a court's inventory of rules (制度建设). */
export interface RegulationRow {
  readonly regulationId: string; readonly courtId: string; readonly title: string; readonly action: RegulationAction;
  /** The day the rule was adopted, revised or repealed. */
  readonly on: string;
  readonly documentNumber?: string;
  readonly problemIds: readonly string[]; readonly taskIds: readonly string[];
  readonly withdrawn: boolean; readonly recordedAt: string;
}

/** A warning (预警) or reminder (催办) given about a supervision item, as recorded. */
export interface ItemNotice {
  readonly kind: 'warning' | 'reminder';
  readonly colour?: WarningColour;
  readonly unit: UnitRef;
  readonly by: string;
  readonly rule: string;
  readonly day: string;
  readonly note?: string;
  readonly at: string;
}

/** A supervision item (督办事项) with its lifecycle. */
export interface SupervisionRow {
  readonly itemId: string;
  readonly title: string;
  readonly content: string;
  readonly source: SupervisionSource;
  readonly subject?: SupervisionSubject;
  readonly status: SupervisionStatus;
  readonly proposedBy: string;
  readonly proposedAt: string;
  /** 督〔2019〕12号, once opened (立项). */
  readonly number?: string;
  readonly office?: string;
  readonly openedAt?: string;
  readonly approvedBy?: string;
  readonly assignment?: {
    readonly lead: UnitRef; readonly co: readonly UnitRef[]; readonly deadline: string; readonly feedbackEveryDays: number;
    readonly assignedOn: string; readonly assignedBy: string;
  };
  readonly receivedOn?: string;
  readonly feedback: readonly { readonly period: number; readonly summary: string; readonly final: boolean; readonly givenBy: string; readonly givenOn: string }[];
  /** The highest schedule period with a feedback (0 before the first). */
  readonly lastPeriod: number;
  readonly returns: readonly { readonly reason: string; readonly by: string; readonly at: string }[];
  readonly notices: readonly ItemNotice[];
  readonly closedOn?: string;
}

/** A warning or a ladder step given about a problem or a task, as recorded. */
export interface FollowUpNotice {
  readonly kind: 'warning' | 'escalation';
  readonly colour?: WarningColour;
  readonly step?: EscalationStep;
  readonly rule: string;
  readonly deadline: string;
  readonly day: string;
  readonly addressedTo: UnitRef;
  readonly personId?: string;
  readonly by: string;
  readonly at: string;
}

/** The follow-up (督办) of one problem or task: the warnings and the ladder's steps, in order. */
export interface FollowUpRow {
  /** `problem:${id}` or `task:${id}`. */
  readonly key: string;
  readonly subject: FollowUpSubject;
  readonly notices: readonly FollowUpNotice[];
}

/** The whole read-model state. A projection folds only the slices it was built with; the others stay empty. */
export interface ReadModelState {
  readonly catalog: Catalog;
  readonly problems: PMap<ProblemRow>;
  readonly tasks: PMap<TaskRow>;
  readonly reports: PMap<ReportRow>;
  readonly inspections: PMap<InspectionRow>;
  readonly cases: PMap<CaseRow>;
  readonly regulations: PMap<RegulationRow>;
  readonly supervision: PMap<SupervisionRow>;
  /** Follow-ups by `problem:${id}` / `task:${id}`. */
  readonly followUps: PMap<FollowUpRow>;
  /** Unannounced inspections whose beacon event has not been seen yet. */
  readonly pendingBeacons: readonly string[];
  /** Global position of the last event folded (decimal), null before any. */
  readonly lastPosition: string | null;
}

/** The empty state. */
export const emptyState = (): ReadModelState => ({
  catalog: { courts: {}, departments: {}, people: pmEmpty(), categories: {}, periods: {}, tasks: {} },
  problems: pmEmpty(), tasks: pmEmpty(), reports: pmEmpty(), inspections: pmEmpty(), cases: pmEmpty(), regulations: pmEmpty(),
  supervision: pmEmpty(), followUps: pmEmpty(), pendingBeacons: [], lastPosition: null,
});
