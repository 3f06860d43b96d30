/**
 * The accountability register (every case with its subject, grounds, evidence, decision and
 * publication) and the rankings of courts and departments. A case counts for the unit its subject
 * belonged to when it was proposed. Rankings order units by their 考核 score ({@link SCORE_FORMULA}),
 * highest first; equal scores share a rank. The host court is not ranked among its subordinates.
 */
import type { Sanction } from '../campaign/accountability/events';
import { resolveClock, type AtOptions, type Clock } from './clock';
import { pmList } from './pmap';
import { closureOf, colourOf, unitKeyOf, unitOfProblem } from './problem-view';
import { ratio } from './rates';
import type { CaseRow, CaseStatus, ProblemRow, ReadModelState } from './state';

/** One case of the register. */
export interface RegisterRow {
  readonly caseId: string;
  readonly subject: CaseRow['subject'];
  readonly courtId: string | null;
  readonly department: string | null;
  readonly grounds: string;
  readonly summary: string;
  readonly evidence: CaseRow['evidence'];
  readonly confirmed: CaseRow['confirmed'];
  readonly status: CaseStatus;
  readonly factsEstablished: boolean;
  readonly sanction: Sanction | null;
  readonly decidedBy: string | null;
  readonly body: string | null;
  readonly dismissed: boolean;
  readonly published: readonly string[];
  readonly proposedAt: string;
  readonly closedAt: string | null;
}

/** The register, in order of proposal. */
export const accountabilityRegister = (s: ReadModelState): RegisterRow[] =>
  pmList(s.cases).sort((a, b) => Date.parse(a.proposedAt) - Date.parse(b.proposedAt) || (a.caseId < b.caseId ? -1 : 1)).map((c) => ({
    caseId: c.caseId, subject: c.subject, courtId: c.unit?.courtId ?? null, department: c.unit?.department ?? null,
    grounds: c.grounds, summary: c.summary, evidence: c.evidence, confirmed: c.confirmed, status: c.status,
    factsEstablished: c.factsEstablished, sanction: c.sanction?.sanction ?? null, decidedBy: c.sanction?.decidedBy ?? c.dismissal?.decidedBy ?? null,
    body: c.sanction?.body ?? null, dismissed: c.dismissal !== undefined, published: c.published.map((p) => p.channel),
    proposedAt: c.proposedAt, closedAt: c.closedAt ?? null,
  }));

/** A unit's standing. */
export interface RankingRow {
  readonly rank: number;
  readonly unit: string;
  readonly problems: number;
  readonly closed: number;
  readonly rectificationRate: number | null;
  readonly overdue: number;
  readonly closedLate: number;
  /** Problems the unit found itself (source `self_inspection`). */
  readonly selfFound: number;
  readonly cases: number;
  readonly sanctions: number;
  readonly bySanction: Readonly<Record<Sanction, number>>;
  readonly falsification: number;
  /** Report versions of the court returned by the office (0 for departments). */
  readonly returnedReports: number;
  /** The 考核 score, see {@link SCORE_FORMULA}. */
  readonly score: number;
}

/** Rankings of courts and of departments (`court/department`). */
export interface Rankings {
  /** The published formula of the score. */
  readonly formula: string;
  readonly byCourt: readonly RankingRow[];
  readonly byDepartment: readonly RankingRow[];
}

/**
 * The 考核 score, out of 100 before penalties, with N = problems (withdrawn ones left out):
 * - rectification R = closed / N (1 when N = 0), weight 40;
 * - timeliness T = (N − overdue − closed late) / N (1 when N = 0), weight 30;
 * - self-finding S = problems found by the unit itself / N (0 when N = 0), weight 30;
 * - minus 10 per falsification case (弄虚作假) and 2 per returned report version.
 * Finding more problems never lowers the score by itself: only leaving them open, late or
 * falsified does. Rounded to two decimals.
 */
export const SCORE_FORMULA = 'score = 40·R + 30·T + 30·S − 10·falsification − 2·returned reports; R = closed/N, T = (N − overdue − closed late)/N, S = self-found/N (N = 0: R = T = 1, S = 0)';

