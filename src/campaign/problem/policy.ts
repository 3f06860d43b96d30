/**
 * Who may act on a Problem. "The responsible side" is the responsible person, the responsible
 * leader, the `department_head` of the responsible department, and the `first_responsible` of
 * the problem's court (who also acts before responsibility is assigned).
 * - `identify`: by source — self-inspection: anyone of the problem's court; routine or
 *   unannounced inspection: `inspection_office` (or `system`, for the reaction that turns a
 *   finding into a problem); report or higher-level feedback: `campaign_office`, a leader of the
 *   leading group, `system`, or (report) anyone of the problem's court;
 * - `register`, `carryOver`: the office that keeps the problem (see below), or that court's
 *   `first_responsible`; `register` also `system`;
 * - `assignResponsibility`, `markLongTerm`: the court's `first_responsible` or `court_president`, or the office that keeps it;
 * - measures, progress, evidence, extension requests, closure requests, milestones: the responsible side;
 * - `denyExtension`: `campaign_office` or a leader of the leading group;
 * - `verify`, `returnVerification`: `verifier` (independence is a rule, see the decider);
 * - `reopen` (回头看): `inspection_office`, `verifier` or `campaign_office`;
 * - `propose` (withdrawing the problem, closing it off 销号, granting an extension): office staff
 *   (`campaign_office`, `problem.rights.proposer_not_office`); closing off is proposed by the office
 *   that keeps the problem (`problem.rights.not_own_office`);
 * - `approve`, `reject`: the office head (`department_head` of the campaign office) or a member of the
 *   leading group (`problem.rights.approver_not_entitled`), never the proposer
 *   (`problem.rights.approver_is_proposer`). Four eyes: see `four-eyes.ts`. Closing off a problem a
 *   grassroots court's office keeps is approved by that office's head (`court_office` and
 *   `department_head`) or that court's `court_president`;
 * - `correct`: `campaign_office`, or the court's `first_responsible`;
 * - `returnHandling` (退回), `spotCheck` (抽查), `takeOver` (提级办理): the host court's office (`campaign_office`).
 *
 * Two levels (两级法院): each court's office (`court_office` of that court) keeps that court's
 * ledger; the host court's office (`campaign_office`) keeps the host court's own problems and those
 * it took over, and supervises every court's ledger. The office that keeps a problem is the one of
 * {@link keeperOf}; `system` (the reactions) may register any.
 *
 * Rules of rights (separation of duties), each with its code:
 * - `problem.rights.not_own_office`: a court's problem is registered, assigned, marked long-term,
 *   carried over and closed off by the office that keeps it, never by another court's office (the
 *   host court's office included, until it takes the problem over);
 * - `problem.rights.not_supervising_office`: returning a court's handling, spot-checking it and
 *   taking a problem over are the host court's office's;
 * - `problem.rights.inspected_court`: a problem found by an inspection (routine, unannounced, or a
 *   higher court's feedback) is corrected, withdrawn (proposed and approved) or reopened only by the inspecting side, never
 *   by anyone of the inspected court;
 * - `problem.rights.not_inspecting_side`: and only by someone who inspects: the inspection_office,
 *   the campaign_office or the leading group (of another court than the inspected one);
 * - `problem.verify.not_independent`: the verifier is neither the responsible person, the
 *   responsible leader, a member of the responsible department, nor whoever completed a measure.
 */
import type { Actor } from '../../eventsourcing/envelope';
import { actorCourt, inUnit } from '../actors';
import { allOf, deny, type DomainEnv, type Policy, type PolicyVerdict } from '../aggregate';
import { LEADERS, holdsAny, type Post } from '../posts';
import { approverRight, proposerRight, type FourEyesRules, type Proposal } from '../four-eyes';
import type { ProblemCommand } from './commands';
import type { ProblemAction } from './events';
import { keeperOf, type ProblemState } from './state';

const courtOf = (s: ProblemState) => s.details?.courtId;
const courtRole = (actor: Actor, s: ProblemState, posts: readonly Post[]) => holdsAny(actor.posts, posts) && actorCourt(actor) === courtOf(s);

/** Whether the actor is on the problem's responsible side. */
export const isResponsibleSide = (actor: Actor, s: ProblemState): boolean => {
  if (courtRole(actor, s, ['first_responsible'])) return true;
  const r = s.responsibility;
  if (r === undefined) return false;
  return actor.id === r.personId || actor.id === r.leaderId || (inUnit(actor, r.courtId, r.department) && holdsAny(actor.posts, ['department_head']));
};

const responsible = (_c: unknown, s: ProblemState, actor: Actor): true | string =>
  isResponsibleSide(actor, s)
  || `requires the responsible person, leader or department head, or the first_responsible of court "${courtOf(s) ?? '?'}"`;

