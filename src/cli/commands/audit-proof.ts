/** `audit prove` (an inclusion proof of one event in a digest) and `audit check-proof` (offline). */
import * as E from 'fp-ts/Either';
import { parseTrailLine, trailLine } from '../../audit/jsonl';
import { proveInclusion, verifyInclusionProof, type InclusionProof } from '../../audit/proofs';
import { isLedgerFailure } from '../../eventsourcing/errors';
import type { RecordedEvent } from '../../eventsourcing/envelope';
import type { EventStore } from '../../eventsourcing/store';
import { createTlogProof, parseTlogProof, TLOG_PROOF_HEADER, verifyTlogProof } from '../../audit/tlog-proof';
import { list, required, str, write, type CliIo, type Command, type Values } from '../command';
import { EXIT, fromLedgerError, usageError } from '../errors';
import { pathOf, readJsonOption, readTextOption, writeFileAtomic } from '../files';
import { withStore } from '../open-store';
import { renderJson } from '../output';
import { fromAuditError, readDigest } from './audit-common';
import { policyOf, policyOptions, readCheckpointFile, vouchedBy } from './c2sp-common';
import { storeOptions, storeSpecOf } from './common';

const PROVE = 'audit prove';
const CHECK = 'audit check-proof';

/** The proof file: the proof and the event it is about (as a trail line), so both can be checked offline. */
export interface ProofFile {
  readonly proof: InclusionProof;
  readonly event: unknown;
}

const eventAt = async (store: EventStore, p: InclusionProof): Promise<RecordedEvent | undefined> => {
  try {
    for await (const e of store.readStream(p.streamId, { fromRevision: BigInt(p.revision), maxCount: 1 })) return e;
  } catch (x) {
    if (isLedgerFailure(x)) throw fromLedgerError(x.error, PROVE);
    throw x;
  }
  return undefined;
};

/** The `audit prove` command. */
export const auditProveCommand: Command = {
  name: PROVE,
  summary: 'prove that one event is in the trail a digest or checkpoint covers (an RFC 6962 inclusion proof)',
  usage: 'audit prove --store S --event ID (--digest DIGEST.json | --checkpoint FILE) [--out PROOF.json|FILE.tlog-proof]',
  details: [
    'The proof file holds the proof and the event; `audit check-proof` checks it with the digest alone.',
    'With --checkpoint the proof is a C2SP tlog-proof bundle holding the (cosigned) checkpoint, checked with the keys alone.',
  ].join('\n'),
  options: {
    ...storeOptions,
    event: { type: 'string', value: 'ID', description: 'the event id' },
    digest: { type: 'string', value: 'DIGEST.json', description: 'the digest the proof is for (see audit digest)' },
    checkpoint: { type: 'string', value: 'FILE', description: 'the signed, possibly cosigned, checkpoint the proof is for (see audit checkpoint)' },
    out: { type: 'string', value: 'PROOF.json', description: 'where to write the proof (default: standard output)' },
  },
  async run(values, io) {
    const eventId = required(values, 'event', PROVE);
    const checkpointPath = str(values, 'checkpoint');
    if ((checkpointPath === undefined) === (str(values, 'digest') === undefined)) throw usageError('give exactly one of --digest or --checkpoint', PROVE);
    if (checkpointPath !== undefined) return proveInCheckpoint(values, io, eventId, checkpointPath);
    const digest = readDigest(required(values, 'digest', PROVE), io.cwd, 'digest', PROVE);
    const out = str(values, 'out');
    const spec = storeSpecOf(values, io, PROVE);
    const file = await withStore(spec, { mode: 'read', command: PROVE }, async ({ store }): Promise<ProofFile> => {
      const proved = await proveInclusion(store, eventId, digest)();
      if (E.isLeft(proved)) throw fromAuditError(proved.left, PROVE);
      const event = await eventAt(store, proved.right);
      if (event === undefined || event.eventId !== eventId) throw fromAuditError({ _tag: 'EventNotFound', eventId, message: `event ${eventId} vanished while proving` }, PROVE);
      return { proof: proved.right, event: JSON.parse(trailLine(event)) as unknown };
    });
    const text = renderJson(file);
    if (out === undefined) {
      await write(io.stdout, text);
    } else {
      writeFileAtomic(pathOf(out, io.cwd), text);
      await write(io.stdout, `proof that event ${eventId} is number ${file.proof.leafIndex + 1} of the ${file.proof.treeSize} events of the digest written to ${out}\n`);
    }
    return 0;
  },
};

