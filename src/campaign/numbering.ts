/**
 * Ledger numbers (台账编号). Each court keeps its own ledger, numbered per year: `NANGUAN-2019-0001`
 * (court id, year, sequence of four digits or more). Every court and year has a counter stream,
 * `${namespace}/ledger-numbers/${courtId}@${year}`, whose last event holds the last sequence given,
 * so a reservation reads one event (the head), never the stream: its cost does not grow with the
 * numbers already given.
 *
 * - **Unique under concurrency.** The reservation appends at the exact revision of the head it
 *   read: of two concurrent reservations one fails with WrongExpectedRevision, reads the new head
 *   and takes the next sequence.
 * - **A crash never burns a number.** The reservation's event id is derived from the problem
 *   (UUIDv5), and the store refuses an event id twice. Reserving again for a problem whose number
 *   is the head returns it; one whose reservation lies deeper (a crash between reserving and
 *   registering, then other registrations) meets DuplicateEventId, and only then the court's
 *   counter streams are searched back for it.
 */
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { CodecRegistry } from '../eventsourcing/codecs';
import type { Actor, NewEvent, RecordedEvent } from '../eventsourcing/envelope';
import { errors, type LedgerError } from '../eventsourcing/errors';
import { uuidFromName } from '../eventsourcing/ids';
import type { EventStore } from '../eventsourcing/store';
import { Id, ShortText, intIn, optional, struct } from './codecs';
import { definitionsOf, eventType, type EventUnion } from './define';
import { refuse } from './rules';

/** A ledger number was reserved for a problem (`courtId` and `year` absent in trails recorded before ledgers were per court). */
export const LedgerNumberReserved = t.intersection([
  struct({ problemId: Id, sequence: intIn(1, 1_000_000_000), ledgerNumber: ShortText }),
  optional({ courtId: Id, year: intIn(2000, 2100) }),
]);
/** Data of `ledger_number.reserved`. */
export type LedgerNumberReserved = t.TypeOf<typeof LedgerNumberReserved>;

/** The reservation streams' event types. */
export const numberingEvents = {
  reserved: eventType('ledger_number.reserved', LedgerNumberReserved),
} as const;

/** Any reservation event. */
export type NumberingEvent = EventUnion<typeof numberingEvents>;

/** Registry entries of the reservation streams. */
export const numberingEventTypes = definitionsOf(numberingEvents);

/** A counter stream folded: its last reservation (the counter) and how many it holds. */
export interface NumberingState {
  readonly last: number;
  readonly lastReservation?: LedgerNumberReserved | undefined;
  readonly count: number;
}

/**
 * Formats a court's sequence of a year as a ledger number. It must be injective over
 * (court, year, sequence): numbers are unique across the campaign only if it is.
 */
export type LedgerNumberFormat = (courtId: string, year: number, sequence: number) => string;

/** `NANGUAN-2019-0001`, `NANGUAN-2019-0002`, … (court id, year, sequence of at least four digits). */
export const defaultLedgerNumber: LedgerNumberFormat = (courtId, year, n) => `${courtId}-${year}-${String(n).padStart(4, '0')}`;

/** The fold of a counter stream: constant work per event (for audits that replay one as of a time). */
export const numberingFold = {
  initialState: { last: 0, count: 0 } as NumberingState,
  /** Folds one reservation into the counter. */
  evolve: (s: NumberingState, e: NumberingEvent): NumberingState =>
    ({ last: Math.max(s.last, e.data.sequence), lastReservation: e.data, count: s.count + 1 }),
};

/** The counter stream of a court and year. */
export const ledgerNumberStream = (prefix: string, courtId: string, year: number): string => `${prefix}ledger-numbers/${courtId}@${year}`;

/** What a reservation needs. */
export interface NumberingDeps {
  readonly store: EventStore;
  readonly registry: CodecRegistry;
  /** The namespace's stream prefix (`${namespace}/`). */
  readonly prefix: string;
  readonly format: LedgerNumberFormat;
  /** The trusted time of the reservation. */
  readonly clock: () => Date;
  /** Attempts after a concurrency conflict. */
  readonly maxRetries: number;
}

/** What to reserve: a number of `courtId`'s ledger of `year` for a problem. */
export interface Reservation {
  readonly problemId: string;
  readonly courtId: string;
  readonly year: number;
  /** The first year whose counter may hold an earlier reservation (the campaign's first year). */
  readonly sinceYear: number;
  readonly actor: Actor;
}

