/** `audit export` (the trail as JSON Lines, with its digest) and `audit import` (into an empty store). */
import { existsSync, rmSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { exportTrail } from '../../audit/export';
import { importTrail } from '../../audit/import';
import type { AuditError } from '../../audit/errors';
import { required, str, write, type Command } from '../command';
import { CliError, usageError } from '../errors';
import { moveIntoPlace, pathOf, readTextOption, writeFileAtomic } from '../files';
import { removeSqliteFiles, withStore } from '../open-store';
import { renderJson } from '../output';
import { countReads, createProgress } from '../progress';
import { fromAuditError } from './audit-common';
import { digestOptions, verifyText } from './audit-verify';
import { storeOptions, storeSpecOf } from './common';

const EXPORT = 'audit export';
const IMPORT = 'audit import';

/** The `audit export` command. */
export const auditExportCommand: Command = {
  name: EXPORT,
  summary: 'export the whole trail as JSON Lines (one canonical event per line, in global order)',
  usage: 'audit export --store S --out TRAIL.jsonl [--digest-out DIGEST.json] [--sign-key KEY.pem]',
  details: 'The file verifies offline with `audit verify --file`, and imports into another store with `audit import`.',
  options: {
    ...storeOptions,
    out: { type: 'string', value: 'TRAIL.jsonl', description: 'the file to write (- for standard output)' },
    'digest-out': { type: 'string', value: 'DIGEST.json', description: 'also write the digest of exactly the exported events' },
    'sign-key': { type: 'string', value: 'KEY.pem', description: 'sign that digest with this Ed25519 private key' },
  },
  async run(values, io) {
    const out = required(values, 'out', EXPORT);
    const digestOut = str(values, 'digest-out');
    const keyPath = str(values, 'sign-key');
    if (keyPath !== undefined && digestOut === undefined) throw usageError('--sign-key signs the digest written by --digest-out; give both', EXPORT);
    const privateKeyPem = keyPath === undefined ? undefined : readTextOption(pathOf(keyPath, io.cwd), 'sign-key', EXPORT);
    const spec = storeSpecOf(values, io, EXPORT);
    const target = out === '-' ? undefined : pathOf(out, io.cwd);
    const tmp = target === undefined ? undefined : `${target}.${process.pid}.partial`;
    const progress = createProgress(io.stderr, 'exporting');
    const summary = await withStore(spec, { mode: 'read', command: EXPORT }, async ({ store }) => {
      const done = await exportTrail(countReads(store, progress), tmp ?? io.stdout, privateKeyPem === undefined ? {} : { signWith: { privateKeyPem } })();
      progress.finish();
      if (E.isLeft(done)) {
        if (tmp !== undefined) rmSync(tmp, { force: true });
        throw done.left._tag === 'TrailUnwritable' ? usageError(done.left.message, EXPORT) : fromAuditError(done.left, EXPORT);
      }
      return done.right;
    });
    if (tmp !== undefined && target !== undefined) moveIntoPlace(tmp, target);
    if (digestOut !== undefined) writeFileAtomic(pathOf(digestOut, io.cwd), renderJson(summary.digest));
    const report = `exported ${summary.events} events${target ? ` to ${out}` : ''}; digest root ${summary.digest.rootHash}${digestOut ? ` written to ${digestOut}` : ''}\n`;
    await write(target ? io.stdout : io.stderr, report);
    return 0;
  },
};

/** The `audit import` command. */
export const auditImportCommand: Command = {
  name: IMPORT,
  summary: 'import an exported trail into an empty store, every hash preserved (verified first)',
  usage: 'audit import --file TRAIL.jsonl --store S [--against DIGEST.json] [--public-key KEY.pem]',
  details: [
    'The file is verified before anything is written (with --against, it must hold every event the digest',
    'covered); a file that fails leaves the store unchanged (exit 1). Positions are the new store\'s own;',
    'hashes, revisions and the digest root are the file\'s.',
  ].join('\n'),
  options: {
    file: { type: 'string', value: 'TRAIL.jsonl', description: 'the exported trail' },
    ...storeOptions,
    against: { type: 'string', value: 'DIGEST.json', description: 'a digest the file must still contain' },
    'public-key': { type: 'string', value: 'KEY.pem', description: "the key the digest's signature must verify with" },
  },
  async run(values, io) {
    const file = pathOf(required(values, 'file', IMPORT), io.cwd);
    if (!existsSync(file)) throw usageError(`--file ${file}: no such file`, IMPORT);
    const options = digestOptions(values, io, IMPORT);
    const spec = storeSpecOf(values, io, IMPORT);
    const created = spec.kind === 'sqlite' && !existsSync(spec.path);
    let failure: AuditError | undefined;
    const summary = await withStore(spec, { mode: 'create', command: IMPORT }, async ({ store }) => {
      const done = await importTrail(file, store, options)();
      if (E.isLeft(done)) {
        failure = done.left;
        return undefined;
      }
      return done.right;
    });
    if (summary === undefined) {
      if (created && spec.kind === 'sqlite' && failure?._tag !== 'IntegrityViolation') removeSqliteFiles(spec.path);
      const f = failure as AuditError;
      if (f._tag === 'TrailRejected') await write(io.stdout, verifyText(f.report));
      throw f._tag === 'TrailRejected' ? new CliError(1, `${file} was not imported: it failed verification`) : fromAuditError(f, IMPORT);
    }
    await write(io.stdout, `imported ${summary.events} events in ${summary.streams} streams; digest root ${summary.digest.rootHash} (the file's)\n`);
    return 0;
  },
};
