/**
 * A witness in the C2SP tlog-witness protocol (https://c2sp.org/tlog-witness): it cosigns a log's
 * checkpoint only when it is consistent with the last checkpoint it cosigned for that log, so a log
 * cannot show two different histories (a fork) or go back (a rollback) without being refused.
 *
 * {@link createWitness} answers `add-checkpoint` request bodies with the status the specification
 * gives: 200 with the cosignature line, 400 malformed, 403 no valid signature by the log's key,
 * 404 unknown origin, 409 (body: the size it has) when `old` is not the size it last cosigned or a
 * same-size checkpoint has another root, 422 when the consistency proof does not verify. The
 * check and the durable write of the new state happen in one synchronous step, before answering,
 * so concurrent requests cannot roll the state back; a refused request writes nothing.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCheckpoint, parseCheckpointText } from './checkpoint';
import { ed25519Cosigner, type Cosigner } from './cosignature';
import { writeFileDurably } from './files';
import { equalBytes, verifyConsistency } from './merkle';
import { decodeBase64, encodeBase64, formatVerifierKey, parseNote, rawPublicKey, COSIGNATURE_V1_TYPE, type NoteResult, type VerifierKey } from './note';

/** What a witness remembers of one log: the latest checkpoint it cosigned. */
export interface WitnessedHead {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  /** The checkpoint note as cosigned (with the witness's cosignature). */
  readonly checkpoint: string;
}

/** Where a witness keeps its state; `put` returns only once the state is durable. */
export interface WitnessStateStore {
  /** The head last witnessed for the log `origin`, if any. */
  get(origin: string): WitnessedHead | undefined;
  /** Records a newly witnessed head, durably. */
  put(head: WitnessedHead): void;
}

/** The answer to an add-checkpoint request. */
export interface WitnessResponse {
  readonly status: 200 | 400 | 403 | 404 | 409 | 422;
  readonly contentType: string;
  readonly body: string;
}

/** A witness for a set of logs. */
export interface Witness {
  readonly name: string;
  /** The witness's verifier key (type 0x04), to hand to whoever checks its cosignatures. */
  readonly verifierKey: string;
  /** Answers an add-checkpoint request body. */
  addCheckpoint(body: string | Uint8Array): WitnessResponse;
}

/** Options of {@link createWitness}. */
export interface WitnessOptions {
  /** The witness's key name, e.g. `higher-court.example/witness`. */
  readonly name: string;
  /** Its Ed25519 private key. Use it for this witness only. */
  readonly privateKey: KeyObject;
  /** The logs it witnesses: origin → the log's verifier keys (type 0x01). */
  readonly logs: ReadonlyMap<string, readonly VerifierKey[]>;
  readonly state: WitnessStateStore;
  /** The time in POSIX seconds (default: the clock). */
  readonly now?: () => number;
}

const MAX_PROOF_LINES = 63;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;
const text = (status: WitnessResponse['status'], body: string): WitnessResponse => ({ status, contentType: 'text/plain; charset=utf-8', body: body.endsWith('\n') ? body : `${body}\n` });

/** A parsed add-checkpoint request body. */
export interface AddCheckpointRequest {
  readonly oldSize: number;
  readonly proof: readonly Uint8Array[];
  readonly note: string;
}

/** Writes an add-checkpoint request body. */
export const formatAddCheckpoint = (oldSize: number, proof: readonly Uint8Array[], note: string): string =>
  `old ${oldSize}\n${proof.map((h) => `${encodeBase64(h)}\n`).join('')}\n${note}`;

/** Parses an add-checkpoint request body. */
export const parseAddCheckpoint = (body: string | Uint8Array): NoteResult<AddCheckpointRequest> => {
  const msg = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const split = msg.indexOf('\n\n');
  if (split < 0) return { ok: false, reason: 'expected "old <size>", the proof lines, a blank line and the checkpoint' };
  const [first, ...lines] = msg.slice(0, split).split('\n');
  const old = /^old (.*)$/.exec(first ?? '')?.[1];
  if (old === undefined || !DECIMAL.test(old) || !Number.isSafeInteger(Number(old))) return { ok: false, reason: `the first line must be "old <size>" in decimal, got ${JSON.stringify((first ?? '').slice(0, 40))}` };
  if (lines.length > MAX_PROOF_LINES) return { ok: false, reason: `at most ${MAX_PROOF_LINES} proof lines, got ${lines.length}` };
  const proof: Uint8Array[] = [];
  for (const [i, line] of lines.entries()) {
    const h = decodeBase64(line);
    if (h === undefined || h.length !== 32) return { ok: false, reason: `proof line ${i + 1} is not the base64 of a 32-byte hash` };
    proof.push(h);
  }
  return { ok: true, value: { oldSize: Number(old), proof, note: msg.slice(split + 2) } };
};

