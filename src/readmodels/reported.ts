/**
 * Reported vs computed: every submitted report version's claimed figures against the same figures
 * computed from the events recorded up to the end of the report's period. A gap is a
 * falsification signal. The rules:
 *
 * - **Cut-off**: events recorded (trusted `recordedAt`) before the local midnight that ends the
 *   period's last day (`to`, from the period's definition), in the query's time zone.
 * - **Scope**: the reporting court plus every court whose report it consolidated.
 * - **Problems found**: problems of the scope identified before the cut-off and not withdrawn at it.
 * - **Closed**: of those, closed at the cut-off. **Rate**: closed / found × 100 (not compared when
 *   nothing was found). **Overdue**: not closed at the cut-off, with a deadline in force then that
 *   is before the period's last day.
 * - The claimed rate may be rounded: it is a gap only when it is off by more than
 *   `rateTolerance` percentage points (default 0.5). Counts must match exactly.
 * - A consolidated source whose figures differ from what that court actually submitted (the same
 *   version) is listed as a consolidation gap.
 * A report whose period is not defined cannot be checked and is listed as not verifiable.
 */
import type { ReportFigures } from '../campaign/report/events';
import { InvalidQuery } from './errors';
import { pmGet, pmList } from './pmap';
import { deadlineAt, statusAt } from './problem-view';
import type { ProblemRow, ReadModelState } from './state';
import { endOfLocalDayMs, type Zone } from '../campaign/time';
import { campaignZone, checkZone } from './clock';

/** Figures computed from the events. */
export interface ComputedFigures {
  readonly problemsFound: number;
  readonly problemsClosed: number;
  /** Null when nothing was found. */
  readonly rectificationRatePercent: number | null;
  readonly overdue: number;
}

/** A claimed figure that differs from the computed one. */
export interface FigureGap {
  readonly reportId: string;
  readonly version: number;
  /** `problemsFound` … for the report's own figures; `consolidated:${courtId}.${figure}` for a source. */
  readonly figure: string;
  readonly claimed: number;
  readonly computed: number | null;
  readonly note: string;
}

/** One submitted version checked. */
export interface ReportCheck {
  readonly reportId: string;
  readonly periodId: string;
  readonly courtId: string;
  readonly version: number;
  readonly verifiable: boolean;
  readonly periodEnd: string | null;
  readonly cutoff: string | null;
  readonly scope: readonly string[];
  readonly claimed: ReportFigures;
  readonly computed: ComputedFigures | null;
  readonly gaps: readonly FigureGap[];
}

/** The whole comparison. */
export interface ReportedVsComputed {
  readonly checked: number;
  readonly withGaps: number;
  readonly notVerifiable: number;
  readonly reports: readonly ReportCheck[];
  readonly gaps: readonly FigureGap[];
}

/** Options of {@link reportedVsComputed}. */
export interface ReportedOptions {
  /** The zone of the periods' dates. Default: the campaign's own `utcOffsetMinutes`. */
  readonly timeZone?: Zone;
  /** Percentage points a claimed rate may be off by (rounding). Default 0.5. */
  readonly rateTolerance?: number;
}

/** The figures of a set of courts from the events recorded before `cutoffMs`, with `lastDay` as the day. */
export const figuresAt = (s: ReadModelState, courts: ReadonlySet<string>, cutoffMs: number, lastDay: string): ComputedFigures =>
  figuresOf(pmList(s.problems).filter((p) => courts.has(p.courtId)), cutoffMs, lastDay);

/** The figures of these problems (already the scope's) at `cutoffMs`. */
const figuresOf = (problems: Iterable<ProblemRow>, cutoffMs: number, lastDay: string): ComputedFigures => {
  let found = 0; let closed = 0; let overdue = 0;
  for (const p of problems) {
    const status = statusAt(p, cutoffMs - 1);
    if (status === undefined || status === 'withdrawn') continue;
    found++;
    if (status === 'closed') { closed++; continue; }
    const d = deadlineAt(p, cutoffMs - 1);
    if (d !== null && d < lastDay) overdue++;
  }
  return { problemsFound: found, problemsClosed: closed, rectificationRatePercent: found === 0 ? null : (closed / found) * 100, overdue };
};

