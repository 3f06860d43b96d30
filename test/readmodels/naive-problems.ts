/**
 * Naive recomputation of problems straight from the raw events: replay every problem event
 * recorded before a cut-off into mutable records, then build the ledger rows and rate tables by
 * plain loops. Dates use a fixed UTC offset (Asia/Shanghai is +8 all year), not Intl.
 */
import type { RecordedEvent } from '../../src/eventsourcing/index';

export interface NaiveProblem {
  id: string; court: string; dept?: string; source: string; title: string; severity: string; taskId?: string;
  ledgerNumber?: string; seq?: number; resp?: { leaderId: string; courtId: string; department: string; personId: string };
  measures: { measureId: string; content: string; deadline: string; originalDeadline: string; extensions: number; completed: boolean }[];
  milestones: { milestoneId: string; content: string; due: string; reached: boolean }[];
  longTerm: boolean; status: string; closedAt?: string; requestedAt?: string; returned: number; reopened: number; identifiedAt: string;
}

export const DAY = 86_400_000;
export const localDay = (ms: number, offsetH: number) => new Date(ms + offsetH * 3_600_000).toISOString().slice(0, 10);
export const dayDiff = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;

/** Replays the problem events recorded strictly before `cutoffMs`. */
export const replayProblems = (events: readonly RecordedEvent[], cutoffMs = Number.POSITIVE_INFINITY): Map<string, NaiveProblem> => {
  const out = new Map<string, NaiveProblem>();
  for (const e of events) {
    if (!e.type.startsWith('problem.') || Date.parse(e.metadata.recordedAt) >= cutoffMs) continue;
    const d = e.data as any;
    if (e.type === 'problem.identified') {
      out.set(d.problemId, {
        id: d.problemId, court: d.courtId, dept: d.department, source: d.source, title: d.title, severity: d.severity, taskId: d.taskId,
        measures: [], milestones: [], longTerm: false, status: 'open', returned: 0, reopened: 0, identifiedAt: e.metadata.recordedAt,
      });
      continue;
    }
    const p = out.get(d.problemId)!;
    const m = p.measures.find((x) => x.measureId === d.measureId);
    switch (e.type) {
      case 'problem.registered': p.ledgerNumber = d.ledgerNumber; p.seq = d.sequence; break;
      case 'problem.responsibility_assigned': p.resp = { leaderId: d.leaderId, courtId: d.courtId, department: d.department, personId: d.personId }; break;
      case 'problem.measure_planned': p.measures.push({ measureId: d.measureId, content: d.content, deadline: d.deadline, originalDeadline: d.deadline, extensions: 0, completed: false }); break;
      case 'problem.measure_completed': m!.completed = true; break;
      case 'problem.extension_granted': m!.deadline = d.newDeadline; m!.extensions++; break;
      case 'problem.closure_requested': p.status = 'closure_requested'; p.requestedAt = e.metadata.recordedAt; break;
      case 'problem.verified': p.status = 'verified'; break;
      case 'problem.verification_returned': p.status = 'open'; p.returned++; p.requestedAt = undefined; break;
      case 'problem.closed': p.status = 'closed'; p.closedAt = e.metadata.recordedAt; break;
      case 'problem.reopened': p.status = 'open'; p.reopened++; p.closedAt = undefined; p.requestedAt = undefined; break;
      case 'problem.withdrawn': p.status = 'withdrawn'; break;
      case 'problem.marked_long_term': p.longTerm = true; p.milestones = d.milestones.map((x: any) => ({ milestoneId: x.milestoneId, content: x.content, due: x.due, reached: false })); break;
      case 'problem.milestone_reached': p.milestones.find((x) => x.milestoneId === d.milestoneId)!.reached = true; break;
      case 'problem.corrected':
        if (d.title) p.title = d.title;
        if (d.severity) p.severity = d.severity;
        if (d.department) p.dept = d.department;
        break;
    }
  }
  return out;
};

export const naiveDeadline = (p: NaiveProblem): string | null => {
  const all = [...p.measures.map((m) => m.deadline), ...(p.longTerm ? p.milestones.map((m) => m.due) : [])].sort();
  return all.length ? all[all.length - 1]! : null;
};

export interface NaiveNow { nowMs: number; offsetH: number; yellow: number; dueSoon: number }

export const naiveColour = (p: NaiveProblem, n: NaiveNow): string | null => {
  if (p.status === 'withdrawn') return null;
  if (p.status === 'closed') return 'green';
  const d = naiveDeadline(p);
  if (d === null) return null;
  const left = dayDiff(localDay(n.nowMs, n.offsetH), d);
  if (left < 0) return 'red';
  if (left <= n.yellow) return 'yellow';
  return 'green';
};

/**
 * Closed on time: replay up to the verified closure request (the rectification's completion) and
 * compare its local day with the deadline then.
 */
export const naiveOnTime = (events: readonly RecordedEvent[], p: NaiveProblem, offsetH: number): boolean => {
  if (p.status !== 'closed' || !p.closedAt) return false;
  const done = p.requestedAt ?? p.closedAt;
  const then = replayProblems(events, Date.parse(done) + 1).get(p.id)!;
  const d = naiveDeadline(then);
  return d === null || localDay(Date.parse(done), offsetH) <= d;
};

/** Days from the verified closure request to the closure, for a closed problem. */
export const naiveClosingDelay = (p: NaiveProblem, offsetH: number): number | null =>
  (p.status === 'closed' && p.closedAt ? dayDiff(localDay(Date.parse(p.requestedAt ?? p.closedAt), offsetH), localDay(Date.parse(p.closedAt), offsetH)) : null);

export const naiveCategory = (events: readonly RecordedEvent[], taskId: string | undefined): string | null => {
  if (!taskId) return null;
  const issued = events.find((e) => e.type === 'task.issued' && (e.data as any).taskId === taskId);
  if (!issued) return null;
  const { categoryId, number } = issued.data as any;
  const cats = events.filter((e) => e.type === 'campaign.category_defined').map((e) => e.data as any);
  if (cats.some((k) => k.categoryId === categoryId)) return categoryId;
  return cats.find((k) => k.firstTask <= number && number <= k.lastTask)?.categoryId ?? categoryId;
};
