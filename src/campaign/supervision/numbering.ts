/**
 * Supervision numbers (督〔2019〕12号), one sequence per issuing office and year, each kept in its
 * own reservation stream `${namespace}/supervision-numbers/${office}@${year}`. The stream's state
 * holds the last sequence as a counter, so the next number is one step from it; an append at the
 * exact revision keeps two concurrent reservations from taking the same number, and reserving
 * again for the same item returns the number it already has.
 */
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Decider } from '../../eventsourcing/decider';
import { Id, ShortText, intIn, struct } from '../codecs';
import { definitionsOf, ev, eventType, type EventUnion } from '../define';

/** A supervision number was reserved for an item. */
export const SupervisionNumberReserved = struct({
  itemId: Id, office: ShortText, year: intIn(2000, 2100), sequence: intIn(1, 1_000_000_000), number: ShortText,
});
/** Data of `supervision_number.reserved`. */
export type SupervisionNumberReserved = t.TypeOf<typeof SupervisionNumberReserved>;

/** The reservation streams' event types. */
export const supervisionNumberEvents = { reserved: eventType('supervision_number.reserved', SupervisionNumberReserved) } as const;
/** Any reservation event. */
export type SupervisionNumberEvent = EventUnion<typeof supervisionNumberEvents>;
/** Registry entries of the reservation streams. */
export const supervisionNumberEventTypes = definitionsOf(supervisionNumberEvents);

/** One office's sequence for one year, folded. */
export interface SupervisionNumbering {
  /** The last sequence given (the counter). */
  readonly last: number;
  readonly byItem: ReadonlyMap<string, SupervisionNumberReserved>;
}

/** The number as offices write it: `督〔2019〕12号` (full year, no leading zeros). */
export const formatSupervisionNumber = (office: string, year: number, sequence: number): string => `${office}〔${year}〕${sequence}号`;

/** The reservation stream of an office and year. */
export const supervisionNumberStream = (prefix: string, office: string, year: number): string =>
  `${prefix}supervision-numbers/${encodeURIComponent(office)}@${year}`;

/**
 * The fold of a reservation stream, the same for every office and year: the kernel's state cache
 * keys folds by their `evolve`, so one shared function lets a reservation read only the events
 * after the cached state instead of the whole stream.
 */
const numberingFold = {
  initialState: { last: 0, byItem: new Map() } as SupervisionNumbering,
  evolve: (s: SupervisionNumbering, e: SupervisionNumberEvent): SupervisionNumbering =>
    ({ last: Math.max(s.last, e.data.sequence), byItem: new Map(s.byItem).set(e.data.itemId, e.data) }),
};

/** The reservation decider of one office and year. */
export const supervisionNumberingDecider = (office: string, year: number): Decider<{ readonly itemId: string }, SupervisionNumbering, SupervisionNumberEvent> => ({
  ...numberingFold,
  decide: (c, s) => {
    if (s.byItem.has(c.itemId)) return E.right([]);
    const sequence = s.last + 1;
    return E.right([ev(supervisionNumberEvents.reserved, { itemId: c.itemId, office, year, sequence, number: formatSupervisionNumber(office, year, sequence) })]);
  },
});
