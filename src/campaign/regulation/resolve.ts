/**
 * How the facade drives a rule entry: `${ns}/regulation/${regulationId}`. `record` and `link` are
 * completed with what the ledger says of each linked problem (its court) and task (issued or not).
 */
import * as E from 'fp-ts/Either';
import type { LedgerError } from '../../eventsourcing/errors';
import { bindAggregate } from '../facade/binding';
import { loadWith, type FacadeContext } from '../facade/context';
import { problemAggregate } from '../problem/decider';
import { taskAggregate } from '../task/decider';
import { regulationCommands, type LinkFacts, type RegulationCommand } from './commands';
import { regulationAggregate } from './decider';

/** What the ledger says of the problems and tasks a command links. */
export const linkFacts = async (problemIds: readonly string[], taskIds: readonly string[], ctx: FacadeContext): Promise<E.Either<LedgerError, LinkFacts>> => {
  const problemCourts: Record<string, string | null> = {};
  const tasksIssued: Record<string, boolean> = {};
  for (const id of new Set(problemIds)) {
    const p = await loadWith(ctx.handler, problemAggregate, ctx.streams.problem(id));
    if (E.isLeft(p)) return p;
    problemCourts[id] = p.right.state.details?.courtId ?? null;
  }
  for (const id of new Set(taskIds)) {
    const t = await loadWith(ctx.handler, taskAggregate, ctx.streams.task(id));
    if (E.isLeft(t)) return t;
    tasksIssued[id] = t.right.state.status !== 'none';
  }
  return E.right({ problemCourts, tasksIssued });
};

/** The rule entry's binding. */
export const regulationBinding = bindAggregate({
  spec: regulationAggregate, codecs: regulationCommands,
  streamOf: (i, ctx) => ctx.streams.regulation(i.regulationId),
  resolvers: {
    record: async (input, _w, _a, ctx) => E.map((facts: LinkFacts): RegulationCommand => ({ ...input, type: 'record', facts }))(await linkFacts(input.problemIds ?? [], input.taskIds ?? [], ctx)),
    link: async (input, _w, _a, ctx) => E.map((facts: LinkFacts): RegulationCommand => ({ ...input, type: 'link', facts }))(await linkFacts(input.problemIds ?? [], input.taskIds ?? [], ctx)),
  },
});
