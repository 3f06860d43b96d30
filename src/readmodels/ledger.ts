/**
 * The problem ledger (台账): one row per problem, filterable by court, department, task,
 * category, status and warning colour, with the overdue list, the due-soon list and the colour
 * board. Colours and days left are computed at the given `now` (see `problem-view.ts` for the rules).
 */
import { resolveClock, type AtOptions, type Clock } from './clock';
import { pmGet, pmList } from './pmap';
import {
  categoryOfTask, closingDelayDays, closureOf, colourOf, currentDeadline, daysLeft, isDueSoon, rectifiedAt, unitOfProblem, type Colour,
} from './problem-view';
import type { ProblemRow, ProblemStatus, ReadModelState } from './state';
import { localDate } from '../campaign/time';

/** One value or any of several. */
export type OneOrMany<T> = T | readonly T[];

/** Ledger filters; every given field must match. */
export interface LedgerFilter {
  /** Court where the problem was found. */
  readonly courtId?: OneOrMany<string>;
  /** Department answering for it (the responsible one once assigned, else the one named at identification). */
  readonly department?: OneOrMany<string>;
  readonly taskId?: OneOrMany<string>;
  readonly categoryId?: OneOrMany<string>;
  readonly status?: OneOrMany<ProblemStatus>;
  /** `none` matches problems without a colour (withdrawn, or open without a deadline). */
  readonly colour?: OneOrMany<Colour | 'none'>;
}

/** A ledger row (JSON-friendly: absent facts are null). */
export interface LedgerRow {
  readonly ledgerNumber: string | null;
  readonly problemId: string;
  readonly courtId: string;
  readonly department: string | null;
  readonly taskId: string | null;
  readonly taskNumber: number | null;
  readonly categoryId: string | null;
  readonly source: string;
  readonly title: string;
  readonly severity: string;
  readonly status: ProblemStatus;
  readonly responsibility: {
    readonly leaderId: string; readonly leaderName: string | null; readonly courtId: string;
    readonly department: string; readonly personId: string; readonly personName: string | null;
  } | null;
  readonly measures: readonly { readonly measureId: string; readonly content: string; readonly deadline: string; readonly originalDeadline: string; readonly extensions: number; readonly completed: boolean }[];
  readonly deadline: string | null;
  /** Days left to the deadline; null once closed (see `closure`), withdrawn, or without a deadline. */
  readonly daysLeft: number | null;
  /** A closed problem: `on_time` when its rectification was completed in time, else `late`; null otherwise. */
  readonly closure: 'on_time' | 'late' | null;
  /** Local date the rectification was completed (the verified closure request), while closed. */
  readonly rectifiedOn: string | null;
  /** The office's own delay to close off, in days from `rectifiedOn` to `closedOn`. */
  readonly closingDelayDays: number | null;
  readonly colour: Colour | null;
  readonly dueSoon: boolean;
  readonly identifiedAt: string;
  readonly identifiedOn: string;
  readonly closedAt: string | null;
  readonly closedOn: string | null;
  readonly returned: number;
  readonly reopened: number;
  readonly longTerm: boolean;
  readonly milestones: readonly { readonly milestoneId: string; readonly content: string; readonly due: string; readonly reached: boolean }[];
}

const asList = <T>(v: OneOrMany<T> | undefined): readonly T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v as T]);

/** Ledger order: by ledger number sequence, then unregistered problems by identification. */
export const ledgerOrder = (a: ProblemRow, b: ProblemRow): number => {
  if (a.sequence !== undefined && b.sequence !== undefined) return a.sequence - b.sequence;
  if (a.sequence !== undefined) return -1;
  if (b.sequence !== undefined) return 1;
  return Date.parse(a.identifiedAt) - Date.parse(b.identifiedAt) || (a.problemId < b.problemId ? -1 : a.problemId > b.problemId ? 1 : 0);
};

const rectifiedOn = (p: ProblemRow, clock: Clock): string | null => { const d = rectifiedAt(p); return d === undefined ? null : localDate(d, clock.zone); };

