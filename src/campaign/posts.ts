/**
 * The post vocabulary: what a person may hold, and therefore what they may do. Policies name
 * posts, never people. Posts come from two places and are merged when a command is handled:
 *
 * Standing posts, recorded in the Organization and held in the person's own unit:
 * - `system` — the system account: administers the organization and runs the reactions.
 * - `court_president` — 院长, the head of a court (the usual 一把手).
 * - `court_leadership` — 班子成员, a member of a court's leadership team (分管领导, "one post, two responsibilities").
 * - `department_head` — head of the person's department.
 * - `staff` — 干警, a member of the person's department.
 * - `verifier` — holds verifier authority: may verify (or return) a problem's rectification.
 * - `inspection_office` — 督查, runs routine and unannounced inspections and spot checks.
 * - `discipline_office` — 纪检监察, establishes facts and decides sanctions in accountability cases.
 * - `court_office` — 各院办公室, the office of the person's own court: keeps that court's problem
 *   ledger (registers, assigns, closes off its problems). The host court's office holds
 *   `campaign_office` instead and supervises every court's ledger.
 *
 * Campaign roles, recorded in the Campaign stream (they exist only for that campaign):
 * - `leading_group_leader`, `leading_group_deputy`, `leading_group_member` — 领导小组 组长 / 副组长 / 成员.
 * - `campaign_office` — 领导小组办公室 (hosted by a unit, e.g. 市中院办公室 or 审管办): every person of
 *   the host unit holds it. It issues tasks, keeps the ledger and follows up (督查督办).
 * - `first_responsible` — 第一责任人, the one person designated for a court (scope: that court).
 */
import * as t from 'io-ts';

/** Posts recorded in the Organization. */
export const STANDING_POSTS = [
  'system', 'court_president', 'court_leadership', 'department_head', 'staff', 'verifier', 'inspection_office', 'discipline_office',
  'court_office',
] as const;

/** Roles that a Campaign confers. */
export const CAMPAIGN_ROLES = [
  'leading_group_leader', 'leading_group_deputy', 'leading_group_member', 'campaign_office', 'first_responsible',
] as const;

/** A post recorded in the Organization. */
export type StandingPost = (typeof STANDING_POSTS)[number];
/** A role conferred by a Campaign. */
export type CampaignRole = (typeof CAMPAIGN_ROLES)[number];
/** Any post an actor can hold. */
export type Post = StandingPost | CampaignRole;

/** io-ts codec of a {@link StandingPost}. */
export const StandingPostCodec = t.keyof(
  Object.fromEntries(STANDING_POSTS.map((p) => [p, null])) as Record<StandingPost, null>,
  'StandingPost',
);

/** Whether an actor's posts include one of `wanted` or more. */
export const holdsAny = (posts: readonly string[], wanted: readonly Post[]): boolean => wanted.some((p) => posts.includes(p));

/** Posts of the leading group that may decide on its behalf (leader and deputies). */
export const LEADERS: readonly Post[] = ['leading_group_leader', 'leading_group_deputy'];
