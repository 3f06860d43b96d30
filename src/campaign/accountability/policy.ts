/**
 * Who may act on an AccountabilityCase:
 * - `propose`: `inspection_office`, `discipline_office`, `campaign_office`, a leader of the
 *   leading group, or `system` (the overdue reaction);
 * - `establishFacts`: `discipline_office` or `inspection_office`;
 * - `notifySubject`: `discipline_office` or a leader of the leading group;
 * - `stateDefence`, `waiveDefence` (陈述申辩): the subject — the person, or for a unit its court's
 *   `court_president` or `first_responsible` (and, for a department, its `department_head`)
 *   (`accountability.rights.not_subject`);
 * - `decideSanction`: never whoever established the facts (`accountability.rights.fact_finder_decides`);
 *   通报批评 and heavier only by the leading group, recorded by its leader or a deputy as a collective
 *   decision (`accountability.rights.collective_decision_required`); 约谈 also by the `discipline_office`;
 * - `dismiss`: the leading group (leader or deputy) or the `discipline_office`;
 * - `publish`: `campaign_office` or `discipline_office`;
 * - `close`: `discipline_office` or a leader of the leading group.
 */
import type { Actor } from '../../eventsourcing/envelope';
import { actorCourt, actorDepartment } from '../actors';
import { allOf, deny, type DomainEnv, type Policy, type PolicyVerdict } from '../aggregate';
import { LEADERS, holdsAny, type Post } from '../posts';
import type { AccountabilityCommand } from './commands';
import type { Sanction } from './events';
import type { AccountabilityState } from './state';

const anyOf = (posts: readonly Post[]) => (_c: unknown, _s: AccountabilityState, actor: Actor): true | string =>
  holdsAny(actor.posts, posts) || `requires one of: ${posts.join(', ')}`;

/** Whether the actor speaks for the case's subject: the person, or the head of the unit. */
export const speaksForSubject = (s: AccountabilityState, actor: Actor): boolean => {
  const subj = s.proposal?.subject;
  if (subj === undefined) return false;
  if (subj.kind === 'person') return subj.personId === actor.id;
  if (actorCourt(actor) !== subj.courtId) return false;
  if (holdsAny(actor.posts, ['court_president', 'first_responsible'])) return true;
  return subj.department !== undefined && actorDepartment(actor) === subj.department && holdsAny(actor.posts, ['department_head']);
};

const subject = (_c: unknown, s: AccountabilityState, actor: Actor): PolicyVerdict =>
  speaksForSubject(s, actor)
  || deny('accountability.rights.not_subject', `"${actor.id}" is not the subject of the case (nor the head of the unit it is about): only the subject states or waives a defence`);

/** 通报批评 and heavier. */
const COLLECTIVE: readonly Sanction[] = ['circulated_criticism', 'accountability'];

const decider = (c: { readonly sanction: Sanction }, s: AccountabilityState, actor: Actor): PolicyVerdict => allOf(
  () => !s.factsBy.includes(actor.id)
    || deny('accountability.rights.fact_finder_decides', `"${actor.id}" established the facts of the case and may not decide its sanction`),
  () => (COLLECTIVE.includes(c.sanction)
    ? holdsAny(actor.posts, LEADERS)
      || deny('accountability.rights.collective_decision_required',
        `"${actor.id}" lacks the right to decide ${c.sanction}: 通报批评 and heavier are decided by the leading group, recorded by its leader or a deputy with the members present`)
    : anyOf([...LEADERS, 'discipline_office'])(c, s, actor)),
);

/** The AccountabilityCase's policy table. */
export const accountabilityPolicy: Policy<AccountabilityCommand, AccountabilityState, DomainEnv> = {
  propose: anyOf(['inspection_office', 'discipline_office', 'campaign_office', 'system', ...LEADERS]),
  establishFacts: anyOf(['discipline_office', 'inspection_office']),
  notifySubject: anyOf(['discipline_office', ...LEADERS]),
  stateDefence: subject,
  waiveDefence: subject,
  decideSanction: decider,
  dismiss: anyOf([...LEADERS, 'discipline_office']),
  publish: anyOf(['campaign_office', 'discipline_office']),
  close: anyOf(['discipline_office', ...LEADERS]),
};
