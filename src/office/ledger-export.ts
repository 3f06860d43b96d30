/**
 * The ledger as offices hand it upward, ready for a workbook or a CSV: the office rows of the
 * chosen courts (every court when none is named) at `now`, with the campaign's activity name and
 * the local date the ledger was computed at. An unknown court is an `InvalidQuery` naming `court`.
 */
import { resolveClock } from '../readmodels/clock';
import { InvalidQuery } from '../readmodels/errors';
import { problemLedger } from '../readmodels/ledger';
import type { ReadModelState } from '../readmodels/state';
import { activityName } from './campaign-names';
import { officeCsvHeader, officeCsvRecords, officeRow } from './ledger-rows';
import type { LedgerWorkbookInput } from './ledger-xlsx';

/** The workbook's input for the courts `courtIds` (all when omitted) at `now`. */
export const officeLedger = (s: ReadModelState, o: { readonly now: string; readonly courtIds?: readonly string[] }): LedgerWorkbookInput => {
  const known = Object.keys(s.catalog.courts);
  const bad = o.courtIds?.find((c) => s.catalog.courts[c] === undefined);
  if (bad !== undefined) throw new InvalidQuery('court', `no court "${bad}" (known: ${known.join(', ')})`);
  const { today } = resolveClock({ now: o.now }, s.catalog);
  const ids = o.courtIds ?? known;
  const rows = problemLedger(s, { now: o.now, ...(o.courtIds === undefined ? {} : { filter: { courtId: o.courtIds } }) }).map((r) => officeRow(s.catalog, r, today));
  return { campaignName: activityName(s.catalog), today, courts: ids.map((courtId) => ({ courtId, name: s.catalog.courts[courtId]?.name ?? courtId })), rows };
};

/** The office CSV's header and records of a ledger. */
export const officeCsvOf = (l: LedgerWorkbookInput): { readonly header: readonly string[]; readonly records: (string | number | null)[][] } =>
  ({ header: officeCsvHeader, records: officeCsvRecords(l.rows) });