const proveInCheckpoint = async (values: Values, io: CliIo, eventId: string, checkpointPath: string): Promise<number> => {
  const { note, checkpoint } = readCheckpointFile(checkpointPath, io, 'checkpoint', PROVE);
  const out = str(values, 'out');
  const spec = storeSpecOf(values, io, PROVE);
  const bundle = await withStore(spec, { mode: 'read', command: PROVE }, async ({ store }) => {
    const made = await createTlogProof(store, eventId, note)();
    if (E.isLeft(made)) throw fromAuditError(made.left, PROVE);
    return made.right;
  });
  if (out === undefined) {
    await write(io.stdout, bundle);
  } else {
    writeFileAtomic(pathOf(out, io.cwd), bundle);
    await write(io.stdout, `proof that event ${eventId} is in the checkpoint of ${checkpoint.treeSize} events of ${checkpoint.origin} written to ${out}\n`);
  }
  return EXIT.ok;
};

const checkTlogProof = async (values: Values, io: CliIo, path: string, text: string): Promise<number> => {
  if (str(values, 'digest') !== undefined || str(values, 'public-key') !== undefined) {
    throw usageError('a tlog-proof carries its checkpoint: check it with --vkey (and --witness-vkey), not --digest or --public-key', CHECK);
  }
  const parsed = parseTlogProof(text);
  if (!parsed.ok) throw usageError(`--proof ${path} is not a tlog-proof: ${parsed.reason}`, CHECK);
  const policy = policyOf(values, io, CHECK);
  const checked = verifyTlogProof(text, policy);
  if (!checked.ok) {
    await write(io.stdout, `FAILED: the proof does not hold: ${checked.reason}\n`);
    return EXIT.verificationFailed;
  }
  const { event: e, witnessed, eventHash } = checked.value;
  await write(io.stdout, [
    `OK: event ${e.eventId} (${e.type}, stream "${e.streamId}" revision ${e.revision}, recorded ${e.metadata.recordedAt})`,
    `is event number ${parsed.value.index + 1} of the ${witnessed.checkpoint.treeSize} events of the checkpoint of ${witnessed.checkpoint.origin},`,
    `${vouchedBy(witnessed.signedBy, witnessed.cosignedBy)};`,
    `its content hashes to ${eventHash} and the path leads to the checkpoint's root.`,
  ].join('\n') + '\n');
  return EXIT.ok;
};

const HEX64 = /^[0-9a-f]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** Checks the shape of a proof file; the first problem, or undefined. */
export const proofFileProblem = (u: unknown): string | undefined => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return 'expected a JSON object with "proof" and "event"';
  const p = (u as { proof?: unknown }).proof as Record<string, unknown> | undefined;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return 'proof: expected an object';
  for (const k of ['eventId', 'streamId'] as const) if (typeof p[k] !== 'string' || p[k] === '') return `proof.${k}: expected a non-empty string`;
  for (const k of ['revision', 'position'] as const) if (typeof p[k] !== 'string' || !DECIMAL.test(p[k])) return `proof.${k}: expected a decimal string`;
  for (const k of ['eventHash', 'rootHash'] as const) if (typeof p[k] !== 'string' || !HEX64.test(p[k])) return `proof.${k}: expected 64 lowercase hex characters`;
  for (const k of ['leafIndex', 'treeSize'] as const) if (!Number.isSafeInteger(p[k]) || (p[k] as number) < 0) return `proof.${k}: expected an integer >= 0`;
  if (!Array.isArray(p.path) || !p.path.every((h) => typeof h === 'string' && HEX64.test(h))) return 'proof.path: expected an array of 64-hex-character hashes';
  if (!('event' in u)) return 'event: missing';
  return undefined;
};

