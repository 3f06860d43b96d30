/**
 * Folds the campaign read models over a store for the commands that show them (dashboard,
 * ledger): one streaming pass, the last recorded time (the default `--now`), and the campaign
 * namespaces seen, so a store holding several campaigns asks for `--campaign`.
 */
import * as E from 'fp-ts/Either';
import { runProjection } from '../eventsourcing/projection';
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
  const projection = campaignReadModel(namespace === undefined ? {} : { namespace });
  let events = 0;
  const seen = new Set<string>();
  // What the CLI itself throws inside the fold (a usage error, an unapplicable event, a bug) is
  // kept and thrown as is once the loop has stopped.
  let thrown: { readonly x: unknown } | undefined;
  const keep = (x: unknown): never => {
    thrown = { x };
    throw x;
  };
  const guarded = {
    ...projection,
    apply: (state: ReadModelState, e: Parameters<typeof projection.apply>[1]) => {
      try {
        return projection.apply(state, e);
      } catch (x) {
        return keep(x instanceof CannotApply
          ? new CliError(EXIT.verificationFailed, `the event at position ${e.position} (${e.type}, stream "${e.streamId}" revision ${e.revision}) cannot be applied: ${x.message}`)
          : x);
      }
    },
  };
  const run = await runProjection(store, undefined, guarded, {
    ...(options.recordedUntil === undefined ? {} : { recordedUntil: options.recordedUntil }),
    onEvent: (e, applied) => {
      seen.add(namespaceOf(e.streamId));
      if (seen.size > 1) keep(usageError(`the store holds several campaigns (${[...seen].join(', ')}…); choose one with --campaign`, command));
      if (applied) {
        events++;
        options.progress?.update(events);
      }
    },
  })().finally(() => options.progress?.finish());
  if (thrown !== undefined) throw thrown.x;
  if (E.isLeft(run)) throw fromLedgerError(run.left, command);
  if (namespace !== undefined && seen.size === 0) throw usageError(`the store has no events of campaign "${namespace}"`, command);
  return { state: run.right.state, events, lastRecordedAt: run.right.lastRecordedAt, namespace: namespace ?? [...seen][0] };
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
