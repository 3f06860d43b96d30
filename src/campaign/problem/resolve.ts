/**
 * How the facade drives a Problem: `${ns}/problem/${problemId}`. `identify` checks that the linked
 * task, inspection and finding exist; `register` reserves the ledger number in the campaign's
 * reservation stream, after a dry run of the policy and rules, so a refused command reserves nothing.
 */
import * as E from 'fp-ts/Either';
import type { LedgerError } from '../../eventsourcing/errors';
import { bindDecider } from '../aggregate';
import { refuse } from '../rules';
import { bindAggregate, type Resolver } from '../facade/binding';
import { loadWith } from '../facade/context';
import { inspectionAggregate } from '../inspection/decider';
import { numberingDecider } from '../numbering';
import { taskAggregate } from '../task/decider';
import { problemCommands, type IdentifyProblem, type ProblemCommand, type RegisterProblem, type RegisterWithNumber } from './commands';
import { problemAggregate } from './decider';

/** `problem.identify`: the linked task, inspection and finding must exist. */
export const resolveIdentify: Resolver<IdentifyProblem, ProblemCommand> = async (input, _world, _actor, ctx) => {
  if (input.taskId !== undefined) {
    const task = await loadWith(ctx.handler, taskAggregate, ctx.streams.task(input.taskId));
    if (E.isLeft(task)) return task;
    if (task.right.state.status === 'none') return refuse('problem.task.unknown', `no task "${input.taskId}"`, { taskId: input.taskId });
  }
  if (input.inspectionId !== undefined) {
    const insp = await loadWith(ctx.handler, inspectionAggregate, ctx.streams.inspection(input.inspectionId));
    if (E.isLeft(insp)) return insp;
    if (insp.right.state.status === 'none') return refuse('problem.inspection.unknown', `no inspection "${input.inspectionId}"`);
    if (input.findingId !== undefined && !insp.right.state.findings.has(input.findingId)) {
      return refuse('problem.finding.unknown', `inspection "${input.inspectionId}" has no finding "${input.findingId}"`);
    }
  }
  return E.right({ ...input, type: 'identify' });
};

/** `problem.register`: dry-run the decision, then reserve the number in the reservation stream. */
export const resolveRegister: Resolver<RegisterProblem, RegisterWithNumber> = async (input, world, actor, ctx) => {
  const loaded = await loadWith(ctx.handler, problemAggregate, ctx.streams.problem(input.problemId));
  if (E.isLeft(loaded)) return loaded;
  const now = ctx.clock().toISOString();
  const dry = bindDecider(problemAggregate, world).decide(
    { type: 'register', problemId: input.problemId, ledgerNumber: 'pending', sequence: 1 }, loaded.right.state, { actor, recordedAt: now, effectiveAt: now },
  );
  if (E.isLeft(dry)) return dry;
  const reserved = await ctx.numberingHandler.handle(numberingDecider(ctx.ledgerNumber), ctx.streams.ledgerNumbers, { problemId: input.problemId }, { actor })();
  if (E.isLeft(reserved)) return reserved;
  const r = reserved.right.state.byProblem.get(input.problemId);
  if (r === undefined) return refuse('problem.register.not_reserved', `no ledger number was reserved for problem "${input.problemId}"`);
  return E.right<LedgerError, RegisterWithNumber>({ type: 'register', problemId: input.problemId, ledgerNumber: r.ledgerNumber, sequence: r.sequence });
};

/** The Problem's binding. */
export const problemBinding = bindAggregate({
  spec: problemAggregate, codecs: problemCommands,
  streamOf: (i, ctx) => ctx.streams.problem(i.problemId),
  resolvers: { identify: resolveIdentify, register: resolveRegister },
});
