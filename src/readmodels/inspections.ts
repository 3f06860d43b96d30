/**
 * Inspection coverage per period (which courts were never visited) and the record of unannounced
 * inspections (明察暗访) with the check of their commitment:
 *
 * - no visit was recorded before the first local midnight after the commitment (at the
 *   commitment's own UTC offset): before then the beacon, and so the targets, cannot exist;
 * - SHA-256 of the revealed seed's bytes equals the commitment (the domain's `seedCommitment`);
 * - the beacon was recorded at or after that midnight, and it is the very event this read model
 *   saw first there (after the commitment, in the same campaign namespace, not issued by the
 *   inspection office) — fold the campaign's namespace for this check to be meaningful;
 * - the targets are `count` candidates and the domain's `drawTargets(seed, beacon.hash,
 *   candidates, count)` re-draws exactly them;
 * - every visited court is a target, and the reveal's `undrawnVisits` lists exactly the others.
 * An inspection whose seed is not revealed yet is `pending` (unless a check already failed).
 */
import { drawTargets, isSeed, seedCommitment } from '../campaign/inspection/draw';
import { nextCloseOfDay } from '../campaign/time';
import { pmList } from './pmap';
import type { InspectionRow, ReadModelState } from './state';

/** Coverage of one period (`periodId` null: inspections planned without a period). */
export interface CoverageRow {
  readonly periodId: string | null;
  readonly inspections: number;
  /** Courts of the universe visited. */
  readonly inspected: readonly string[];
  readonly neverInspected: readonly string[];
  /** Inspected courts / courts of the organization; null when it has none. */
  readonly coverage: number | null;
}

/**
 * Coverage per period and over all inspections. The universe is the courts the host inspects: the
 * subordinates of the campaign's organizer (before a launch, every court with a parent court),
 * never the host itself; a visit to a court outside it does not count.
 */
export interface InspectionCoverage {
  /** The courts inspected by the host (its subordinates). */
  readonly courts: readonly string[];
  readonly overall: CoverageRow;
  readonly byPeriod: readonly CoverageRow[];
}

/** One check of an unannounced inspection. */
export interface CommitmentCheck { readonly check: string; readonly ok: boolean | null; readonly detail: string }

/** One unannounced inspection and its checks. */
export interface UnannouncedRecord {
  readonly inspectionId: string;
  readonly title: string;
  readonly periodId: string | null;
  readonly commitment: string | null;
  readonly committedAt: string | null;
  readonly candidates: readonly string[];
  readonly count: number | null;
  readonly targets: readonly string[];
  readonly visited: readonly string[];
  readonly undrawnVisits: readonly string[];
  readonly status: 'pending' | 'passed' | 'failed';
  readonly checks: readonly CommitmentCheck[];
}

const coverageRow = (periodId: string | null, rows: readonly InspectionRow[], courts: readonly string[]): CoverageRow => {
  const visited = new Set(rows.flatMap((r) => r.visits.map((v) => v.courtId)));
  return {
    periodId, inspections: rows.length, inspected: courts.filter((c) => visited.has(c)),
    neverInspected: courts.filter((c) => !visited.has(c)),
    coverage: courts.length === 0 ? null : courts.filter((c) => visited.has(c)).length / courts.length,
  };
};

