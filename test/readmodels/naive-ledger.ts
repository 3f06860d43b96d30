/** Naive ledger rows and rate tables, built from the raw events by plain loops. */
import type { RecordedEvent } from '../../src/eventsourcing/index';
import {
  dayDiff, localDay, naiveCategory, naiveClosingDelay, naiveColour, naiveDeadline, naiveOnTime, replayProblems, type NaiveNow, type NaiveProblem,
} from './naive-problems';

const personName = (events: readonly RecordedEvent[], id: string): string | null => {
  const e = events.find((x) => x.type === 'organization.person_registered' && (x.data as any).personId === id);
  return e ? (e.data as any).name : null;
};

const taskNumber = (events: readonly RecordedEvent[], taskId: string | undefined): number | null => {
  const e = events.find((x) => x.type === 'task.issued' && (x.data as any).taskId === taskId);
  return e ? (e.data as any).number : null;
};

export const naiveLedger = (events: readonly RecordedEvent[], n: NaiveNow) => {
  const ps = [...replayProblems(events).values()];
  ps.sort((a, b) => {
    if (a.seq !== undefined && b.seq !== undefined) return a.seq - b.seq;
    if (a.seq !== undefined) return -1;
    if (b.seq !== undefined) return 1;
    if (a.identifiedAt !== b.identifiedAt) return Date.parse(a.identifiedAt) - Date.parse(b.identifiedAt);
    return a.id < b.id ? -1 : 1;
  });
  const today = localDay(n.nowMs, n.offsetH);
  return ps.map((p) => {
    const deadline = naiveDeadline(p);
    const left = deadline === null || p.status === 'withdrawn' || p.status === 'closed' ? null : dayDiff(today, deadline);
    const open = p.status !== 'closed' && p.status !== 'withdrawn';
    return {
      ledgerNumber: p.ledgerNumber ?? null, problemId: p.id, courtId: p.court, department: p.resp ? p.resp.department : p.dept ?? null,
      taskId: p.taskId ?? null, taskNumber: p.taskId ? taskNumber(events, p.taskId) : null, categoryId: naiveCategory(events, p.taskId),
      source: p.source, title: p.title, severity: p.severity, status: p.status,
      responsibility: p.resp ? { ...p.resp, leaderName: personName(events, p.resp.leaderId), personName: personName(events, p.resp.personId) } : null,
      measures: p.measures, deadline, daysLeft: left,
      closure: p.status !== 'closed' ? null : naiveOnTime(events, p, n.offsetH) ? 'on_time' : 'late',
      rectifiedOn: p.status === 'closed' ? localDay(Date.parse(p.requestedAt ?? p.closedAt!), n.offsetH) : null,
      closingDelayDays: naiveClosingDelay(p, n.offsetH), colour: naiveColour(p, n),
      dueSoon: open && left !== null && left >= 0 && left <= n.dueSoon,
      identifiedAt: p.identifiedAt, identifiedOn: localDay(Date.parse(p.identifiedAt), n.offsetH),
      closedAt: p.status === 'closed' ? p.closedAt ?? null : null,
      closedOn: p.status === 'closed' && p.closedAt ? localDay(Date.parse(p.closedAt), n.offsetH) : null,
      returned: p.returned, reopened: p.reopened, longTerm: p.longTerm, milestones: p.milestones,
    };
  });
};

const unitKey = (p: NaiveProblem): string | null => {
  if (p.resp) return `${p.resp.courtId}/${p.resp.department}`;
  return p.dept ? `${p.court}/${p.dept}` : null;
};

const row = (events: readonly RecordedEvent[], key: string, ps: NaiveProblem[], n: NaiveNow) => {
  const live = ps.filter((p) => p.status !== 'withdrawn');
  const total = live.length;
  const closed = live.filter((p) => p.status === 'closed').length;
  const onTime = live.filter((p) => naiveOnTime(events, p, n.offsetH)).length;
  const returned = live.filter((p) => p.returned > 0).length;
  const reopened = live.filter((p) => p.reopened > 0).length;
  const r = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    key, total, closed, rectificationRate: r(closed, total), closedOnTime: onTime, onTimeRate: r(onTime, closed),
    closedLate: closed - onTime, meanClosingDelayDays: r(live.reduce((t, p) => t + (naiveClosingDelay(p, n.offsetH) ?? 0), 0), closed),
    returned, returnedRate: r(returned, total), reopened, reopenedRate: r(reopened, total),
    overdue: live.filter((p) => naiveColour(p, n) === 'red').length,
  };
};

export const naiveRates = (events: readonly RecordedEvent[], n: NaiveNow) => {
  const ps = [...replayProblems(events).values()].filter((p) => p.status !== 'withdrawn');
  const group = (keyOf: (p: NaiveProblem) => string | null) => {
    const keys = [...new Set(ps.map(keyOf).filter((k): k is string => k !== null))].sort();
    return keys.map((k) => row(events, k, ps.filter((p) => keyOf(p) === k), n));
  };
  return {
    overall: row(events, 'all', ps, n),
    byCourt: group((p) => p.court),
    byDepartment: group(unitKey),
    byTask: group((p) => p.taskId ?? null),
    byCategory: group((p) => naiveCategory(events, p.taskId)),
  };
};
