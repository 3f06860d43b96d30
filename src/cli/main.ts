#!/usr/bin/env node
/**
 * Entry point of the `campaign-ledger` command. See `cli.ts` for the commands and `errors.ts` for
 * the exit codes.
 */
import { runCli } from './cli';

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
