/**
 * Who may act on a Problem. "The responsible side" is the responsible person, the responsible
 * leader, the `department_head` of the responsible department, and the `first_responsible` of
 * the problem's court (who also acts before responsibility is assigned).
 * - `identify`: by source — self-inspection: anyone of the problem's court; routine or
 *   unannounced inspection: `inspection_office` (or `system`, for the reaction that turns a
 *   finding into a problem); report or higher-level feedback: `campaign_office`, a leader of the
 *   leading group, `system`, or (report) anyone of the problem's court;
 * - `register`: `campaign_office`, `system`, or the court's `first_responsible`;
 * - `assignResponsibility`, `markLongTerm`: the court's `first_responsible` or `court_president`, or `campaign_office`;
 * - measures, progress, evidence, extension requests, closure requests, milestones: the responsible side;
 * - `denyExtension`: `campaign_office` or a leader of the leading group;
 * - `verify`, `returnVerification`: `verifier` (independence is a rule, see the decider);
 * - `reopen` (回头看): `inspection_office`, `verifier` or `campaign_office`;
 * - `propose` (withdrawing the problem, closing it off 销号, granting an extension): office staff
 *   (`campaign_office`, `problem.rights.proposer_not_office`);
 * - `approve`, `reject`: the office head (`department_head` of the campaign office) or a member of the
 *   leading group (`problem.rights.approver_not_entitled`), never the proposer
 *   (`problem.rights.approver_is_proposer`). Four eyes: see `four-eyes.ts`;
 * - `correct`: `campaign_office`, or the court's `first_responsible`.
 *
 * Rules of rights (separation of duties), each with its code:
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
import { approverRight, proposerRight, type FourEyesRules } from '../four-eyes';
import type { ProblemCommand } from './commands';
import type { ProblemAction } from './events';
import type { ProblemState } from './state';

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
  register: either(['campaign_office', 'system'], ['first_responsible']),
  assignResponsibility: either(['campaign_office'], ['first_responsible', 'court_president']),
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
  markLongTerm: either(['campaign_office'], ['first_responsible', 'court_president']),
  reachMilestone: responsible,
  carryOver: either(['campaign_office'], ['first_responsible']),
  propose: (c, s, a) => allOf(
    () => (c.action.kind === 'withdraw' ? inspectingSide('withdrawn')(c, s, a) : true),
    () => proposerRight(PROBLEM_RIGHTS, a, ACTION_NAMES[c.action.kind]),
  ),
  approve: (c, s, a) => {
    const p = s.proposals.get(c.proposalId);
    return allOf(
      () => (p?.action.kind === 'withdraw' ? inspectingSide('withdrawn')(c, s, a) : true),
      () => approverRight(PROBLEM_RIGHTS, a, p === undefined ? 'a proposal' : ACTION_NAMES[p.action.kind], p),
    );
  },
  reject: (c, s, a) => {
    const p = s.proposals.get(c.proposalId);
    return approverRight(PROBLEM_RIGHTS, a, p === undefined ? 'a proposal' : ACTION_NAMES[p.action.kind], p);
  },
  correct: (c, s, a) => allOf(() => inspectingSide('corrected')(c, s, a), () => either(['campaign_office', 'inspection_office'], ['first_responsible'])(c, s, a)),
};
