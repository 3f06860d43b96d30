/**
 * The follow-up's rules: nothing about a settled subject; one warning per colour and deadline; the
 * ladder is climbed one step at a time, in the campaign's order, only while the subject is
 * overdue, and no sooner than `stepEveryDays` (in the campaign's days) after the step before.
 */
import { requireLaunched, type AggregateSpec, type DomainEnv } from '../aggregate';
import { calendarFor } from '../calendar';
import { ev } from '../define';
import { accept, refuse } from '../rules';
import { localDate } from '../time';
import type { DecisionContext } from '../../eventsourcing/decider';
import type { FollowUpCommand } from './commands';
import { followUpEvents as FE, subjectId, type FollowUpEvent } from './events';
import { followUpPolicy } from './policy';
import { evolveFollowUp, initialFollowUp, lastStep, type FollowUpState } from './state';

export { evolveFollowUp, initialFollowUp, type FollowUpState };

/** Decides a follow-up command. */
export const decideFollowUp = (c: FollowUpCommand, s: FollowUpState, ctx: DecisionContext, env: DomainEnv) => {
  const f = c.facts;
  const name = `${c.subject.kind} "${subjectId(c.subject)}"`;
  if (f.settled) return refuse('follow_up.subject.closed', `${name} is settled; nothing more is followed up`);
  if (f.deadline === undefined) return refuse('follow_up.no_deadline', `${name} has no open deadline`);
  const day = localDate(ctx.recordedAt, env.campaign.utcOffsetMinutes);
  const who = { addressedTo: f.addressedTo, ...(f.personId === undefined ? {} : { personId: f.personId }) };
  if (c.type === 'warn') {
    if (s.warned.has(`${c.colour}@${f.deadline}`)) return refuse('follow_up.warning.already_given', `a ${c.colour} warning about ${name}'s deadline ${f.deadline} was already given`);
    const left = calendarFor(env.campaign.dayCount).daysBetween(day, f.deadline);
    if ((c.colour === 'red' && !f.overdue) || (c.colour === 'blue' && (left < 0 || left > env.campaign.followUp.approachingDays))) {
      return refuse('follow_up.warning.not_due', `a ${c.colour} warning about ${name} is not due on ${day} (deadline ${f.deadline}, ${left} ${env.campaign.dayCount} day(s) left)`);
    }
    return accept(ev(FE.warned, { subject: c.subject, colour: c.colour, rule: c.rule, deadline: f.deadline, day, ...who, givenBy: ctx.actor.id }));
  }
  if (!f.overdue) return refuse('follow_up.escalation.not_overdue', `${name} is not overdue (its deadline is ${f.deadline})`);
  const { ladder, stepEveryDays } = env.campaign.followUp;
  const last = lastStep(s);
  const next = ladder[last === undefined ? 0 : ladder.indexOf(last.step) + 1];
  if (next === undefined) return refuse('follow_up.escalation.complete', `${name} has gone through every step of the ladder (${ladder.join(' → ')})`);
  if (last !== undefined) {
    const since = calendarFor(env.campaign.dayCount).daysBetween(last.day, day);
    if (since < stepEveryDays) {
      return refuse('follow_up.escalation.too_soon', `the last step (${last.step}) was on ${last.day}; the next comes ${stepEveryDays} ${env.campaign.dayCount} day(s) later`);
    }
  }
  return accept(ev(FE.escalated, {
    subject: c.subject, step: next, rule: c.rule, deadline: f.deadline, day, ...who, givenBy: ctx.actor.id, ...(c.note === undefined ? {} : { note: c.note }),
  }));
};

/** The follow-up aggregate. */
export const followUpAggregate: AggregateSpec<FollowUpCommand, FollowUpState, FollowUpEvent, DomainEnv> = {
  name: 'followUp',
  initialState: initialFollowUp,
  evolve: evolveFollowUp,
  decide: decideFollowUp,
  policy: followUpPolicy,
  precheck: (_c, _s, env) => requireLaunched(env),
};
