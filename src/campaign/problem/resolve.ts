/**
 * How the facade drives a Problem: `${ns}/problem/${problemId}`. `identify` checks that the linked
 * task, inspection and finding exist; `register` reserves the next number of the problem's court's
 * ledger of the year (its counter stream), after a dry run of the policy and rules, so a refused
 * command reserves nothing.
 */
import * as E from 'fp-ts/Either';
import { errors, type LedgerError } from '../../eventsourcing/errors';
import { bindDecider } from '../aggregate';
import { refuse } from '../rules';
import { bindAggregate, type Resolver } from '../facade/binding';
import { loadWith } from '../facade/context';
import { inspectionAggregate } from '../inspection/decider';
import { reserveLedgerNumber } from '../numbering';
import { localDate } from '../time';
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

/** `problem.register`: dry-run the decision, then reserve the number in the court's counter of the year. */
export const resolveRegister: Resolver<RegisterProblem, RegisterWithNumber> = async (input, world, actor, ctx, options) => {
  const streamId = ctx.streams.problem(input.problemId);
  const loaded = await loadWith(ctx.handler, problemAggregate, streamId);
  if (E.isLeft(loaded)) return loaded;
  // A stale If-Match is answered before any rule and before a number is reserved.
  const expected = options?.expectedRevision;
  if (expected !== undefined && (loaded.right.revision ?? 'no_stream') !== expected) {
    return E.left(errors.wrongExpectedRevision(streamId, expected, loaded.right.revision ?? 'no_stream'));
  }
  const now = ctx.clock().toISOString();
  const dry = bindDecider(problemAggregate, world).decide(
    { type: 'register', problemId: input.problemId, ledgerNumber: 'pending', sequence: 1 }, loaded.right.state, { actor, recordedAt: now, effectiveAt: now },
  );
  if (E.isLeft(dry)) return dry;
  const courtId = loaded.right.state.details?.courtId;
  if (courtId === undefined) return refuse('problem.not_found', `no problem "${input.problemId}"`);
  const year = Number(localDate(now, world.campaign.utcOffsetMinutes).slice(0, 4));
  const reserved = await reserveLedgerNumber(ctx.numbering, {
    problemId: input.problemId, courtId, year, sinceYear: world.campaign.startYear || year, actor,
  });
  if (E.isLeft(reserved)) return reserved;
  return E.right<LedgerError, RegisterWithNumber>({ type: 'register', problemId: input.problemId, ledgerNumber: reserved.right.ledgerNumber, sequence: reserved.right.sequence });
};

/** The Problem's binding. */
export const problemBinding = bindAggregate({
  spec: problemAggregate, codecs: problemCommands,
  streamOf: (i, ctx) => ctx.streams.problem(i.problemId),
  resolvers: { identify: resolveIdentify, register: resolveRegister },
});
