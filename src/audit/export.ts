/**
 * Export of the full trail as JSON Lines (format: see `jsonl.ts`), and offline verification of
 * such a file: the same checks as {@link verifyStore}, needing only the file (and, for the
 * external-digest assurance, a digest kept outside the system and its public key).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { EventStore } from '../eventsourcing/store';
import { DigestBuilder, prepareDigest, type DigestOptions } from './digest';
import { auditErrors, type AuditError, type TrailUnwritable } from './errors';
import { asLedgerError } from './failure';
import { parseTrailLine, trailLine, trailLines, type TrailSource } from './jsonl';
import { TrailChecker, type TrailCheckOptions, type VerifyReport } from './report';
import type { SignedDigest } from './signature';

/** What an export wrote. */
export interface ExportSummary {
  readonly events: number;
  readonly lastPosition: bigint | undefined;
  /** The digest of exactly the exported events (signed when `signWith` was given): keep it apart from the file. */
  readonly digest: SignedDigest;
}

/** The trail's lines, each with its line break, in global order. */
export async function* exportLines(store: EventStore): AsyncIterable<string> {
  for await (const e of store.readAll()) yield `${trailLine(e)}\n`;
}

const CHUNK = 64 * 1024;

const describeTarget = (target: string | Writable) => (typeof target === 'string' ? target : 'stream');

/**
 * Writes the full trail to a file path (created or truncated) or a writable stream, honouring
 * back-pressure, and returns the digest of what was written. A stream target is not closed.
 */
export const exportTrail = (store: EventStore, target: string | Writable, options: DigestOptions = {}): TaskEither<AuditError | TrailUnwritable, ExportSummary> => async () => {
  const finish = prepareDigest(options);
  if (E.isLeft(finish)) return finish;
  const out = typeof target === 'string' ? createWriteStream(target, { encoding: 'utf8' }) : target;
  let failed: Error | undefined;
  const onError = (x: Error) => { failed ??= x; };
  out.on('error', onError);
  const write = async (chunk: string) => {
    if (failed) throw failed;
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const builder = new DigestBuilder();
  let events = 0;
  let lastPosition: bigint | undefined;
  try {
    let buf = '';
    try {
      for await (const e of store.readAll()) {
        buf += `${trailLine(e)}\n`;
        builder.push(e);
        events++;
        lastPosition = e.position;
        if (buf.length >= CHUNK) { await write(buf); buf = ''; }
      }
    } catch (x) {
      if (failed) throw failed;
      return E.left(asLedgerError(x));
    }
    if (buf) await write(buf);
    if (typeof target === 'string') {
      out.end();
      await once(out, 'finish');
    }
    if (failed) throw failed;
  } catch (x) {
    if (typeof target === 'string') out.destroy();
    return E.left(auditErrors.unwritable(describeTarget(target), x instanceof Error ? x.message : String(x)));
  } finally {
    out.off('error', onError);
  }
  return E.right({ events, lastPosition, digest: finish.right(builder.head()) });
};

const sourceName = (s: TrailSource) => (typeof s === 'string' ? s : 'lines');

/**
 * Feeds every line of a trail to a checker; unreadable lines become `malformed_record` findings.
 * `each` sees every well-formed event. Left only when the source itself cannot be read.
 */
export const checkTrailLines = async (
  source: TrailSource, checker: TrailChecker, each?: (e: ReturnType<typeof parseTrailLine> & { ok: true }) => void,
): Promise<E.Either<AuditError, void>> => {
  try {
    for await (const { line, text } of trailLines(source)) {
      const parsed = parseTrailLine(text, line);
      if (!parsed.ok) { checker.report({ kind: 'malformed_record', line, message: parsed.message }); continue; }
      checker.check(parsed.record);
      each?.(parsed);
    }
  } catch (x) {
    return E.left(auditErrors.unreadable(sourceName(source), x instanceof Error ? x.message : String(x)));
  }
  return E.right(undefined);
};

/**
 * Verifies an exported trail offline: hash chains recomputed from each line, revision continuity,
 * global order, and, with `against`, that the file still holds every event an older digest covered
 * (its signature checked with `publicKeyPem`). Nothing of the running system is needed.
 */
export const verifyTrailFile = (source: TrailSource, options: TrailCheckOptions = {}): TaskEither<AuditError, VerifyReport> => async () => {
  const prepared = TrailChecker.create(options);
  if (E.isLeft(prepared)) return prepared;
  const done = await checkTrailLines(source, prepared.right);
  return E.isLeft(done) ? done : E.right(prepared.right.finish());
};
