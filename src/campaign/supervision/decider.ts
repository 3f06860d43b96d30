/**
 * The supervision item's rules: each step follows the one before it (拟办 → 立项 → 审批 → 交办 → 签收 →
 * 办理/反馈 → 复核 → 办结, 退回 back to 办理); the deadline is a future day — a working day when the
 * campaign counts working days; the units exist and the lead unit is not also a co-responsible one;
 * one feedback per period of the schedule set at 交办 (the final one asks for review at any time);
 * nothing is done to a closed item, not even a reminder.
 */
import * as E from 'fp-ts/Either';
import type { DecisionContext } from '../../eventsourcing/decider';
import type { LedgerError } from '../../eventsourcing/errors';
import { requireLaunched, type AggregateSpec, type DomainEnv } from '../aggregate';
import { refuseDeadline } from '../calendar';
import { unitKey, type UnitRef } from '../codecs';
import { ev } from '../define';
import { hasDepartment } from '../organization/state';
import { accept, refuse } from '../rules';
import { localDate } from '../time';
import type { SupervisionCommand } from './commands';
import { supervisionEvents as SE, type SupervisionEvent } from './events';
import { supervisionPolicy } from './policy';
import { periodDue, periodOn } from './schedule';
import { evolveSupervision, initialSupervision, type SupervisionState, type SupervisionStatus } from './state';

export { evolveSupervision, initialSupervision, type SupervisionState };

const LABEL: Record<SupervisionStatus, string> = {
  none: 'not proposed', proposed: 'proposed (拟办)', opened: 'opened (立项)', approved: 'approved (审批)', assigned: 'assigned (交办)',
  handling: 'in hand (办理)', under_review: 'under review (复核)', reviewed: 'reviewed', closed: 'closed (办结)',
};

const step = (s: SupervisionState, expected: SupervisionStatus, what: string) =>
  s.status === expected ? undefined
    : refuse('supervision.step.out_of_order', `${what} needs an item ${LABEL[expected]}; item "${s.proposal?.itemId ?? '?'}" is ${LABEL[s.status]}`, { status: s.status });

const unknownUnit = (env: DomainEnv, u: UnitRef) =>
  (u.department === undefined ? !env.org.courts.has(u.courtId) : !hasDepartment(env.org, u.courtId, u.department));

