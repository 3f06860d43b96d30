/**
 * The facade: a campaign ledger over an event store of your choice, in a few lines.
 *
 * ```ts
 * const ledger = orThrow(createCampaignLedger({ store: createMemoryStore(), namespace: 'mgmt-2019' }));
 * await ledger.organization.establish('admin', { court: { courtId: 'CITY', name: '市中院' }, administrator: { personId: 'admin', name: 'Admin' } })();
 * const r = await ledger.problem.identify('ng-staff', { problemId: 'P-1', courtId: 'NANGUAN', source: 'self_inspection', ... })();
 * ```
 *
 * Every command is `(actorId, input, options?) => Command<State>`: a `TaskEither<CampaignError,
 * CommandResult<State>>` that also runs when awaited, so `await ledger.problem.verify(...)` and
 * `await ledger.problem.verify(...)()` both run it once (a refusal by rule carries a
 * {@link CampaignRuleCode}).
 * The input is validated with io-ts (a ValidationFailed names each bad field); the actor's posts
 * and unit are resolved from the Organization and the Campaign, never taken from the caller;
 * refusals append nothing. Time comes from `clock` (trusted, `recordedAt`); the caller's business
 * time is `options.effectiveAt`.
 */
import { runnable, type Runnable } from '../eventsourcing/runnable';
import type { CodecRegistry } from '../eventsourcing/codecs';
import type { Actor } from '../eventsourcing/envelope';
import { errors, type LedgerError, type ValidationFailed } from '../eventsourcing/errors';
import { createCommandHandler, type Loaded } from '../eventsourcing/handler';
import { uuidv7 } from '../eventsourcing/ids';
import type { SnapshotStore } from '../eventsourcing/snapshots';
import { createStateCache } from '../eventsourcing/state-cache';
import type { EventStore } from '../eventsourcing/store';
import { resolveActor } from './actors';
import type { AccountabilityState } from './accountability/state';
import type { CampaignState } from './campaign/state';
import type { Beacon } from './inspection/events';
import type { InspectionState } from './inspection/state';
import { defaultLedgerNumber, type LedgerNumberFormat } from './numbering';
import type { OrganizationState } from './organization/state';
import type { ProblemState } from './problem/state';
import { createCampaignRegistry } from './registry';
import type { RegulationState } from './regulation/state';
import type { ReportState } from './report/state';
import { campaignStreams, type CampaignStreams, type Namespace } from './streams';
import type { SupervisionState } from './supervision/state';
import type { TaskState } from './task/state';
import { aggregates } from './aggregates';
import type { CampaignError, CampaignRuleCode } from './rules';
import { createWorldLoader, type FacadeContext } from './facade/context';
import type { Binding } from './facade/binding';
import { commandMethods, type CommandMethods } from './facade/execute';
import { beaconOf } from './inspection/resolve';
import { createReactions, type Reactions } from './reactions/index';
import * as E from 'fp-ts/Either';

/** Options of {@link createCampaignLedger}. */
export interface CampaignLedgerOptions {
  readonly store: EventStore;
  /** The campaign's namespace: every stream is `${namespace}/…` (letters, digits, `_.:-`). */
  readonly namespace: string;
  /** The trusted clock. Default: the system clock. */
  readonly clock?: () => Date;
  /** Id generator (UUIDs) for commands and events. Default: time-ordered UUIDv7 (`uuidv7`). */
  readonly ids?: () => string;
  /** Attempts after a concurrency conflict. Default 3 (50 on the ledger-number counters). */
  readonly maxRetries?: number;
  /** Days past a measure's deadline before the overdue reaction proposes a case. Default 0. */
  readonly grace?: { readonly days: number };
  /** How ledger numbers are written from court, year and sequence; must be injective. Default `NANGUAN-2019-0001`. */
  readonly ledgerNumber?: LedgerNumberFormat;
  /** The actor the reactions run as (must hold `system`). Default: the first active `system` holder by id. */
  readonly systemActorId?: string;
  /**
   * How many streams keep their folded state between commands, checked against the stream's head
   * before use (default 10,000; 0 folds every stream from the start every time).
   */
  readonly cachedStreams?: number;
  /**
   * Where snapshots of the long streams (the Organization and the Campaign) are kept, e.g. a
   * store's own `snapshots`; checked against the chain when loaded, ignored when they do not match
   * it. `every`: events read before a new snapshot is saved (default 1,000). Default: none.
   */
  readonly snapshots?: { readonly store: SnapshotStore; readonly every?: number };
}

/** Readers of an entity's current state (each a TaskEither that also runs when awaited). */
export interface CampaignReaders {
  /** The Organization: courts, departments, people and their posts. */
  organization(): Runnable<LedgerError, Loaded<OrganizationState>>;
  /** The Campaign: its office, periods and tasks issued. */
  campaign(): Runnable<LedgerError, Loaded<CampaignState>>;
  /** The Task `taskId`. */
  task(taskId: string): Runnable<LedgerError, Loaded<TaskState>>;
  /** The Problem `problemId`. */
  problem(problemId: string): Runnable<LedgerError, Loaded<ProblemState>>;
  /** The report of court `courtId` for period `periodId`. */
  report(periodId: string, courtId: string): Runnable<LedgerError, Loaded<ReportState>>;
  /** The Inspection `inspectionId`. */
  inspection(inspectionId: string): Runnable<LedgerError, Loaded<InspectionState>>;
  /** The accountability case `caseId`. */
  accountability(caseId: string): Runnable<LedgerError, Loaded<AccountabilityState>>;
  /** The supervision item `itemId`. */
  supervision(itemId: string): Runnable<LedgerError, Loaded<SupervisionState>>;
  /** The regulation `regulationId`. */
  regulation(regulationId: string): Runnable<LedgerError, Loaded<RegulationState>>;
  /** The beacon of an unannounced inspection, once it exists (for the office to draw its targets). */
  beacon(inspectionId: string): Runnable<LedgerError, Beacon | undefined>;
  /** The actor as the next command would record it. */
  actor(actorId: string): Runnable<LedgerError, Actor>;
}

