/**
 * Ledger numbers, unique across a campaign. Every number is reserved in one stream,
 * `${namespace}/ledger-numbers`, by an append that expects the stream's exact current revision:
 * two concurrent reservations cannot both succeed — the loser gets WrongExpectedRevision, reloads
 * (now seeing the winner's number) and retries with the next sequence. A reservation names its
 * problem, so reserving again for the same problem returns the number it already has; a crash
 * between reserving and registering therefore never burns a second number.
 */
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Decider } from '../eventsourcing/decider';
import { errors } from '../eventsourcing/errors';
import { Id, ShortText, intIn, optional, struct } from './codecs';
import { definitionsOf, ev, eventType, type EventUnion } from './define';

/** A ledger number was reserved for a problem. */
export const LedgerNumberReserved = struct({ problemId: Id, sequence: intIn(1, 1_000_000_000), ledgerNumber: ShortText });
/** Data of `ledger_number.reserved`. */
export type LedgerNumberReserved = t.TypeOf<typeof LedgerNumberReserved>;

/** The reservation stream's event types. */
export const numberingEvents = {
  reserved: eventType('ledger_number.reserved', LedgerNumberReserved),
} as const;

/** Any reservation event. */
export type NumberingEvent = EventUnion<typeof numberingEvents>;

/** Registry entries of the reservation stream. */
export const numberingEventTypes = definitionsOf(numberingEvents);

/** The reservation stream folded. */
export interface NumberingState {
  readonly last: number;
  readonly byProblem: ReadonlyMap<string, LedgerNumberReserved>;
  readonly numbers: ReadonlySet<string>;
}

/** Reserve a number for a problem (no event when it already has one). */
export interface ReserveNumber {
  readonly problemId: string;
}

/** Formats a sequence as a ledger number; must be injective. Default `TZ-0001` (台账). */
export type LedgerNumberFormat = (sequence: number) => string;

/** `TZ-0001`, `TZ-0002`, … */
export const defaultLedgerNumber: LedgerNumberFormat = (n) => `TZ-${String(n).padStart(4, '0')}`;

/** The reservation decider. */
export const numberingDecider = (format: LedgerNumberFormat = defaultLedgerNumber): Decider<ReserveNumber, NumberingState, NumberingEvent> => ({
  initialState: { last: 0, byProblem: new Map(), numbers: new Set() },
  evolve: (s, e) => ({
    last: Math.max(s.last, e.data.sequence),
    byProblem: new Map(s.byProblem).set(e.data.problemId, e.data),
    numbers: new Set(s.numbers).add(e.data.ledgerNumber),
  }),
  decide: (c, s) => {
    if (s.byProblem.has(c.problemId)) return E.right([]);
    const sequence = s.last + 1;
    const ledgerNumber = format(sequence);
    if (s.numbers.has(ledgerNumber)) {
      return E.left(errors.rule('ledger_number.format_not_unique', `the ledger number format gave "${ledgerNumber}" twice`));
    }
    return E.right([ev(numberingEvents.reserved, { problemId: c.problemId, sequence, ledgerNumber })]);
  },
});