const FIGURES = ['problemsFound', 'problemsClosed', 'rectificationRatePercent', 'overdue'] as const;

/** Checks every submitted report version. */
export const reportedVsComputed = (s: ReadModelState, options: ReportedOptions = {}): ReportedVsComputed => {
  const tz = checkZone(options.timeZone ?? campaignZone(s.catalog));
  const tolerance = options.rateTolerance ?? 0.5;
  if (typeof tolerance !== 'number' || !(tolerance >= 0)) {
    throw new InvalidQuery('rateTolerance', `expected a number of percentage points >= 0, got ${JSON.stringify(tolerance)}`);
  }
  const reports: ReportCheck[] = [];
  // The problems by court, once: a report's figures walk its scope's problems only, so checking
  // every report costs the problems of each report's scope, not every problem per report.
  const byCourt = new Map<string, ProblemRow[]>();
  for (const p of pmList(s.problems)) {
    const list = byCourt.get(p.courtId);
    if (list === undefined) byCourt.set(p.courtId, [p]);
    else list.push(p);
  }
  const rows = pmList(s.reports).sort((a, b) => (a.reportId < b.reportId ? -1 : 1));
  for (const r of rows) {
    for (const v of [...r.versions].sort((a, b) => a.version - b.version)) {
      const base = { reportId: r.reportId, periodId: r.periodId, courtId: r.courtId, version: v.version, claimed: v.figures };
      const scope = [...new Set([r.courtId, ...v.consolidated.map((c) => c.courtId)])];
      const period = s.catalog.periods[r.periodId];
      if (period === undefined) {
        const gap = { reportId: r.reportId, version: v.version, figure: 'period', claimed: 0, computed: null, note: `period "${r.periodId}" is not defined: the figures cannot be checked` };
        reports.push({ ...base, verifiable: false, periodEnd: null, cutoff: null, scope, computed: null, gaps: [gap] });
        continue;
      }
      const cutoffMs = endOfLocalDayMs(period.to, tz);
      const computed = figuresOf(scope.flatMap((c) => byCourt.get(c) ?? []), cutoffMs, period.to);
      const gaps: FigureGap[] = [];
      for (const f of FIGURES) {
        const claimed = v.figures[f];
        const c = computed[f];
        if (c === null) continue;
        const off = f === 'rectificationRatePercent' ? Math.abs(claimed - c) > tolerance : claimed !== c;
        if (off) gaps.push({ reportId: r.reportId, version: v.version, figure: f, claimed, computed: c, note: `claimed ${claimed}, the events say ${c}` });
      }
      for (const src of v.consolidated) {
        const submitted = pmGet(s.reports, `${r.periodId}@${src.courtId}`)?.versions.find((x) => x.version === src.version);
        for (const f of FIGURES) {
          const actual = submitted?.figures[f] ?? null;
          if (actual === src.figures[f]) continue;
          gaps.push({
            reportId: r.reportId, version: v.version, figure: `consolidated:${src.courtId}.${f}`, claimed: src.figures[f], computed: actual,
            note: submitted ? `consolidated ${src.figures[f]}, but ${src.courtId} reported ${actual} in version ${src.version}` : `${src.courtId} never submitted version ${src.version}`,
          });
          if (!submitted) break;
        }
      }
      reports.push({ ...base, verifiable: true, periodEnd: period.to, cutoff: new Date(cutoffMs).toISOString(), scope, computed, gaps });
    }
  }
  const gaps = reports.flatMap((r) => r.gaps);
  return {
    checked: reports.filter((r) => r.verifiable).length, withGaps: reports.filter((r) => r.verifiable && r.gaps.length > 0).length,
    notVerifiable: reports.filter((r) => !r.verifiable).length, reports, gaps,
  };
};