/** The command methods of every aggregate, by its name in {@link aggregates}. */
export type CampaignCommands = { readonly [A in keyof typeof aggregates]: BindingMethods<(typeof aggregates)[A]> };

type BindingMethods<B> = B extends Binding<infer D, infer S> ? CommandMethods<D, S> : never;

const build = (ctx: FacadeContext): CampaignCommands => ({
  organization: commandMethods(ctx, aggregates.organization),
  campaign: commandMethods(ctx, aggregates.campaign),
  task: commandMethods(ctx, aggregates.task),
  problem: commandMethods(ctx, aggregates.problem),
  report: commandMethods(ctx, aggregates.report),
  inspection: commandMethods(ctx, aggregates.inspection),
  accountability: commandMethods(ctx, aggregates.accountability),
  supervision: commandMethods(ctx, aggregates.supervision),
  followUp: commandMethods(ctx, aggregates.followUp),
  regulation: commandMethods(ctx, aggregates.regulation),
});

/** A campaign ledger: commands per aggregate, readers, the registry and the reactions. */
export type CampaignLedger = CampaignCommands & {
  /** Every campaign event type (for stores, read models and audits). */
  readonly registry: CodecRegistry;
  /** The stream names of this namespace. */
  readonly streams: CampaignStreams;
  readonly load: CampaignReaders;
  /** The process managers, run on demand. */
  readonly reactions: Reactions;
};

/**
 * Creates a campaign ledger over a store: the Right, or a ValidationFailed naming `namespace` when
 * it is not a valid {@link Namespace}, or `cachedStreams` when it is not an integer >= 0 (the only
 * things that can fail here; `orThrow` unwraps it).
 */
export const createCampaignLedger = (options: CampaignLedgerOptions): E.Either<ValidationFailed, CampaignLedger> => {
  const cached = options.cachedStreams;
  if (cached !== undefined && (!Number.isSafeInteger(cached) || cached < 0)) {
    return E.left(errors.validation([{ path: 'cachedStreams', message: `expected an integer >= 0, got ${String(cached)}` }]));
  }
  return E.map((streams: CampaignStreams) => ledgerOver(options, streams))(campaignStreams(options.namespace));
};

const ledgerOver = (options: CampaignLedgerOptions, streams: CampaignStreams): CampaignLedger => {
  const registry = createCampaignRegistry();
  const clock = options.clock ?? (() => new Date());
  const ids = options.ids ?? (() => uuidv7());
  const maxRetries = options.maxRetries ?? 3;
  // One cache for every handler of this ledger: they fold the same streams with the same registry.
  const cache = createStateCache(options.cachedStreams === undefined ? {} : { maxStreams: options.cachedStreams });
  const handlerWithIds = (generator: () => string, retries = maxRetries) =>
    createCommandHandler({ store: options.store, registry, clock, ids: generator, maxRetries: retries, cache, snapshots: options.snapshots });
  const handler = handlerWithIds(ids);
  const ctx: FacadeContext = {
    store: options.store, registry, handler, streams, clock, maxRetries,
    numbering: {
      store: options.store, registry, prefix: streams.prefix, clock, format: options.ledgerNumber ?? defaultLedgerNumber, maxRetries: Math.max(50, maxRetries),
    },
    numberingHandler: handlerWithIds(ids, Math.max(50, maxRetries)),
    handlerWithIds: (g) => handlerWithIds(g),
    world: createWorldLoader(handler, streams),
  };
  const { organization, campaign, task, problem, report, inspection, accountability, supervision, regulation } = aggregates;
  const readers: CampaignReaders = {
    organization: () => runnable(() => organization.load(handler, streams.organization)),
    campaign: () => runnable(() => campaign.load(handler, streams.campaign)),
    task: (id) => runnable(() => task.load(handler, streams.task(id))),
    problem: (id) => runnable(() => problem.load(handler, streams.problem(id))),
    report: (periodId, courtId) => runnable(() => report.load(handler, streams.report(periodId, courtId))),
    inspection: (id) => runnable(() => inspection.load(handler, streams.inspection(id))),
    accountability: (id) => runnable(() => accountability.load(handler, streams.accountability(id))),
    supervision: (id) => runnable(() => supervision.load(handler, streams.supervision(id))),
    regulation: (id) => runnable(() => regulation.load(handler, streams.regulation(id))),
    beacon: (id) => runnable(() => beaconOf(ctx, id)),
    actor: (actorId) => runnable(async () => {
      const world = await ctx.world();
      return E.isLeft(world) ? world : resolveActor(actorId, world.right.org, world.right.campaign);
    }),
  };
  return {
    ...build(ctx),
    registry,
    streams,
    load: readers,
    reactions: createReactions(ctx, { graceDays: options.grace?.days ?? 0, systemActorId: options.systemActorId }),
  };
};
