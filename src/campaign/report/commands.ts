/**
 * Report commands. A report is identified by its period and court. `consolidate` names the lower
 * courts whose accepted reports are folded in; the facade loads them and hands the decider what
 * they say ({@link ConsolidateWithSources}).
 */
import * as t from 'io-ts';
import { Id, LongText, distinctListOf, optional, struct } from '../codecs';
import type { CommandUnion } from '../define';
import { ReportFigures } from './events';

/** Submits the next version of a court's report for a period. */
export const SubmitReport = struct({
  periodId: Id, courtId: Id, found: LongText, measures: LongText, results: LongText, figures: ReportFigures,
});
/** Input of `report.submit`. */
export type SubmitReport = t.TypeOf<typeof SubmitReport>;

/** Accepts the submitted version. */
export const AcceptReport = struct({ periodId: Id, courtId: Id, note: LongText });
/** Input of `report.accept`. */
export type AcceptReport = t.TypeOf<typeof AcceptReport>;

/** Returns the submitted version; the court resubmits a new version. */
export const ReturnReport = struct({ periodId: Id, courtId: Id, reason: LongText });
/** Input of `report.return`. */
export type ReturnReport = t.TypeOf<typeof ReturnReport>;

/** Folds the accepted reports of lower courts into this court's report (before it is submitted). */
export const ConsolidateReports = struct({ periodId: Id, courtId: Id, sourceCourts: distinctListOf(Id, 1, 500) });
/** Input of `report.consolidate`. */
export type ConsolidateReports = t.TypeOf<typeof ConsolidateReports>;

/** Input codecs of the Report's commands, by command name. */
export const reportCommands = {
  submit: SubmitReport,
  accept: AcceptReport,
  return: ReturnReport,
  consolidate: ConsolidateReports,
} as const;

/** What a lower court's report says, as loaded by the facade. */
export interface SourceReport {
  readonly courtId: string;
  /** Its status and, when it has been submitted, the last version and its figures. */
  readonly status: 'none' | 'draft' | 'submitted' | 'accepted' | 'returned';
  readonly version?: number | undefined;
  readonly figures?: t.TypeOf<typeof ReportFigures> | undefined;
}

/** `consolidate` as the decider sees it. */
export interface ConsolidateWithSources {
  readonly type: 'consolidate';
  readonly periodId: string;
  readonly courtId: string;
  readonly sources: readonly SourceReport[];
}

/** Any Report command, as decided. */
export type ReportCommand = Exclude<CommandUnion<typeof reportCommands>, { readonly type: 'consolidate' }> | ConsolidateWithSources;