/** The score of one unit's tallies (see {@link SCORE_FORMULA}). */
export const scoreOf = (t: { problems: number; closed: number; overdue: number; closedLate: number; selfFound: number; falsification: number; returnedReports: number }): number => {
  const n = t.problems;
  const r = n === 0 ? 1 : t.closed / n;
  const tm = n === 0 ? 1 : (n - t.overdue - t.closedLate) / n;
  const sf = n === 0 ? 0 : t.selfFound / n;
  return Math.round((40 * r + 30 * tm + 30 * sf - 10 * t.falsification - 2 * t.returnedReports) * 100) / 100;
};

interface Tally {
  unit: string; problems: number; closed: number; overdue: number; closedLate: number; selfFound: number;
  cases: number; sanctions: number; falsification: number; returnedReports: number;
  bySanction: Record<Sanction, number>;
}

const tally = (unit: string): Tally => ({
  unit, problems: 0, closed: 0, overdue: 0, closedLate: 0, selfFound: 0, cases: 0, sanctions: 0, falsification: 0, returnedReports: 0,
  bySanction: { circulated_criticism: 0, admonition_talk: 0, accountability: 0 },
});

const rank = (tallies: Map<string, Tally>): RankingRow[] => {
  const rows = [...tallies.values()].map((t) => ({ ...t, rectificationRate: ratio(t.closed, t.problems), score: scoreOf(t) }));
  rows.sort((a, b) => b.score - a.score || (a.unit < b.unit ? -1 : 1));
  return rows.map((r) => ({ rank: 1 + rows.filter((o) => o.score > r.score).length, ...r }));
};

const countProblem = (t: Tally, p: ProblemRow, clock: Clock) => {
  t.problems++;
  if (p.status === 'closed') t.closed++;
  if (closureOf(p, clock.zone) === 'late') t.closedLate++;
  if (p.source === 'self_inspection') t.selfFound++;
  if (colourOf(p, clock) === 'red') t.overdue++;
};

const countCase = (t: Tally, c: CaseRow) => {
  t.cases++;
  if (c.grounds === 'falsification') t.falsification++;
  if (c.sanction) { t.sanctions++; t.bySanction[c.sanction.sanction]++; }
};

/**
 * Rankings at `options.now` (overdue depends on it), best score first; equal scores share a rank.
 * The campaign's organizer (the host court) is not ranked among the courts it supervises.
 */
export const rankings = (s: ReadModelState, options: AtOptions): Rankings => {
  const clock = resolveClock(options, s.catalog);
  const host = s.catalog.campaign?.organizerCourtId;
  const courts = new Map<string, Tally>();
  const depts = new Map<string, Tally>();
  const get = (m: Map<string, Tally>, k: string) => { let t = m.get(k); if (!t) { t = tally(k); m.set(k, t); } return t; };
  for (const id of Object.keys(s.catalog.courts)) get(courts, id);
  for (const [courtId, names] of Object.entries(s.catalog.departments)) for (const d of names) get(depts, `${courtId}/${d}`);
  for (const p of pmList(s.problems)) {
    if (p.status === 'withdrawn') continue;
    countProblem(get(courts, p.courtId), p, clock);
    const u = unitOfProblem(p);
    if (u.department !== null) countProblem(get(depts, unitKeyOf(u)), p, clock);
  }
  for (const c of pmList(s.cases)) {
    if (c.unit === undefined) continue;
    countCase(get(courts, c.unit.courtId), c);
    if (c.unit.department !== undefined) countCase(get(depts, `${c.unit.courtId}/${c.unit.department}`), c);
  }
  for (const r of pmList(s.reports)) get(courts, r.courtId).returnedReports += r.versions.filter((v) => v.status === 'returned').length;
  if (host !== undefined) courts.delete(host);
  return { formula: SCORE_FORMULA, byCourt: rank(courts), byDepartment: rank(depts) };
};
