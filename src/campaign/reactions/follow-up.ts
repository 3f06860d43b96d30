/**
 * The follow-up reaction (督办): on a working day of the campaign (every day when it counts natural
 * days; never on a weekend or public holiday when it counts working days), for every open problem,
 * task and supervision item:
 *
 * - it records a warning of the subject's colour (blue, yellow, red), once per colour and deadline;
 * - it reminds (催办) the lead unit of a supervision item whose feedback period passed without feedback;
 * - a problem overdue past the grace climbs the campaign's ladder (预警 → 催办 → 约谈 → 通报 → 问责) one
 *   recorded step per run, no sooner than `stepEveryDays` after the last; once the step the campaign
 *   sets for accountability is on the trail, one accountability case opens for the problem (never
 *   one per measure).
 */
import * as E from 'fp-ts/Either';
import type { RecordedEvent } from '../../eventsourcing/envelope';
import type { LedgerError } from '../../eventsourcing/errors';
import type { DomainEnv } from '../aggregate';
import { accountabilityBinding } from '../accountability/resolve';
import { calendarFor, isCovered, isWorkingDay } from '../calendar';
import type { CommandCodecs } from '../define';
import type { Binding } from '../facade/binding';
import { warningColour } from '../followup/colours';
import { followUpBinding, problemFacts, taskFacts } from '../followup/resolve';
import { initialFollowUp, lastStep } from '../followup/state';
import { caseIdForOverdueProblem } from '../ids';
import { isProblemOverdue } from '../problem/state';
import { periodDue, periodOn } from '../supervision/schedule';
import { supervisionBinding } from '../supervision/resolve';
import type { Scan } from './scan';

/** What the follow-up reaction did in one run. */
export interface FollowUpReport {
  /** `${kind}:${id}:${colour}` of each warning recorded. */
  readonly warningsGiven: string[];
  /** `${itemId}:${rule}` of each reminder recorded. */
  readonly remindersGiven: string[];
  /** Each ladder step taken. */
  readonly stepsTaken: { readonly problemId: string; readonly step: string }[];
  readonly casesProposed: string[];
}

/** Runs one command for a reaction (see `createReactions`). */
export type Exec = <D extends CommandCodecs, S>(
  reaction: string, cause: RecordedEvent, binding: Binding<D, S>, type: keyof D & string, input: unknown,
) => Promise<E.Either<LedgerError, { readonly events: readonly RecordedEvent[] }>>;

/** Whether the reactions act on `today`: a working day, when the campaign counts working days. */
export const actsOn = (env: DomainEnv, today: string): boolean =>
  env.campaign.dayCount !== 'working' || (isCovered(today) && isWorkingDay(today));

