/**
 * Subscriptions to `$all`: catch-up, then live, filtered on the server by stream-name prefix (the
 * namespace) and on the client (system events, checkpoint streams). When the server drops the
 * subscription or goes away, it resubscribes after the last position it consumed, with
 * exponential backoff, so nothing is lost or repeated. `close()` unsubscribes.
 */
import type { AllStreamSubscription, ResolvedEvent } from '@eventstore/db-client';
import { ErrorType, START, streamNameFilter } from './client-values';
import * as E from 'fp-ts/Either';
import {
  errors, LedgerFailure, type RecordedEvent, type SubscribeOptions, type Subscription, type ValidationIssue,
} from '../../src/eventsourcing/index';
import { incoming } from './codec';
import type { StoreContext } from './context';
import { isClientError, isTransient, toStoreError } from './errors';
import { positionOf } from './positions';
import { selected } from './reads';

const validate = (o: SubscribeOptions): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  if (o.afterPosition !== undefined && (typeof o.afterPosition !== 'bigint' || o.afterPosition < 0n)) {
    issues.push({ path: 'afterPosition', message: `expected a bigint >= 0, got ${String(o.afterPosition)}` });
  }
  if (o.streamPrefix !== undefined && typeof o.streamPrefix !== 'string') issues.push({ path: 'streamPrefix', message: 'expected a string' });
  return issues;
};

/** Opens a subscription; `open` tracks it so that closing the store closes it. */
export const subscribeToAll = (ctx: StoreContext, o: SubscribeOptions, open: Set<Subscription>): Subscription => {
  const { resubscribeInitialMs, resubscribeMaxMs, resubscribeMaxAttempts } = ctx.settings;
  let closed = false;
  let current: AllStreamSubscription | undefined;
  let wake: (() => void) | undefined;
  const prefix = typeof o.streamPrefix === 'string' || o.streamPrefix === undefined ? ctx.names.prefix(o.streamPrefix) : '';
  const filter = prefix === '' ? streamNameFilter({ regex: '^[^$]' }) : streamNameFilter({ prefixes: [prefix] });

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const stop = (sub: AllStreamSubscription) => {
    void sub.unsubscribe().catch(() => undefined);
    sub.destroy();
  };

  async function* run(): AsyncGenerator<RecordedEvent> {
    try {
      const issues = validate(o);
      if (issues.length > 0) throw new LedgerFailure(errors.validation(issues));
      let cursor = o.afterPosition;
      let failures = 0;
      let delay = resubscribeInitialMs;
      let fromStart = false; // set when no record starts at the caller's afterPosition
      while (!closed) {
        if (ctx.isClosed()) return;
        const at = cursor === undefined || (fromStart && cursor === o.afterPosition) ? START : { commit: cursor, prepare: cursor };
        const sub = ctx.client.subscribeToAll({ fromPosition: at, filter });
        current = sub;
        let why: unknown = 'the server ended the subscription';
        try {
          for await (const r of sub) {
            if (closed) return;
            const position = positionOf(r as ResolvedEvent);
            if (position === undefined) throw new LedgerFailure(errors.unavailable('the server sent an $all event without a position'));
            if (cursor !== undefined && position <= cursor) continue; // never repeat
            cursor = position;
            failures = 0;
            delay = resubscribeInitialMs;
            const sel = selected(ctx, r as ResolvedEvent, prefix);
            if (sel === undefined) continue;
            const env = incoming(r as ResolvedEvent, position, sel.streamId);
            if (E.isLeft(env)) throw new LedgerFailure(env.left);
            ctx.positions.remember(sel.id, position);
            yield env.right;
          }
        } catch (e) {
          if (closed) return;
          if (e instanceof LedgerFailure || !isTransient(e)) throw e instanceof LedgerFailure ? e : new LedgerFailure(toStoreError(e, undefined, 'subscription to $all', ctx.settings.where));
          if (!fromStart && cursor !== undefined && cursor === o.afterPosition && isClientError(e) && e.type === ErrorType.UNKNOWN) {
            fromStart = true; // the server cannot start there: start at the beginning and skip up to afterPosition
            continue;
          }
          why = e;
        } finally {
          stop(sub);
          current = undefined;
        }
        if (closed) return;
        failures++;
        if (failures > resubscribeMaxAttempts) {
          throw new LedgerFailure(toStoreError(why, undefined, `subscription to $all failed ${failures} times in a row`, ctx.settings.where));
        }
        await pause(delay);
        delay = Math.min(delay * 2, resubscribeMaxMs);
      }
    } finally {
      closed = true;
      open.delete(subscription);
    }
  }

  const iterator = run();
  const subscription: Subscription = {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      closed = true;
      if (current !== undefined) stop(current);
      wake?.();
      open.delete(subscription);
    },
  };
  open.add(subscription);
  return subscription;
};