/** Builds one ledger row at the clock's `now`. */
export const ledgerRow = (s: ReadModelState, p: ProblemRow, clock: Clock): LedgerRow => {
  const name = (id: string) => pmGet(s.catalog.people, id)?.name ?? null;
  const r = p.responsibility;
  return {
    ledgerNumber: p.ledgerNumber ?? null, problemId: p.problemId, courtId: p.courtId, department: unitOfProblem(p).department,
    taskId: p.taskId ?? null, taskNumber: p.taskId === undefined ? null : s.catalog.tasks[p.taskId]?.number ?? null,
    categoryId: categoryOfTask(s.catalog, p.taskId), source: p.source, title: p.title, severity: p.severity, status: p.status,
    responsibility: r ? { ...r, leaderName: name(r.leaderId), personName: name(r.personId) } : null,
    measures: p.measures.map((m) => ({ ...m })),
    deadline: currentDeadline(p), daysLeft: p.status === 'withdrawn' || p.status === 'closed' ? null : daysLeft(p, clock),
    closure: closureOf(p, clock.zone), rectifiedOn: rectifiedOn(p, clock), closingDelayDays: closingDelayDays(p, clock), colour: colourOf(p, clock), dueSoon: isDueSoon(p, clock),
    identifiedAt: p.identifiedAt, identifiedOn: localDate(p.identifiedAt, clock.zone),
    closedAt: p.status === 'closed' ? p.closedAt ?? null : null,
    closedOn: p.status === 'closed' && p.closedAt ? localDate(p.closedAt, clock.zone) : null,
    returned: p.returned, reopened: p.reopened, longTerm: p.longTerm, milestones: p.milestones.map((m) => ({ ...m })),
  };
};

const matches = (row: LedgerRow, f: LedgerFilter): boolean => {
  const ok = <T>(v: T, want: OneOrMany<T> | undefined) => { const l = asList(want); return l === undefined || l.includes(v); };
  return ok(row.courtId, f.courtId) && ok(row.department as string, f.department) && ok(row.taskId as string, f.taskId) &&
    ok(row.categoryId as string, f.categoryId) && ok(row.status, f.status) && ok(row.colour ?? 'none', f.colour);
};

/** The ledger rows matching `filter`, in ledger order, computed at `options.now`. */
export const problemLedger = (s: ReadModelState, options: AtOptions & { readonly filter?: LedgerFilter }): LedgerRow[] => {
  const clock = resolveClock(options, s.catalog);
  return pmList(s.problems).sort(ledgerOrder).map((p) => ledgerRow(s, p, clock)).filter((r) => matches(r, options.filter ?? {}));
};

const byDaysLeft = (a: LedgerRow, b: LedgerRow) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0);

/** The overdue rows of a ledger (red), most overdue first. */
export const overdueOf = (rows: readonly LedgerRow[]): LedgerRow[] => rows.filter((r) => r.colour === 'red').sort(byDaysLeft);

/** The due-soon rows of a ledger, soonest first. */
export const dueSoonOf = (rows: readonly LedgerRow[]): LedgerRow[] => rows.filter((r) => r.dueSoon).sort(byDaysLeft);

/** Problems past their deadline and not closed, most overdue first. */
export const overdueList = (s: ReadModelState, options: AtOptions): LedgerRow[] => overdueOf(problemLedger(s, options));

/** Problems due within `dueSoonDays` days (default 20) and not closed, soonest first. */
export const dueSoonList = (s: ReadModelState, options: AtOptions): LedgerRow[] => dueSoonOf(problemLedger(s, options));

/** Counts of each colour. `noDeadline`: open problems without a deadline yet. Withdrawn ones are left out. */
export interface ColourCounts { readonly green: number; readonly yellow: number; readonly red: number; readonly noDeadline: number }

/** The colour board: colour counts overall and per court. */
export interface ColourBoard {
  readonly today: string;
  readonly thresholds: { readonly yellowDays: number; readonly dueSoonDays: number };
  readonly totals: ColourCounts;
  readonly byCourt: readonly ({ readonly courtId: string } & ColourCounts)[];
}

/** The colour board at `options.now`. */
export const colourBoard = (s: ReadModelState, options: AtOptions): ColourBoard => {
  const clock = resolveClock(options, s.catalog);
  const zero = (): { green: number; yellow: number; red: number; noDeadline: number } => ({ green: 0, yellow: 0, red: 0, noDeadline: 0 });
  const totals = zero();
  const courts = new Map<string, ReturnType<typeof zero>>();
  for (const p of pmList(s.problems)) {
    if (p.status === 'withdrawn') continue;
    const key = colourOf(p, clock) ?? 'noDeadline';
    const c = courts.get(p.courtId) ?? zero();
    courts.set(p.courtId, c);
    c[key]++;
    totals[key]++;
  }
  const byCourt = [...courts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([courtId, c]) => ({ courtId, ...c }));
  return { today: clock.today, thresholds: clock.thresholds, totals, byCourt };
};