/** Runs the follow-up reaction for `today` (a local date of the campaign). */
export const followUp = async (scan: Scan, env: DomainEnv, today: string, graceDays: number, exec: Exec, out: FollowUpReport): Promise<void> => {
  if (!actsOn(env, today)) return;
  const calendar = calendarFor(env.campaign.dayCount);
  const { approachingDays, ladder, accountabilityAt, stepEveryDays } = env.campaign.followUp;

  for (const p of scan.problems.values()) {
    const facts = problemFacts(p.state, today);
    if (facts === undefined || facts.settled || facts.deadline === undefined || p.identifiedBy === undefined) continue;
    const key = `problem:${p.problemId}`;
    const f = scan.followUps.get(key) ?? initialFollowUp;
    const subject = { kind: 'problem', problemId: p.problemId };
    const measure = [...p.state.measures.values()].find((m) => m.deadline === facts.deadline);
    const cause = (measure && p.deadlineSetBy.get(measure.measureId)) ?? p.identifiedBy;
    const colour = warningColour({ deadline: facts.deadline, behind: p.state.timesReturned > 0 }, today, approachingDays, calendar);
    if (colour !== undefined && !f.warned.has(`${colour}@${facts.deadline}`)) {
      const r = await exec(`warning-${colour}`, cause, followUpBinding, 'warn', { subject, colour, rule: `warning.${colour}` });
      if (E.isRight(r) && r.right.events.length > 0) out.warningsGiven.push(`${key}:${colour}`);
    }
    if (!isProblemOverdue(p.state, today, graceDays)) continue;
    let steps = f.steps.map((s) => s.step);
    const last = lastStep(f);
    const next = ladder[last === undefined ? 0 : ladder.indexOf(last.step) + 1];
    if (next !== undefined && (last === undefined || calendar.daysBetween(last.day, today) >= stepEveryDays)) {
      const r = await exec(`escalation-${next}`, cause, followUpBinding, 'escalate', { subject, rule: `overdue.${next}` });
      if (E.isRight(r) && r.right.events.length > 0) {
        out.stepsTaken.push({ problemId: p.problemId, step: next });
        steps = [...steps, next];
      }
    }
    const caseId = caseIdForOverdueProblem(p.problemId);
    if (!steps.includes(accountabilityAt) || scan.cases.has(caseId)) continue;
    const r = p.state.responsibility;
    const d = facts.addressedTo;
    const proposed = await exec('overdue-to-case', cause, accountabilityBinding, 'propose', {
      caseId,
      subject: r ? { kind: 'person', personId: r.personId } : { kind: 'unit', courtId: d.courtId, ...(d.department === undefined ? {} : { department: d.department }) },
      grounds: 'overdue_rectification',
      summary: `整改逾期 (overdue rectification): problem ${p.state.ledgerNumber ?? p.problemId}, deadline ${facts.deadline}; steps on the trail: ${steps.join(' → ')}`,
      evidence: [{ kind: 'problem', problemId: p.problemId }],
    });
    if (E.isRight(proposed)) { scan.cases.add(caseId); out.casesProposed.push(caseId); }
  }

  for (const t of scan.tasks.values()) {
    const facts = taskFacts(t.state, today, env.campaign.organizerCourtId);
    if (facts === undefined || facts.settled || facts.deadline === undefined || t.dueSetBy === undefined) continue;
    const key = `task:${t.taskId}`;
    const f = scan.followUps.get(key) ?? initialFollowUp;
    const colour = warningColour({ deadline: facts.deadline, behind: t.state.returns > 0 }, today, approachingDays, calendar);
    if (colour === undefined || f.warned.has(`${colour}@${facts.deadline}`)) continue;
    const r = await exec(`warning-${colour}`, t.dueSetBy, followUpBinding, 'warn', { subject: { kind: 'task', taskId: t.taskId }, colour, rule: `warning.${colour}` });
    if (E.isRight(r) && r.right.events.length > 0) out.warningsGiven.push(`${key}:${colour}`);
  }

  for (const i of scan.items.values()) {
    const s = i.state;
    const a = s.assignment;
    if (a === undefined || i.assignedBy === undefined || s.status === 'closed' || s.status === 'reviewed') continue;
    const period = periodOn(a, today, env.campaign.dayCount);
    const missed = s.status === 'handling' && period - 1 > s.lastPeriod;
    const colour = warningColour({ deadline: a.deadline, behind: s.timesReturned > 0 || missed }, today, approachingDays, calendar);
    if (colour !== undefined && !s.warnings.some((w) => w.colour === colour)) {
      const r = await exec(`warning-${colour}`, i.assignedBy, supervisionBinding, 'warn', { itemId: i.itemId, colour, rule: `warning.${colour}` });
      if (E.isRight(r) && r.right.events.length > 0) out.warningsGiven.push(`supervision:${i.itemId}:${colour}`);
    }
    if (!missed) continue;
    const rule = `feedback.period_${s.lastPeriod + 1}.missing`;
    if (s.reminders.some((x) => x.rule === rule)) continue;
    const note = `反馈逾期: the feedback due by ${periodDue(a, s.lastPeriod + 1, env.campaign.dayCount)} was not given`;
    const r = await exec(`reminder-${s.lastPeriod + 1}`, i.assignedBy, supervisionBinding, 'remind', { itemId: i.itemId, rule, note });
    if (E.isRight(r) && r.right.events.length > 0) out.remindersGiven.push(`${i.itemId}:${rule}`);
  }
};
