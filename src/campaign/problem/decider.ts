/**
 * The Problem's rules. The central one: a problem closes only when all its measures are done, it
 * has rectification evidence (since it was last reopened), and it was verified by someone with
 * verifier authority who is independent of it (the policy's `problem.verify.not_independent`).
 * A measure's deadline moves only through an extension requested before it (trusted clock).
 * Withdrawing, closing off and granting an extension take four eyes (`four-eyes.ts`): proposed,
 * then approved by someone else, the decision's rules checked both times.
 * Nothing is edited: corrections are `problem.corrected` events with a reason.
 */
import { refuseDeadline } from '../calendar';
import * as E from 'fp-ts/Either';
import type { DecisionContext } from '../../eventsourcing/decider';
import { requireLaunched, type AggregateSpec, type DomainEnv } from '../aggregate';
import { accept, refuse } from '../rules';
import { ev } from '../define';
import type { ProblemRuleCode } from '../rules';
import { hasDepartment } from '../organization/state';
import { localDate } from '../time';
import { pendingRequest, refuseRequest, type ExtensionRules } from '../extensions';
import { decideFourEyes, type Approval } from '../four-eyes';
import type { ProblemCommand } from './commands';
import { problemEvents as PE, type ProblemAction, type ProblemEvent } from './events';
import { PROBLEM_RIGHTS, problemPolicy } from './policy';
import { evolveProblem, initialProblem, overdueMeasures, problemDeadline, type NoProblem, type ProblemState, type ProblemStatus, type WithdrawnProblem } from './state';

export { evolveProblem, initialProblem, overdueMeasures, type ProblemState };

type Cmd<K extends ProblemCommand['type']> = Extract<ProblemCommand, { type: K }>;

const decideIdentify = (c: Cmd<'identify'>, s: ProblemState, env: DomainEnv) => {
  if (s.status !== 'none') return refuse('problem.already_identified', `problem "${c.problemId}" already exists`);
  if (!env.org.courts.has(c.courtId)) return refuse('problem.court.unknown', `no court "${c.courtId}"`, { courtId: c.courtId });
  if (c.department !== undefined && !hasDepartment(env.org, c.courtId, c.department)) {
    return refuse('problem.department.unknown', `court "${c.courtId}" has no department "${c.department}"`);
  }
  if ((c.source === 'routine_inspection' || c.source === 'unannounced_inspection') && c.inspectionId === undefined) {
    return refuse('problem.source.inspection_required', `a problem from a ${c.source.replace('_', ' ')} names its inspection`);
  }
  if (c.findingId !== undefined && c.inspectionId === undefined) return refuse('problem.source.inspection_required', 'a finding belongs to an inspection');
  const { type: _t, evidence = [], ...rest } = c;
  return accept(ev(PE.identified, { ...rest, evidence }));
};

const decideAssign = (c: Cmd<'assignResponsibility'>, s: LiveProblem, env: DomainEnv) => {
  const courtId = s.details.courtId;
  if (!hasDepartment(env.org, courtId, c.department)) return refuse('problem.department.unknown', `court "${courtId}" has no department "${c.department}"`);
  const leader = env.org.people.get(c.leaderId);
  if (!leader?.active || leader.courtId !== courtId || !(leader.posts.has('court_president') || leader.posts.has('court_leadership'))) {
    return refuse('problem.responsibility.leader_invalid', `"${c.leaderId}" is not an active court_president or court_leadership member of court "${courtId}"`);
  }
  const person = env.org.people.get(c.personId);
  if (!person?.active || person.courtId !== courtId || person.department !== c.department) {
    return refuse('problem.responsibility.person_not_in_department', `"${c.personId}" is not an active member of ${courtId}/${c.department}`);
  }
  const r = s.responsibility;
  if (r && r.leaderId === c.leaderId && r.department === c.department && r.personId === c.personId) {
    return refuse('problem.responsibility.unchanged', 'this responsibility is already assigned');
  }
  return accept(ev(PE.responsibilityAssigned, { problemId: c.problemId, leaderId: c.leaderId, courtId, department: c.department, personId: c.personId }));
};

/** Why a problem cannot be closed yet. */
export type ClosureBlocker = 'no_responsibility' | 'no_measures' | 'measures_not_done' | 'no_evidence' | 'milestones_pending';

