/**
 * The warning (预警) of a ledger row as offices colour it: blue when the deadline is approaching,
 * yellow when the work is behind schedule or was returned for poor quality, red when overdue.
 * Derived from the ledger's own figures at its `now` (see `readmodels/problem-view.ts`):
 * - **red**: the problem is past its deadline and not closed (the ledger's `red`);
 * - **yellow**: not closed, and a measure is past its own deadline without being completed, or the
 *   problem was returned by its verifier and is being reworked;
 * - **blue**: not closed, 0 to `yellowDays` days left (the ledger's `yellow`);
 * - none otherwise (closed, withdrawn, no deadline yet, or time enough left).
 * This module is the only place that decides it, so a warnings projection with its own
 * (working-day) thresholds can replace it.
 */
import type { LedgerRow } from '../readmodels/ledger';

/** A warning level. */
export type Warning = 'blue' | 'yellow' | 'red';

/** The warning of a row at `today` (the local date of the ledger's `now`), or null. */
export const warningOf = (row: LedgerRow, today: string): Warning | null => {
  if (row.status === 'closed' || row.status === 'withdrawn') return null;
  if (row.colour === 'red') return 'red';
  const behind = row.measures.some((m) => !m.completed && m.deadline < today);
  if (behind || (row.returned > 0 && row.status === 'open')) return 'yellow';
  if (row.colour === 'yellow') return 'blue';
  return null;
};

/** Chinese and English names of the warnings. */
export const WARNING_LABELS: Readonly<Record<Warning, readonly [string, string]>> = {
  blue: ['蓝色预警', 'blue'], yellow: ['黄色预警', 'yellow'], red: ['红色预警', 'red'],
};

/** The fill of a warning cell, as ARGB hex (light tints, so the text stays readable in print). */
export const WARNING_FILLS: Readonly<Record<Warning, string>> = {
  blue: 'FF9BC2E6', yellow: 'FFFFE699', red: 'FFFF7C80',
};
