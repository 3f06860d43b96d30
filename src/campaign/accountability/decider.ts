/**
 * The AccountabilityCase's rules: a case cites evidence the ledger can find; a falsification case
 * must cite contradicting evidence (a failed spot check of a problem the ledger showed as closed,
 * or a problem reopened after closure); an overdue-rectification case must cite a problem that
 * is overdue by the trusted clock; facts come before a sanction; a sanction is published only
 * once decided; a case closes only once decided or dismissed; nobody acts on their own case.
 */
import type { DecisionContext } from '../../eventsourcing/decider';
import { requireLaunched, type AggregateSpec, type DomainEnv } from '../aggregate';
import { accept, refuse, type Decision } from '../rules';
import { addDays, localDate } from '../time';
import { ev } from '../define';
import { LEADERS, holdsAny } from '../posts';
import type { AccountabilityCommand, ProposeWithFindings } from './commands';
import { accountabilityEvents as AE, type AccountabilityEvent, type EvidenceFact, type Sanction } from './events';
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

/** 通报批评 and heavier: decided by the leading group collectively. */
export const COLLECTIVE_SANCTIONS: readonly Sanction[] = ['circulated_criticism', 'accountability'];

/**
 * The quorum of a collective decision: more than half of the leading group's members (leader,
 * deputies and members as appointed when the decision is recorded) present.
 */
export const hasQuorum = (present: number, members: number): boolean => present * 2 > members;

/** Who is recorded as present, when the sanction is collective: the checks of the meeting. */
const refuseMeeting = (c: Extract<AccountabilityCommand, { type: 'decideSanction' }>, s: AccountabilityState, ctx: DecisionContext, env: DomainEnv) => {
  const present = c.present ?? [];
  if (present.length === 0) return refuse('accountability.collective.present_required', `${c.sanction} is a collective decision of the leading group: name the members present`);
  const outsider = present.find((id) => !env.campaign.leadingGroup.has(id));
  if (outsider !== undefined) return refuse('accountability.collective.not_member', `"${outsider}" is not a member of the leading group`, { personId: outsider });
  const members = env.campaign.leadingGroup.size;
  if (!hasQuorum(present.length, members)) {
    return refuse('accountability.collective.no_quorum', `${present.length} of ${members} members present: more than half must be`, { present: present.length, members });
  }
  if (!present.includes(ctx.actor.id)) return refuse('accountability.collective.recorder_absent', `"${ctx.actor.id}" records the decision and must be among the members present`);
  const finder = present.find((id) => s.factsBy.includes(id));
  if (finder !== undefined) return refuse('accountability.collective.fact_finder_present', `"${finder}" established the facts and does not decide the sanction`, { personId: finder });
  const subj = s.proposal?.subject;
  if (subj?.kind === 'person' && present.includes(subj.personId)) return refuse('accountability.collective.subject_present', `"${subj.personId}" is the subject of the case`);
  return undefined;
};

const decideSanction = (c: Extract<AccountabilityCommand, { type: 'decideSanction' }>, s: AccountabilityState, ctx: DecisionContext, env: DomainEnv) => {
  if (s.status === 'proposed') return refuse('accountability.sanction.no_facts', 'establish the facts before deciding a sanction');
  if (s.status !== 'facts_established') return refuse('accountability.decided', `case "${c.caseId}" is ${s.status}`);
  if (s.notice === undefined) return refuse('accountability.decide.not_notified', 'the subject must be notified and may state a defence (陈述申辩) before the decision');
  const today = localDate(ctx.recordedAt, env.campaign.utcOffsetMinutes);
  if (s.defence === undefined && today <= s.notice.defenceUntil) {
    return refuse('accountability.decide.defence_period_open', `the subject may state a defence until ${s.notice.defenceUntil}, unless they state or waive it sooner`);
  }
  const collective = COLLECTIVE_SANCTIONS.includes(c.sanction);
  if (collective) {
    const refused = refuseMeeting(c, s, ctx, env);
    if (refused) return refused;
  }
  return accept(ev(AE.sanctionDecided, {
    caseId: c.caseId, sanction: c.sanction, decidedBy: ctx.actor.id, rationale: c.rationale,
    body: collective || holdsAny(ctx.actor.posts, LEADERS) ? 'leading_group' : 'discipline_office',
    ...(collective ? { present: c.present ?? [] } : {}),
  }));
};

/** Decides an AccountabilityCase command. */
export const decideAccountability = (c: AccountabilityCommand, s: AccountabilityState, ctx: DecisionContext, env: DomainEnv): Decision<AccountabilityEvent> => {
  if (c.type === 'propose') return decidePropose(c, s, env);
  const subj = s.proposal?.subject;
  // The subject takes part only to state (or waive) a defence (陈述申辩).
  if (subj?.kind === 'person' && subj.personId === ctx.actor.id && c.type !== 'stateDefence' && c.type !== 'waiveDefence') {
    return refuse('accountability.conflict_of_interest', `"${ctx.actor.id}" is the subject of case "${c.caseId}"`);
  }
  switch (c.type) {
    case 'establishFacts':
      if (s.status !== 'proposed' && s.status !== 'facts_established') return refuse('accountability.decided', `case "${c.caseId}" is ${s.status}`);
      return accept(ev(AE.factsEstablished, { caseId: c.caseId, facts: c.facts, establishedBy: ctx.actor.id }));
    case 'notifySubject': {
      if (s.status === 'proposed') return refuse('accountability.notify.no_facts', 'establish the facts before notifying the subject of them');
      if (s.status !== 'facts_established') return refuse('accountability.decided', `case "${c.caseId}" is ${s.status}`);
      if (s.notice !== undefined) return refuse('accountability.notify.already', `the subject was notified on ${s.notice.notifiedOn}`);
      const notifiedOn = localDate(ctx.recordedAt, env.campaign.utcOffsetMinutes);
      return accept(ev(AE.subjectNotified, { caseId: c.caseId, notifiedBy: ctx.actor.id, notifiedOn, defenceUntil: addDays(notifiedOn, c.defenceDays) }));
    }
    case 'stateDefence':
    case 'waiveDefence': {
      if (s.status !== 'facts_established') return refuse('accountability.decided', `case "${c.caseId}" is ${s.status}`);
      if (s.notice === undefined) return refuse('accountability.defence.not_notified', 'the subject has not been notified yet');
      if (s.defence !== undefined) return refuse('accountability.defence.already', `the subject already ${s.defence} the defence`);
      const today = localDate(ctx.recordedAt, env.campaign.utcOffsetMinutes);
      if (today > s.notice.defenceUntil) return refuse('accountability.defence.period_over', `the defence period ended on ${s.notice.defenceUntil}`);
      return c.type === 'stateDefence'
        ? accept(ev(AE.defenceStated, { caseId: c.caseId, statedBy: ctx.actor.id, statement: c.statement }))
        : accept(ev(AE.defenceWaived, { caseId: c.caseId, waivedBy: ctx.actor.id, reason: c.reason }));
    }
    case 'decideSanction':
      return decideSanction(c, s, ctx, env);
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
