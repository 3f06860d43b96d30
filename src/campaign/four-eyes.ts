/**
 * Four eyes (双人审批), used by a Problem and by a Task: the decisions that end or ease a duty —
 * withdrawing a problem, closing it off (销号), granting an extension, rating a task — are
 * proposed by office staff and approved by someone else with the right: the office head (the
 * `department_head` of the campaign office) or a member of the leading group; the approver is never
 * the proposer. A proposal is pending until approved (the decision's own event, carrying
 * `proposalId`, `proposedBy` and `approvedBy`) or rejected. The aggregate names its rule codes;
 * the checks and their order are the same everywhere.
 */
import * as E from 'fp-ts/Either';
import type { Actor } from '../eventsourcing/envelope';
import type { LedgerError } from '../eventsourcing/errors';
import { deny, type PolicyVerdict } from './aggregate';
import { holdsAny, type Post } from './posts';
import { refuse, type CampaignRuleCode, type CampaignRuleViolated } from './rules';

/** What became of a proposal. */
export type ProposalStatus = 'pending' | 'approved' | 'rejected';

/** A proposal as an aggregate keeps it. */
export interface Proposal<A> {
  readonly proposalId: string;
  readonly action: A;
  readonly proposedBy: string;
  readonly status: ProposalStatus;
}

/** How one aggregate speaks of its proposals: its rule codes. */
export interface FourEyesRules {
  /** The actor may not propose (not office staff). */
  readonly proposerNotOffice: CampaignRuleCode;
  /** The actor may not approve or reject (neither the office head nor a leading-group member). */
  readonly approverNotEntitled: CampaignRuleCode;
  /** The actor proposed it. */
  readonly approverIsProposer: CampaignRuleCode;
  /** The proposal id is taken. */
  readonly exists: CampaignRuleCode;
  /** A proposal about the same matter is pending. */
  readonly pending: CampaignRuleCode;
  readonly unknown: CampaignRuleCode;
  /** Already approved or rejected. */
  readonly decided: CampaignRuleCode;
}

/** Who proposes: office staff. */
export const PROPOSERS: readonly Post[] = ['campaign_office'];
/** The leading group's posts: any member approves. */
export const LEADING_GROUP: readonly Post[] = ['leading_group_leader', 'leading_group_deputy', 'leading_group_member'];

/** Whether the actor is office staff (may propose). */
export const mayPropose = (actor: Actor): boolean => holdsAny(actor.posts, PROPOSERS);

/** Whether the actor may approve or reject: the office head, or a member of the leading group. */
export const mayApprove = (actor: Actor): boolean =>
  holdsAny(actor.posts, LEADING_GROUP) || (holdsAny(actor.posts, ['campaign_office']) && holdsAny(actor.posts, ['department_head']));

/** The proposer's right: office staff (`rules.proposerNotOffice`). */
export const proposerRight = (rules: FourEyesRules, actor: Actor, what: string): PolicyVerdict =>
  mayPropose(actor)
  || deny(rules.proposerNotOffice, `"${actor.id}" lacks the right to propose ${what}: it is proposed by office staff (${PROPOSERS.join(', ')})`);

/**
 * The approver's right (`rules.approverNotEntitled`), and four eyes (`rules.approverIsProposer`):
 * the proposal's own proposer never approves or rejects it.
 */
export const approverRight = (rules: FourEyesRules, actor: Actor, what: string, proposal: Proposal<unknown> | undefined): PolicyVerdict => {
  if (!mayApprove(actor)) {
    return deny(rules.approverNotEntitled,
      `"${actor.id}" lacks the right to decide on ${what}: it is approved by the office head (department_head of the campaign office) or a member of the leading group`);
  }
  if (proposal !== undefined && proposal.proposedBy === actor.id) {
    return deny(rules.approverIsProposer, `"${actor.id}" proposed ${what} and may not decide on it: the approver is never the proposer`);
  }
  return true;
};