/** What still stands between the problem and its closure (empty when nothing). */
export const closureBlockers = (s: ProblemState): { rule: ClosureBlocker; message: string }[] => {
  const out: { rule: ClosureBlocker; message: string }[] = [];
  if (s.responsibility === undefined) out.push({ rule: 'no_responsibility', message: 'no responsible leader, department and person assigned' });
  if (s.measures.size === 0) out.push({ rule: 'no_measures', message: 'no measures planned' });
  const pending = [...s.measures.values()].filter((m) => !m.done).map((m) => m.measureId);
  if (pending.length > 0) out.push({ rule: 'measures_not_done', message: `measures not done: ${pending.join(', ')}` });
  if (s.freshEvidence === 0) out.push({ rule: 'no_evidence', message: s.timesReopened > 0 ? 'no evidence attached since it was reopened' : 'no rectification evidence attached' });
  const milestones = [...(s.longTerm?.milestones.values() ?? [])].filter((m) => !m.reached).map((m) => m.milestoneId);
  if (milestones.length > 0) out.push({ rule: 'milestones_pending', message: `milestones not reached: ${milestones.join(', ')}` });
  return out;
};

/** The refusal of each blocker, when closure is requested and when the problem is closed. */
const BLOCKED: Record<ClosureBlocker, { readonly closure: ProblemRuleCode; readonly close: ProblemRuleCode }> = {
  no_responsibility: { closure: 'problem.closure.no_responsibility', close: 'problem.close.no_responsibility' },
  no_measures: { closure: 'problem.closure.no_measures', close: 'problem.close.no_measures' },
  measures_not_done: { closure: 'problem.closure.measures_not_done', close: 'problem.close.measures_not_done' },
  no_evidence: { closure: 'problem.closure.no_evidence', close: 'problem.close.no_evidence' },
  milestones_pending: { closure: 'problem.closure.milestones_pending', close: 'problem.close.milestones_pending' },
};

const blocked = (s: ProblemState, step: 'closure' | 'close') => {
  const b = closureBlockers(s)[0];
  return b ? refuse(BLOCKED[b.rule][step], `problem cannot be ${step === 'close' ? 'closed' : 'put up for closure'}: ${b.message}`) : undefined;
};

/** The extension workflow of a measure. */
const EXTENSIONS: ExtensionRules = {
  term: 'deadline', detail: 'deadline',
  afterDeadline: 'problem.extension.after_deadline', duplicate: 'problem.extension.duplicate_request', pending: 'problem.extension.pending',
  notLater: 'problem.extension.not_later', unknown: 'problem.extension.unknown_request', decided: 'problem.extension.already_decided',
};

const decideMeasures = (c: Cmd<'planMeasure' | 'completeMeasure' | 'requestExtension' | 'denyExtension'>, s: LiveProblem, ctx: DecisionContext, env: DomainEnv) => {
  const today = localDate(ctx.recordedAt, env.campaign.utcOffsetMinutes);
  switch (c.type) {
    case 'planMeasure':
      if (s.measures.has(c.measureId)) return refuse('problem.measure.exists', `measure "${c.measureId}" already exists`);
      if (c.deadline < today) return refuse('problem.measure.deadline_in_past', `the deadline ${c.deadline} has already passed (today is ${today})`);
      return refuseDeadline(c.deadline, env.campaign.dayCount)
        ?? accept(ev(PE.measurePlanned, { problemId: c.problemId, measureId: c.measureId, content: c.content, deadline: c.deadline }));
    case 'completeMeasure': {
      const m = s.measures.get(c.measureId);
      if (!m) return refuse('problem.measure.unknown', `no measure "${c.measureId}"`);
      if (m.done) return refuse('problem.measure.already_done', `measure "${c.measureId}" is already done`);
      return accept(ev(PE.measureCompleted, { problemId: c.problemId, measureId: c.measureId, note: c.note, completedBy: ctx.actor.id }));
    }
    case 'requestExtension': {
      const m = s.measures.get(c.measureId);
      if (!m) return refuse('problem.measure.unknown', `no measure "${c.measureId}"`);
      if (m.done) return refuse('problem.measure.already_done', `measure "${c.measureId}" is already done`);
      const refused = refuseRequest(EXTENSIONS, {
        requestId: c.requestId, requested: c.requestedDeadline, current: m.deadline, recordedAt: ctx.recordedAt, utcOffsetMinutes: env.campaign.utcOffsetMinutes,
        requests: s.extensions, competes: (x) => x.measureId === c.measureId, competing: `an extension of measure "${c.measureId}" is already pending`,
      });
      if (refused) return refused;
      return accept(ev(PE.extensionRequested, {
        problemId: c.problemId, measureId: c.measureId, requestId: c.requestId, currentDeadline: m.deadline, requestedDeadline: c.requestedDeadline, reason: c.reason,
      }));
    }
    case 'denyExtension': {
      const pending = pendingRequest(EXTENSIONS, s.extensions, c.requestId);
      if (E.isLeft(pending)) return pending;
      return accept(ev(PE.extensionDenied, { problemId: c.problemId, measureId: pending.right.measureId, requestId: c.requestId, reason: c.reason }));
    }
  }
};