/** Inspection coverage per period. */
export const inspectionCoverage = (s: ReadModelState): InspectionCoverage => {
  const host = s.catalog.campaign?.organizerCourtId;
  const courts = Object.values(s.catalog.courts)
    .filter((c) => c.courtId !== host && (host === undefined ? c.parentCourtId !== undefined : c.parentCourtId === host))
    .map((c) => c.courtId).sort();
  const all = pmList(s.inspections);
  const periods = [...new Set(all.map((r) => r.periodId ?? null))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  return {
    courts, overall: coverageRow(null, all, courts),
    byPeriod: periods.map((p) => coverageRow(p, all.filter((r) => (r.periodId ?? null) === p), courts)),
  };
};

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

const checksOf = (r: InspectionRow): CommitmentCheck[] => {
  const c = r.commitment;
  const visited = [...new Set(r.visits.map((v) => v.courtId))];
  if (c === undefined) {
    return [{ check: 'visits_after_beacon_time', ok: visited.length === 0 ? null : false, detail: visited.length === 0 ? 'no commitment yet' : 'courts were visited without a seed commitment' }];
  }
  const beaconFrom = nextCloseOfDay(c.committedAt, c.utcOffsetMinutes);
  const early = r.visits.filter((v) => Date.parse(v.at) < Date.parse(beaconFrom));
  const checks: CommitmentCheck[] = [{
    check: 'visits_after_beacon_time', ok: early.length === 0,
    detail: early.length ? `visits recorded before ${beaconFrom}: ${early.map((v) => `${v.courtId} at ${v.at}`).join(', ')}` : `no visit before ${beaconFrom}`,
  }];
  const v = r.reveal;
  if (v === undefined) return checks;
  const hash = isSeed(v.seed) ? seedCommitment(v.seed) : null;
  checks.push({ check: 'seed_matches_commitment', ok: hash === c.commitment, detail: hash === null ? 'the revealed seed is not a hex seed' : `SHA-256(seed) = ${hash}` });
  checks.push({
    check: 'beacon_after_commitment', ok: Date.parse(v.beacon.recordedAt) >= Date.parse(beaconFrom),
    detail: `beacon recorded ${v.beacon.recordedAt}, earliest allowed ${beaconFrom}`,
  });
  const seen = c.observedBeacon;
  checks.push({
    check: 'beacon_is_first_event_after_midnight', ok: seen !== undefined && seen.eventId === v.beacon.eventId && seen.hash === v.beacon.hash,
    detail: seen === undefined ? 'no event after the commitment qualifies as the beacon' : `the first qualifying event is ${seen.eventId} at position ${seen.position}`,
  });
  const outside = v.targets.filter((t) => !c.candidates.includes(t));
  checks.push({
    check: 'targets_drawn_from_candidates', ok: v.targets.length === c.count && outside.length === 0,
    detail: `${v.targets.length} targets for a count of ${c.count}${outside.length ? `; not candidates: ${outside.join(', ')}` : ''}`,
  });
  let redraw: CommitmentCheck;
  try {
    const again = drawTargets(v.seed, v.beacon.hash, c.candidates, c.count);
    redraw = { check: 'redraw', ok: sameSet(again, v.targets), detail: `drawTargets gives ${[...again].sort().join(', ')}` };
  } catch (x) {
    redraw = { check: 'redraw', ok: false, detail: `cannot re-draw: ${x instanceof Error ? x.message : String(x)}` };
  }
  checks.push(redraw);
  const undrawn = visited.filter((x) => !v.targets.includes(x));
  checks.push({ check: 'visits_were_drawn', ok: undrawn.length === 0, detail: undrawn.length ? `visited but not drawn: ${undrawn.join(', ')}` : 'every visit was a drawn target' });
  const beforeReveal = [...new Set(r.visits.filter((x) => Date.parse(x.at) <= Date.parse(v.at)).map((x) => x.courtId))].filter((x) => !v.targets.includes(x));
  checks.push({
    check: 'undrawn_visits_reported', ok: sameSet(beforeReveal, v.undrawnVisits),
    detail: `the reveal lists [${v.undrawnVisits.join(', ')}], the visits before it give [${beforeReveal.join(', ')}]`,
  });
  return checks;
};

/** The unannounced inspections, each with its commitment checks. */
export const unannouncedRecord = (s: ReadModelState): UnannouncedRecord[] =>
  pmList(s.inspections).filter((r) => r.kind === 'unannounced').sort((a, b) => (a.inspectionId < b.inspectionId ? -1 : 1)).map((r) => {
    const checks = checksOf(r);
    const visited = [...new Set(r.visits.map((v) => v.courtId))];
    const targets = r.reveal?.targets ?? [];
    const failed = checks.some((x) => x.ok === false);
    return {
      inspectionId: r.inspectionId, title: r.title, periodId: r.periodId ?? null,
      commitment: r.commitment?.commitment ?? null, committedAt: r.commitment?.committedAt ?? null,
      candidates: r.commitment?.candidates ?? [], count: r.commitment?.count ?? null, targets, visited,
      undrawnVisits: r.reveal ? visited.filter((x) => !targets.includes(x)) : [],
      status: failed ? 'failed' : r.reveal === undefined ? 'pending' : 'passed', checks,
    };
  });
