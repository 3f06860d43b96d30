/**
 * Projection checkpoints, each in a stream of its own named `_checkpoints-<namespace>/<name>`,
 * capped with `$maxCount`. These streams are outside every namespace and skipped by `readAll` and
 * subscriptions, so saving a checkpoint never enters the audited trail or its digests. A
 * compare-and-set reads the stream's last event and appends the new one at that expected revision
 * (`no_stream` when none): the server refuses it if anyone appended in between.
 */
import type { JSONEventType, ResolvedEvent } from '@eventstore/db-client';
import { ErrorType, jsonEvent } from './client-values';
import * as E from 'fp-ts/Either';
import { errors, sameCheckpoint, type Checkpoint, type CheckpointStore, type StoreError, type ValidationIssue } from '../../src/eventsourcing/index';
import { expecting, type StoreContext } from './context';
import { isClientError, toStoreError } from './errors';
import { positionOf } from './positions';
import { readPhysicalPage } from './reads';

const validName = (name: unknown): ValidationIssue[] =>
  typeof name === 'string' && name.length > 0 && name.length <= 200 && !/[\u0000-\u001f]/.test(name)
    ? []
    : [{ path: 'name', message: `expected a non-empty name of at most 200 printable characters, got ${JSON.stringify(name)}` }];

const validCheckpoint = (cp: Checkpoint): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(cp?.version)) issues.push({ path: 'checkpoint.version', message: `expected an integer, got ${String(cp?.version)}` });
  if (cp?.position !== undefined && (typeof cp.position !== 'bigint' || cp.position < 0n)) {
    issues.push({ path: 'checkpoint.position', message: `expected a bigint >= 0 or undefined, got ${String(cp.position)}` });
  }
  if (cp?.state !== undefined && typeof cp.state !== 'string') issues.push({ path: 'checkpoint.state', message: 'expected a string or undefined' });
  if (cp?.owner !== undefined && typeof cp.owner !== 'string') issues.push({ path: 'checkpoint.owner', message: 'expected a string or undefined' });
  if (cp?.leaseUntil !== undefined && !Number.isSafeInteger(cp.leaseUntil)) issues.push({ path: 'checkpoint.leaseUntil', message: 'expected whole milliseconds or undefined' });
  return issues;
};

type CheckpointData = { version: number; position: string | null; state?: string; owner?: string; leaseUntil?: number };
type CheckpointEvent = JSONEventType<'Checkpoint', CheckpointData>;

const encode = (cp: Checkpoint): CheckpointData => ({
  version: cp.version, position: cp.position === undefined ? null : cp.position.toString(), ...(cp.state === undefined ? {} : { state: cp.state }),
  ...(cp.owner === undefined ? {} : { owner: cp.owner }), ...(cp.leaseUntil === undefined ? {} : { leaseUntil: cp.leaseUntil }),
});

/** The checkpoint a stream's last event holds, or why it cannot be read. */
const decode = (last: ResolvedEvent, stream: string): E.Either<StoreError, Checkpoint> => {
  const data = last.event?.data as { version?: unknown; position?: unknown; state?: unknown; owner?: unknown; leaseUntil?: unknown } | undefined;
  const at = positionOf(last) ?? -1n;
  if (typeof data !== 'object' || data === null || !Number.isInteger(data.version)) {
    return E.left(errors.corrupt(at, 'checkpoint data is not {version, position, state}', stream));
  }
  const { version, position, state, owner, leaseUntil } = data;
  if (position !== null && (typeof position !== 'string' || !/^\d+$/.test(position))) {
    return E.left(errors.corrupt(at, `checkpoint position: expected a decimal string or null, got ${JSON.stringify(position)}`, stream));
  }
  if (state !== undefined && typeof state !== 'string') return E.left(errors.corrupt(at, 'checkpoint state: expected a string', stream));
  if (owner !== undefined && typeof owner !== 'string') return E.left(errors.corrupt(at, 'checkpoint owner: expected a string', stream));
  if (leaseUntil !== undefined && !Number.isSafeInteger(leaseUntil)) return E.left(errors.corrupt(at, 'checkpoint leaseUntil: expected an integer', stream));
  return E.right({
    version: version as number, position: position === null ? undefined : BigInt(position), ...(state === undefined ? {} : { state }),
    ...(owner === undefined ? {} : { owner }), ...(leaseUntil === undefined ? {} : { leaseUntil: leaseUntil as number }),
  });
};

/** The checkpoint store of one EventStoreDB store. */
export const checkpointStore = (ctx: StoreContext): CheckpointStore => {
  const capped = new Set<string>();
  const cappedStream = async (name: string): Promise<string> => {
    const stream = ctx.names.checkpoint(name);
    if (!capped.has(stream)) {
      await ctx.client.setStreamMetadata(stream, { maxCount: ctx.settings.checkpointMaxCount });
      capped.add(stream);
    }
    return stream;
  };
  const guard = async <A>(name: string, what: string, run: () => Promise<E.Either<StoreError, A>>): Promise<E.Either<StoreError, A>> => {
    if (ctx.isClosed()) return E.left(errors.unavailable('the EventStoreDB store is closed'));
    try {
      return await run();
    } catch (e) {
      return E.left(toStoreError(e, ctx.names.checkpoint(name), what, ctx.settings.where));
    }
  };
  return {
    load: (name) => () => guard(name, `loading checkpoint "${name}"`, async () => {
      const issues = validName(name);
      if (issues.length > 0) return E.left(errors.validation(issues));
      const stream = ctx.names.checkpoint(name);
      const [last] = await readPhysicalPage(ctx, stream, stream, 'end', false, 1);
      if (last?.event === undefined) return E.right(undefined);
      return decode(last, stream);
    }),
    save: (name, cp) => () => guard(name, `saving checkpoint "${name}"`, async () => {
      const issues = [...validName(name), ...validCheckpoint(cp)];
      if (issues.length > 0) return E.left(errors.validation(issues));
      const stream = await cappedStream(name);
      await ctx.client.appendToStream(stream, jsonEvent<CheckpointEvent>({ type: 'Checkpoint', data: encode(cp) }), expecting('any'));
      return E.right(undefined);
    }),
    compareAndSet: (name, expected, next) => () => guard(name, `saving checkpoint "${name}"`, async () => {
      const issues = [...validName(name), ...validCheckpoint(next), ...(expected === undefined ? [] : validCheckpoint(expected))];
      if (issues.length > 0) return E.left(errors.validation(issues));
      const stream = ctx.names.checkpoint(name);
      const [last] = await readPhysicalPage(ctx, stream, stream, 'end', false, 1);
      const stored = last?.event === undefined ? E.right(undefined) : decode(last, stream);
      if (E.isLeft(stored)) return stored;
      if (!sameCheckpoint(stored.right, expected)) return E.right(false);
      await cappedStream(name);
      try {
        await ctx.client.appendToStream(stream, jsonEvent<CheckpointEvent>({ type: 'Checkpoint', data: encode(next) }), expecting(last?.event === undefined ? 'no_stream' : last.event.revision));
      } catch (e) {
        if (isClientError(e) && e.type === ErrorType.WRONG_EXPECTED_VERSION) return E.right(false);
        throw e;
      }
      return E.right(true);
    }),
  };
};