const either = (posts: readonly Post[], courtPosts: readonly Post[] = []) => (_c: unknown, s: ProblemState, actor: Actor): true | string =>
  holdsAny(actor.posts, posts) || courtRole(actor, s, courtPosts)
  || `requires ${[...posts, ...courtPosts.map((p) => `${p} of court "${courtOf(s) ?? '?'}"`)].join(' or ')}`;

/** The sources by which an inspecting side (not the court itself) found a problem. */
export const INSPECTION_SOURCES = ['routine_inspection', 'unannounced_inspection', 'higher_level_feedback'] as const;

/** Whether the problem was found by an inspection (its source, or a linked inspection). */
export const foundByInspection = (s: ProblemState): boolean =>
  s.details !== undefined && ((INSPECTION_SOURCES as readonly string[]).includes(s.details.source) || s.details.inspectionId !== undefined);

/** Posts that make an actor of another court the inspecting side. */
const INSPECTING: readonly Post[] = ['inspection_office', 'campaign_office', 'system', ...LEADERS, 'leading_group_member'];

/**
 * Only the inspecting side may correct, withdraw or reopen what an inspection found: never the
 * inspected court (`problem.rights.inspected_court`), and only someone who inspects
 * (`problem.rights.not_inspecting_side`). `true` for problems the court found itself.
 */
export const inspectingSide = (what: string) => (_c: unknown, s: ProblemState, actor: Actor): PolicyVerdict => {
  if (!foundByInspection(s)) return true;
  const court = courtOf(s) ?? '?';
  if (actorCourt(actor) === court) {
    return deny('problem.rights.inspected_court', `a problem found by an inspection of court "${court}" is ${what} only by the inspecting side, never by the inspected court`);
  }
  return holdsAny(actor.posts, INSPECTING)
    || deny('problem.rights.not_inspecting_side', `a problem found by an inspection is ${what} only by the inspecting side: requires ${INSPECTING.join(' or ')}`);
};

/** The people whose work a verifier would judge: the responsible person and leader, and whoever completed a measure. */
export const interestedIn = (s: ProblemState): ReadonlySet<string> => {
  const out = new Set<string>();
  if (s.responsibility) { out.add(s.responsibility.personId); out.add(s.responsibility.leaderId); }
  for (const m of s.measures.values()) if (m.completedBy !== undefined) out.add(m.completedBy);
  return out;
};

/** The verifier is independent of the responsible side and of whoever did the measures. */
export const independentVerifier = (_c: unknown, s: ProblemState, actor: Actor): PolicyVerdict => {
  const r = s.responsibility;
  if (interestedIn(s).has(actor.id) || (r !== undefined && inUnit(actor, r.courtId, r.department))) {
    return deny('problem.verify.not_independent',
      'the verifier must be independent of the responsible person, leader and department and of whoever completed the measures');
  }
  return true;
};

/** The rule codes of the Problem's four eyes. */
export const PROBLEM_RIGHTS: FourEyesRules = {
  proposerNotOffice: 'problem.rights.proposer_not_office', approverNotEntitled: 'problem.rights.approver_not_entitled',
  approverIsProposer: 'problem.rights.approver_is_proposer', exists: 'problem.proposal.exists', pending: 'problem.proposal.pending',
  unknown: 'problem.proposal.unknown', decided: 'problem.proposal.decided',
};

const ACTION_NAMES: Record<ProblemAction['kind'], string> = {
  withdraw: 'withdrawing a problem', close: 'closing a problem off (销号)', grant_extension: 'granting an extension',
};

/** Posts of the office that keeps a court's ledger, on that court (the host court's office holds `campaign_office`). */
const OFFICE: readonly Post[] = ['court_office', 'campaign_office'];

/**
 * The office that keeps the problem (or, with `courtPosts`, those posts on the problem's own court;
 * `anyPosts` anywhere): `problem.rights.not_own_office` otherwise, naming the court whose office it needs.
 */
export const keepingOffice = (courtPosts: readonly Post[] = [], anyPosts: readonly Post[] = []) => (_c: unknown, s: ProblemState, actor: Actor): PolicyVerdict => {
  const keeper = keeperOf(s) ?? '?';
  if (holdsAny(actor.posts, anyPosts)) return true;
  if (actorCourt(actor) === keeper && holdsAny(actor.posts, OFFICE)) return true;
  if (courtRole(actor, s, courtPosts)) return true;
  const also = (courtPosts.length === 0 ? '' : ` or ${courtPosts.join(' or ')} of court "${courtOf(s) ?? '?'}"`) + anyPosts.map((p) => ` or ${p}`).join('');
  return deny('problem.rights.not_own_office',
    `the ledger of court "${keeper}" is kept by its own office${s.takenOverBy === undefined ? '' : ' (the host court took this problem over)'}: requires court_office of court "${keeper}"${also}`);
};

/** The host court's office, supervising every court's ledger: `problem.rights.not_supervising_office` otherwise. */
export const supervisingOffice = (what: string) => (_c: unknown, _s: ProblemState, actor: Actor): PolicyVerdict =>
  holdsAny(actor.posts, ['campaign_office'])
  || deny('problem.rights.not_supervising_office', `${what} is for the host court's office, which supervises every ledger: requires campaign_office`);

