/** `campaign-ledger backup`: an online copy of a SQLite store, taken while it stays in use. */
import { existsSync, rmSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { flag, required, write, type Command } from '../command';
import { usageError } from '../errors';
import { moveIntoPlace } from '../files';
import { removeSqliteFiles, withStore } from '../open-store';
import { storeOptions, storeSpecOf } from './common';

const NAME = 'backup';

/** The `backup` command. */
export const backupCommand: Command = {
  name: NAME,
  summary: "copy a SQLite store to another file while it stays in use (SQLite's online backup)",
  usage: 'backup --store sqlite:PATH --out COPY.db [--force]',
  options: {
    ...storeOptions,
    out: { type: 'string', value: 'PATH', description: 'the file to write (refused when it exists, unless --force)' },
    force: { type: 'boolean', description: 'overwrite --out when it exists' },
  },
  async run(values, io) {
    const spec = storeSpecOf(values, io, NAME);
    if (spec.kind !== 'sqlite') throw usageError('backup copies SQLite stores only (--store sqlite:PATH)', NAME);
    const outArg = required(values, 'out', NAME);
    const out = isAbsolute(outArg) ? outArg : resolve(io.cwd, outArg);
    if (out === spec.path) throw usageError('--out is the store itself', NAME);
    if (existsSync(out) && !flag(values, 'force')) throw usageError(`${out} exists; pass --force to overwrite it`, NAME);
    // The copy is made next to OUT and moved into place only when complete and on disk: an
    // interrupted backup never leaves a half-written OUT, and an older OUT stays until then.
    const partial = `${out}.${process.pid}.partial`;
    removeSqliteFiles(partial);
    try {
      await withStore(spec, { mode: 'read', command: NAME }, async (opened) => {
        if (!opened.backup) throw usageError('this store cannot be backed up here', NAME);
        await opened.backup(partial);
      });
      for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${out}${suffix}`, { force: true });
      moveIntoPlace(partial, out);
    } finally {
      removeSqliteFiles(partial);
    }
    await write(io.stdout, `backed up ${spec.path} to ${out}\n`);
    return 0;
  },
};
