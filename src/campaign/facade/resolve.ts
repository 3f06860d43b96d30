/**
 * Commands the facade completes with facts from other streams before deciding: the ledger
 * number of `problem.register` (reserved after a dry run of the policy and rules, so a refused
 * command reserves nothing), the references of `problem.identify`, the lower reports of
 * `report.consolidate`, the problem of `inspection.recordSpotCheck`, the beacon of
 * `inspection.revealSeed`, and the cited evidence of `accountability.propose`.
 */
import * as E from 'fp-ts/Either';
import type { Actor } from '../../eventsourcing/envelope';
import { errors, isLedgerFailure, type LedgerError } from '../../eventsourcing/errors';
import { bindDecider, refuse, type DomainEnv } from '../aggregate';
import type { EvidenceFinding, ProposeCase } from '../accountability/commands';
import type { CaseGrounds, CitedEvidence, EvidenceFact } from '../accountability/events';
import type { Beacon } from '../inspection/events';
import { findBeacon } from '../inspection/draw';
import { inspectionAggregate } from '../inspection/decider';
import { numberingDecider } from '../numbering';
import { problemAggregate, overdueMeasures } from '../problem/decider';
import type { IdentifyProblem } from '../problem/commands';
import { reportAggregate, lastVersion } from '../report/decider';
import { taskAggregate } from '../task/decider';
import { localDate } from '../time';
import { loadWith, type FacadeContext } from './context';

type R<C> = Promise<E.Either<LedgerError, C>>;

