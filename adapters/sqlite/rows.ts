/**
 * Turning stored rows back into events. The body (the exact hashed bytes) is the source of every
 * field but the position and the hash; a body that does not parse, lacks an envelope field,
 * disagrees with its row, or fails the registry's codec is a CorruptEvent at its position —
 * never skipped.
 */
import * as E from 'fp-ts/Either';
import {
  errors, LedgerFailure, type CodecRegistry, type CorruptEvent, type EventMetadata, type RecordedEvent,
} from '../../src/eventsourcing/index';

/** What a row contributes besides its body. */
export interface RowFacts {
  readonly position: bigint;
  readonly hash: string;
  /** The row's stream id column, when read (checked against the body). */
  readonly streamId?: string | undefined;
  /** The row's revision column, when read (checked against the body). */
  readonly revision?: bigint | undefined;
}

interface BodyJson {
  eventId: unknown; streamId: unknown; revision: unknown; type: unknown; schemaVersion: unknown;
  data: unknown; metadata: unknown; prevHash: unknown;
}

const REVISION_RE = /^(0|[1-9]\d*)$/;

const envelopeProblem = (j: BodyJson): string | undefined => {
  if (typeof j.eventId !== 'string') return 'eventId is not a string';
  if (typeof j.streamId !== 'string') return 'streamId is not a string';
  if (typeof j.revision !== 'string' || !REVISION_RE.test(j.revision)) return 'revision is not a decimal string';
  if (typeof j.type !== 'string') return 'type is not a string';
  if (!Number.isInteger(j.schemaVersion)) return 'schemaVersion is not an integer';
  if (typeof j.prevHash !== 'string') return 'prevHash is not a string';
  if (typeof j.metadata !== 'object' || j.metadata === null || Array.isArray(j.metadata)) return 'metadata is not an object';
  if (!('data' in j)) return 'data is missing';
  return undefined;
};

/** Decodes one row; Left is a CorruptEvent naming the position and what is wrong. */
export const decodeRow = (row: RowFacts, body: string, registry: CodecRegistry | undefined): E.Either<CorruptEvent, RecordedEvent> => {
  let j: BodyJson;
  try {
    j = JSON.parse(body) as BodyJson;
  } catch (x) {
    return E.left(errors.corrupt(row.position, `the stored body is not valid JSON (${x instanceof Error ? x.message : String(x)})`, row.streamId));
  }
  if (typeof j !== 'object' || j === null || Array.isArray(j)) {
    return E.left(errors.corrupt(row.position, 'the stored body is not a JSON object', row.streamId));
  }
  const problem = envelopeProblem(j);
  if (problem !== undefined) return E.left(errors.corrupt(row.position, `the stored body's ${problem}`, row.streamId));
  if (row.streamId !== undefined && j.streamId !== row.streamId) {
    return E.left(errors.corrupt(row.position, `the stored body names stream ${JSON.stringify(j.streamId)}, the row "${row.streamId}"`, row.streamId));
  }
  if (row.revision !== undefined && j.revision !== row.revision.toString()) {
    return E.left(errors.corrupt(row.position, `the stored body has revision ${j.revision as string}, the row ${row.revision}`, row.streamId));
  }
  const event: RecordedEvent = {
    eventId: j.eventId as string,
    streamId: j.streamId as string,
    revision: BigInt(j.revision as string),
    type: j.type as string,
    schemaVersion: j.schemaVersion as number,
    data: j.data,
    metadata: j.metadata as EventMetadata,
    prevHash: j.prevHash as string,
    hash: row.hash,
    position: row.position,
  };
  if (registry !== undefined) {
    const checked = registry.upcast(event);
    if (E.isLeft(checked)) return E.left(errors.corrupt(row.position, `fails its codec: ${checked.left}`, event.streamId));
  }
  return E.right(event);
};

/** {@link decodeRow} for iterables: throws a LedgerFailure carrying the CorruptEvent. */
export const decodeRowOrThrow = (row: RowFacts, body: string, registry: CodecRegistry | undefined): RecordedEvent => {
  const r = decodeRow(row, body, registry);
  if (E.isLeft(r)) throw new LedgerFailure(r.left);
  return r.right;
};
