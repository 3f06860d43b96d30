/**
 * The Report's rules: a report is for a defined period and an expected court; it is submitted
 * on time or late by the trusted clock against the period's deadline (`onTime` is recorded, it is
 * a fact of the submission); a submitted version is never changed — it is accepted, or returned
 * and resubmitted as a new version; a court consolidates only accepted reports of its own lower
 * courts, before it submits.
 */
import type { DecisionContext } from '../../eventsourcing/decider';
import { requireLaunched, type AggregateSpec, type DomainEnv } from '../aggregate';
import { accept, refuse } from '../rules';
import { ev } from '../define';
import { localDate, onOrBefore } from '../time';
import type { ReportCommand } from './commands';
import { reportEvents as RE, reportIdOf, type ConsolidatedSource, type ReportEvent } from './events';
import { reportPolicy } from './policy';
import { evolveReport, initialReport, lastVersion, type ReportState } from './state';

export { evolveReport, initialReport, lastVersion, type ReportState };

/** A court's report deadline in a period: the host court's consolidated deadline when the period sets one, else the period's. */
export const reportDeadline = (period: { readonly deadline: string; readonly consolidatedDeadline?: string | undefined }, courtId: string, hostCourtId: string): string =>
  (courtId === hostCourtId && period.consolidatedDeadline !== undefined ? period.consolidatedDeadline : period.deadline);

/** Decides a Report command. */
export const decideReport = (c: ReportCommand, s: ReportState, ctx: DecisionContext, env: DomainEnv) => {
  const reportId = reportIdOf(c.periodId, c.courtId);
  const period = env.campaign.periods.get(c.periodId)!;
  const deadline = reportDeadline(period, c.courtId, env.campaign.organizerCourtId);
  const last = lastVersion(s);
  switch (c.type) {
    case 'submit': {
      if (s.status === 'submitted') return refuse('report.already_submitted', `version ${last?.version} of ${reportId} is submitted and awaits a decision; it cannot be changed`);
      if (s.status === 'accepted') return refuse('report.already_accepted', `${reportId} has been accepted`);
      const offset = env.campaign.utcOffsetMinutes;
      if (localDate(ctx.recordedAt, offset) < period.from) return refuse('report.period.not_started', `period "${c.periodId}" starts on ${period.from}`);
      if (c.figures.problemsClosed > c.figures.problemsFound) {
        return refuse('report.figures.inconsistent', `problemsClosed (${c.figures.problemsClosed}) exceeds problemsFound (${c.figures.problemsFound})`);
      }
      return accept(ev(RE.submitted, {
        reportId, periodId: c.periodId, courtId: c.courtId, version: (last?.version ?? 0) + 1, deadline,
        onTime: onOrBefore(ctx.recordedAt, deadline, offset),
        found: c.found, measures: c.measures, results: c.results, figures: c.figures, consolidated: [...s.consolidated.values()],
      }));
    }
    case 'accept':
    case 'return': {
      if (s.status !== 'submitted' || last === undefined) return refuse('report.not_submitted', `${reportId} has no submitted version awaiting a decision`);
      return c.type === 'accept'
        ? accept(ev(RE.accepted, { reportId, version: last.version, note: c.note }))
        : accept(ev(RE.returned, { reportId, version: last.version, reason: c.reason }));
    }
    case 'consolidate': {
      if (s.status === 'submitted' || s.status === 'accepted') {
        return refuse('report.consolidate.after_submission', `${reportId} is ${s.status}; consolidate before submitting`);
      }
      const sources: ConsolidatedSource[] = [];
      for (const x of c.sources) {
        if (env.org.courts.get(x.courtId)?.parentCourtId !== c.courtId) {
          return refuse('report.consolidate.not_lower_court', `court "${x.courtId}" is not directly under court "${c.courtId}"`, { courtId: x.courtId });
        }
        if (x.status !== 'accepted' || x.version === undefined || x.figures === undefined) {
          return refuse('report.consolidate.not_accepted', `the report of court "${x.courtId}" for "${c.periodId}" is ${x.status}, not accepted`, { courtId: x.courtId });
        }
        if (s.consolidated.get(x.courtId)?.version === x.version) {
          return refuse('report.consolidate.already_included', `version ${x.version} of court "${x.courtId}" is already consolidated`);
        }
        sources.push({ courtId: x.courtId, version: x.version, figures: x.figures });
      }
      return accept(ev(RE.consolidated, { reportId, sources }));
    }
  }
};

/** Before the policy: the campaign is launched, the period exists and expects this court. */
export const precheckReport = (c: ReportCommand, _s: ReportState, env: DomainEnv) => {
  const notLaunched = requireLaunched(env);
  if (notLaunched) return notLaunched;
  const period = env.campaign.periods.get(c.periodId);
  if (period === undefined) return refuse('report.period.unknown', `no report period "${c.periodId}"`);
  if (!period.courts.includes(c.courtId) && c.courtId !== env.campaign.organizerCourtId) {
    return refuse('report.court.not_expected', `court "${c.courtId}" does not report for period "${c.periodId}"`);
  }
  return undefined;
};

/** The Report aggregate. */
export const reportAggregate: AggregateSpec<ReportCommand, ReportState, ReportEvent, DomainEnv> = {
  name: 'report',
  initialState: initialReport,
  evolve: evolveReport,
  decide: decideReport,
  policy: reportPolicy,
  precheck: precheckReport,
};
