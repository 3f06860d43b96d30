/** `audit as-of`: one entity's state as of a recorded time, an effective time, or a position. */
import * as E from 'fp-ts/Either';
import { stateAsOf, type AsOfPoint, type Evolver } from '../../audit/as-of';
import type { TimelineEntry } from '../../audit/timeline';
import { accountabilityAggregate } from '../../campaign/accountability/decider';
import { campaignAggregate } from '../../campaign/campaign/decider';
import { inspectionAggregate } from '../../campaign/inspection/decider';
import { numberingFold } from '../../campaign/numbering';
import { organizationAggregate } from '../../campaign/organization/decider';
import { problemAggregate } from '../../campaign/problem/decider';
import { createCampaignRegistry } from '../../campaign/registry';
import { reportAggregate } from '../../campaign/report/decider';
import { taskAggregate } from '../../campaign/task/decider';
import type { DomainEvent } from '../../eventsourcing/decider';
import { oneOf, required, str, write, type Command } from '../command';
import { parseDateOption } from '../dates';
import { fromLedgerError, usageError } from '../errors';
import { withStore } from '../open-store';
import { renderJson } from '../output';
import { formatOption, storeOptions, storeSpecOf } from './common';

const NAME = 'audit as-of';

type AnyEvolver = Evolver<unknown, DomainEvent>;
const asEvolver = (spec: { initialState: unknown; evolve: (s: never, e: never) => unknown }): AnyEvolver => spec as unknown as AnyEvolver;

/** The fold of each kind of campaign stream, by the stream id's kind segment (`ns/<kind>[/id]`). */
const EVOLVERS: Readonly<Record<string, AnyEvolver>> = {
  organization: asEvolver(organizationAggregate),
  campaign: asEvolver(campaignAggregate),
  task: asEvolver(taskAggregate),
  problem: asEvolver(problemAggregate),
  report: asEvolver(reportAggregate),
  inspection: asEvolver(inspectionAggregate),
  accountability: asEvolver(accountabilityAggregate),
  'ledger-numbers': asEvolver(numberingFold),
};

const evolverOf = (streamId: string): AnyEvolver => {
  const kind = streamId.split('/')[1] ?? '';
  const evolver = EVOLVERS[kind];
  if (evolver === undefined) {
    throw usageError(`--stream ${JSON.stringify(streamId)} is not a campaign stream (NS/KIND[/ID] with KIND one of ${Object.keys(EVOLVERS).join(', ')})`, NAME);
  }
  return evolver;
};

const pointOf = (values: Parameters<Command['run']>[0]): AsOfPoint => {
  const at = str(values, 'at');
  const position = str(values, 'position');
  if ((at === undefined) === (position === undefined)) throw usageError('give exactly one of --at or --position', NAME);
  if (position !== undefined) {
    if (!/^(0|[1-9]\d*)$/.test(position)) throw usageError(`--position must be a whole number, got ${JSON.stringify(position)}`, NAME);
    if (str(values, 'by') !== undefined) throw usageError('--by goes with --at, not with --position', NAME);
    return { position: BigInt(position) };
  }
  const instant = parseDateOption(at as string, 'at', NAME);
  return oneOf(values, 'by', ['recorded', 'effective'] as const, 'recorded', NAME) === 'recorded' ? { recordedAt: instant } : { effectiveAt: instant };
};

const line = (t: TimelineEntry) => `  ${t.type} at position ${t.position}: effective ${t.effectiveAt}, recorded ${t.recordedAt}${t.reason ? ` (${t.reason})` : ''}`;

/** The `audit as-of` command. */
export const auditAsOfCommand: Command = {
  name: NAME,
  summary: "replay one entity's stream to a moment: what was known then (--by recorded) or true then (--by effective)",
  usage: 'audit as-of --store S --stream ID (--at DATE [--by recorded|effective] | --position N) [--format text|json]',
  details: [
    '--by recorded (default): the events the system had recorded by then. --by effective: the events whose',
    'business time is at or before then, whenever recorded. Backdated entries and facts recorded later are listed.',
  ].join('\n'),
  options: {
    ...storeOptions,
    stream: { type: 'string', value: 'ID', description: 'the stream, e.g. demo-2019/problem/dc-001' },
    at: { type: 'string', value: 'DATE', description: 'the moment (YYYY-MM-DD = the end of that day at UTC+08:00, or an ISO date-time)' },
    by: { type: 'string', value: 'recorded|effective', description: 'which time --at is compared with (default recorded)' },
    position: { type: 'string', value: 'N', description: 'replay up to this global position instead' },
    format: formatOption(['text', 'json']),
  },
  async run(values, io) {
    const format = oneOf(values, 'format', ['text', 'json'] as const, 'text', NAME);
    const streamId = required(values, 'stream', NAME);
    const evolver = evolverOf(streamId);
    const at = pointOf(values);
    const spec = storeSpecOf(values, io, NAME);
    const result = await withStore(spec, { mode: 'read', command: NAME }, async ({ store }) => {
      const r = await stateAsOf(store, streamId, evolver, at, { registry: createCampaignRegistry() })();
      if (E.isLeft(r)) throw fromLedgerError(r.left, NAME);
      return r.right;
    });
    const summary = (t: TimelineEntry) => ({ position: t.position, type: t.type, recordedAt: t.recordedAt, effectiveAt: t.effectiveAt, reason: t.reason ?? null });
    if (format === 'json') {
      await write(io.stdout, renderJson({
        streamId, at, applied: result.applied, lastPosition: result.lastPosition ?? null,
        backdated: result.backdated.map(summary), knownLater: result.knownLater.map(summary), state: result.state,
      }));
      return 0;
    }
    const head = [`${streamId} as of ${'position' in at ? `position ${at.position}` : 'recordedAt' in at ? `${String(at.recordedAt)} (recorded)` : `${String(at.effectiveAt)} (effective)`}: ${result.applied} events applied${result.lastPosition === undefined ? '' : `, the last at position ${result.lastPosition}`}`];
    if (result.backdated.length) head.push(`Backdated entries applied (${result.backdated.length}):`, ...result.backdated.map(line));
    if (result.knownLater.length) head.push(`Facts about this moment recorded only later (${result.knownLater.length}):`, ...result.knownLater.map(line));
    await write(io.stdout, `${head.join('\n')}\nState:\n${renderJson(result.state)}`);
    return 0;
  },
};
