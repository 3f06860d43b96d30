/**
 * Folds the campaign read models over a store for the commands that show them (dashboard,
 * ledger): one streaming pass, the last recorded time (the default `--now`), and the campaign
 * namespaces seen, so a store holding several campaigns asks for `--campaign`.
 */
import { isLedgerFailure } from '../eventsourcing/errors';
import type { EventStore } from '../eventsourcing/store';
import { CannotApply, InvalidQuery } from '../readmodels/errors';
import { campaignReadModel } from '../readmodels/projection';
import type { ReadModelState } from '../readmodels/state';
import { CliError, EXIT, fromLedgerError, usageError } from './errors';
import type { Progress } from './progress';

/** The folded read models and facts about the trail they came from. */
export interface LoadedReadModel {
  readonly state: ReadModelState;
  readonly events: number;
  /** The last event's recorded time; undefined for an empty trail. */
  readonly lastRecordedAt: string | undefined;
  readonly namespace: string | undefined;
}

const namespaceOf = (streamId: string): string => streamId.slice(0, Math.max(0, streamId.indexOf('/'))) || streamId;

/**
 * Folds every event (of `namespace` when given; with `recordedUntil`, only those recorded by then,
 * so a past `--now` shows the campaign as it stood at that moment). Several namespaces without `--namespace` is a
 * usage error listing them; an event the read models cannot apply stops the fold (exit 1, naming it).
 */
export const loadReadModel = async (
  store: EventStore, options: { namespace?: string; command: string; progress?: Progress; recordedUntil?: string },
): Promise<LoadedReadModel> => {
  const { namespace, command } = options;
  const until = options.recordedUntil === undefined ? undefined : Date.parse(options.recordedUntil);
  const projection = campaignReadModel(namespace === undefined ? {} : { namespace });
  let state = projection.initialState;
  let events = 0;
  let lastRecordedAt: string | undefined;
  const seen = new Set<string>();
  try {
    for await (const e of store.readAll(namespace === undefined ? {} : { streamPrefix: `${namespace}/` })) {
      seen.add(namespaceOf(e.streamId));
      if (seen.size > 1) {
        throw usageError(`the store holds several campaigns (${[...seen].join(', ')}…); choose one with --campaign`, command);
      }
      if (until !== undefined && Date.parse(e.metadata.recordedAt) > until) continue;
      try {
        state = projection.apply(state, e);
      } catch (x) {
        if (x instanceof CannotApply) {
          throw new CliError(EXIT.verificationFailed, `the event at position ${e.position} (${e.type}, stream "${e.streamId}" revision ${e.revision}) cannot be applied: ${x.message}`);
        }
        throw x;
      }
      events++;
      lastRecordedAt = e.metadata.recordedAt;
      options.progress?.update(events);
    }
  } catch (x) {
    if (isLedgerFailure(x)) throw fromLedgerError(x.error, command);
    throw x;
  } finally {
    options.progress?.finish();
  }
  if (namespace !== undefined && seen.size === 0) throw usageError(`the store has no events of campaign "${namespace}"`, command);
  return { state, events, lastRecordedAt, namespace: namespace ?? [...seen][0] };
};

/** Runs a read-model query; its InvalidQuery becomes a usage error naming the field. */
export const query = <T>(command: string, run: () => T): T => {
  try {
    return run();
  } catch (x) {
    if (x instanceof InvalidQuery) throw usageError(x.message, command);
    throw x;
  }
};
