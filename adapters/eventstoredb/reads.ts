/**
 * Reads of the EventStoreDB store: one stream (forwards or backwards from a revision, inclusive;
 * a missing stream reads as empty), the head of a stream, and `$all` in global order from a
 * position (inclusive), skipping system events, checkpoint streams and other namespaces. Reads go
 * page by page, so an abandoned read leaves nothing open on the server.
 */
import type { ResolvedEvent } from '@eventstore/db-client';
import { BACKWARDS, END, ErrorType, FORWARDS, START } from './client-values';
import * as E from 'fp-ts/Either';
import {
  errors, LedgerFailure, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent, type StreamHead, type ValidationIssue,
} from '../../src/eventsourcing/index';
import { incoming } from './codec';
import type { StoreContext } from './context';
import { fail, isClientError } from './errors';
import { positionOf } from './positions';

/** Events per read request. */
export const PAGE = 500;

const closedError = () => new LedgerFailure(errors.unavailable('the EventStoreDB store is closed'));

const invalid = (issues: ValidationIssue[]) => new LedgerFailure(errors.validation(issues));

const checkCount = (maxCount: unknown, issues: ValidationIssue[]) => {
  if (maxCount !== undefined && (typeof maxCount !== 'number' || !(Number.isInteger(maxCount) || maxCount === Infinity) || maxCount < 0)) {
    issues.push({ path: 'maxCount', message: `expected an integer >= 0, got ${String(maxCount)}` });
  }
};

/** One page of a stream read. A missing stream is an empty page; a deleted one throws StreamDeleted. */
export const readStreamPage = (
  ctx: StoreContext, streamId: string, from: bigint | 'start' | 'end', forwards: boolean, count: number,
): Promise<ResolvedEvent[]> => readPhysicalPage(ctx, ctx.names.physical(streamId), streamId, from, forwards, count);

/** {@link readStreamPage} of an EventStoreDB stream name (`streamId` names it in errors). */
export const readPhysicalPage = async (
  ctx: StoreContext, name: string, streamId: string, from: bigint | 'start' | 'end', forwards: boolean, count: number,
): Promise<ResolvedEvent[]> => {
  const out: ResolvedEvent[] = [];
  try {
    const read = ctx.client.readStream(name, {
      fromRevision: from === 'start' ? START : from === 'end' ? END : from,
      direction: forwards ? FORWARDS : BACKWARDS,
      maxCount: count,
    });
    for await (const r of read) out.push(r as ResolvedEvent);
  } catch (e) {
    if (isClientError(e) && e.type === ErrorType.STREAM_NOT_FOUND) return [];
    fail(e, streamId, `reading stream "${streamId}"`, ctx.settings.where);
  }
  return out;
};

/** Turns raw records of one stream into envelopes, looking up missing positions in one go. */
export const toEnvelopes = async (ctx: StoreContext, streamId: string, page: readonly ResolvedEvent[], near?: bigint): Promise<RecordedEvent[]> => {
  const records = page.filter((r) => r.event !== undefined && !r.event.type.startsWith('$'));
  const positions = records.map(positionOf);
  const missing = records.filter((_, i) => positions[i] === undefined).map((r) => r.event?.id as string);
  const looked = missing.length === 0 ? undefined : await ctx.positions.resolve(ctx.names.physical(streamId), missing, near);
  return records.map((r, i) => {
    const position = positions[i] ?? (looked?.get(r.event?.id as string) as bigint);
    const env = incoming(r, position, streamId);
    if (E.isLeft(env)) throw new LedgerFailure(env.left);
    return env.right;
  });
};

/** Reads one stream. */
export async function* readStream(ctx: StoreContext, streamId: string, o: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
  if (ctx.isClosed()) throw closedError();
  const issues: ValidationIssue[] = [];
  if (typeof streamId !== 'string' || streamId.length === 0) issues.push({ path: 'streamId', message: 'expected a non-empty string' });
  if (o.fromRevision !== undefined && (typeof o.fromRevision !== 'bigint' || o.fromRevision < 0n)) {
    issues.push({ path: 'fromRevision', message: `expected a bigint >= 0, got ${String(o.fromRevision)}` });
  }
  if (o.direction !== undefined && o.direction !== 'forwards' && o.direction !== 'backwards') {
    issues.push({ path: 'direction', message: `expected "forwards" or "backwards", got ${String(o.direction)}` });
  }
  checkCount(o.maxCount, issues);
  if (issues.length > 0) throw invalid(issues);
  const forwards = o.direction !== 'backwards';
  let remaining = o.maxCount ?? Number.POSITIVE_INFINITY;
  let from: bigint | 'start' | 'end' = o.fromRevision ?? (forwards ? 'start' : 'end');
  while (remaining > 0) {
    if (ctx.isClosed()) throw closedError();
    const want = Math.min(PAGE, remaining);
    const page = await readStreamPage(ctx, streamId, from, forwards, want);
    for (const e of await toEnvelopes(ctx, streamId, page)) {
      yield e;
      remaining--;
    }
    const last = page[page.length - 1]?.event?.revision;
    if (page.length < want || last === undefined) return;
    from = forwards ? last + 1n : last - 1n;
    if (from < 0n) return;
  }
}

