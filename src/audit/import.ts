/**
 * Import of an exported trail into an empty store, every hash preserved. The file is verified
 * first (pass 1: chains, order, optionally an external digest, and each envelope's validity), so a
 * bad file leaves the store unchanged; then (pass 2) its events are appended through the port with
 * exact expected revisions, and every hash the store seals is compared with the file's.
 * Positions are the target store's own; hashes, revisions and the digest root are the file's.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { CodecRegistry } from '../eventsourcing/codecs';
import type { NewEvent, RecordedEvent } from '../eventsourcing/envelope';
import { errors } from '../eventsourcing/errors';
import type { EventStore } from '../eventsourcing/store';
import { validateNewEvents } from '../eventsourcing/validation';
import { createDigest } from './digest';
import { auditErrors, type AuditError } from './errors';
import { checkTrailLines } from './export';
import { asLedgerError } from './failure';
import { parseTrailLine, trailLines, type TrailSource } from './jsonl';
import { TrailChecker, type TrailCheckOptions, type VerifyReport } from './report';
import type { Digest } from './signature';

/** Options of {@link importTrail}. */
export interface ImportOptions extends Omit<TrailCheckOptions, 'digestAt'> {
  /** Also check every event's data against these codecs before writing anything. */
  readonly registry?: CodecRegistry;
  /** Most events per append (consecutive events of one stream). Default 100. */
  readonly batchSize?: number;
  /** Most bytes of canonical JSON per append. Default 512 KiB (half the default store limit). */
  readonly batchBytes?: number;
}

/** What an import did. */
export interface ImportSummary {
  readonly events: number;
  readonly streams: number;
  /** The verification of the file (pass 1). */
  readonly report: VerifyReport;
  /** The digest of the target store after the import: same tree size and root as the file's. */
  readonly digest: Digest;
}

const toNew = (e: RecordedEvent): NewEvent => ({ eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata });

/** Pass 1: the file must verify, and every envelope must be one a store accepts. */
const vet = async (source: TrailSource, options: ImportOptions): Promise<E.Either<AuditError, VerifyReport>> => {
  const prepared = TrailChecker.create({ ...options, digestAt: new Date() });
  if (E.isLeft(prepared)) return prepared;
  const checker = prepared.right;
  const done = await checkTrailLines(source, checker, ({ event, record }) => {
    const valid = options.registry ? E.chain(() => options.registry!.validate([toNew(event)]))(validateNewEvents([toNew(event)])) : validateNewEvents([toNew(event)]);
    if (E.isLeft(valid)) {
      const what = valid.left.issues.map((i) => `${i.path.replace(/^events\[0\]\.?/, '') || 'event'}: ${i.message}`).join('; ');
      checker.report({
        kind: 'malformed_record', streamId: event.streamId, revision: event.revision, position: event.position, line: record.line,
        message: `line ${record.line}: ${what}`,
      });
    }
  });
  if (E.isLeft(done)) return done;
  const report = checker.finish();
  return report.ok ? E.right(report) : E.left(auditErrors.rejected(report));
};

/**
 * Imports an exported trail (a file path or lines) into an empty store. Fails with TargetNotEmpty,
 * TrailRejected (with the report) or TrailUnreadable before writing anything; fails with an
 * IntegrityViolation naming the stream, revision and file position if the store seals an event to
 * another hash than the file's (the events before it stay imported).
 */
export const importTrail = (source: TrailSource, store: EventStore, options: ImportOptions = {}): TaskEither<AuditError, ImportSummary> => async () => {
  const batchSize = options.batchSize ?? 100;
  const batchBytes = options.batchBytes ?? 512 * 1024;
  if (!(Number.isSafeInteger(batchSize) && batchSize >= 1)) return E.left(errors.validation([{ path: 'batchSize', message: `expected an integer >= 1, got ${String(batchSize)}` }]));
  try {
    for await (const _ of store.readAll({ maxCount: 1 })) return E.left(auditErrors.notEmpty());
  } catch (x) {
    return E.left(asLedgerError(x));
  }
  const vetted = await vet(source, options);
  if (E.isLeft(vetted)) return vetted;
  const report = vetted.right;

  const name = typeof source === 'string' ? source : 'lines';
  let batch: RecordedEvent[] = [];
  let bytes = 0;
  let events = 0;
  const flush = async (): Promise<E.Either<AuditError, void>> => {
    const first = batch[0];
    if (first === undefined) return E.right(undefined);
    const expected = first.revision === 0n ? 'no_stream' : first.revision - 1n;
    const appended = await store.append(first.streamId, batch.map(toNew), expected)();
    if (E.isLeft(appended)) {
      return E.left({ ...appended.left, message: `${appended.left.message} (importing file position ${first.position}; ${events} events imported before it)` });
    }
    const { duplicate } = appended.right;
    for (const [i, want] of batch.entries()) {
      const got = appended.right.events[i];
      if (duplicate || got === undefined || got.hash !== want.hash || got.revision !== want.revision || got.prevHash !== want.prevHash) {
        const sealed = got ? `revision ${got.revision} with hash ${got.hash}${duplicate ? ' (already stored)' : ''}` : 'nothing';
        return E.left(errors.integrity(want.streamId, want.revision, 'hash_mismatch',
          `the store sealed file position ${want.position} as ${sealed}, the file says revision ${want.revision} with hash ${want.hash}: `
          + `this store does not reproduce the trail's hashes (${events + i} events imported before it)`, want.position));
      }
    }
    events += batch.length;
    batch = [];
    bytes = 0;
    return E.right(undefined);
  };
  try {
    for await (const { line, text } of trailLines(source)) {
      const parsed = parseTrailLine(text, line);
      if (!parsed.ok) return E.left(auditErrors.unreadable(name, `${parsed.message} (the trail changed after it was verified)`));
      const size = Buffer.byteLength(text, 'utf8');
      if (batch.length > 0 && (batch[0]!.streamId !== parsed.event.streamId || batch.length >= batchSize || bytes + size > batchBytes)) {
        const done = await flush();
        if (E.isLeft(done)) return done;
      }
      batch.push(parsed.event);
      bytes += size;
    }
    const done = await flush();
    if (E.isLeft(done)) return done;
  } catch (x) {
    return E.left(auditErrors.unreadable(name, x instanceof Error ? x.message : String(x)));
  }
  const digest = await createDigest(store, { at: new Date() })();
  if (E.isLeft(digest)) return digest;
  const fileDigest = report.digest;
  if (fileDigest && (digest.right.rootHash !== fileDigest.rootHash || digest.right.treeSize !== fileDigest.treeSize)) {
    const { treeSize, rootHash } = digest.right;
    return E.left(errors.integrity('', 0n, 'digest_mismatch',
      `the store's digest after import (${treeSize} events, root ${rootHash}) differs from the verified file's (${fileDigest.treeSize}, ${fileDigest.rootHash}): the file changed while importing`));
  }
  return E.right({ events, streams: report.streams, report, digest: digest.right });
};
