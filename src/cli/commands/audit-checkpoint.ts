/** `audit checkpoint` (a signed C2SP checkpoint of the trail) and `audit witness` (ask a witness to cosign it). */
import * as E from 'fp-ts/Either';
import { createCheckpoint } from '../../audit/checkpoint';
import { addSignatureLines } from '../../audit/cosignature';
import { checkpointMatches, requestCosignature, trailLeaves } from '../../audit/cosigning';
import { list, required, write, type Command } from '../command';
import { usageError, verificationError } from '../errors';
import { pathOf, writeFileAtomic } from '../files';
import { withStore } from '../open-store';
import { countReads, createProgress } from '../progress';
import { fromAuditError } from './audit-common';
import { readCheckpointFile, readVerifierKey, signersOf } from './c2sp-common';
import { storeOptions, storeSpecOf } from './common';

const CHECKPOINT = 'audit checkpoint';
const WITNESS = 'audit witness';

/** The `audit checkpoint` command. */
export const auditCheckpointCommand: Command = {
  name: CHECKPOINT,
  summary: 'write a signed checkpoint of the trail (C2SP tlog-checkpoint: origin, size, RFC 6962 root)',
  usage: 'audit checkpoint --store S --origin ORIGIN --sign-key KEY.pem --note-name NAME --out FILE',
  details: [
    'The checkpoint is a signed note any C2SP tool can check. Give several --sign-key/--note-name',
    'pairs to sign with old and new keys during a rotation. Then ask witnesses to cosign it (audit witness).',
  ].join('\n'),
  options: {
    ...storeOptions,
    origin: { type: 'string', value: 'ORIGIN', description: 'the name of this trail, unique among logs, e.g. court-a.example/trail' },
    'sign-key': { type: 'string', multiple: true, value: 'KEY.pem', description: 'an Ed25519 private key (PKCS#8 PEM; see audit keygen)' },
    'note-name': { type: 'string', multiple: true, value: 'NAME', description: 'the key name of the --sign-key at the same place' },
    out: { type: 'string', value: 'FILE', description: 'where to write the checkpoint (- for standard output)' },
  },
  async run(values, io) {
    const origin = required(values, 'origin', CHECKPOINT);
    const out = required(values, 'out', CHECKPOINT);
    const signers = signersOf(values, io, CHECKPOINT);
    const spec = storeSpecOf(values, io, CHECKPOINT);
    const progress = createProgress(io.stderr, 'hashing');
    const made = await withStore(spec, { mode: 'read', command: CHECKPOINT }, async ({ store }) => {
      const r = await createCheckpoint(countReads(store, progress), { origin, signers })();
      progress.finish();
      if (E.isLeft(r)) throw fromAuditError(r.left, CHECKPOINT);
      return r.right;
    });
    if (out === '-') {
      await write(io.stdout, made.note);
    } else {
      writeFileAtomic(pathOf(out, io.cwd), made.note);
      await write(io.stdout, `checkpoint of ${made.checkpoint.treeSize} events for ${origin}, signed by ${signers.map((s) => s.name).join(', ')}, written to ${out}\n`);
    }
    return 0;
  },
};

/** The `audit witness` command. */
export const auditWitnessCommand: Command = {
  name: WITNESS,
  summary: 'ask witnesses to cosign a checkpoint (C2SP tlog-witness), sending the consistency proof they need',
  usage: 'audit witness --store S --checkpoint FILE --url URL --out FILE [--witness-vkey FILE]',
  details: [
    'Each witness cosigns only if the checkpoint extends the last one it cosigned for this origin;',
    'the proof is sent from the size the witness reports. Exit 1 when a witness refuses.',
  ].join('\n'),
  options: {
    ...storeOptions,
    checkpoint: { type: 'string', value: 'FILE', description: 'the signed checkpoint (see audit checkpoint)' },
    url: { type: 'string', multiple: true, value: 'URL', description: "a witness's address (its add-checkpoint is under it)" },
    'witness-vkey': { type: 'string', multiple: true, value: 'FILE', description: 'check the cosignature of the --url at the same place with this key' },
    out: { type: 'string', value: 'FILE', description: 'where to write the cosigned checkpoint' },
  },
  async run(values, io) {
    const out = required(values, 'out', WITNESS);
    const { note, checkpoint } = readCheckpointFile(required(values, 'checkpoint', WITNESS), io, 'checkpoint', WITNESS);
    const urls = list(values, 'url');
    if (urls.length === 0) throw usageError('--url is required', WITNESS);
    for (const u of urls) if (!/^https?:\/\/[^\s]+$/.test(u)) throw usageError(`--url ${JSON.stringify(u)} is not an http(s) address`, WITNESS);
    const keyPaths = list(values, 'witness-vkey');
    if (keyPaths.length > 0 && keyPaths.length !== urls.length) throw usageError('give one --witness-vkey per --url, or none', WITNESS);
    const keys = keyPaths.map((p) => readVerifierKey(p, io, 'witness-vkey', WITNESS));
    const spec = storeSpecOf(values, io, WITNESS);
    const leaves = await withStore(spec, { mode: 'read', command: WITNESS }, async ({ store }) => trailLeaves(store));
    const matches = checkpointMatches(checkpoint, leaves);
    if (!matches.ok) throw verificationError(`the checkpoint does not match this trail: ${matches.reason}`);
    let cosigned = note;
    const refusals: string[] = [];
    for (const [i, url] of urls.entries()) {
      const a = await requestCosignature({ url, ...(keys[i] ? { key: keys[i] } : {}) }, note, checkpoint, leaves);
      if (a.ok) cosigned = addSignatureLines(cosigned, a.value.lines); else refusals.push(a.reason);
    }
    writeFileAtomic(pathOf(out, io.cwd), cosigned);
    const got = urls.length - refusals.length;
    await write(io.stdout, `${got} of ${urls.length} witnesses cosigned the checkpoint of ${checkpoint.treeSize} events; written to ${out}\n`);
    if (refusals.length > 0) throw verificationError(refusals.join('; '));
    return 0;
  },
};
