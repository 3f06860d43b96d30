/** `campaign-ledger audit verify`: checks hash chains, revisions, order, and an older digest. */
import * as E from 'fp-ts/Either';
import { existsSync } from 'node:fs';
import { verifyTrailFile } from '../../audit/export';
import { verifyStore } from '../../audit/verify';
import { bytesToHex } from '../../audit/merkle';
import type { ExternalTreeHead, VerifyReport } from '../../audit/report';
import { verifyWitnessedCheckpoint } from '../../audit/witnessed';
import type { SignedDigest } from '../../audit/signature';
import { list, oneOf, str, write, type CliIo, type Command, type Values } from '../command';
import { EXIT, fromLedgerError, usageError, verificationError } from '../errors';
import { pathOf, readJsonOption, readTextOption } from '../files';
import { withStore } from '../open-store';
import { renderJson } from '../output';
import { countReads, createProgress } from '../progress';
import { fromAuditError } from './audit-common';
import { looksLikeNote, policyOf, policyOptions, readCheckpointFile, vouchedBy } from './c2sp-common';
import { formatOption, storeOptions, storeSpecOf } from './common';

const NAME = 'audit verify';

const where = (f: NonNullable<VerifyReport['firstFailure']>): string =>
  [
    f.streamId === undefined ? undefined : `stream "${f.streamId}"`,
    f.revision === undefined ? undefined : `revision ${f.revision}`,
    f.position === undefined ? undefined : `position ${f.position}`,
    f.line === undefined ? undefined : `line ${f.line}`,
  ].filter((x) => x !== undefined).join(', ');

/** The report as text: verdict, first failure, further findings, assurance. */
export const verifyText = (r: VerifyReport): string => {
  const lines: string[] = [];
  if (r.ok) {
    lines.push(`OK: ${r.events} events in ${r.streams} streams verified.`);
  } else {
    const f = r.firstFailure;
    lines.push(`FAILED: ${r.findingCount} finding${r.findingCount === 1 ? '' : 's'} in ${r.events} events.`);
    if (f) lines.push(`First failure: ${f.kind}${where(f) ? ` at ${where(f)}` : ''}: ${f.message}`);
    for (const g of r.findings.slice(1, 10)) lines.push(`  also: ${g.kind}${where(g) ? ` at ${where(g)}` : ''}`);
    if (r.findingCount > 10) lines.push(`  … and ${r.findingCount - 10} more`);
  }
  lines.push(r.statement);
  return `${lines.join('\n')}\n`;
};

/** What the trail is checked against: a digest (with its key) or an authenticated checkpoint. */
export type AgainstOptions = { against?: SignedDigest; publicKeyPem?: string; treeHead?: ExternalTreeHead };

/**
 * Reads `--against`: a checkpoint (a signed note) is checked at once against `--vkey`,
 * `--witness-vkey` and `--min-witnesses` (a failure is exit 1); a digest (JSON) goes with `--public-key`.
 */
export const againstOptions = (values: Values, io: CliIo, command: string): AgainstOptions => {
  const againstPath = str(values, 'against');
  const policyGiven = list(values, 'vkey').length > 0 || list(values, 'witness-vkey').length > 0 || str(values, 'min-witnesses') !== undefined;
  if (againstPath === undefined || !looksLikeNote(readTextOption(pathOf(againstPath, io.cwd), 'against', command))) {
    if (policyGiven) throw usageError('--vkey, --witness-vkey and --min-witnesses check a checkpoint given with --against', command);
    return digestOptions(values, io, command);
  }
  if (str(values, 'public-key') !== undefined) throw usageError('--public-key checks a digest; a checkpoint is checked with --vkey', command);
  const { note, checkpoint } = readCheckpointFile(againstPath, io, 'against', command);
  const checked = verifyWitnessedCheckpoint(note, policyOf(values, io, command));
  if (!checked.ok) throw verificationError(`the checkpoint ${againstPath} does not verify: ${checked.reason}`);
  const { signedBy, cosignedBy } = checked.value;
  return {
    treeHead: {
      treeSize: checkpoint.treeSize, rootHash: bytesToHex(checkpoint.rootHash),
      description: `the checkpoint of ${checkpoint.origin} ${vouchedBy(signedBy, cosignedBy)}`,
    },
  };
};

