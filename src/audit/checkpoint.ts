/**
 * Checkpoints in the C2SP tlog-checkpoint format (https://c2sp.org/tlog-checkpoint): a signed note
 * whose text is `<origin>\n<tree size>\n<base64 root hash>\n` and optional extension lines. The root
 * is the RFC 6962 root over the trail's leaves (the event hashes in global order, as in digests).
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { errors, type LedgerError } from '../eventsourcing/errors';
import type { EventStore } from '../eventsourcing/store';
import { DigestBuilder, eventHashes } from './digest';
import { asLedgerError } from './failure';
import { hexToBytes } from './merkle';
import { decodeBase64, encodeBase64, openNote, parseNote, signNote, type NoteResult, type NoteSigner, type OpenedNote, type VerifierKey } from './note';

/** The body of a checkpoint. */
export interface LogCheckpoint {
  /** Names the log uniquely, e.g. `court.example/trail`. */
  readonly origin: string;
  readonly treeSize: number;
  /** The 32-byte RFC 6962 root. */
  readonly rootHash: Uint8Array;
  /** Extension lines (without newlines); none by default. */
  readonly extensions?: readonly string[];
}

const fail = (reason: string): { readonly ok: false; readonly reason: string } => ({ ok: false, reason });
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/** Checks an origin: a non-empty line without control characters. */
export const originProblem = (origin: string): string | undefined => {
  if (typeof origin !== 'string' || origin === '') return 'the origin must not be empty';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(origin)) return `the origin ${JSON.stringify(origin)} holds a newline or a control character`;
  return undefined;
};

/** The checkpoint's note text. */
export const formatCheckpoint = (c: LogCheckpoint): NoteResult<string> => {
  const problem = originProblem(c.origin);
  if (problem) return fail(problem);
  if (!Number.isSafeInteger(c.treeSize) || c.treeSize < 0) return fail(`tree size: expected an integer >= 0, got ${String(c.treeSize)}`);
  if (!(c.rootHash instanceof Uint8Array) || c.rootHash.length !== 32) return fail('root hash: expected 32 bytes');
  for (const x of c.extensions ?? []) {
    if (x === '' || originProblem(x) !== undefined) return fail(`extension line ${JSON.stringify(x)}: must be a non-empty line`);
  }
  return { ok: true, value: [c.origin, String(c.treeSize), encodeBase64(c.rootHash), ...(c.extensions ?? [])].map((l) => `${l}\n`).join('') };
};

/** Parses a checkpoint's note text (not the signatures). */
export const parseCheckpointText = (text: string): NoteResult<LogCheckpoint> => {
  if (!text.endsWith('\n')) return fail('checkpoint: the text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) return fail('checkpoint: expected at least 3 lines (origin, tree size, root hash)');
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  const problem = originProblem(origin);
  if (problem) return fail(`checkpoint: ${problem}`);
  if (!DECIMAL.test(size) || !Number.isSafeInteger(Number(size))) return fail(`checkpoint: tree size ${JSON.stringify(size)} is not a decimal without leading zeros`);
  const rootHash = decodeBase64(root);
  if (rootHash === undefined || rootHash.length !== 32) return fail(`checkpoint: root hash ${JSON.stringify(root.slice(0, 60))} is not the base64 of 32 bytes`);
  if (extensions.some((x) => x === '')) return fail('checkpoint: an extension line is empty');
  return { ok: true, value: { origin, treeSize: Number(size), rootHash, ...(extensions.length > 0 ? { extensions } : {}) } };
};

/** Signs a checkpoint with one or more keys (several during a key rotation). */
export const signCheckpoint = (c: LogCheckpoint, signers: readonly NoteSigner[]): NoteResult<string> => {
  const text = formatCheckpoint(c);
  return text.ok ? signNote(text.value, signers) : text;
};

/** A checkpoint note whose signatures were checked. */
export interface OpenedCheckpoint extends OpenedNote {
  readonly checkpoint: LogCheckpoint;
}

/**
 * Parses a signed checkpoint and checks it against the log's keys: at least one valid signature
 * by one of them is needed, a failing one by a known key is refused; cosignatures and other lines
 * are left in `unknown` (see ./witnessed for checking them).
 */
export const openCheckpoint = (note: string | Uint8Array, logKeys: readonly VerifierKey[]): NoteResult<OpenedCheckpoint> => {
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const checkpoint = parseCheckpointText(parsed.value.text);
  if (!checkpoint.ok) return checkpoint;
  const opened = openNote(note, logKeys);
  if (!opened.ok) return fail(`checkpoint of ${checkpoint.value.origin}: ${opened.reason}`);
  return { ok: true, value: { ...opened.value, checkpoint: checkpoint.value } };
};

/** Options of {@link createCheckpoint}. */
export interface CheckpointOptions {
  readonly origin: string;
  /** One or more signers (several during a key rotation). */
  readonly signers: readonly NoteSigner[];
  readonly extensions?: readonly string[];
}

/** The checkpoint of the whole trail now and the signed note, from one streaming pass. */
export const createCheckpoint = (store: EventStore, options: CheckpointOptions): TaskEither<LedgerError, { readonly checkpoint: LogCheckpoint; readonly note: string }> => async () => {
  const bad = (message: string) => E.left(errors.validation([{ path: 'checkpoint', message }]));
  const trial = signCheckpoint({ origin: options.origin, treeSize: 0, rootHash: new Uint8Array(32), ...(options.extensions ? { extensions: options.extensions } : {}) }, options.signers);
  if (!trial.ok) return bad(trial.reason);
  const builder = new DigestBuilder();
  try {
    for await (const e of eventHashes(store)) builder.push(e);
  } catch (x) {
    return E.left(asLedgerError(x));
  }
  const head = builder.head();
  const checkpoint: LogCheckpoint = {
    origin: options.origin, treeSize: head.treeSize, rootHash: hexToBytes(head.rootHash)!, ...(options.extensions ? { extensions: options.extensions } : {}),
  };
  const note = signCheckpoint(checkpoint, options.signers);
  return note.ok ? E.right({ checkpoint, note: note.value }) : bad(note.reason);
};