/** What a proposal is about: one pending proposal per matter (the withdrawal, the closure, one extension request). */
export const problemMatter = (a: ProblemAction): string => (a.kind === 'grant_extension' ? `extension ${a.requestId}` : a.kind);

/** The statuses in which each decision may be taken, and the refusal's own code where it has one. */
const ACTION_STATUS: Record<ProblemAction['kind'], { readonly allowed: readonly ProblemStatus[]; readonly rule?: ProblemRuleCode }> = {
  withdraw: { allowed: ['open', 'closure_requested', 'verified'] },
  close: { allowed: ['verified'], rule: 'problem.close.not_verified' },
  grant_extension: { allowed: ['open'] },
};

/**
 * The events of a decision taken with four eyes, or why it cannot be taken now: checked when it is
 * proposed (the events are then dropped) and again when it is approved.
 */
const decideAction = (a: ProblemAction, s: LiveProblem, approval: Approval) => {
  const { allowed, rule } = ACTION_STATUS[a.kind];
  if (!allowed.includes(s.status)) {
    return refuse(rule ?? IN_STATUS[s.status], `problem "${s.details.problemId}" is ${s.status.replace('_', ' ')}; to ${a.kind.replace('_', ' ')} it needs it ${allowed.join(' or ').replace(/_/g, ' ')}`);
  }
  const problemId = s.details.problemId;
  switch (a.kind) {
    case 'withdraw':
      return accept(ev(PE.withdrawn, { problemId, reason: a.reason, ...approval }));
    case 'close': {
      const v = s.verification;
      if (v === undefined) return refuse('problem.close.not_verified', 'the rectification has not been verified');
      return blocked(s, 'close') ?? accept(ev(PE.closed, { problemId, verifierId: v.verifierId, ...approval }));
    }
    case 'grant_extension': {
      const pending = pendingRequest(EXTENSIONS, s.extensions, a.requestId);
      if (E.isLeft(pending)) return pending;
      const x = pending.right;
      const m = s.measures.get(x.measureId);
      return accept(ev(PE.extensionGranted, {
        problemId, measureId: x.measureId, requestId: a.requestId, previousDeadline: m?.deadline ?? x.currentDeadline, newDeadline: x.requestedDeadline, ...approval,
      }));
    }
  }
};

const decideProposals = (c: Cmd<'propose' | 'approve' | 'reject'>, s: LiveProblem, ctx: DecisionContext) =>
  decideFourEyes<ProblemAction, ProblemEvent>(PROBLEM_RIGHTS, c, s.proposals, ctx.actor.id, {
    matterOf: problemMatter,
    decide: (a, approval) => decideAction(a, s, approval),
    proposed: (proposalId, action, proposedBy) => ev(PE.decisionProposed, { problemId: c.problemId, proposalId, action, proposedBy }),
    rejected: (proposalId, rejectedBy, reason) => ev(PE.proposalRejected, { problemId: c.problemId, proposalId, rejectedBy, reason }),
  });

/** A problem that exists and is not withdrawn (the precheck refuses the others). */
type LiveProblem = Exclude<ProblemState, NoProblem | WithdrawnProblem>;

/** The statuses in which each command may run (`identify` creates the problem). */
const ALLOWED: Record<Exclude<ProblemCommand['type'], 'identify'>, readonly ProblemStatus[]> = {
  register: ['open', 'closure_requested', 'verified', 'closed'],
  assignResponsibility: ['open'],
  planMeasure: ['open'], completeMeasure: ['open'], recordProgress: ['open', 'closure_requested'],
  attachEvidence: ['open', 'closure_requested'], requestExtension: ['open'], denyExtension: ['open'],
  requestClosure: ['open'], verify: ['closure_requested'], returnVerification: ['closure_requested'],
  reopen: ['closed'], markLongTerm: ['open'], reachMilestone: ['open'], correct: ['open', 'closure_requested', 'verified', 'closed'],
  carryOver: ['open', 'closure_requested', 'verified'],
  // Each decision checks its own statuses (ACTION_STATUS); a proposal is rejected whatever the status.
  propose: ['open', 'closure_requested', 'verified', 'closed'], approve: ['open', 'closure_requested', 'verified', 'closed'],
  reject: ['open', 'closure_requested', 'verified', 'closed'],
  returnHandling: ['closure_requested', 'verified', 'closed'], spotCheck: ['open', 'closure_requested', 'verified', 'closed'],
  takeOver: ['open', 'closure_requested', 'verified'],
};

