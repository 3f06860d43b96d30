/**
 * A test world for the read models: a memory store with the campaign registry, a controllable
 * trusted clock, and `emit` to append one domain event (validated by the registry) to a stream.
 */
import { createMemoryStore, type MemoryStore } from '../../adapters/memory/index';
import { createCampaignRegistry } from '../../src/campaign/registry';
import { campaignStreams, type CampaignStreams } from '../../src/campaign/streams';
import { project, type Projection, type RecordedEvent } from '../../src/eventsourcing/index';
import { orThrow } from '../../src/eventsourcing/runnable';

export const NS = 'ny';

export interface World {
  readonly store: MemoryStore;
  readonly s: CampaignStreams;
  /** Appends one event at the current clock (then moves the clock one minute on). */
  emit(stream: string, type: string, data: unknown, options?: { effectiveAt?: string }): Promise<RecordedEvent>;
  /** Sets the clock. */
  at(iso: string): void;
  /** Moves the clock on. */
  advance(ms: number): void;
  /** The clock now. */
  now(): string;
  /** Every stored event, in global order. */
  events(): Promise<RecordedEvent[]>;
}

let uuidCounter = 0;
const uuid = () => `00000000-0000-4000-8000-${(uuidCounter++).toString(16).padStart(12, '0')}`;

export const createWorld = (start = '2019-03-01T01:00:00.000Z'): World => {
  const store = createMemoryStore({ registry: createCampaignRegistry() });
  let clock = Date.parse(start);
  const events = async () => {
    const out: RecordedEvent[] = [];
    for await (const e of store.readAll()) out.push(e);
    return out;
  };
  return {
    store,
    s: orThrow(campaignStreams(NS)),
    at: (iso) => { clock = Date.parse(iso); },
    advance: (ms) => { clock += ms; },
    now: () => new Date(clock).toISOString(),
    events,
    emit: async (stream, type, data, options = {}) => {
      const recordedAt = new Date(clock).toISOString();
      clock += 60_000;
      const id = uuid();
      const r = await store.append(stream, [{
        eventId: id, type, schemaVersion: 1, data,
        metadata: { actor: { id: 'office-1', posts: ['campaign_office'] }, correlationId: id, causationId: id, recordedAt, effectiveAt: options.effectiveAt ?? recordedAt },
      }], 'any')();
      if (r._tag === 'Left') throw new Error(`emit ${type}: ${r.left.message}`);
      return r.right.events[0] as RecordedEvent;
    },
  };
};

/** Folds a projection over every stored event (optionally up to a position). */
export const projectAll = async <S>(w: World, p: Projection<S>, untilPosition?: bigint): Promise<S> => {
  const evs = await w.events();
  return project(p, untilPosition === undefined ? evs : evs.filter((e) => e.position <= untilPosition));
};
