/**
 * The one extension workflow of the campaign, used by a Problem's measures and by a Task: a
 * deadline moves only when an extension requested before it (by the trusted clock), for a later
 * date, is granted; each request is decided once. The aggregate names its rule codes and its
 * words for the deadline; the checks and their order are the same everywhere.
 */
import * as E from 'fp-ts/Either';
import { refuse, type CampaignRuleCode, type CampaignRuleViolated } from './rules';
import { onOrBefore } from './time';

/** What became of an extension request. */
export type ExtensionDecision = 'pending' | 'granted' | 'denied';

/** An extension request as an aggregate keeps it. */
export interface ExtensionRequest {
  readonly requestId: string;
  readonly decision: ExtensionDecision;
}

/** How one aggregate speaks of its extensions: its rule codes and its word for the deadline. */
export interface ExtensionRules {
  /** `deadline` (a measure's) or `due date` (a task's). */
  readonly term: string;
  /** The key of the deadline in a refusal's details. */
  readonly detail: string;
  readonly afterDeadline: CampaignRuleCode;
  readonly duplicate: CampaignRuleCode;
  readonly pending: CampaignRuleCode;
  readonly notLater: CampaignRuleCode;
  readonly unknown: CampaignRuleCode;
  readonly decided: CampaignRuleCode;
}

/** A new request, and what it competes with. */
export interface NewRequest<X extends ExtensionRequest> {
  readonly requestId: string;
  /** The date asked for. */
  readonly requested: string;
  /** The deadline now. */
  readonly current: string;
  readonly recordedAt: string;
  readonly utcOffsetMinutes: number;
  readonly requests: ReadonlyMap<string, X>;
  /** Whether an existing request blocks this one while it is pending. */
  readonly competes: (x: X) => boolean;
  /** The refusal's message when a competing request is pending. */
  readonly competing: string;
}

/** Why a new extension request is refused, or undefined when it may be made. */
export const refuseRequest = <X extends ExtensionRequest>(rules: ExtensionRules, r: NewRequest<X>): E.Either<CampaignRuleViolated, never> | undefined => {
  if (!onOrBefore(r.recordedAt, r.current, r.utcOffsetMinutes)) {
    return refuse(rules.afterDeadline, `the ${rules.term} ${r.current} has passed; an extension must be requested before it`, { [rules.detail]: r.current, recordedAt: r.recordedAt });
  }
  if (r.requests.has(r.requestId)) return refuse(rules.duplicate, `request "${r.requestId}" already exists`);
  if ([...r.requests.values()].some((x) => r.competes(x) && x.decision === 'pending')) return refuse(rules.pending, r.competing);
  if (r.requested <= r.current) return refuse(rules.notLater, `the requested ${rules.term} ${r.requested} is not after ${r.current}`);
  return undefined;
};

/** The pending request a grant or a denial decides, or why there is none. */
export const pendingRequest = <X extends ExtensionRequest>(rules: ExtensionRules, requests: ReadonlyMap<string, X>, requestId: string): E.Either<CampaignRuleViolated, X> => {
  const x = requests.get(requestId);
  if (x === undefined) return refuse(rules.unknown, `no extension request "${requestId}"`);
  if (x.decision !== 'pending') return refuse(rules.decided, `request "${requestId}" was already ${x.decision}`);
  return E.right(x);
};

/** The requests after one was decided (unchanged when there is no such request). */
export const settle = <X extends ExtensionRequest>(requests: ReadonlyMap<string, X>, requestId: string, decision: 'granted' | 'denied'): ReadonlyMap<string, X> => {
  const x = requests.get(requestId);
  return x ? new Map(requests).set(requestId, { ...x, decision }) : requests;
};
