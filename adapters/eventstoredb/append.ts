/**
 * Appends. The hash chain needs the previous hash, so every append reads the stream's tail, seals
 * the events after its head and appends with that exact revision; when another writer got there
 * first (wrong expected version) it reads again and, for `any` and `stream_exists`, tries again.
 *
 * The rules are the kernel's: `prepareAppend` before any I/O (validation, JSON, size), then, after
 * reading the tail, `planAppend` (idempotency, the expected revision, sealing); this file only reads
 * and writes.
 */
import type { AppendResult as ClientAppendResult, MaxAppendSizeExceededError, WrongExpectedVersionError } from '@eventstore/db-client';
import { ErrorType } from './client-values';
import * as E from 'fp-ts/Either';
import {
  errors, planAppend, prepareAppend,
  type AppendResult, type ExpectedRevision, type NewEvent, type PreparedAppend, type StoreError, type WritePlan,
} from '../../src/eventsourcing/index';
import { outgoing, type Outgoing } from './codec';
import { expecting, type StoreContext } from './context';
import { isClientError, toStoreError } from './errors';
import { CHECKPOINT_PREFIX } from './options';
import { readPhysicalPage, readStreamPage, toEnvelopes } from './reads';
import { positionOf } from './positions';

const UUID_LOWER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Checks that need no I/O, beyond the kernel's own: what EventStoreDB reserves or changes. */
const storeSpecific = (ctx: StoreContext, streamId: string, events: readonly NewEvent[]): StoreError | undefined => {
  if (ctx.settings.namespace === '' && streamId.startsWith(CHECKPOINT_PREFIX)) {
    return errors.validation([{ path: 'streamId', message: `ids starting with "${CHECKPOINT_PREFIX}" are reserved for projection checkpoints` }]);
  }
  const issues = events.flatMap((e, i) => [
    ...(e.type.startsWith('$') ? [{ path: `events[${i}].type`, message: `types starting with "$" are reserved by EventStoreDB, got ${JSON.stringify(e.type)}` }] : []),
    ...(UUID_LOWER.test(e.eventId) ? [] : [{ path: `events[${i}].eventId`, message: `expected a lower-case UUID (EventStoreDB returns ids in lower case), got ${JSON.stringify(e.eventId)}` }]),
  ]);
  return issues.length > 0 ? errors.validation(issues) : undefined;
};

/** Whether a stream that reads as missing was soft-deleted (its metadata stream carries `$tb`). */
const softDeleted = async (ctx: StoreContext, streamId: string): Promise<boolean> => {
  const page = await readPhysicalPage(ctx, `$$${ctx.names.physical(streamId)}`, streamId, 'end', false, 1);
  const data = page[0]?.event?.data as Record<string, unknown> | undefined;
  return typeof data === 'object' && data !== null && '$tb' in data;
};

/** Appends `events` to `streamId`. Never throws. */
export const append = async (
  ctx: StoreContext, streamId: string, events: readonly NewEvent[], expected: ExpectedRevision,
): Promise<E.Either<StoreError, AppendResult>> => {
  if (ctx.isClosed()) return E.left(errors.unavailable('the EventStoreDB store is closed'));
  const prepared = prepareAppend(streamId, events, expected, ctx.settings.registry, ctx.settings);
  if (E.isLeft(prepared)) return prepared;
  const specific = storeSpecific(ctx, streamId, events);
  if (specific !== undefined) return E.left(specific);
  for (const e of events) {
    const place = ctx.recentIds.get(e.eventId);
    if (place !== undefined && place.streamId !== streamId) {
      return E.left(errors.duplicateEventId(streamId, e.eventId, `this eventId is already stored in stream "${place.streamId}"`));
    }
  }
  try {
    return await appendWithRetries(ctx, prepared.right);
  } catch (e) {
    return E.left(toStoreError(e, streamId, `appending to "${streamId}"`, ctx.settings.where));
  }
};

