/**
 * What every facade operation shares: the store, the handler, the stream names, the registry,
 * the clock, and loaders that fold a stream with an aggregate (the Organization and the Campaign
 * are cached by their stream head, so an unchanged stream is not read again).
 */
import * as E from 'fp-ts/Either';
import type { DomainEvent } from '../../eventsourcing/decider';
import type { CodecRegistry } from '../../eventsourcing/codecs';
import type { LedgerError } from '../../eventsourcing/errors';
import type { CommandHandler, Evolver, Loaded } from '../../eventsourcing/handler';
import type { EventStore } from '../../eventsourcing/store';
import type { DomainEnv } from '../aggregate';
import { campaignAggregate } from '../campaign/decider';
import type { LedgerNumberFormat } from '../numbering';
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
  readonly ledgerNumber: LedgerNumberFormat;
  /** The handler of the ledger-number reservation stream (more retries: every registration contends for it). */
  readonly numberingHandler: CommandHandler;
  /** Creates a handler with another id generator (the reactions' deterministic ids). */
  readonly handlerWithIds: (ids: () => string) => CommandHandler;
  /** Loads the Organization and the Campaign. */
  readonly world: () => Promise<E.Either<LedgerError, DomainEnv>>;
}

/** Folds a stream with an aggregate. */
export const loadWith = <S, Ev extends DomainEvent>(handler: CommandHandler, fold: Evolver<S, Ev>, streamId: string): Promise<E.Either<LedgerError, Loaded<S>>> =>
  handler.load(fold, streamId)();

/** Loads the Organization and the Campaign, reusing the last fold while a stream's head is unchanged. */
export const createWorldLoader = (store: EventStore, handler: CommandHandler, streams: CampaignStreams) => {
  const cache = new Map<string, { readonly hash: string; readonly state: unknown }>();
  const cached = async <S, Ev extends DomainEvent>(spec: Evolver<S, Ev>, streamId: string): Promise<E.Either<LedgerError, S>> => {
    const head = await store.streamHead(streamId)();
    if (E.isLeft(head)) return head;
    if (head.right === undefined) return E.right(spec.initialState);
    const hit = cache.get(streamId);
    if (hit !== undefined && hit.hash === head.right.hash) return E.right(hit.state as S);
    const loaded = await loadWith(handler, spec, streamId);
    if (E.isLeft(loaded)) return loaded;
    cache.set(streamId, { hash: head.right.hash, state: loaded.right.state });
    return E.right(loaded.right.state);
  };
  return async (): Promise<E.Either<LedgerError, DomainEnv>> => {
    const org = await cached(organizationAggregate, streams.organization);
    if (E.isLeft(org)) return org;
    const campaign = await cached(campaignAggregate, streams.campaign);
    if (E.isLeft(campaign)) return campaign;
    return E.right({ org: org.right, campaign: campaign.right });
  };
};
