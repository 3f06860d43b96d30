/**
 * How the facade drives a follow-up: `${ns}/follow-up/${kind}:${id}`. Every command is completed
 * with what the subject's own stream says at the trusted clock — whether it is settled, its
 * deadline, whether it is overdue, and whom to address (the responsible unit and person of a
 * problem; the lead department of a task).
 */
import * as E from 'fp-ts/Either';
import type { LedgerError } from '../../eventsourcing/errors';
import type { DomainEnv } from '../aggregate';
import { bindAggregate, type Resolver } from '../facade/binding';
import { loadWith, type FacadeContext } from '../facade/context';
import { problemAggregate } from '../problem/decider';
import { isProblemOverdue, isSettled, problemDeadline, type ProblemState } from '../problem/state';
import { refuse } from '../rules';
import { taskAggregate } from '../task/decider';
import type { TaskState } from '../task/state';
import { localDate } from '../time';
import { followUpCommands, type FollowUpCommand, type FollowUpInput, type SubjectFacts } from './commands';
import { followUpAggregate } from './decider';
import { subjectId, type FollowUpSubject } from './events';

/** What a problem's state says to its follow-up on `today`: its deadline and overdue by the one rule (`problemDeadline`, `isProblemOverdue`). */
export const problemFacts = (s: ProblemState, today: string): SubjectFacts | undefined => {
  if (s.status === 'none') return undefined;
  const deadline = problemDeadline(s);
  const r = s.responsibility;
  const d = s.details;
  return {
    settled: isSettled(s), deadline, overdue: isProblemOverdue(s, today),
    addressedTo: r ? { courtId: r.courtId, department: r.department } : { courtId: d.courtId, ...(d.department === undefined ? {} : { department: d.department }) },
    personId: r?.personId,
  };
};

/** What a task's state says to its follow-up on `today`. */
export const taskFacts = (s: TaskState, today: string, organizerCourtId: string): SubjectFacts | undefined => {
  if (s.status === 'none') return undefined;
  const waiting = s.status === 'completion_reported' || s.status === 'evaluated';
  return {
    settled: s.status === 'evaluated', deadline: waiting ? undefined : s.dueDate, overdue: !waiting && s.dueDate < today,
    addressedTo: { courtId: organizerCourtId, ...(s.task.leadDepartments[0] === undefined ? {} : { department: s.task.leadDepartments[0] }) },
  };
};

/** Loads the subject and says what it is now, or refuses an unknown subject. */
export const factsOf = async (subject: FollowUpSubject, world: DomainEnv, ctx: FacadeContext): Promise<E.Either<LedgerError, SubjectFacts>> => {
  const today = localDate(ctx.clock().toISOString(), world.campaign.utcOffsetMinutes);
  const facts = subject.kind === 'problem'
    ? await loadWith(ctx.handler, problemAggregate, ctx.streams.problem(subject.problemId)).then(E.map((l) => problemFacts(l.state, today)))
    : await loadWith(ctx.handler, taskAggregate, ctx.streams.task(subject.taskId)).then(E.map((l) => taskFacts(l.state, today, world.campaign.organizerCourtId)));
  if (E.isLeft(facts)) return facts;
  return facts.right === undefined ? refuse('follow_up.subject.unknown', `no ${subject.kind} "${subjectId(subject)}"`) : E.right(facts.right);
};

const withFacts = <I extends FollowUpInput>(type: I['type']): Resolver<Omit<I, 'type'>, FollowUpCommand> => async (input, world, _actor, ctx) => {
  const facts = await factsOf(input.subject, world, ctx);
  return E.isLeft(facts) ? facts : E.right({ ...input, type, facts: facts.right } as FollowUpCommand);
};

/** The follow-up's binding. */
export const followUpBinding = bindAggregate({
  spec: followUpAggregate, codecs: followUpCommands,
  streamOf: (i, ctx) => ctx.streams.followUp(i.subject.kind, subjectId(i.subject)),
  resolvers: { warn: withFacts('warn'), escalate: withFacts('escalate') },
});