async function appendWithRetries(ctx: StoreContext, prepared: PreparedAppend): Promise<E.Either<StoreError, AppendResult>> {
  const { streamId, expected, ids } = prepared;
  const { idempotencyWindow, conflictRetries } = ctx.settings;
  for (let attempt = 0; ; attempt++) {
    const tailPage = await readStreamPage(ctx, streamId, 'end', false, ids.length + idempotencyWindow);
    const tail = tailPage.filter((r) => r.event !== undefined && !r.event.type.startsWith('$'));
    const headRecord = tail[0]?.event;
    const byId = new Map(tail.map((r) => [r.event?.id as string, r]));
    for (const id of ids) {
      // A retry that is no longer at the tail, when this store wrote it.
      const place = ctx.recentIds.get(id);
      if (place === undefined || byId.has(id)) continue;
      const [r] = await readStreamPage(ctx, streamId, place.revision, true, 1);
      if (r?.event?.id === id) byId.set(id, r);
    }
    const foundRecords = ids.map((id) => byId.get(id));
    // Possibly a retry: compare with what is stored (positions are only looked up if it is one).
    const stored = foundRecords.some((f) => f !== undefined)
      ? await toEnvelopes(ctx, streamId, foundRecords.filter((f) => f !== undefined))
      : [];
    const storedById = new Map(stored.map((x) => [x.eventId, x]));
    const hash = headRecord === undefined ? undefined : hashOf(headRecord.metadata);
    if (headRecord !== undefined && hash === undefined) {
      const at = tail[0] === undefined ? undefined : positionOf(tail[0]);
      return E.left(errors.corrupt(at ?? -1n, `the head event (revision ${headRecord.revision}) carries no hash in its metadata`, streamId));
    }
    const head = headRecord === undefined || hash === undefined ? undefined : { revision: headRecord.revision, hash };
    const plan = planAppend(prepared, head, ids.map((id) => storedById.get(id)));
    if (E.isLeft(plan)) return plan;
    if (plan.right._tag === 'Duplicate') {
      const { result } = plan.right;
      for (const x of result.events) ctx.recentIds.set(x.eventId, { streamId, revision: x.revision });
      return E.right(result);
    }
    if (head === undefined && (await softDeleted(ctx, streamId))) return E.left(errors.streamDeleted(streamId));
    const out = plan.right.rows.map(outgoing);
    let result: ClientAppendResult;
    try {
      result = await ctx.client.appendToStream(ctx.names.physical(streamId), out.map((o) => o.data), expecting(head === undefined ? 'no_stream' : head.revision));
    } catch (e) {
      if (isClientError(e) && e.type === ErrorType.WRONG_EXPECTED_VERSION) {
        const actual = (e as WrongExpectedVersionError).actualVersion;
        if (attempt >= conflictRetries) return E.left(errors.wrongExpectedRevision(streamId, expected, typeof actual === 'bigint' ? actual : 'no_stream'));
        await sleep(Math.random() * Math.min(200, 2 ** attempt));
        continue;
      }
      if (isClientError(e) && e.type === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED) {
        const bytes = out.reduce((n, o) => n + o.size(), 0);
        return E.left(errors.tooLarge(streamId, bytes, (e as MaxAppendSizeExceededError).maxAppendSize));
      }
      throw e;
    }
    if (!result.success) {
      // Only with a client made not to throw on append failure: a conflict, whose actual revision the
      // next read tells (6.2.1 misreports it on the BatchAppend path).
      if (attempt >= conflictRetries) return E.left(errors.wrongExpectedRevision(streamId, expected, head?.revision ?? 'no_stream'));
      continue;
    }
    return written(ctx, streamId, plan.right, out, result);
  }
}

const hashOf = (metadata: unknown): string | undefined => {
  const h = (metadata as { hash?: unknown } | undefined)?.hash;
  return typeof h === 'string' ? h : undefined;
};

/** The result of a successful write: the stored copies with their positions. */
async function written(
  ctx: StoreContext, streamId: string, plan: WritePlan, out: readonly Outgoing[], result: ClientAppendResult,
): Promise<E.Either<StoreError, AppendResult>> {
  const first = (out[0] as Outgoing).copy;
  const last = (out[out.length - 1] as Outgoing).copy;
  if (result.nextExpectedRevision !== last.revision) {
    const detail = `the server stored the events up to revision ${result.nextExpectedRevision}, not ${last.revision} as sealed`;
    return E.left(errors.integrity(streamId, last.revision, 'revision_gap', detail, result.position?.commit));
  }
  const appendPosition = result.position?.commit;
  let positions: bigint[];
  if (out.length === 1 && appendPosition !== undefined) positions = [appendPosition];
  else {
    const back = await readStreamPage(ctx, streamId, first.revision, true, out.length);
    const envs = await toEnvelopes(ctx, streamId, back, appendPosition);
    if (envs.length !== out.length || envs.some((e, i) => e.eventId !== (out[i] as Outgoing).copy.eventId)) {
      throw new Error(`reading back the append to "${streamId}" did not return the events written`);
    }
    positions = envs.map((e) => e.position);
  }
  const appended = plan.done(positions, out.map((o) => o.copy));
  for (const e of appended.events) {
    Object.freeze(e);
    ctx.positions.remember(e.eventId, e.position);
    ctx.recentIds.set(e.eventId, { streamId, revision: e.revision });
  }
  return E.right(appended);
}