/** Makes a witness. Its key name must be valid; throws RangeError otherwise (a configuration error). */
export const createWitness = (options: WitnessOptions): Witness => {
  const made = ed25519Cosigner(options.name, options.privateKey, options.now);
  if (!made.ok) throw new RangeError(`witness: ${made.reason}`);
  const cosigner: Cosigner = made.value;
  const verifierKey = formatVerifierKey({ name: options.name, type: COSIGNATURE_V1_TYPE, publicKey: rawPublicKey(createPublicKey(options.privateKey)) });

  const addCheckpoint = (body: string | Uint8Array): WitnessResponse => {
    const request = parseAddCheckpoint(body);
    if (!request.ok) return text(400, request.reason);
    const { oldSize, proof, note } = request.value;
    const parsed = parseNote(note);
    if (!parsed.ok) return text(400, `the checkpoint: ${parsed.reason}`);
    const head = parseCheckpointText(parsed.value.text);
    if (!head.ok) return text(400, head.reason);
    const keys = options.logs.get(head.value.origin);
    if (keys === undefined) return text(404, `unknown log origin ${JSON.stringify(head.value.origin)}`);
    const opened = openCheckpoint(note, keys);
    if (!opened.ok) return text(403, opened.reason);
    const { origin, treeSize, rootHash } = opened.value.checkpoint;
    if (oldSize > treeSize) return text(400, `old size ${oldSize} is larger than the checkpoint's size ${treeSize}`);
    const have = options.state.get(origin);
    const haveSize = have?.treeSize ?? 0;
    if (oldSize !== haveSize) return { status: 409, contentType: 'text/x.tlog.size', body: `${haveSize}\n` };
    if (have !== undefined && treeSize === have.treeSize) {
      if (!equalBytes(rootHash, have.rootHash)) return { status: 409, contentType: 'text/x.tlog.size', body: `${haveSize}\n` };
      if (proof.length !== 0) return text(422, 'the proof must be empty for a checkpoint of the size already cosigned');
    } else if (have === undefined) {
      if (proof.length !== 0) return text(422, 'the proof must be empty when the old size is 0');
    } else {
      const consistent = verifyConsistency(have.treeSize, treeSize, have.rootHash, rootHash, proof);
      if (!consistent.ok) return text(422, `not consistent with the checkpoint of size ${have.treeSize} cosigned before: ${consistent.reason}`);
    }
    const line = cosigner.cosign(opened.value.text);
    // durable before answering; a failure here answers 500 upstream and cosigns nothing
    options.state.put({ origin, treeSize, rootHash, checkpoint: `${note}${line}\n` });
    return { status: 200, contentType: 'text/plain; charset=utf-8', body: `${line}\n` };
  };
  return { name: options.name, verifierKey, addCheckpoint };
};

/**
 * A witness state kept in a directory, one JSON file per log (named by the SHA-256 of its
 * origin), each replaced durably ({@link writeFileDurably}).
 */
export const directoryWitnessState = (dir: string): WitnessStateStore => {
  mkdirSync(dir, { recursive: true });
  const fileOf = (origin: string) => join(dir, `${createHash('sha256').update(origin, 'utf8').digest('hex')}.json`);
  return {
    get(origin) {
      const file = fileOf(origin);
      if (!existsSync(file)) return undefined;
      const raw = JSON.parse(readFileSync(file, 'utf8')) as { origin: string; treeSize: number; rootHash: string; checkpoint: string };
      const rootHash = decodeBase64(raw.rootHash);
      if (raw.origin !== origin || !Number.isSafeInteger(raw.treeSize) || rootHash === undefined || rootHash.length !== 32) {
        throw new Error(`witness state ${file} is corrupt: refusing to cosign for ${origin}`);
      }
      return { origin, treeSize: raw.treeSize, rootHash, checkpoint: raw.checkpoint };
    },
    put(head) {
      writeFileDurably(fileOf(head.origin), `${JSON.stringify({ origin: head.origin, treeSize: head.treeSize, rootHash: encodeBase64(head.rootHash), checkpoint: head.checkpoint }, null, 2)}\n`);
    },
  };
};
