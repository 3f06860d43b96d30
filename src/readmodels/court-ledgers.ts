/**
 * Two levels (两级法院): each court's own ledger, and the city's. One definition of each figure,
 * over the problems of a court that are not withdrawn (a problem stays in its own court's ledger
 * when the host court's office takes it over):
 *
 * - `problems` — identified; `registered` — with a ledger number of the court's ledger;
 * - `open` — not closed (whatever its stage); `closed` — closed off (销号);
 * - `takenOver` — taken over by the host court's office (提级办理);
 * - `handlingReturned` — returns (退回) of the court's handling by the host court's office, counted
 *   each time; `spotChecks` / `spotChecksFailed` — spot checks (抽查) recorded by the host court's
 *   office, and those that found fault.
 *
 * The city's figures are the sums over every court (each problem is in exactly one court's ledger).
 */
import { pmList } from './pmap';
import type { ReadModelState } from './state';

/** The figures of one ledger. */
export interface LedgerFigures {
  readonly problems: number;
  readonly registered: number;
  readonly open: number;
  readonly closed: number;
  readonly takenOver: number;
  readonly handlingReturned: number;
  readonly spotChecks: number;
  readonly spotChecksFailed: number;
}

/** One court's ledger figures. */
export interface CourtLedgerRow extends LedgerFigures {
  readonly courtId: string;
}

/** Every court's ledger (courts in the organization's order, those without problems included) and the city's totals. */
export interface CourtLedgers {
  readonly byCourt: readonly CourtLedgerRow[];
  readonly city: LedgerFigures;
}

const ZERO: LedgerFigures = { problems: 0, registered: 0, open: 0, closed: 0, takenOver: 0, handlingReturned: 0, spotChecks: 0, spotChecksFailed: 0 };

const add = (a: LedgerFigures, b: LedgerFigures): LedgerFigures => ({
  problems: a.problems + b.problems, registered: a.registered + b.registered, open: a.open + b.open, closed: a.closed + b.closed,
  takenOver: a.takenOver + b.takenOver, handlingReturned: a.handlingReturned + b.handlingReturned,
  spotChecks: a.spotChecks + b.spotChecks, spotChecksFailed: a.spotChecksFailed + b.spotChecksFailed,
});

/** Each court's ledger figures and the city's (see the module's definitions). */
export const courtLedgers = (s: ReadModelState): CourtLedgers => {
  const by = new Map<string, LedgerFigures>(Object.keys(s.catalog.courts).map((c) => [c, ZERO]));
  for (const p of pmList(s.problems)) {
    if (p.status === 'withdrawn') continue;
    by.set(p.courtId, add(by.get(p.courtId) ?? ZERO, {
      problems: 1, registered: p.ledgerNumber === undefined ? 0 : 1, open: p.status === 'closed' ? 0 : 1, closed: p.status === 'closed' ? 1 : 0,
      takenOver: p.takenOverBy === undefined ? 0 : 1, handlingReturned: p.handlingReturned ?? 0,
      spotChecks: p.spotChecks?.total ?? 0, spotChecksFailed: p.spotChecks?.failed ?? 0,
    }));
  }
  const byCourt = [...by].map(([courtId, f]) => ({ courtId, ...f }));
  return { byCourt, city: byCourt.reduce<LedgerFigures>((a, r) => add(a, r), ZERO) };
};