/**
 * Who approves (or rejects) closing off a problem: for one the host court's office keeps, as every
 * four-eyes decision; for one a court's own office keeps, that office's head (`court_office` and
 * `department_head`) or that court's `court_president` — never the proposer.
 */
const closeApprover = (s: ProblemState, actor: Actor, env: DomainEnv, p: Proposal<unknown>): PolicyVerdict => {
  const keeper = keeperOf(s);
  if (keeper === env.campaign.organizerCourtId) return approverRight(PROBLEM_RIGHTS, actor, ACTION_NAMES.close, p);
  const head = actorCourt(actor) === keeper
    && ((holdsAny(actor.posts, ['court_office']) && holdsAny(actor.posts, ['department_head'])) || holdsAny(actor.posts, ['court_president']));
  if (!head) {
    return deny('problem.rights.approver_not_entitled',
      `"${actor.id}" lacks the right to decide on ${ACTION_NAMES.close}: it is approved by the head of court "${keeper ?? '?'}"'s office (court_office and department_head) or its court_president`);
  }
  return p.proposedBy === actor.id
    ? deny('problem.rights.approver_is_proposer', `"${actor.id}" proposed ${ACTION_NAMES.close} and may not decide on it: the approver is never the proposer`)
    : true;
};

/** The Problem's policy table. */
export const problemPolicy: Policy<ProblemCommand, ProblemState, DomainEnv> = {
  identify: (c, _s, actor) => {
    const own = actorCourt(actor) === c.courtId;
    switch (c.source) {
      case 'self_inspection':
        return own || `a self-inspection problem is identified by someone of court "${c.courtId}"`;
      case 'routine_inspection':
      case 'unannounced_inspection':
        return holdsAny(actor.posts, ['inspection_office', 'system']) || 'a problem from an inspection is identified by the inspection_office';
      case 'report':
        return own || holdsAny(actor.posts, ['campaign_office', 'system', ...LEADERS]) || 'a problem from a report is identified by its court or the campaign_office';
      case 'higher_level_feedback':
        return holdsAny(actor.posts, ['campaign_office', 'system', ...LEADERS]) || 'higher-level feedback is recorded by the campaign_office or the leading group';
    }
  },
  register: keepingOffice(['first_responsible'], ['system']),
  assignResponsibility: keepingOffice(['first_responsible', 'court_president']),
  planMeasure: responsible,
  completeMeasure: responsible,
  recordProgress: responsible,
  attachEvidence: responsible,
  requestExtension: responsible,
  denyExtension: either(['campaign_office', ...LEADERS]),
  requestClosure: responsible,
  verify: (c, s, a) => allOf(() => either(['verifier'])(c, s, a), () => independentVerifier(c, s, a)),
  returnVerification: (c, s, a) => allOf(() => either(['verifier'])(c, s, a), () => independentVerifier(c, s, a)),
  reopen: (c, s, a) => allOf(() => inspectingSide('reopened')(c, s, a), () => either(['inspection_office', 'verifier', 'campaign_office'])(c, s, a)),
  markLongTerm: keepingOffice(['first_responsible', 'court_president']),
  reachMilestone: responsible,
  carryOver: keepingOffice(['first_responsible']),
  propose: (c, s, a, env) => allOf(
    () => (c.action.kind === 'withdraw' ? inspectingSide('withdrawn')(c, s, a) : true),
    () => (c.action.kind === 'close' && keeperOf(s) !== env.campaign.organizerCourtId
      ? keepingOffice()(c, s, a) : proposerRight(PROBLEM_RIGHTS, a, ACTION_NAMES[c.action.kind])),
  ),
  approve: (c, s, a, env) => {
    const p = s.proposals.get(c.proposalId);
    if (p?.action.kind === 'close') return closeApprover(s, a, env, p);
    return allOf(
      () => (p?.action.kind === 'withdraw' ? inspectingSide('withdrawn')(c, s, a) : true),
      () => approverRight(PROBLEM_RIGHTS, a, p === undefined ? 'a proposal' : ACTION_NAMES[p.action.kind], p),
    );
  },
  reject: (c, s, a, env) => {
    const p = s.proposals.get(c.proposalId);
    if (p?.action.kind === 'close') return closeApprover(s, a, env, p);
    return approverRight(PROBLEM_RIGHTS, a, p === undefined ? 'a proposal' : ACTION_NAMES[p.action.kind], p);
  },
  correct: (c, s, a) => allOf(() => inspectingSide('corrected')(c, s, a), () => either(['campaign_office', 'inspection_office'], ['first_responsible'])(c, s, a)),
  returnHandling: supervisingOffice('returning a court\'s handling (退回)'),
  spotCheck: supervisingOffice('spot-checking a court\'s handling (抽查)'),
  takeOver: supervisingOffice('taking a problem over (提级办理)'),
};
