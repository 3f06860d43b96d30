/** What the checkpoint, witness and proof commands share: keys, signers, checkpoint files, policies. */
import { ed25519Signer, parseVerifierKey, privateKeyFromPem, type NoteSigner, type VerifierKey } from '../../audit/note';
import { parseCheckpointText, type LogCheckpoint } from '../../audit/checkpoint';
import { parseNote } from '../../audit/note';
import type { WitnessPolicy } from '../../audit/witnessed';
import { list, str, type CliIo, type OptionSpec, type Values } from '../command';
import { usageError } from '../errors';
import { pathOf, readTextOption } from '../files';

/** `--vkey`, `--witness-vkey` and `--min-witnesses`, for the commands that check checkpoints. */
export const policyOptions: Readonly<Record<'vkey' | 'witness-vkey' | 'min-witnesses', OptionSpec>> = {
  vkey: { type: 'string', multiple: true, value: 'FILE', description: "the log's verifier key (note form, see audit keygen --note-name)" },
  'witness-vkey': { type: 'string', multiple: true, value: 'FILE', description: "a witness's verifier key (see audit keygen --cosigner)" },
  'min-witnesses': { type: 'string', value: 'N', description: 'how many of the given witnesses must have cosigned (default: all of them)' },
};

/** Reads a verifier key file (its first non-empty line); a malformed key is a usage error. */
export const readVerifierKey = (path: string, io: CliIo, option: string, command: string): VerifierKey => {
  const text = readTextOption(pathOf(path, io.cwd), option, command);
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  const key = parseVerifierKey(line);
  if (!key.ok) throw usageError(`--${option} ${path}: ${key.reason}`, command);
  return key.value;
};

/** The policy `--vkey`, `--witness-vkey` and `--min-witnesses` describe. */
export const policyOf = (values: Values, io: CliIo, command: string): WitnessPolicy => {
  const logPaths = list(values, 'vkey');
  if (logPaths.length === 0) throw usageError('--vkey is required to check a checkpoint', command);
  const logKeys = logPaths.map((p) => readVerifierKey(p, io, 'vkey', command));
  const witnessKeys = list(values, 'witness-vkey').map((p) => readVerifierKey(p, io, 'witness-vkey', command));
  if (logKeys.some((k) => k.type !== 0x01)) throw usageError('--vkey must be a log key (type 0x01), not a cosigner key', command);
  if (witnessKeys.some((k) => k.type !== 0x04)) throw usageError('--witness-vkey must be a cosigner key (type 0x04; audit keygen --cosigner)', command);
  const minText = str(values, 'min-witnesses');
  let minWitnesses: number | undefined;
  if (minText !== undefined) {
    if (!/^(0|[1-9][0-9]*)$/.test(minText)) throw usageError(`--min-witnesses must be a whole number, got ${JSON.stringify(minText)}`, command);
    minWitnesses = Number(minText);
    if (minWitnesses > witnessKeys.length) throw usageError(`--min-witnesses ${minWitnesses} is more than the ${witnessKeys.length} --witness-vkey given`, command);
  }
  return { logKeys, witnessKeys, ...(minWitnesses === undefined ? {} : { minWitnesses }) };
};

/** The signers of `--sign-key`/`--note-name` pairs (several for a key rotation). */
export const signersOf = (values: Values, io: CliIo, command: string): NoteSigner[] => {
  const keys = list(values, 'sign-key');
  const names = list(values, 'note-name');
  if (keys.length === 0) throw usageError('--sign-key is required', command);
  if (names.length !== keys.length) throw usageError(`give one --note-name per --sign-key (got ${keys.length} keys and ${names.length} names)`, command);
  return keys.map((k, i) => {
    const key = privateKeyFromPem(readTextOption(pathOf(k, io.cwd), 'sign-key', command));
    if (!key.ok) throw usageError(`--sign-key ${k}: ${key.reason}`, command);
    const signer = ed25519Signer(names[i]!, key.value);
    if (!signer.ok) throw usageError(`--note-name: ${signer.reason}`, command);
    return signer.value;
  });
};

/** Reads a signed checkpoint file: the note and its body (a malformed file is a usage error). */
export const readCheckpointFile = (path: string, io: CliIo, option: string, command: string): { note: string; checkpoint: LogCheckpoint } => {
  const note = readTextOption(pathOf(path, io.cwd), option, command);
  const parsed = parseNote(note);
  if (!parsed.ok) throw usageError(`--${option} ${path} is not a signed checkpoint: ${parsed.reason}`, command);
  const c = parseCheckpointText(parsed.value.text);
  if (!c.ok) throw usageError(`--${option} ${path} is not a signed checkpoint: ${c.reason}`, command);
  return { note, checkpoint: c.value };
};

/** Whether a file's text looks like a signed note (a blank line, then a signature line) rather than a digest. */
export const looksLikeNote = (text: string): boolean => !text.trimStart().startsWith('{') && text.includes('\n\n\u2014 ');

/** A one-line account of who vouched for a checkpoint. */
export const vouchedBy = (signedBy: readonly string[], cosignedBy: readonly { name: string; timestamp: number }[]): string =>
  `signed by ${signedBy.join(', ')}${cosignedBy.length > 0
    ? ` and cosigned by ${cosignedBy.map((c) => `${c.name} at ${new Date(c.timestamp * 1000).toISOString()}`).join(', ')}`
    : ' (no witness cosignature required)'}`;
