#!/usr/bin/env node
/**
 * Entry point of the `campaign-ledger` command. See `cli.ts` for the commands and `errors.ts` for
 * the exit codes.
 */
import { runCli } from './cli';

// A reader that went away (`campaign-ledger ledger … | head`) ends the command quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
