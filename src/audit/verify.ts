/**
 * Verification of a whole store through the port, streaming: every stream's hash chain, revision
 * continuity and the global order, and (given a digest kept outside the system) that the trail
 * still holds everything the digest covered. See {@link verifyStore}.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { RecordedEvent } from '../eventsourcing/envelope';
import { errors, type LedgerError } from '../eventsourcing/errors';
import type { EventStore, RawRecord } from '../eventsourcing/store';
import type { ChainRecord } from './chain';
import { asLedgerError } from './failure';
import { TrailChecker, type TrailCheckOptions, type VerifyReport } from './report';

/**
 * Where the hashed bytes come from:
 * - `raw`: the store's stored bytes (`readRaw`), hashed as they are — the fastest;
 * - `envelopes`: the events as read (`readAll`), re-serialized canonically;
 * - `both`: both, side by side, also checking that the events as read are the bytes that were hashed;
 * - `auto` (default): `raw` when the store has `readRaw`, else `envelopes`.
 */
export type VerifySource = 'auto' | 'raw' | 'envelopes' | 'both';

/** Options of {@link verifyStore}. */
export interface VerifyOptions extends TrailCheckOptions {
  readonly source?: VerifySource;
}

const fromRaw = (r: RawRecord): ChainRecord => ({ position: r.position, streamId: r.streamId, revision: r.revision, hash: r.hash, body: r.body });
const fromEvent = (e: RecordedEvent): ChainRecord => ({ position: e.position, streamId: e.streamId, revision: e.revision, hash: e.hash, event: e });

/** Pairs readRaw with readAll; a mismatch in count or position is reported, not thrown. */
async function* sideBySide(store: EventStore & { readRaw: NonNullable<EventStore['readRaw']> }, checker: TrailChecker): AsyncIterable<ChainRecord> {
  const raws = store.readRaw()[Symbol.asyncIterator]();
  const events = store.readAll()[Symbol.asyncIterator]();
  try {
    for (;;) {
      const [r, e] = await Promise.all([raws.next(), events.next()]);
      if (r.done && e.done) return;
      if (r.done || e.done) {
        const extra = r.done ? (e.value as RecordedEvent) : (r.value as RawRecord);
        checker.report({
          kind: 'body_mismatch', streamId: extra.streamId, revision: extra.revision, position: extra.position,
          message: `position ${extra.position}: ${r.done ? 'readAll' : 'readRaw'} returns more events than ${r.done ? 'readRaw' : 'readAll'}`,
        });
        yield r.done ? fromEvent(e.value as RecordedEvent) : fromRaw(r.value as RawRecord);
        continue;
      }
      if (r.value.position !== e.value.position || r.value.hash !== e.value.hash) {
        checker.report({
          kind: 'body_mismatch', streamId: e.value.streamId, revision: e.value.revision, position: e.value.position,
          message: `position ${e.value.position}: readAll and readRaw disagree (readRaw gives position ${r.value.position})`,
        });
      }
      yield { ...fromRaw(r.value), event: e.value };
    }
  } finally {
    await Promise.all([raws.return?.(), events.return?.()]);
  }
}

const records = (store: EventStore, source: VerifySource, checker: TrailChecker): AsyncIterable<ChainRecord> | string => {
  const readRaw = store.readRaw?.bind(store);
  const chosen = source === 'auto' ? (readRaw ? 'raw' : 'envelopes') : source;
  if (chosen === 'envelopes') return map(store.readAll(), fromEvent);
  if (readRaw === undefined) return `source "${chosen}" needs a store with readRaw, and this store keeps no raw bytes`;
  return chosen === 'raw' ? readRaw() : sideBySide({ ...store, readRaw }, checker); // a RawRecord is a ChainRecord
};

async function* map<A, B>(xs: AsyncIterable<A>, f: (a: A) => B): AsyncIterable<B> {
  for await (const x of xs) yield f(x);
}

/**
 * Verifies every stream of the store in one streaming pass, keeping only per-stream heads in memory.
 * The report names the first failure (stream, revision, position, what failed), lists the findings
 * (bounded) and always states its assurance: self-consistency only, or consistency with an external
 * digest when `against` is given. Store failures are a Left; integrity failures are in the report.
 */
export const verifyStore = (store: EventStore, options: VerifyOptions = {}): TaskEither<LedgerError, VerifyReport> => async () => {
  const prepared = TrailChecker.create(options);
  if (E.isLeft(prepared)) return prepared;
  const checker = prepared.right;
  const source = records(store, options.source ?? 'auto', checker);
  if (typeof source === 'string') return E.left(errors.validation([{ path: 'source', message: source }]));
  try {
    for await (const r of source) checker.check(r);
  } catch (x) {
    return E.left(asLedgerError(x));
  }
  return E.right(checker.finish());
};
