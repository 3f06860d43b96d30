/**
 * Test fixtures for the audit trail: a small generic decider, deterministic ids and clock, and a
 * store wrapper that shows a tampered trail through the port.
 */
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { createMemoryStore, type MemoryStore } from '../../adapters/memory/index';
import {
  createCodecRegistry, createCommandHandler, errors, type CommandHandler, type Decider, type EventStore,
  type NewEvent, type RawRecord, type RecordedEvent,
} from '../../src/eventsourcing/index';

/** Deterministic UUIDs: 00000000-0000-4000-8000-<n as 12 hex digits>. */
export const uuids = (seed = 0) => {
  let n = seed;
  return () => `00000000-0000-4000-8000-${(n++).toString(16).padStart(12, '0')}`;
};

/** A clock that advances `stepMs` per call from `start`. */
export const steppingClock = (start = Date.parse('2024-01-01T00:00:00.000Z'), stepMs = 60_000) => {
  let now = start;
  return () => { const d = new Date(now); now += stepMs; return d; };
};

export type CaseEvent =
  | { type: 'Opened'; data: { title: string; dept: string } }
  | { type: 'Renamed'; data: { title: string } }
  | { type: 'MeasureAdded'; data: { measure: string } }
  | { type: 'Closed'; data: Record<string, never> }
  | { type: 'Reopened'; data: Record<string, never> };

export interface CaseState {
  readonly status: 'none' | 'open' | 'closed';
  readonly title?: string;
  readonly owner?: { readonly dept: string };
  readonly measures: readonly string[];
}

export type CaseCommand =
  | { kind: 'open'; title: string; dept: string }
  | { kind: 'rename'; title: string }
  | { kind: 'measure'; measure: string }
  | { kind: 'close' }
  | { kind: 'reopen' };

const empty = t.type({});
export const caseRegistry = createCodecRegistry([
  { type: 'Opened', schemaVersion: 1, codec: t.type({ title: t.string, dept: t.string }) },
  { type: 'Renamed', schemaVersion: 1, codec: t.type({ title: t.string }) },
  { type: 'MeasureAdded', schemaVersion: 1, codec: t.type({ measure: t.string }) },
  { type: 'Closed', schemaVersion: 1, codec: empty },
  { type: 'Reopened', schemaVersion: 1, codec: empty },
]);

/** A small decider: open a case, rename it, add measures, close and reopen it. */
export const caseDecider: Decider<CaseCommand, CaseState, CaseEvent> = {
  initialState: { status: 'none', measures: [] },
  evolve: (s, e) => {
    switch (e.type) {
      case 'Opened': return { status: 'open', title: e.data.title, owner: { dept: e.data.dept }, measures: [] };
      case 'Renamed': return { ...s, title: e.data.title };
      case 'MeasureAdded': return { ...s, measures: [...s.measures, e.data.measure] };
      case 'Closed': return { ...s, status: 'closed' };
      case 'Reopened': return { ...s, status: 'open' };
    }
  },
  decide: (c, s) => {
    const no = (why: string) => E.left(errors.rule(`case.${c.kind}`, why));
    switch (c.kind) {
      case 'open': return s.status === 'none' ? E.right([{ type: 'Opened', data: { title: c.title, dept: c.dept } }]) : no('already opened');
      case 'rename': return s.status === 'none' ? no('not opened') : E.right([{ type: 'Renamed', data: { title: c.title } }]);
      case 'measure': return s.status === 'open' ? E.right([{ type: 'MeasureAdded', data: { measure: c.measure } }]) : no('not open');
      case 'close': return s.status === 'open' ? E.right([{ type: 'Closed', data: {} }]) : no('not open');
      case 'reopen': return s.status === 'closed' ? E.right([{ type: 'Reopened', data: {} }]) : no('not closed');
    }
  },
};

/** A memory store with a command handler on a stepping clock and deterministic ids. */
export const caseWorld = (options: { stepMs?: number; start?: number } = {}): { store: MemoryStore; handler: CommandHandler } => {
  const store = createMemoryStore({ registry: caseRegistry });
  const handler = createCommandHandler({ store, registry: caseRegistry, clock: steppingClock(options.start, options.stepMs), ids: uuids() });
  return { store, handler };
};

/** A plain new event with valid metadata. */
export const newEvent = (id: string, type: string, data: unknown, meta: Partial<NewEvent['metadata']> = {}): NewEvent => ({
  eventId: id, type, schemaVersion: 1, data,
  metadata: {
    actor: { id: 'clerk-1', posts: ['clerk'], unit: 'court-a' }, correlationId: 'c-1', causationId: 'c-1',
    recordedAt: '2024-01-01T00:00:00.000Z', effectiveAt: '2024-01-01T00:00:00.000Z', ...meta,
  },
});

/**
 * Fills a memory store with `count` events spread over `streams` streams (round robin), in appends
 * of one event each. Returns the store.
 */
export const filledStore = async (count: number, streams = 5): Promise<MemoryStore> => {
  const store = createMemoryStore();
  const id = uuids(1_000_000);
  for (let i = 0; i < count; i++) {
    const r = await store.append(`case-${i % streams}`, [newEvent(id(), 'Noted', { i, text: `note ${i}` })], 'any')();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  return store;
};

/** How a tampering wrapper alters the trail: a function over the full list of (event, raw) pairs. */
export type Tamper = (rows: { event: RecordedEvent; raw: RawRecord }[]) => { event: RecordedEvent; raw: RawRecord }[];

/**
 * A test-only store whose readAll/readRaw return a tampered copy of `inner`'s trail (the memory
 * store's own events are frozen and cannot be changed). Everything else delegates.
 */
export const tamperedStore = async (inner: EventStore, tamper: Tamper, options: { raw?: boolean } = {}): Promise<EventStore> => {
  const events: RecordedEvent[] = [];
  for await (const e of inner.readAll()) events.push(e);
  const raws: RawRecord[] = [];
  if (inner.readRaw) for await (const r of inner.readRaw()) raws.push(r);
  const rows = tamper(events.map((event, i) => ({ event, raw: raws[i] as RawRecord })));
  const withRaw = options.raw ?? true;
  return {
    ...inner,
    readAll: async function* () { for (const r of rows) yield r.event; },
    readStream: async function* (streamId: string) { for (const r of rows) if (r.event.streamId === streamId) yield r.event; },
    ...(withRaw ? { readRaw: async function* () { for (const r of rows) yield r.raw; } } : { readRaw: undefined }),
  };
};