/** The refusal of a command in a status it may not run in: its own code where it has one, else the status's. */
const STATE_RULES: Partial<Record<ProblemCommand['type'], ProblemRuleCode>> = {
  verify: 'problem.verify.not_requested', returnVerification: 'problem.verify.not_requested',
  reopen: 'problem.reopen.not_closed', carryOver: 'problem.carry_over.settled',
};
const IN_STATUS: Record<ProblemStatus, ProblemRuleCode> = {
  none: 'problem.not_found', open: 'problem.open', closure_requested: 'problem.closure_requested', verified: 'problem.verified',
  closed: 'problem.closed', withdrawn: 'problem.withdrawn',
};

/**
 * 结转: from the year the problem is in (the last it was carried into, else any year of the
 * campaign before it was carried) to the next year, within the campaign's years, at the turn of
 * the year (today is in December of the first year or in the next year).
 */
const decideCarryOver = (c: Extract<ProblemCommand, { type: 'carryOver' }>, s: LiveProblem, ctx: DecisionContext, env: DomainEnv) => {
  const today = localDate(ctx.recordedAt, env.campaign.utcOffsetMinutes);
  const year = Number(today.slice(0, 4));
  const current = s.carriedInto?.at(-1);
  const turn = (year === c.fromYear && today.slice(5, 7) === '12') || year === c.toYear;
  if (c.toYear !== c.fromYear + 1 || (current !== undefined && c.fromYear !== current) || !turn) {
    return refuse('problem.carry_over.year', `problem "${c.problemId}" is carried from the year it is in${current === undefined ? '' : ` (${current})`} to the next, at the turn of that year (today is ${today})`,
      { fromYear: c.fromYear, toYear: c.toYear, ...(current === undefined ? {} : { current }) });
  }
  if (c.fromYear < env.campaign.startYear || c.toYear > env.campaign.endYear) {
    return refuse('problem.carry_over.beyond_campaign', `the campaign runs from ${env.campaign.startYear} to ${env.campaign.endYear}`);
  }
  const deadline = problemDeadline(s);
  return accept(ev(PE.carriedOver, {
    problemId: c.problemId, fromYear: c.fromYear, toYear: c.toYear, status: s.longTerm === undefined ? s.status : 'long_term', reason: c.reason,
    carriedBy: ctx.actor.id, ...(deadline === undefined ? {} : { deadline }),
  }));
};

const isLive = (s: ProblemState): s is LiveProblem => s.status !== 'none' && s.status !== 'withdrawn';

