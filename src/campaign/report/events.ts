/**
 * Report events: a court's periodic report upward (what was found, the measures, the results and
 * the figures it claims), submitted on time or late against its period's deadline, accepted or
 * returned; a returned report is resubmitted as a new version, a submitted version is never
 * changed; a higher court consolidates its lower courts' accepted reports into its own.
 * One stream per court and period: `${namespace}/report/${periodId}@${courtId}`.
 */
import * as t from 'io-ts';
import { Count, Id, IsoDate, LongText, intIn, listOf, optional, struct } from '../codecs';
import { definitionsOf, eventType, type EventUnion } from '../define';

const PERCENT = new t.Type<number, number, unknown>(
  'Percent',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0 && u <= 100,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) && u >= 0 && u <= 100 ? t.success(u) : t.failure(u, c, 'expected a number from 0 to 100')),
  t.identity,
);

const ID_PART = '[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}';
const REPORT_ID_RE = new RegExp(`^${ID_PART}@${ID_PART}$`);
/** A report's id: `${periodId}@${courtId}` (see {@link reportIdOf}). */
export const ReportId = new t.Type<string, string, unknown>(
  'ReportId',
  (u): u is string => typeof u === 'string' && REPORT_ID_RE.test(u),
  (u, c) => (typeof u === 'string' && REPORT_ID_RE.test(u) ? t.success(u) : t.failure(u, c, 'expected a report id "periodId@courtId"')),
  t.identity,
);

/** The figures a report claims (compared later against what the events say). */
export const ReportFigures = struct({
  problemsFound: Count,
  problemsClosed: Count,
  /** 整改率 claimed, in percent (closed / found × 100). */
  rectificationRatePercent: PERCENT,
  overdue: Count,
});
/** The figures a report claims. */
export type ReportFigures = t.TypeOf<typeof ReportFigures>;

/** A lower court's accepted report folded into a higher court's report. */
export const ConsolidatedSource = struct({ courtId: Id, version: intIn(1, 1000), figures: ReportFigures });
/** A lower court's accepted report folded into a higher court's report. */
export type ConsolidatedSource = t.TypeOf<typeof ConsolidatedSource>;

/** A version of the report was submitted. `onTime` compares the trusted recorded time with the deadline. */
export const ReportSubmitted = struct({
  reportId: ReportId,
  periodId: Id,
  courtId: Id,
  version: intIn(1, 1000),
  deadline: IsoDate,
  onTime: t.boolean,
  found: LongText,
  measures: LongText,
  results: LongText,
  figures: ReportFigures,
  /** Lower reports consolidated into this one (empty for a grassroots court). */
  consolidated: listOf(ConsolidatedSource, 0, 500),
});
/** Data of `report.submitted`. */
export type ReportSubmitted = t.TypeOf<typeof ReportSubmitted>;

/** The submitted version was accepted. */
export const ReportAccepted = struct({ reportId: ReportId, version: intIn(1, 1000), note: LongText });
/** Data of `report.accepted`. */
export type ReportAccepted = t.TypeOf<typeof ReportAccepted>;

/** The submitted version was returned; a new version must be submitted. */
export const ReportReturned = struct({ reportId: ReportId, version: intIn(1, 1000), reason: LongText });
/** Data of `report.returned`. */
export type ReportReturned = t.TypeOf<typeof ReportReturned>;

/** Accepted lower reports were gathered for this (higher) court's report, before it is submitted. */
export const ReportsConsolidated = struct({ reportId: ReportId, sources: listOf(ConsolidatedSource, 1, 500) });
/** Data of `report.consolidated`. */
export type ReportsConsolidated = t.TypeOf<typeof ReportsConsolidated>;

/** The Report's event types. */
export const reportEvents = {
  submitted: eventType('report.submitted', ReportSubmitted),
  accepted: eventType('report.accepted', ReportAccepted),
  returned: eventType('report.returned', ReportReturned),
  consolidated: eventType('report.consolidated', ReportsConsolidated),
} as const;

/** Any Report event. */
export type ReportEvent = EventUnion<typeof reportEvents>;

/** Registry entries of the Report's event types. */
export const reportEventTypes = definitionsOf(reportEvents);

/** The id of a court's report for a period (also the last part of its stream name). */
export const reportIdOf = (periodId: string, courtId: string): string => `${periodId}@${courtId}`;