/** Decides a supervision item command (after the precheck and the policy). */
export const decideSupervision = (c: SupervisionCommand, s: SupervisionState, ctx: DecisionContext, env: DomainEnv) => {
  const today = localDate(ctx.recordedAt, env.campaign.utcOffsetMinutes);
  const by = ctx.actor.id;
  switch (c.type) {
    case 'propose': {
      if (s.status !== 'none') return refuse('supervision.already_proposed', `supervision item "${c.itemId}" already exists`);
      if (c.source.kind === 'leader_instruction' && env.org.people.get(c.source.givenBy)?.active !== true) {
        return refuse('supervision.source.unknown_person', `the instruction's author "${c.source.givenBy}" is no active person`);
      }
      const { type: _t, ...data } = c;
      return accept(ev(SE.proposed, { ...data, proposedBy: by }));
    }
    case 'open':
      return step(s, 'proposed', 'opening') ?? accept(ev(SE.opened, {
        itemId: c.itemId, office: c.office, year: c.year, sequence: c.sequence, number: c.number, openedBy: by,
      }));
    case 'approve':
      return step(s, 'opened', 'approval') ?? accept(ev(SE.approved, { itemId: c.itemId, approvedBy: by, ...(c.note === undefined ? {} : { note: c.note }) }));
    case 'assign': {
      const wrong = step(s, 'approved', 'assignment');
      if (wrong) return wrong;
      const co = c.co ?? [];
      const unknown = [c.lead, ...co].find((u) => unknownUnit(env, u));
      if (unknown) return refuse('supervision.unit.unknown', `no unit ${unitKey(unknown)}`, { unit: unitKey(unknown) });
      if (co.some((u) => unitKey(u) === unitKey(c.lead))) return refuse('supervision.unit.lead_and_co', `${unitKey(c.lead)} is both the lead and a co-responsible unit`);
      if (new Set(co.map(unitKey)).size !== co.length) return refuse('supervision.unit.lead_and_co', 'a co-responsible unit is named twice');
      if (c.deadline < today) return refuse('supervision.deadline.in_past', `the deadline ${c.deadline} has already passed (today is ${today})`);
      return refuseDeadline(c.deadline, env.campaign.dayCount) ?? accept(ev(SE.assigned, {
        itemId: c.itemId, lead: c.lead, co, deadline: c.deadline, feedbackEveryDays: c.feedbackEveryDays, assignedOn: today, assignedBy: by,
      }));
    }
    case 'receive':
      return step(s, 'assigned', 'receipt') ?? accept(ev(SE.received, { itemId: c.itemId, receivedBy: by, receivedOn: today }));
    case 'giveFeedback': {
      const wrong = step(s, 'handling', 'feedback');
      if (wrong || s.assignment === undefined) return wrong ?? refuse('supervision.step.out_of_order', 'the item is not assigned');
      const period = periodOn(s.assignment, today, env.campaign.dayCount);
      if (c.final !== true && period <= s.lastPeriod) {
        const next = periodDue(s.assignment, s.lastPeriod, env.campaign.dayCount);
        return refuse('supervision.feedback.off_schedule',
          `feedback for period ${period} of the schedule (every ${s.assignment.feedbackEveryDays} ${env.campaign.dayCount} days) was already given; the next period begins after ${next}`,
          { period, next });
      }
      return accept(ev(SE.feedbackGiven, { itemId: c.itemId, period, summary: c.summary, final: c.final === true, givenBy: by, givenOn: today }));
    }
    case 'review': {
      const wrong = s.status === 'under_review' ? undefined : refuse('supervision.review.not_requested', `item "${c.itemId}" has no final feedback to review (it is ${LABEL[s.status]})`);
      if (wrong) return wrong;
      return c.outcome === 'passed'
        ? accept(ev(SE.reviewPassed, { itemId: c.itemId, reviewedBy: by, ...(c.note === undefined ? {} : { note: c.note }) }))
        : accept(ev(SE.returned, { itemId: c.itemId, reviewedBy: by, reason: c.reason }));
    }
    case 'close':
      if (s.status !== 'reviewed') return refuse('supervision.close.not_reviewed', `item "${c.itemId}" is ${LABEL[s.status]}; it closes only after its review passed`);
      return accept(ev(SE.closed, { itemId: c.itemId, closedBy: by, closedOn: today, ...(c.note === undefined ? {} : { note: c.note }) }));
    case 'remind':
    case 'warn': {
      const a = s.assignment;
      if (a === undefined) return refuse('supervision.not_assigned', `item "${c.itemId}" is not assigned to anyone yet`);
      return c.type === 'remind'
        ? accept(ev(SE.reminded, { itemId: c.itemId, remindedUnit: a.lead, remindedBy: by, rule: c.rule, day: today, ...(c.note === undefined ? {} : { note: c.note }) }))
        : accept(ev(SE.warned, { itemId: c.itemId, colour: c.colour, warnedUnit: a.lead, warnedBy: by, rule: c.rule, day: today }));
    }
  }
};

/** Before the policy: the campaign is launched, the item exists and is not closed. */
export const precheckSupervision = (c: SupervisionCommand, s: SupervisionState, env: DomainEnv): E.Either<LedgerError, never> | undefined => {
  const notLaunched = requireLaunched(env);
  if (notLaunched) return notLaunched;
  if (c.type === 'propose') return undefined;
  if (s.status === 'none') return refuse('supervision.not_found', `no supervision item "${c.itemId}"`);
  if (s.status === 'closed') return refuse('supervision.closed', `supervision item "${c.itemId}" (${s.opening?.number ?? c.itemId}) is closed (办结 on ${s.closedOn ?? '?'})`);
  return undefined;
};

/** The supervision item aggregate. */
export const supervisionAggregate: AggregateSpec<SupervisionCommand, SupervisionState, SupervisionEvent, DomainEnv> = {
  name: 'supervision',
  initialState: initialSupervision,
  evolve: evolveSupervision,
  decide: decideSupervision,
  policy: supervisionPolicy,
  precheck: precheckSupervision,
};
