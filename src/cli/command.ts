/**
 * How a command is described (name, options, help) and how its arguments are parsed, with
 * node:util parseArgs and no framework. Every command answers `--help`.
 */
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { usageError } from './errors';
import { terminalSafe } from './terminal';

/** One option of a command. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One-letter alias. */
  readonly short?: string;
  /** May be given several times (values are collected). */
  readonly multiple?: boolean;
  /** The placeholder of the value in the help, e.g. `PATH`. */
  readonly value?: string;
  /** One line for the help. */
  readonly description: string;
}

/** Parsed option values: strings, booleans, or lists of strings for `multiple` options. */
export type Values = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/** What a command needs from the process: output streams, environment, working directory. */
export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** A command of the `campaign-ledger` program. */
export interface Command {
  /** The words that name it, e.g. `audit verify`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The synopsis after the program name, e.g. `dashboard --store S [--now DATE]`. */
  readonly usage: string;
  /** Longer explanation, printed under the synopsis. */
  readonly details?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Runs with parsed values; resolves to the exit code, or throws a CliError. */
  run(values: Values, io: CliIo): Promise<number>;
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' };

/** Parses a command's arguments; an unknown option, a missing value or a stray word is a usage error. */
export const parseCommandArgs = (command: Command, argv: readonly string[]): Values => {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, o] of Object.entries({ ...command.options, help: HELP })) {
    options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw usageError(`unexpected argument ${JSON.stringify(positionals[0])}`, command.name);
    return values as Values;
  } catch (x) {
    if (x instanceof Error && 'code' in x && typeof x.code === 'string' && x.code.startsWith('ERR_PARSE_ARGS')) {
      throw usageError(firstLine(x.message), command.name);
    }
    throw x;
  }
};

const firstLine = (s: string): string => (s.split('\n')[0] ?? s).replace(/\. To specify a positional argument.*$/, '');

/** The help text of one command. */
export const commandHelp = (command: Command): string => {
  const rows = Object.entries({ ...command.options, help: HELP }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return [flag, o.description + (o.multiple ? ' (repeatable)' : '')] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  return [
    `Usage: campaign-ledger ${command.usage}`,
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    '',
    'Options:',
    ...rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    '',
  ].join('\n');
};

/** Reads a string option, undefined when absent. */
export const str = (values: Values, name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};

/** Reads a required string option; its absence is a usage error. */
export const required = (values: Values, name: string, command: string): string => {
  const v = str(values, name);
  if (v === undefined || v === '') throw usageError(`--${name} is required`, command);
  return v;
};

/** Reads a repeatable string option (empty when absent). */
export const list = (values: Values, name: string): readonly string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
};

/** Reads a boolean option. */
export const flag = (values: Values, name: string): boolean => values[name] === true;

/** Reads an option restricted to a set of words. */
export const oneOf = <T extends string>(values: Values, name: string, allowed: readonly T[], fallback: T, command: string): T => {
  const v = str(values, name);
  if (v === undefined) return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw usageError(`--${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`, command);
};

/**
 * Writes text to a stream and waits until it has been handed to the operating system. A reader
 * that went away (EPIPE, e.g. `| head`) is not an error: there is nobody left to write to.
 */
export const write = (stream: Writable, text: string): Promise<void> =>
  new Promise((resolve, reject) => {
    stream.write(terminalSafe(text), (err) => (err && (err as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(err) : resolve()));
  });
