/**
 * How the facade drives an Inspection: `${ns}/inspection/${inspectionId}`. `recordSpotCheck` loads
 * the checked problem; `revealSeed` finds the beacon in the campaign's events.
 */
import * as E from 'fp-ts/Either';
import { errors, isLedgerFailure, type LedgerError } from '../../eventsourcing/errors';
import { bindAggregate, type Resolver } from '../facade/binding';
import { loadWith, type FacadeContext } from '../facade/context';
import { problemAggregate } from '../problem/decider';
import { inspectionCommands, type RecordSpotCheck, type ResolvedInspectionCommand, type RevealSeed } from './commands';
import { inspectionAggregate } from './decider';
import { findBeacon } from './draw';
import type { Beacon } from './events';

/** `inspection.recordSpotCheck`: the checked problem's status and court. */
export const resolveSpotCheck: Resolver<RecordSpotCheck, ResolvedInspectionCommand> = async (input, _world, _actor, ctx) => {
  const p = await loadWith(ctx.handler, problemAggregate, ctx.streams.problem(input.problemId));
  if (E.isLeft(p)) return p;
  return E.right({ ...input, type: 'recordSpotCheck', problem: { status: p.right.state.status, courtId: p.right.state.details?.courtId } });
};

/** The beacon of an unannounced inspection (undefined when it does not exist yet, or nothing was committed). */
export const beaconOf = async (ctx: FacadeContext, inspectionId: string): Promise<E.Either<LedgerError, Beacon | undefined>> => {
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
export const resolveReveal: Resolver<RevealSeed, ResolvedInspectionCommand> = async (input, _world, _actor, ctx) => {
  const b = await beaconOf(ctx, input.inspectionId);
  return E.isLeft(b) ? b : E.right({ ...input, type: 'revealSeed', beacon: b.right });
};

/** The Inspection's binding. */
export const inspectionBinding = bindAggregate({
  spec: inspectionAggregate, codecs: inspectionCommands,
  streamOf: (i, ctx) => ctx.streams.inspection(i.inspectionId),
  resolvers: { recordSpotCheck: resolveSpotCheck, revealSeed: resolveReveal },
});
