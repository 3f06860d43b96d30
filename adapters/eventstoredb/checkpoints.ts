/**
 * Projection checkpoints, each in a stream of its own named `_checkpoints-<namespace>/<name>`,
 * capped with `$maxCount`. These streams are outside every namespace and skipped by `readAll` and
 * subscriptions, so saving a checkpoint never enters the audited trail or its digests.
 */
import { jsonEvent, type JSONEventType } from '@eventstore/db-client';
import * as E from 'fp-ts/Either';
import { errors, type Checkpoint, type CheckpointStore, type StoreError, type ValidationIssue } from '../../src/eventsourcing/index';
import type { StoreContext } from './context';
import { toStoreError } from './errors';
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
  return issues;
};

type CheckpointEvent = JSONEventType<'Checkpoint', { version: number; position: string | null; state?: string }>;

/** The checkpoint store of one EventStoreDB store. */
export const checkpointStore = (ctx: StoreContext): CheckpointStore => {
  const capped = new Set<string>();
  const guard = async <A>(name: string, what: string, run: () => Promise<E.Either<StoreError, A>>): Promise<E.Either<StoreError, A>> => {
    if (ctx.isClosed()) return E.left(errors.unavailable('the EventStoreDB store is closed'));
    try {
      return await run();
    } catch (e) {
      return E.left(toStoreError(e, ctx.names.checkpoint(name), what));
    }
  };
  return {
    load: (name) => () => guard(name, `loading checkpoint "${name}"`, async () => {
      const issues = validName(name);
      if (issues.length > 0) return E.left(errors.validation(issues));
      const stream = ctx.names.checkpoint(name);
      const [last] = await readPhysicalPage(ctx, stream, stream, 'end', false, 1);
      if (last?.event === undefined) return E.right(undefined);
      const data = last.event.data as { version?: unknown; position?: unknown; state?: unknown } | undefined;
      const at = positionOf(last) ?? -1n;
      if (typeof data !== 'object' || data === null || !Number.isInteger(data.version)) {
        return E.left(errors.corrupt(at, 'checkpoint data is not {version, position, state}', stream));
      }
      const { version, position, state } = data;
      if (position !== null && (typeof position !== 'string' || !/^\d+$/.test(position))) {
        return E.left(errors.corrupt(at, `checkpoint position: expected a decimal string or null, got ${JSON.stringify(position)}`, stream));
      }
      if (state !== undefined && typeof state !== 'string') return E.left(errors.corrupt(at, 'checkpoint state: expected a string', stream));
      return E.right({ version: version as number, position: position === null ? undefined : BigInt(position), ...(state === undefined ? {} : { state }) });
    }),
    save: (name, cp) => () => guard(name, `saving checkpoint "${name}"`, async () => {
      const issues = [...validName(name), ...validCheckpoint(cp)];
      if (issues.length > 0) return E.left(errors.validation(issues));
      const stream = ctx.names.checkpoint(name);
      if (!capped.has(stream)) {
        await ctx.client.setStreamMetadata(stream, { maxCount: ctx.settings.checkpointMaxCount });
        capped.add(stream);
      }
      const data = { version: cp.version, position: cp.position === undefined ? null : cp.position.toString(), ...(cp.state === undefined ? {} : { state: cp.state }) };
      await ctx.client.appendToStream(stream, jsonEvent<CheckpointEvent>({ type: 'Checkpoint', data }), { expectedRevision: 'any' });
      return E.right(undefined);
    }),
  };
};

