/**
 * The AccountabilityCase's rules: a case cites evidence the ledger can find; a falsification case
 * must cite contradicting evidence (a failed spot check of a problem the ledger showed as closed,
 * or a problem reopened after closure); an overdue-rectification case must cite a problem that
 * is overdue by the trusted clock; facts come before a sanction; a sanction is published only
 * once decided; a case closes only once decided or dismissed; nobody acts on their own case.
 */
import type { DecisionContext } from '../../eventsourcing/decider';
import { requireLaunched, type AggregateSpec, type DomainEnv } from '../aggregate';
import { accept, refuse } from '../rules';
import { ev } from '../define';
import { holdsAny } from '../posts';
import type { AccountabilityCommand, ProposeWithFindings } from './commands';
import { accountabilityEvents as AE, type AccountabilityEvent, type EvidenceFact } from './events';
import { accountabilityPolicy } from './policy';
import { evolveAccountability, initialAccountability, type AccountabilityState } from './state';

export { evolveAccountability, initialAccountability, type AccountabilityState };

const CONTRADICTING: readonly EvidenceFact[] = ['failed_spot_check_of_closed_problem', 'reopened_after_closure'];

const decidePropose = (c: ProposeWithFindings, s: AccountabilityState, env: DomainEnv) => {
  if (s.status !== 'none') return refuse('accountability.case.exists', `case "${c.caseId}" already exists`);
  const subj = c.subject;
  if (subj.kind === 'person' ? !env.org.people.has(subj.personId) : !env.org.courts.has(subj.courtId)
    || (subj.department !== undefined && !env.org.courts.get(subj.courtId)?.departments.has(subj.department))) {
    return refuse('accountability.subject.unknown', 'the organization has no such subject', { subject: subj });
  }
  if (c.findings.length !== c.evidence.length) return refuse('accountability.evidence.unchecked', 'every cited item must be checked against the ledger');
  const missing = c.findings.findIndex((f) => !f.found);
  if (missing >= 0) return refuse('accountability.evidence.not_found', `evidence[${missing}] is not in the ledger`, { index: missing });
  const facts = c.findings.map((f) => f.fact);
  if (c.grounds === 'falsification' && !facts.some((f) => CONTRADICTING.includes(f))) {
    return refuse('accountability.falsification.no_contradicting_evidence',
      'a falsification case must cite contradicting evidence (a failed spot check of a closed problem, or a problem reopened after closure)');
  }
  if (c.grounds === 'overdue_rectification' && !facts.includes('overdue')) {
    return refuse('accountability.overdue.not_overdue', 'an overdue-rectification case must cite a problem that is overdue now');
  }
  return accept(ev(AE.proposed, { caseId: c.caseId, subject: c.subject, grounds: c.grounds, summary: c.summary, evidence: c.evidence, confirmed: facts }));
};

/** Decides an AccountabilityCase command. */
export const decideAccountability = (c: AccountabilityCommand, s: AccountabilityState, ctx: DecisionContext, env: DomainEnv) => {
  if (c.type === 'propose') return decidePropose(c, s, env);
  const subj = s.proposal?.subject;
  if (subj?.kind === 'person' && subj.personId === ctx.actor.id) {
    return refuse('accountability.conflict_of_interest', `"${ctx.actor.id}" is the subject of case "${c.caseId}"`);
  }
  switch (c.type) {
    case 'establishFacts':
      if (s.status !== 'proposed' && s.status !== 'facts_established') return refuse('accountability.decided', `case "${c.caseId}" is ${s.status}`);
      return accept(ev(AE.factsEstablished, { caseId: c.caseId, facts: c.facts }));
    case 'decideSanction':
      if (s.status === 'proposed') return refuse('accountability.sanction.no_facts', 'establish the facts before deciding a sanction');
      if (s.status !== 'facts_established') return refuse('accountability.decided', `case "${c.caseId}" is ${s.status}`);
      return accept(ev(AE.sanctionDecided, {
        caseId: c.caseId, sanction: c.sanction, decidedBy: ctx.actor.id, rationale: c.rationale,
        body: holdsAny(ctx.actor.posts, ['leading_group_leader', 'leading_group_deputy']) ? 'leading_group' : 'discipline_office',
      }));
    case 'dismiss':
      if (s.status !== 'proposed' && s.status !== 'facts_established') return refuse('accountability.decided', `case "${c.caseId}" is ${s.status}`);
      return accept(ev(AE.dismissed, { caseId: c.caseId, decidedBy: ctx.actor.id, reason: c.reason }));
    case 'publish':
      if (s.sanction === undefined) return refuse('accountability.publish.no_sanction', 'only a decided sanction is published');
      if (s.published) return refuse('accountability.publish.already', 'the sanction is already published');
      return accept(ev(AE.published, { caseId: c.caseId, channel: c.channel }));
    case 'close':
      if (s.status !== 'sanctioned' && s.status !== 'dismissed') return refuse('accountability.close.undecided', `case "${c.caseId}" is ${s.status}; decide it first`);
      return accept(ev(AE.closed, { caseId: c.caseId, summary: c.summary }));
  }
};

/** Before the policy: the campaign is launched, the case exists and is not closed. */
export const precheckAccountability = (c: AccountabilityCommand, s: AccountabilityState, env: DomainEnv) => {
  const notLaunched = requireLaunched(env);
  if (notLaunched) return notLaunched;
  if (c.type === 'propose') return undefined;
  if (s.status === 'none') return refuse('accountability.not_found', `case "${c.caseId}" has not been proposed`);
  if (s.status === 'closed') return refuse('accountability.closed', `case "${c.caseId}" is closed`);
  return undefined;
};

/** The AccountabilityCase aggregate. */
export const accountabilityAggregate: AggregateSpec<AccountabilityCommand, AccountabilityState, AccountabilityEvent, DomainEnv> = {
  name: 'accountability',
  initialState: initialAccountability,
  evolve: evolveAccountability,
  decide: decideAccountability,
  policy: accountabilityPolicy,
  precheck: precheckAccountability,
};
