/**
 * The rule entry's rules: a rule is recorded once, for a court that exists, on a day not later than
 * today, and linked to at least one problem or task that prompted it; each linked problem is on the
 * ledger and belongs to that court (or to a court under it: a higher court's rule may answer its
 * lower courts' problems); each linked task was issued. Linking again adds only what is new;
 * nothing is done to a withdrawn entry.
 */
import * as E from 'fp-ts/Either';
import type { DecisionContext } from '../../eventsourcing/decider';
import type { LedgerError } from '../../eventsourcing/errors';
import { requireLaunched, type AggregateSpec, type DomainEnv } from '../aggregate';
import { ev } from '../define';
import { accept, refuse } from '../rules';
import { localDate } from '../time';
import type { LinkFacts, RegulationCommand } from './commands';
import { regulationEvents as RE, type RegulationEvent } from './events';
import { regulationPolicy } from './policy';
import { evolveRegulation, initialRegulation, type RegulationState } from './state';

export { evolveRegulation, initialRegulation, type RegulationState };

/** The first linked problem or task the ledger does not back, as a refusal; undefined when all are. */
const badLink = (courtId: string, problemIds: readonly string[], taskIds: readonly string[], facts: LinkFacts, env: DomainEnv) => {
  for (const id of problemIds) {
    const court = facts.problemCourts[id];
    if (court === undefined || court === null) return refuse('regulation.problem.unknown', `the ledger has no problem "${id}"`, { problemId: id });
    if (court !== courtId && env.org.courts.get(court)?.parentCourtId !== courtId) {
      return refuse('regulation.problem.other_court', `problem "${id}" belongs to ${court}, neither ${courtId} nor a court under it`, { problemId: id, courtId: court });
    }
  }
  const task = taskIds.find((id) => facts.tasksIssued[id] !== true);
  return task === undefined ? undefined : refuse('regulation.task.unknown', `no task "${task}" was issued`, { taskId: task });
};

const fresh = (ids: readonly string[] | undefined, known: readonly string[]) => [...new Set(ids ?? [])].filter((id) => !known.includes(id));

/** Decides a rule entry command (after the precheck and the policy). */
export const decideRegulation = (c: RegulationCommand, s: RegulationState, ctx: DecisionContext, env: DomainEnv) => {
  const by = ctx.actor.id;
  switch (c.type) {
    case 'record': {
      if (!env.org.courts.has(c.courtId)) return refuse('regulation.court.unknown', `no court "${c.courtId}"`, { courtId: c.courtId });
      const problemIds = fresh(c.problemIds, []);
      const taskIds = fresh(c.taskIds, []);
      if (problemIds.length + taskIds.length === 0) {
        return refuse('regulation.links.none', `rule "${c.regulationId}" names no problem or task that prompted it`);
      }
      const today = localDate(ctx.recordedAt, env.campaign.utcOffsetMinutes);
      if (c.on > today) return refuse('regulation.date.in_future', `the rule's date ${c.on} is later than today (${today})`, { on: c.on, today });
      const bad = badLink(c.courtId, problemIds, taskIds, c.facts, env);
      if (bad) return bad;
      return accept(ev(RE.recorded, {
        regulationId: c.regulationId, courtId: c.courtId, title: c.title, action: c.action, on: c.on, summary: c.summary,
        problemIds, taskIds, recordedBy: by, ...(c.documentNumber === undefined ? {} : { documentNumber: c.documentNumber }),
      }));
    }
    case 'link': {
      const courtId = s.record?.courtId as string;
      const problemIds = fresh(c.problemIds, s.problemIds);
      const taskIds = fresh(c.taskIds, s.taskIds);
      if (problemIds.length + taskIds.length === 0) return accept<RegulationEvent>();
      return badLink(courtId, problemIds, taskIds, c.facts, env) ?? accept(ev(RE.linked, { regulationId: c.regulationId, problemIds, taskIds, linkedBy: by }));
    }
    case 'withdraw':
      return accept(ev(RE.withdrawn, { regulationId: c.regulationId, reason: c.reason, withdrawnBy: by }));
  }
};

/** Before the policy: the campaign is launched; the entry exists (or, to record it, does not) and is not withdrawn. */
export const precheckRegulation = (c: RegulationCommand, s: RegulationState, env: DomainEnv): E.Either<LedgerError, never> | undefined => {
  const notLaunched = requireLaunched(env);
  if (notLaunched) return notLaunched;
  if (c.type === 'record') return s.status === 'none' ? undefined : refuse('regulation.exists', `rule entry "${c.regulationId}" already exists`);
  if (s.status === 'none') return refuse('regulation.not_found', `no rule entry "${c.regulationId}"`);
  if (s.status === 'withdrawn') return refuse('regulation.withdrawn', `rule entry "${c.regulationId}" was withdrawn`);
  return undefined;
};

/** The rule entry aggregate. */
export const regulationAggregate: AggregateSpec<RegulationCommand, RegulationState, RegulationEvent, DomainEnv> = {
  name: 'regulation',
  initialState: initialRegulation,
  evolve: evolveRegulation,
  decide: decideRegulation,
  policy: regulationPolicy,
  precheck: precheckRegulation,
};