/** Why a new proposal is refused (its id is taken, or the same matter is pending), or undefined. */
export const refuseProposal = <A>(
  rules: FourEyesRules, proposals: ReadonlyMap<string, Proposal<A>>, proposalId: string, matter: string, matterOf: (a: A) => string,
): E.Either<CampaignRuleViolated, never> | undefined => {
  if (proposals.has(proposalId)) return refuse(rules.exists, `proposal "${proposalId}" already exists`);
  const rival = [...proposals.values()].find((p) => p.status === 'pending' && matterOf(p.action) === matter);
  if (rival !== undefined) return refuse(rules.pending, `proposal "${rival.proposalId}" about ${matter} is pending; approve or reject it first`);
  return undefined;
};

/** The pending proposal an approval or a rejection decides, or why there is none. */
export const pendingProposal = <A>(rules: FourEyesRules, proposals: ReadonlyMap<string, Proposal<A>>, proposalId: string): E.Either<CampaignRuleViolated, Proposal<A>> => {
  const p = proposals.get(proposalId);
  if (p === undefined) return refuse(rules.unknown, `no proposal "${proposalId}"`);
  if (p.status !== 'pending') return refuse(rules.decided, `proposal "${proposalId}" was already ${p.status}`);
  return E.right(p);
};

/** The proposals after one was decided (unchanged when there is no such proposal or none given). */
export const settleProposal = <A>(proposals: ReadonlyMap<string, Proposal<A>>, proposalId: string | undefined, status: 'approved' | 'rejected'): ReadonlyMap<string, Proposal<A>> => {
  const p = proposalId === undefined ? undefined : proposals.get(proposalId);
  return p ? new Map(proposals).set(p.proposalId, { ...p, status }) : proposals;
};

/** Who proposed and who approved, as the decision's event records them. */
export interface Approval {
  readonly proposalId: string;
  readonly proposedBy: string;
  readonly approvedBy: string;
}

/** The three commands of four eyes, as an aggregate's decider sees them. */
export type FourEyesCommand<A> =
  | { readonly type: 'propose'; readonly proposalId: string; readonly action: A }
  | { readonly type: 'approve'; readonly proposalId: string }
  | { readonly type: 'reject'; readonly proposalId: string; readonly reason: string };

/** How one aggregate takes a decision and writes its proposals down. */
export interface FourEyesDecisions<A, Ev> {
  /** What a proposal is about: one pending proposal per matter. */
  readonly matterOf: (a: A) => string;
  /** The events of the decision, or why it cannot be taken now (checked on proposal and again on approval). */
  readonly decide: (a: A, approval: Approval) => E.Either<LedgerError, readonly Ev[]>;
  readonly proposed: (proposalId: string, action: A, proposedBy: string) => Ev;
  readonly rejected: (proposalId: string, rejectedBy: string, reason: string) => Ev;
}

/**
 * Decides `propose` (the decision must be possible now; it is recorded as pending), `approve` (the
 * decision's own events, recording proposer and approver) and `reject`. The rights are the policy's.
 */
export const decideFourEyes = <A, Ev>(
  rules: FourEyesRules, c: FourEyesCommand<A>, proposals: ReadonlyMap<string, Proposal<A>>, actorId: string, d: FourEyesDecisions<A, Ev>,
): E.Either<LedgerError, readonly Ev[]> => {
  if (c.type === 'propose') {
    const refused = refuseProposal(rules, proposals, c.proposalId, d.matterOf(c.action), d.matterOf);
    if (refused) return refused;
    const now = d.decide(c.action, { proposalId: c.proposalId, proposedBy: actorId, approvedBy: actorId });
    return E.isLeft(now) ? now : E.right([d.proposed(c.proposalId, c.action, actorId)]);
  }
  const p = pendingProposal(rules, proposals, c.proposalId);
  if (E.isLeft(p)) return p;
  return c.type === 'approve'
    ? d.decide(p.right.action, { proposalId: c.proposalId, proposedBy: p.right.proposedBy, approvedBy: actorId })
    : E.right([d.rejected(c.proposalId, actorId, c.reason)]);
};
