/** How the facade drives a Report: `${ns}/report/${periodId}@${courtId}`; `consolidate` loads the lower courts' reports. */
import * as E from 'fp-ts/Either';
import type { LedgerError } from '../../eventsourcing/errors';
import { bindAggregate, type Resolver } from '../facade/binding';
import { loadWith } from '../facade/context';
import { reportCommands, type ConsolidateReports, type ConsolidateWithSources, type SourceReport } from './commands';
import { reportAggregate } from './decider';
import { lastVersion } from './state';

/** `report.consolidate`: load each lower court's report. */
export const resolveConsolidate: Resolver<ConsolidateReports, ConsolidateWithSources> = async (input, _world, _actor, ctx) => {
  const sources: SourceReport[] = [];
  for (const courtId of input.sourceCourts) {
    const r = await loadWith(ctx.handler, reportAggregate, ctx.streams.report(input.periodId, courtId));
    if (E.isLeft(r)) return r;
    const last = lastVersion(r.right.state);
    sources.push({ courtId, status: r.right.state.status, version: last?.version, figures: last?.figures });
  }
  return E.right<LedgerError, ConsolidateWithSources>({ type: 'consolidate', periodId: input.periodId, courtId: input.courtId, sources });
};

/** The Report's binding. */
export const reportBinding = bindAggregate({
  spec: reportAggregate, codecs: reportCommands,
  streamOf: (i, ctx) => ctx.streams.report(i.periodId, i.courtId),
  resolvers: { consolidate: resolveConsolidate },
});