/** The `audit check-proof` command. */
export const auditCheckProofCommand: Command = {
  name: CHECK,
  summary: 'check an inclusion proof against a digest, or a tlog-proof with the keys alone, offline (no store needed)',
  usage: 'audit check-proof (--proof PROOF.json --digest DIGEST.json [--public-key KEY.pem] | --proof FILE.tlog-proof --vkey FILE [--witness-vkey FILE …] [--min-witnesses N])',
  details: [
    "Recomputes the event's hash from its content and the root from the proof's path. Exit 0 when it holds, 1 when not.",
    "A tlog-proof's checkpoint must carry a valid signature by --vkey and cosignatures by the --witness-vkey witnesses.",
  ].join('\n'),
  options: {
    proof: { type: 'string', value: 'PROOF.json', description: 'the proof (see audit prove)' },
    digest: { type: 'string', value: 'DIGEST.json', description: 'the digest the proof claims to be for' },
    'public-key': { type: 'string', value: 'KEY.pem', description: "also require the digest's Ed25519 signature to verify with this key" },
    ...policyOptions,
  },
  async run(values, io) {
    const proofPath = required(values, 'proof', CHECK);
    const proofText = readTextOption(pathOf(proofPath, io.cwd), 'proof', CHECK);
    if (proofText.startsWith(`${TLOG_PROOF_HEADER}\n`)) return checkTlogProof(values, io, proofPath, proofText);
    if (list(values, 'vkey').length > 0 || list(values, 'witness-vkey').length > 0) throw usageError('--vkey and --witness-vkey check a tlog-proof', CHECK);
    const file = readJsonOption(pathOf(proofPath, io.cwd), 'proof', CHECK);
    const problem = proofFileProblem(file);
    if (problem !== undefined) throw usageError(`--proof ${proofPath} is not a proof file: ${problem}`, CHECK);
    const { proof, event } = file as ProofFile;
    const digest = readDigest(required(values, 'digest', CHECK), io.cwd, 'digest', CHECK);
    const keyPath = str(values, 'public-key');
    const publicKeyPem = keyPath === undefined ? undefined : readTextOption(pathOf(keyPath, io.cwd), 'public-key', CHECK);
    const parsed = parseTrailLine(JSON.stringify(event), 1);
    const fail = async (reason: string) => {
      await write(io.stdout, `FAILED: the proof does not hold: ${reason}\n`);
      return EXIT.verificationFailed;
    };
    if (!parsed.ok) return fail(`the event in the proof file is malformed (${parsed.message.replace(/^line 1: /, '')})`);
    const e = parsed.event;
    if (e.eventId !== proof.eventId || e.streamId !== proof.streamId || e.revision.toString() !== proof.revision) {
      return fail(`the event in the proof file is ${e.eventId} (stream "${e.streamId}" revision ${e.revision}), the proof is for ${proof.eventId}`);
    }
    const verdict = verifyInclusionProof(proof, digest, e, publicKeyPem === undefined ? {} : { publicKeyPem });
    if (!verdict.ok) return fail(verdict.reason);
    const signed = publicKeyPem === undefined
      ? (digest.signature ? ' (signature not checked: no --public-key)' : ' (unsigned digest)')
      : `, signed by key ${digest.signature?.keyId ?? '?'} (signature valid)`;
    await write(io.stdout, [
      `OK: event ${e.eventId} (${e.type}, stream "${e.streamId}" revision ${e.revision}, recorded ${e.metadata.recordedAt})`,
      `is event number ${proof.leafIndex + 1} of the ${digest.treeSize} events covered by the digest made at ${digest.createdAt}${signed};`,
      `its content hashes to ${proof.eventHash} and the path leads to the root ${digest.rootHash}.`,
    ].join('\n') + '\n');
    return EXIT.ok;
  },
};