/** Reads `--against` and `--public-key`. */
export const digestOptions = (values: Values, io: CliIo, command: string): { against?: SignedDigest; publicKeyPem?: string } => {
  const againstPath = str(values, 'against');
  const keyPath = str(values, 'public-key');
  if (keyPath !== undefined && againstPath === undefined) throw usageError('--public-key checks the signature of --against DIGEST.json; give both', command);
  return {
    ...(againstPath === undefined ? {} : { against: readJsonOption(pathOf(againstPath, io.cwd), 'against', command) as SignedDigest }),
    ...(keyPath === undefined ? {} : { publicKeyPem: readTextOption(pathOf(keyPath, io.cwd), 'public-key', command) }),
  };
};

/** Prints a report and gives the exit code (1 when anything was found). */
export const printReport = async (r: VerifyReport, format: 'text' | 'json', io: CliIo): Promise<number> => {
  await write(io.stdout, format === 'json' ? renderJson(r) : verifyText(r));
  return r.ok ? EXIT.ok : EXIT.verificationFailed;
};

/** The `audit verify` command. */
export const auditVerifyCommand: Command = {
  name: NAME,
  summary: 'verify the trail: hash chains, revisions, global order, and (with --against) an older digest or checkpoint',
  usage: 'audit verify (--store S | --file TRAIL.jsonl) [--against DIGEST.json|FILE] [--public-key KEY.pem | --vkey FILE [--witness-vkey FILE …] [--min-witnesses N]] [--format text|json]',
  details: [
    'Exit 0 when intact, 1 naming stream, revision and position of the first failure.',
    'Without --against the assurance is self-consistency only; with it, the trail must still hold',
    'every event the older digest or checkpoint covered (a removed tail or stream is found).',
    "A checkpoint's signature is checked with --vkey and its witnesses' cosignatures with --witness-vkey.",
  ].join('\n'),
  options: {
    ...storeOptions,
    file: { type: 'string', value: 'TRAIL.jsonl', description: 'verify an exported trail file instead of a store (offline)' },
    against: { type: 'string', value: 'DIGEST.json|FILE', description: 'an older digest or signed checkpoint, kept outside the system, the trail must still contain' },
    'public-key': { type: 'string', value: 'KEY.pem', description: "the Ed25519 public key (PEM) the digest's signature must verify with" },
    ...policyOptions,
    format: formatOption(['text', 'json']),
  },
  async run(values, io) {
    const format = oneOf(values, 'format', ['text', 'json'] as const, 'text', NAME);
    const file = str(values, 'file');
    if ((file === undefined) === (str(values, 'store') === undefined)) throw usageError('give exactly one of --store or --file', NAME);
    const options = againstOptions(values, io, NAME);
    if (file !== undefined) return verifyFileCommand(pathOf(file, io.cwd), options, format, io);
    const spec = storeSpecOf(values, io, NAME);
    const progress = createProgress(io.stderr, 'verifying');
    const report = await withStore(spec, { mode: 'read', command: NAME }, async ({ store }) => {
      const result = await verifyStore(countReads(store, progress), options)();
      progress.finish();
      if (E.isLeft(result)) throw fromLedgerError(result.left, NAME);
      return result.right;
    });
    return printReport(report, format, io);
  },
};

const verifyFileCommand = async (
  path: string, options: AgainstOptions, format: 'text' | 'json', io: CliIo,
): Promise<number> => {
  if (!existsSync(path)) throw usageError(`--file ${path}: no such file`, NAME);
  const result = await verifyTrailFile(path, options)();
  if (E.isLeft(result)) throw fromAuditError(result.left, NAME);
  return printReport(result.right, format, io);
};