/** The id of a problem's reservation event: the same for every attempt, so the store refuses a second one. */
export const reservationEventId = (prefix: string, problemId: string): string => uuidFromName(`${prefix}ledger-number\u0000${problemId}`);

/** The reservation stored at `e`, decoded. */
const decode = (deps: NumberingDeps, e: RecordedEvent): E.Either<LedgerError, LedgerNumberReserved> => {
  const up = deps.registry.upcast(e);
  if (E.isLeft(up)) return E.left(errors.corrupt(e.position, up.left, e.streamId));
  return up.right.type === numberingEvents.reserved.type
    ? E.right(up.right.data as LedgerNumberReserved)
    : E.left(errors.corrupt(e.position, `unexpected event ${up.right.type} in a ledger-number stream`, e.streamId));
};

/** The head of a counter stream: one event read, backwards. */
const headOf = async (deps: NumberingDeps, streamId: string): Promise<E.Either<LedgerError, { readonly event: RecordedEvent; readonly data: LedgerNumberReserved } | undefined>> => {
  try {
    for await (const e of deps.store.readStream(streamId, { direction: 'backwards', maxCount: 1 })) {
      return E.map((data: LedgerNumberReserved) => ({ event: e, data }))(decode(deps, e));
    }
    return E.right(undefined);
  } catch (x) {
    return E.left(errors.fromUnknown(x));
  }
};

/** The rare path: the reservation of an event id stored deeper in one of the court's counter streams. */
const findReservation = async (deps: NumberingDeps, r: Reservation, eventId: string): Promise<E.Either<LedgerError, LedgerNumberReserved | undefined>> => {
  try {
    for (let year = r.year; year >= Math.min(r.sinceYear, r.year); year--) {
      for await (const e of deps.store.readStream(ledgerNumberStream(deps.prefix, r.courtId, year), { direction: 'backwards' })) {
        if (e.eventId === eventId) return decode(deps, e);
      }
    }
    return E.right(undefined);
  } catch (x) {
    return E.left(errors.fromUnknown(x));
  }
};

/**
 * Reserves the next number of a court's ledger of a year for a problem, or returns the number it
 * already has. Reads the counter's head (one event) and appends one event at its revision;
 * retries a lost race up to `maxRetries` times.
 */
export const reserveLedgerNumber = async (deps: NumberingDeps, r: Reservation): Promise<E.Either<LedgerError, LedgerNumberReserved>> => {
  const streamId = ledgerNumberStream(deps.prefix, r.courtId, r.year);
  const eventId = reservationEventId(deps.prefix, r.problemId);
  for (let attempt = 0; ; attempt++) {
    const head = await headOf(deps, streamId);
    if (E.isLeft(head)) return head;
    const last = head.right;
    if (last?.data.problemId === r.problemId) return E.right(last.data);
    const sequence = (last?.data.sequence ?? 0) + 1;
    const ledgerNumber = deps.format(r.courtId, r.year, sequence);
    if (last !== undefined && last.data.ledgerNumber === ledgerNumber) {
      return refuse('ledger_number.format_not_unique', `the ledger number format gave "${ledgerNumber}" twice`);
    }
    const data: LedgerNumberReserved = { problemId: r.problemId, courtId: r.courtId, year: r.year, sequence, ledgerNumber };
    const now = deps.clock().toISOString();
    const commandId = uuidFromName(`${deps.prefix}ledger-number\u0000${r.problemId}\u0000command`);
    const event: NewEvent = {
      eventId, type: numberingEvents.reserved.type, schemaVersion: deps.registry.schemaVersionOf(numberingEvents.reserved.type) ?? 1, data,
      metadata: { actor: r.actor, correlationId: commandId, causationId: commandId, recordedAt: now, effectiveAt: now },
    };
    const valid = deps.registry.validate([event]);
    if (E.isLeft(valid)) return valid;
    let appended: E.Either<LedgerError, unknown>;
    try {
      appended = await deps.store.append(streamId, [event], last === undefined ? 'no_stream' : last.event.revision)();
    } catch (x) {
      return E.left(errors.fromUnknown(x));
    }
    if (E.isRight(appended)) return E.right(data);
    if (appended.left._tag === 'DuplicateEventId') {
      const found = await findReservation(deps, r, eventId);
      if (E.isLeft(found)) return found;
      return found.right === undefined ? appended : E.right(found.right);
    }
    if (appended.left._tag !== 'WrongExpectedRevision' || attempt >= deps.maxRetries) return appended;
  }
};
