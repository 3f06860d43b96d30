/**
 * What every facade operation shares: the store, the handler, the stream names, the registry,
 * the clock, and loaders that fold a stream with an aggregate (through the handler, whose cache
 * keeps folded state by stream head, so an unchanged stream is not read again).
 */
import * as E from 'fp-ts/Either';
import type { DomainEvent } from '../../eventsourcing/decider';
import type { CodecRegistry } from '../../eventsourcing/codecs';
import type { LedgerError } from '../../eventsourcing/errors';
import type { CommandHandler, Evolver, Loaded } from '../../eventsourcing/handler';
import type { EventStore } from '../../eventsourcing/store';
import type { DomainEnv } from '../aggregate';
import { campaignAggregate } from '../campaign/decider';
import type { NumberingDeps } from '../numbering';
import { organizationAggregate } from '../organization/decider';
import type { CampaignStreams } from '../streams';

/** Shared facade dependencies. */
export interface FacadeContext {
  readonly store: EventStore;
  readonly registry: CodecRegistry;
  readonly handler: CommandHandler;
  readonly streams: CampaignStreams;
  readonly clock: () => Date;
  readonly maxRetries: number;
  /** What ledger-number reservations need (the format, the store, more retries: a court's registrations contend for its counter). */
  readonly numbering: NumberingDeps;
  /** The handler of the supervision-number reservation streams (more retries: every item of an office contends for them). */
  readonly numberingHandler: CommandHandler;
  /** Creates a handler with another id generator (the reactions' deterministic ids). */
  readonly handlerWithIds: (ids: () => string) => CommandHandler;
  /** Loads the Organization and the Campaign. */
  readonly world: () => Promise<E.Either<LedgerError, DomainEnv>>;
}

/** Folds a stream with an aggregate. */
export const loadWith = <S, Ev extends DomainEvent>(handler: CommandHandler, fold: Evolver<S, Ev>, streamId: string): Promise<E.Either<LedgerError, Loaded<S>>> =>
  handler.load(fold, streamId)();

/** Loads the Organization and the Campaign (the handler's cache keeps their folds by stream head). */
export const createWorldLoader = (handler: CommandHandler, streams: CampaignStreams) =>
  async (): Promise<E.Either<LedgerError, DomainEnv>> => {
    const org = await loadWith(handler, organizationAggregate, streams.organization);
    if (E.isLeft(org)) return org;
    const campaign = await loadWith(handler, campaignAggregate, streams.campaign);
    if (E.isLeft(campaign)) return campaign;
    return E.right({ org: org.right.state, campaign: campaign.right.state });
  };
