/**
 * The `campaign-ledger` program: finds the command named by the first words, parses its options,
 * runs it, and turns every failure into a message on stderr and an exit code (see `errors.ts`).
 */
import { commandHelp, parseCommandArgs, write, type CliIo, type Command } from './command';
import { CliError, EXIT, fromLedgerError } from './errors';
import { isLedgerFailure } from '../eventsourcing/errors';
import { commands } from './commands/index';

/** The program's version, as built. */
export const VERSION = '0.1.0';

const groups = (): Map<string, Command[]> => {
  const m = new Map<string, Command[]>();
  for (const c of commands) {
    const [head] = c.name.split(' ');
    if (c.name.includes(' ') && head) m.set(head, [...(m.get(head) ?? []), c]);
  }
  return m;
};

const programHelp = (): string => {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: campaign-ledger COMMAND [options]',
    '',
    'Runs management campaigns on an event-sourced, hash-chained audit trail.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Stores (--store): sqlite:PATH (embedded, the default choice), memory (demo only), postgres://USER@HOST:PORT/DB?schema=NAME, esdb://HOST:PORT?tls=false or kurrentdb://HOST:PORT?tls=false.',
    'Exit codes: 0 ok, 1 a verification failed, 2 bad usage or bad input, 3 the store is unavailable.',
    "Run 'campaign-ledger COMMAND --help' for a command's options. Start with: campaign-ledger demo --store sqlite:demo.db",
    '',
  ].join('\n');
};

const groupHelp = (name: string, members: readonly Command[]): string => {
  const width = Math.max(...members.map((c) => c.name.length));
  return [`Usage: campaign-ledger ${name} SUBCOMMAND [options]`, '', 'Subcommands:', ...members.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`), '', `Run 'campaign-ledger ${name} SUBCOMMAND --help' for its options.`, ''].join('\n');
};

const hint = (command: string | undefined) => `Run 'campaign-ledger ${command ? `${command} ` : ''}--help' for usage.`;

const fail = async (io: CliIo, e: CliError): Promise<number> => {
  const lines = [`campaign-ledger: ${e.message.replace(/\s*\n\s*/g, ' ')}`];
  if (e.code === EXIT.usage) lines.push(hint(e.command));
  await write(io.stderr, `${lines.join('\n')}\n`);
  return e.code;
};

/** Finds the command for `argv`: the command and the rest of the arguments, or a help text. */
const resolve = (argv: readonly string[]): { command: Command; rest: readonly string[] } | { help: string } | CliError => {
  const [first, second] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { help: programHelp() };
  if (first === '--version' || first === '-v') return { help: `${VERSION}\n` };
  const group = groups().get(first);
  if (group) {
    if (second === undefined || second === '--help' || second === '-h') return { help: groupHelp(first, group) };
    const c = group.find((m) => m.name === `${first} ${second}`);
    if (!c) return new CliError(EXIT.usage, `unknown command "${first} ${second}"; ${first} has ${group.map((m) => m.name.split(' ')[1]).join(', ')}`, first);
    return { command: c, rest: argv.slice(2) };
  }
  const c = commands.find((m) => m.name === first);
  if (!c) return new CliError(EXIT.usage, `unknown command ${JSON.stringify(first)}`);
  return { command: c, rest: argv.slice(1) };
};

/** Runs the program with `argv` (without node and the script) and resolves to the exit code. */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  try {
    const found = resolve(argv);
    if (found instanceof CliError) return await fail(io, found);
    if ('help' in found) {
      await write(io.stdout, found.help);
      return EXIT.ok;
    }
    const values = parseCommandArgs(found.command, found.rest);
    if (values.help === true) {
      await write(io.stdout, commandHelp(found.command));
      return EXIT.ok;
    }
    return await found.command.run(values, io);
  } catch (x) {
    if (x instanceof CliError) return fail(io, x);
    if (isLedgerFailure(x)) return fail(io, fromLedgerError(x.error));
    const text = x instanceof Error ? x.stack ?? x.message : String(x);
    await write(io.stderr, `campaign-ledger: internal error: ${text}\n`);
    return EXIT.internal;
  }
};
