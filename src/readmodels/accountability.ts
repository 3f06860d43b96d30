/**
 * The accountability register (every case with its subject, grounds, evidence, decision and
 * publication) and the rankings of courts and departments. A case counts for the unit its subject
 * belonged to when it was proposed. Rankings order units by rectification rate (highest first,
 * units without problems last), then fewest overdue problems, then fewest sanctions; equal units
 * share a rank.
 */
import type { Sanction } from '../campaign/accountability/events';
import { resolveClock, type AtOptions, type Clock } from './clock';
import { pmList } from './pmap';
import { colourOf, unitKeyOf, unitOfProblem } from './problem-view';
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
  readonly cases: number;
  readonly sanctions: number;
  readonly bySanction: Readonly<Record<Sanction, number>>;
  readonly falsification: number;
}

/** Rankings of courts and of departments (`court/department`). */
export interface Rankings {
  readonly byCourt: readonly RankingRow[];
  readonly byDepartment: readonly RankingRow[];
}

interface Tally {
  unit: string; problems: number; closed: number; overdue: number; cases: number; sanctions: number; falsification: number;
  bySanction: Record<Sanction, number>;
}

const tally = (unit: string): Tally => ({
  unit, problems: 0, closed: 0, overdue: 0, cases: 0, sanctions: 0, falsification: 0,
  bySanction: { circulated_criticism: 0, admonition_talk: 0, accountability: 0 },
});

const rank = (tallies: Map<string, Tally>): RankingRow[] => {
  const rows = [...tallies.values()].map((t) => ({ ...t, rectificationRate: ratio(t.closed, t.problems) }));
  const key = (r: (typeof rows)[number]) => [r.rectificationRate === null ? 1 : 0, -(r.rectificationRate ?? 0), r.overdue, r.sanctions] as const;
  const cmp = (a: (typeof rows)[number], b: (typeof rows)[number]) => {
    const ka = key(a); const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
    return 0;
  };
  rows.sort((a, b) => cmp(a, b) || (a.unit < b.unit ? -1 : 1));
  return rows.map((r) => ({ rank: 1 + rows.filter((o) => cmp(o, r) < 0).length, ...r }));
};

const countProblem = (t: Tally, p: ProblemRow, clock: Clock) => {
  t.problems++;
  if (p.status === 'closed') t.closed++;
  if (colourOf(p, clock) === 'red') t.overdue++;
};

const countCase = (t: Tally, c: CaseRow) => {
  t.cases++;
  if (c.grounds === 'falsification') t.falsification++;
  if (c.sanction) { t.sanctions++; t.bySanction[c.sanction.sanction]++; }
};

/** Rankings at `options.now` (overdue depends on it). */
export const rankings = (s: ReadModelState, options: AtOptions): Rankings => {
  const clock = resolveClock(options, s.catalog);
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
  return { byCourt: rank(courts), byDepartment: rank(depts) };
};
