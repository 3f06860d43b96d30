/**
 * How the facade drives a supervision item: `${ns}/supervision/${itemId}`. `propose` checks that
 * the task or problem it is about exists; `open` dry-runs the decision, then reserves the item's
 * number in its office's stream for the year (so a refused command reserves nothing).
 */
import * as E from 'fp-ts/Either';
import type { LedgerError } from '../../eventsourcing/errors';
import { bindDecider } from '../aggregate';
import { bindAggregate, type Resolver } from '../facade/binding';
import { loadWith } from '../facade/context';
import { problemAggregate } from '../problem/decider';
import { refuse } from '../rules';
import { taskAggregate } from '../task/decider';
import { localDate } from '../time';
import { supervisionCommands, type OpenItem, type OpenWithNumber, type ProposeItem, type SupervisionCommand } from './commands';
import { supervisionAggregate } from './decider';
import { supervisionNumberStream, supervisionNumberingDecider } from './numbering';

/** `supervision.propose`: a task or problem it is about must exist. */
export const resolvePropose: Resolver<ProposeItem, SupervisionCommand> = async (input, _world, _actor, ctx) => {
  const subject = input.subject;
  if (subject?.kind === 'task') {
    const task = await loadWith(ctx.handler, taskAggregate, ctx.streams.task(subject.taskId));
    if (E.isLeft(task)) return task;
    if (task.right.state.status === 'none') return refuse('supervision.subject.unknown', `no task "${subject.taskId}"`, { taskId: subject.taskId });
  }
  if (subject?.kind === 'problem') {
    const problem = await loadWith(ctx.handler, problemAggregate, ctx.streams.problem(subject.problemId));
    if (E.isLeft(problem)) return problem;
    if (problem.right.state.status === 'none') return refuse('supervision.subject.unknown', `no problem "${subject.problemId}"`, { problemId: subject.problemId });
  }
  return E.right({ ...input, type: 'propose' });
};

/** `supervision.open`: dry-run, then reserve the number of the office and the year of the day it is opened. */
export const resolveOpen: Resolver<OpenItem, OpenWithNumber> = async (input, world, actor, ctx) => {
  const loaded = await loadWith(ctx.handler, supervisionAggregate, ctx.streams.supervision(input.itemId));
  if (E.isLeft(loaded)) return loaded;
  const now = ctx.clock().toISOString();
  const year = Number(localDate(now, world.campaign.utcOffsetMinutes).slice(0, 4));
  const pending: OpenWithNumber = { type: 'open', itemId: input.itemId, office: input.office, year, sequence: 1, number: 'pending' };
  const dry = bindDecider(supervisionAggregate, world).decide(pending, loaded.right.state, { actor, recordedAt: now, effectiveAt: now });
  if (E.isLeft(dry)) return dry;
  const stream = supervisionNumberStream(ctx.streams.prefix, input.office, year);
  const reserved = await ctx.numberingHandler.handle(supervisionNumberingDecider(input.office, year), stream, { itemId: input.itemId }, { actor })();
  if (E.isLeft(reserved)) return reserved;
  const r = reserved.right.state.byItem.get(input.itemId);
  if (r === undefined) return refuse('supervision.number.not_reserved', `no number was reserved for item "${input.itemId}"`);
  return E.right<LedgerError, OpenWithNumber>({ ...pending, sequence: r.sequence, number: r.number });
};

/** The supervision item's binding. */
export const supervisionBinding = bindAggregate({
  spec: supervisionAggregate, codecs: supervisionCommands,
  streamOf: (i, ctx) => ctx.streams.supervision(i.itemId),
  resolvers: { propose: resolvePropose, open: resolveOpen },
});