/** The head of a stream, or undefined when it does not exist. Throws LedgerFailure. */
export const streamHead = async (ctx: StoreContext, streamId: string): Promise<StreamHead | undefined> => {
  if (ctx.isClosed()) throw closedError();
  const [last] = await toEnvelopes(ctx, streamId, await readStreamPage(ctx, streamId, 'end', false, 1));
  return last && { streamId, revision: last.revision, hash: last.hash, position: last.position };
};

/** Reads every ledger stream (of the namespace) in global order. */
export async function* readAll(ctx: StoreContext, o: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
  if (ctx.isClosed()) throw closedError();
  const issues: ValidationIssue[] = [];
  if (o.fromPosition !== undefined && (typeof o.fromPosition !== 'bigint' || o.fromPosition < 0n)) {
    issues.push({ path: 'fromPosition', message: `expected a bigint >= 0, got ${String(o.fromPosition)}` });
  }
  if (o.streamPrefix !== undefined && typeof o.streamPrefix !== 'string') issues.push({ path: 'streamPrefix', message: 'expected a string' });
  checkCount(o.maxCount, issues);
  if (issues.length > 0) throw invalid(issues);
  const prefix = ctx.names.prefix(o.streamPrefix);
  const start = o.fromPosition;
  let remaining = o.maxCount ?? Number.POSITIVE_INFINITY;
  if (remaining <= 0) return;
  let { page, from } = await firstAllPage(ctx, start);
  let seen: bigint | undefined; // last position of the previous page (pages overlap by one)
  while (remaining > 0) {
    for (const r of page) {
      const position = positionOf(r);
      if (position === undefined) throw new LedgerFailure(errors.unavailable('the server sent an $all event without a position'));
      if ((seen !== undefined && position <= seen) || (start !== undefined && position < start)) continue;
      const event = selected(ctx, r, prefix);
      if (event === undefined) continue;
      ctx.positions.remember(event.id, position);
      const env = incoming(r, position, event.streamId);
      if (E.isLeft(env)) throw new LedgerFailure(env.left);
      yield env.right;
      if (--remaining <= 0) return;
    }
    if (page.length < PAGE) return;
    from = positionOf(page[page.length - 1] as ResolvedEvent);
    seen = from;
    if (ctx.isClosed()) throw closedError();
    page = await allPage(ctx, from).catch((e: unknown) => fail(e, undefined, 'reading $all', ctx.settings.where));
  }
}

/** One page of `$all` from a position (inclusive). Throws the client's error. */
const allPage = async (ctx: StoreContext, from: bigint | undefined): Promise<ResolvedEvent[]> => {
  const page: ResolvedEvent[] = [];
  const read = ctx.client.readAll({ fromPosition: from === undefined ? START : { commit: from, prepare: from }, maxCount: PAGE });
  for await (const r of read) page.push(r as ResolvedEvent);
  return page;
};

/**
 * The first page of a read of `$all` from `start` (inclusive). A server can only start reading
 * where a record begins, and `start` need not be such a place (the projection runner passes the
 * last position it applied plus one). So: from `start - 1` (a record, in that case), else from
 * `start`, else from the beginning; the caller skips what lies before `start`.
 */
const firstAllPage = async (ctx: StoreContext, start: bigint | undefined): Promise<{ page: ResolvedEvent[]; from: bigint | undefined }> => {
  const candidates = start === undefined || start === 0n ? [undefined] : [start - 1n, start, undefined];
  let first: unknown;
  for (const from of candidates) {
    try {
      return { page: await allPage(ctx, from), from };
    } catch (e) {
      first ??= e;
      // "No record starts there": UNKNOWN from @eventstore/db-client; KurrentDB's client (whose reads
      // go through its native bridge) reports it as UNAVAILABLE. Anything else ends the search.
      if (!(isClientError(e) && (e.type === ErrorType.UNKNOWN || e.type === ErrorType.UNAVAILABLE))) break;
    }
  }
  return fail(first, undefined, 'reading $all', ctx.settings.where);
};

/** The ledger stream id and event id of a record of our trail, or undefined for anything else. */
export const selected = (ctx: StoreContext, r: ResolvedEvent, prefix: string): { streamId: string; id: string } | undefined => {
  const ev = r.event;
  if (ev === undefined || ev.type.startsWith('$') || !ev.streamId.startsWith(prefix)) return undefined;
  const streamId = ctx.names.logical(ev.streamId);
  return streamId === undefined ? undefined : { streamId, id: ev.id };
};