/** Decides a Problem command. */
export const decideProblem = (c: ProblemCommand, s: ProblemState, ctx: DecisionContext, env: DomainEnv) => {
  if (c.type === 'identify') return decideIdentify(c, s, env);
  const allowed = ALLOWED[c.type];
  if (!allowed.includes(s.status) || !isLive(s)) {
    const rule = STATE_RULES[c.type] ?? IN_STATUS[s.status];
    return refuse(rule, `problem "${c.problemId}" is ${s.status.replace('_', ' ')}; ${c.type} needs it ${allowed.join(' or ').replace(/_/g, ' ')}`);
  }
  switch (c.type) {
    case 'register':
      if (s.ledgerNumber !== undefined) return refuse('problem.already_registered', `problem "${c.problemId}" is already registered as ${s.ledgerNumber}`);
      return accept(ev(PE.registered, { problemId: c.problemId, ledgerNumber: c.ledgerNumber, sequence: c.sequence }));
    case 'assignResponsibility':
      return decideAssign(c, s, env);
    case 'planMeasure': case 'completeMeasure': case 'requestExtension': case 'denyExtension':
      return decideMeasures(c, s, ctx, env);
    case 'recordProgress':
      if (c.measureId !== undefined && !s.measures.has(c.measureId)) return refuse('problem.measure.unknown', `no measure "${c.measureId}"`);
      return accept(ev(PE.progressRecorded, { problemId: c.problemId, note: c.note, ...(c.measureId === undefined ? {} : { measureId: c.measureId }) }));
    case 'attachEvidence':
      if (s.evidence.some((x) => x.sha256 === c.evidence.sha256)) return refuse('problem.evidence.duplicate', `evidence ${c.evidence.sha256} is already attached`);
      return accept(ev(PE.evidenceAttached, { problemId: c.problemId, evidence: c.evidence }));
    case 'requestClosure':
      return blocked(s, 'closure') ?? accept(ev(PE.closureRequested, { problemId: c.problemId, summary: c.summary }));
    case 'verify': {
      if (s.status !== 'closure_requested') return refuse('problem.verify.not_requested', `problem "${c.problemId}" is not put up for closure`);
      return accept(ev(PE.verified, { problemId: c.problemId, verifierId: ctx.actor.id, note: c.note }));
    }
    case 'returnVerification':
      return accept(ev(PE.verificationReturned, { problemId: c.problemId, verifierId: ctx.actor.id, reason: c.reason }));
    case 'reopen':
      return accept(ev(PE.reopened, { problemId: c.problemId, reason: c.reason, ...(c.inspectionId === undefined ? {} : { inspectionId: c.inspectionId }) }));
    case 'markLongTerm': {
      if (s.longTerm !== undefined) return refuse('problem.long_term.already', 'the problem is already long-term');
      const ids = c.milestones.map((m) => m.milestoneId);
      if (new Set(ids).size !== ids.length) return refuse('problem.long_term.duplicate_milestone', 'milestone ids repeat');
      const today = localDate(ctx.recordedAt, env.campaign.utcOffsetMinutes);
      const past = c.milestones.find((m) => m.due < today);
      if (past) return refuse('problem.long_term.milestone_in_past', `milestone "${past.milestoneId}" is due ${past.due}, already past`);
      return accept(ev(PE.markedLongTerm, { problemId: c.problemId, reason: c.reason, milestones: c.milestones }));
    }
    case 'reachMilestone': {
      const m = s.longTerm?.milestones.get(c.milestoneId);
      if (!m) return refuse('problem.long_term.unknown_milestone', `no milestone "${c.milestoneId}"`);
      if (m.reached) return refuse('problem.long_term.milestone_reached', `milestone "${c.milestoneId}" is already reached`);
      return accept(ev(PE.milestoneReached, { problemId: c.problemId, milestoneId: c.milestoneId, note: c.note }));
    }
    case 'carryOver':
      return decideCarryOver(c, s, ctx, env);
    case 'propose': case 'approve': case 'reject':
      return decideProposals(c, s, ctx);
    case 'correct': {
      const { type: _t, problemId, reason, ...changes } = c;
      const d = s.details;
      const real = Object.entries(changes).filter(([k, v]) => v !== undefined && (d as Record<string, unknown>)[k] !== v);
      if (real.length === 0) return refuse('problem.correct.nothing', 'the correction changes nothing');
      if (changes.department !== undefined && !hasDepartment(env.org, d.courtId, changes.department)) {
        return refuse('problem.department.unknown', `court "${d.courtId}" has no department "${changes.department}"`);
      }
      return accept(ev(PE.corrected, { problemId, reason, ...Object.fromEntries(real) }));
    }
    case 'returnHandling':
      return accept(ev(PE.handlingReturned, { problemId: c.problemId, courtId: s.details.courtId, reason: c.reason }));
    case 'spotCheck':
      if (s.spotChecks.some((x) => x.checkId === c.checkId)) return refuse('problem.spot_check.exists', `spot check "${c.checkId}" is already recorded`);
      return accept(ev(PE.spotChecked, { problemId: c.problemId, checkId: c.checkId, courtId: s.details.courtId, passed: c.passed, note: c.note }));
    case 'takeOver': {
      const host = env.campaign.organizerCourtId;
      if (s.takenOverBy !== undefined) return refuse('problem.take_over.already', `problem "${c.problemId}" was already taken over by court "${s.takenOverBy}"`);
      if (s.details.courtId === host) return refuse('problem.take_over.own_court', `problem "${c.problemId}" is the host court's own: its office keeps it already`);
      return accept(ev(PE.takenOver, { problemId: c.problemId, fromCourtId: s.details.courtId, byCourtId: host, reason: c.reason }));
    }
  }
};

/** Before the policy: the campaign is launched, the problem exists (and is not withdrawn). */
export const precheckProblem = (c: ProblemCommand, s: ProblemState, env: DomainEnv) => {
  const notLaunched = requireLaunched(env);
  if (notLaunched) return notLaunched;
  if (c.type === 'identify') return undefined;
  if (s.status === 'none') return refuse('problem.not_found', `problem "${c.problemId}" has not been identified`);
  if (s.status === 'withdrawn') return refuse('problem.withdrawn', `problem "${c.problemId}" was withdrawn`);
  return undefined;
};

/** The Problem aggregate. */
export const problemAggregate: AggregateSpec<ProblemCommand, ProblemState, ProblemEvent, DomainEnv> = {
  name: 'problem',
  initialState: initialProblem,
  evolve: evolveProblem,
  decide: decideProblem,
  policy: problemPolicy,
  precheck: precheckProblem,
};