/** `problem.identify`: the linked task, inspection and finding must exist. */
export const resolveIdentify = async (input: IdentifyProblem, _env: DomainEnv, _a: Actor, ctx: FacadeContext): R<IdentifyProblem & { type: 'identify' }> => {
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
export const resolveRegister = async (input: { problemId: string }, env: DomainEnv, actor: Actor, ctx: FacadeContext) => {
  const loaded = await loadWith(ctx.handler, problemAggregate, ctx.streams.problem(input.problemId));
  if (E.isLeft(loaded)) return loaded;
  const now = ctx.clock().toISOString();
  const dry = bindDecider(problemAggregate, env).decide(
    { type: 'register', problemId: input.problemId, ledgerNumber: 'pending', sequence: 1 }, loaded.right.state, { actor, recordedAt: now, effectiveAt: now },
  );
  if (E.isLeft(dry)) return dry;
  const reserved = await ctx.numberingHandler.handle(numberingDecider(ctx.ledgerNumber), ctx.streams.ledgerNumbers, { problemId: input.problemId }, { actor })();
  if (E.isLeft(reserved)) return reserved;
  const r = reserved.right.state.byProblem.get(input.problemId)!;
  return E.right({ type: 'register' as const, problemId: input.problemId, ledgerNumber: r.ledgerNumber, sequence: r.sequence });
};

/** `report.consolidate`: load each lower court's report. */
export const resolveConsolidate = async (input: { periodId: string; courtId: string; sourceCourts: readonly string[] }, _e: DomainEnv, _a: Actor, ctx: FacadeContext) => {
  const sources = [];
  for (const courtId of input.sourceCourts) {
    const r = await loadWith(ctx.handler, reportAggregate, ctx.streams.report(input.periodId, courtId));
    if (E.isLeft(r)) return r;
    const last = lastVersion(r.right.state);
    sources.push({ courtId, status: r.right.state.status, version: last?.version, figures: last?.figures });
  }
  return E.right({ type: 'consolidate' as const, periodId: input.periodId, courtId: input.courtId, sources });
};

/** `inspection.recordSpotCheck`: the checked problem's status and court. */
export const resolveSpotCheck = async (input: { problemId: string } & Record<string, unknown>, _e: DomainEnv, _a: Actor, ctx: FacadeContext) => {
  const p = await loadWith(ctx.handler, problemAggregate, ctx.streams.problem(input.problemId));
  if (E.isLeft(p)) return p;
  return E.right({ ...input, type: 'recordSpotCheck' as const, problem: { status: p.right.state.status, courtId: p.right.state.details?.courtId } } as never);
};

/** The beacon of an unannounced inspection (undefined when it does not exist yet, or nothing was committed). */
export const beaconOf = async (ctx: FacadeContext, inspectionId: string): R<Beacon | undefined> => {
  try {
    let point: { committedAt: string; utcOffsetMinutes: number; position: bigint } | undefined;
    for await (const e of ctx.store.readStream(ctx.streams.inspection(inspectionId))) {
      if (e.type === 'inspection.seed_committed') {
        const d = e.data as { committedAt: string; utcOffsetMinutes: number };
        point = { committedAt: d.committedAt, utcOffsetMinutes: d.utcOffsetMinutes, position: e.position };
      }
    }
    if (point === undefined) return E.right(undefined);
    const b = await findBeacon(ctx.store.readAll({ streamPrefix: ctx.streams.prefix, fromPosition: point.position + 1n }), point);
    return E.right(b && {
      eventId: b.eventId, streamId: b.streamId, hash: b.hash, recordedAt: b.metadata.recordedAt, actorId: b.metadata.actor.id,
    });
  } catch (x) {
    return E.left(isLedgerFailure(x) ? x.error : errors.unavailable(x instanceof Error ? x.message : String(x), x));
  }
};

/** `inspection.revealSeed`: the beacon, found in the campaign's events. */
export const resolveReveal = async (input: { inspectionId: string; seed: string }, _e: DomainEnv, _a: Actor, ctx: FacadeContext) => {
  const b = await beaconOf(ctx, input.inspectionId);
  return E.isLeft(b) ? b : E.right({ ...input, type: 'revealSeed' as const, beacon: b.right });
};

const PREFER: Record<CaseGrounds, readonly EvidenceFact[]> = {
  falsification: ['reopened_after_closure', 'overdue'],
  overdue_rectification: ['overdue', 'reopened_after_closure'],
  poor_work: ['overdue', 'reopened_after_closure'],
};

/** What the ledger says about one cited item, as of the trusted clock. */
export const checkEvidence = async (item: CitedEvidence, grounds: CaseGrounds, env: DomainEnv, ctx: FacadeContext): R<EvidenceFinding> => {
  switch (item.kind) {
    case 'document':
      return E.right({ found: true, fact: 'exists' });
    case 'problem': {
      const p = await loadWith(ctx.handler, problemAggregate, ctx.streams.problem(item.problemId));
      if (E.isLeft(p)) return p;
      const s = p.right.state;
      if (s.status === 'none') return E.right({ found: false, fact: 'exists' });
      const today = localDate(ctx.clock().toISOString(), env.campaign.utcOffsetMinutes);
      const facts: EvidenceFact[] = [];
      if (overdueMeasures(s, today).length > 0) facts.push('overdue');
      if (s.timesReopened > 0) facts.push('reopened_after_closure');
      return E.right({ found: true, fact: PREFER[grounds].find((f) => facts.includes(f)) ?? 'exists' });
    }
    case 'spot_check': {
      const i = await loadWith(ctx.handler, inspectionAggregate, ctx.streams.inspection(item.inspectionId));
      if (E.isLeft(i)) return i;
      const c = i.right.state.spotChecks.get(item.checkId);
      if (c === undefined) return E.right({ found: false, fact: 'exists' });
      return E.right({ found: true, fact: !c.passed && c.problemStatus === 'closed' ? 'failed_spot_check_of_closed_problem' : 'exists' });
    }
    case 'report': {
      const r = await loadWith(ctx.handler, reportAggregate, ctx.streams.report(item.periodId, item.courtId));
      if (E.isLeft(r)) return r;
      return E.right({ found: r.right.state.versions.some((v) => v.version === item.version), fact: 'exists' });
    }
  }
};

/** `accountability.propose`: check every cited item against the ledger. */
export const resolvePropose = async (input: ProposeCase, env: DomainEnv, _a: Actor, ctx: FacadeContext) => {
  const findings: EvidenceFinding[] = [];
  for (const item of input.evidence) {
    const f = await checkEvidence(item, input.grounds, env, ctx);
    if (E.isLeft(f)) return f;
    findings.push(f.right);
  }
  return E.right({ ...input, type: 'propose' as const, findings });
};
