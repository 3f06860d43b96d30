/** Options and helpers shared by the commands. */
import type { CliIo, OptionSpec, Values } from '../command';
import { required, str } from '../command';
import { parseDateOption } from '../dates';
import { STORE_FORMS, parseStoreSpec, type StoreSpec } from '../store-spec';

/** `--store STORE`. */
export const storeOption: OptionSpec = { type: 'string', value: 'STORE', description: `the event store: ${STORE_FORMS}` };

/** `--namespace NS`: the EventStoreDB namespace. */
export const namespaceOption: OptionSpec = {
  type: 'string', value: 'NS', description: 'EventStoreDB only: the namespace (stream prefix) that keeps one campaign or demo run apart',
};

/** `--store` and `--namespace`, for every command that opens a store. */
export const storeOptions: Readonly<Record<'store' | 'namespace', OptionSpec>> = { store: storeOption, namespace: namespaceOption };

/** `--campaign NS`: one campaign of a store holding several. */
export const campaignOption: OptionSpec = {
  type: 'string', value: 'NS', description: "the campaign (its streams' prefix) when the store holds several",
};

/** `--now DATE`. */
export const nowOption: OptionSpec = {
  type: 'string', value: 'DATE',
  description: "show the campaign as it stood then: events recorded by that moment, colours and overdue computed at it (YYYY-MM-DD = the end of that day at UTC+08:00, or an ISO date-time with a zone); default: the trail's last recorded time",
};

/** `--format` with the given choices. */
export const formatOption = (choices: readonly string[]): OptionSpec => ({
  type: 'string', value: choices.join('|'), description: `output format (default ${choices[0] ?? ''})`,
});

/** The required `--store`, parsed. */
export const storeSpecOf = (values: Values, io: CliIo, command: string): StoreSpec =>
  parseStoreSpec(required(values, 'store', command), io.cwd, command, str(values, 'namespace'));

/**
 * The instant `--now` names, or else the trail's last recorded time, or else (an empty trail)
 * the current time.
 */
export const nowOf = (values: Values, command: string, lastRecordedAt: string | undefined): string => {
  const given = str(values, 'now');
  if (given !== undefined) return parseDateOption(given, 'now', command);
  return lastRecordedAt ?? new Date().toISOString();
};
