/**
 * How the facade drives an AccountabilityCase: `${ns}/accountability/${caseId}`. `propose` checks
 * every cited item against the ledger, as of the trusted clock.
 */
import * as E from 'fp-ts/Either';
import type { LedgerError } from '../../eventsourcing/errors';
import type { DomainEnv } from '../aggregate';
import { bindAggregate, type Resolver } from '../facade/binding';
import { loadWith, type FacadeContext } from '../facade/context';
import { inspectionAggregate } from '../inspection/decider';
import { overdueMeasures, problemAggregate } from '../problem/decider';
import { reportAggregate } from '../report/decider';
import { localDate } from '../time';
import { accountabilityCommands, type EvidenceFinding, type ProposeCase, type ProposeWithFindings } from './commands';
import { accountabilityAggregate } from './decider';
import type { CaseGrounds, CitedEvidence, EvidenceFact } from './events';

type R<C> = Promise<E.Either<LedgerError, C>>;

const PREFER: Record<CaseGrounds, readonly EvidenceFact[]> = {
  falsification: ['reopened_after_closure', 'overdue'],
  overdue_rectification: ['overdue', 'reopened_after_closure'],
  poor_work: ['overdue', 'reopened_after_closure'],
};

/** What the ledger says about one cited item, as of the trusted clock. */
export const checkEvidence = async (item: CitedEvidence, grounds: CaseGrounds, env: DomainEnv, ctx: FacadeContext): R<EvidenceFinding> => {
  switch (item.kind) {
    case 'document':
      return E.right({ found: true, fact: 'exists' });
    case 'problem': {
      const p = await loadWith(ctx.handler, problemAggregate, ctx.streams.problem(item.problemId));
      if (E.isLeft(p)) return p;
      const s = p.right.state;
      if (s.status === 'none') return E.right({ found: false, fact: 'exists' });
      const today = localDate(ctx.clock().toISOString(), env.campaign.utcOffsetMinutes);
      const facts: EvidenceFact[] = [];
      if (overdueMeasures(s, today).length > 0) facts.push('overdue');
      if (s.timesReopened > 0) facts.push('reopened_after_closure');
      return E.right({ found: true, fact: PREFER[grounds].find((f) => facts.includes(f)) ?? 'exists' });
    }
    case 'spot_check': {
      const i = await loadWith(ctx.handler, inspectionAggregate, ctx.streams.inspection(item.inspectionId));
      if (E.isLeft(i)) return i;
      const c = i.right.state.spotChecks.get(item.checkId);
      if (c === undefined) return E.right({ found: false, fact: 'exists' });
      return E.right({ found: true, fact: !c.passed && c.problemStatus === 'closed' ? 'failed_spot_check_of_closed_problem' : 'exists' });
    }
    case 'report': {
      const r = await loadWith(ctx.handler, reportAggregate, ctx.streams.report(item.periodId, item.courtId));
      if (E.isLeft(r)) return r;
      return E.right({ found: r.right.state.versions.some((v) => v.version === item.version), fact: 'exists' });
    }
  }
};

/** `accountability.propose`: check every cited item against the ledger. */
export const resolvePropose: Resolver<ProposeCase, ProposeWithFindings> = async (input, env, _actor, ctx) => {
  const findings: EvidenceFinding[] = [];
  for (const item of input.evidence) {
    const f = await checkEvidence(item, input.grounds, env, ctx);
    if (E.isLeft(f)) return f;
    findings.push(f.right);
  }
  return E.right({ ...input, type: 'propose', findings });
};

/** The AccountabilityCase's binding. */
export const accountabilityBinding = bindAggregate({
  spec: accountabilityAggregate, codecs: accountabilityCommands,
  streamOf: (i, ctx) => ctx.streams.accountability(i.caseId),
  resolvers: { propose: resolvePropose },
});
