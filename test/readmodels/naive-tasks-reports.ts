/** Naive task matrix, report tracker and reported-vs-computed, straight from the raw events. */
import type { RecordedEvent } from '../../src/eventsourcing/index';
import { DAY, dayDiff, localDay, naiveCategory, naiveColour, naiveDeadline, replayProblems, type NaiveNow } from './naive-problems';

const D = (e: RecordedEvent) => e.data as any;
const of = (events: readonly RecordedEvent[], type: string) => events.filter((e) => e.type === type);

export const naiveTaskMatrix = (events: readonly RecordedEvent[], n: NaiveNow) => {
  const today = localDay(n.nowMs, n.offsetH);
  const problems = [...replayProblems(events).values()].filter((p) => p.status !== 'withdrawn');
  const tasks = of(events, 'task.issued').map((e) => D(e)).sort((a, b) => a.number - b.number || (a.taskId < b.taskId ? -1 : 1)).map((t) => {
    const mine = events.filter((e) => e.type.startsWith('task.') && D(e).taskId === t.taskId);
    let status = 'issued'; let dueDate = t.dueDate; let rating: string | null = null;
    const ext = { requested: 0, granted: 0, denied: 0 }; let completionReports = 0; let returned = 0;
    const cells: Record<string, any> = {};
    const cell = (c: string) => (cells[c] ??= { acceptedBy: [], decomposition: null, progress: null, progressReports: 0 });
    for (const e of mine) {
      const d = D(e);
      if (['task.accepted', 'task.decomposed', 'task.progress_reported'].includes(e.type) && status === 'issued') status = 'in_progress';
      if (e.type === 'task.accepted' && !cell(d.courtId).acceptedBy.includes(d.department)) cell(d.courtId).acceptedBy.push(d.department);
      if (e.type === 'task.decomposed') cell(d.courtId).decomposition = { assignment: d.assignment, dueDate: d.dueDate };
      if (e.type === 'task.progress_reported') { cell(d.courtId).progress = { percent: d.percent, summary: d.summary, at: e.metadata.recordedAt }; cell(d.courtId).progressReports++; }
      if (e.type === 'task.extension_requested') ext.requested++;
      if (e.type === 'task.extension_granted') { ext.granted++; dueDate = d.newDueDate; }
      if (e.type === 'task.extension_denied') ext.denied++;
      if (e.type === 'task.completion_reported') { status = 'completion_reported'; completionReports++; }
      if (e.type === 'task.returned') { status = 'returned'; returned++; }
      if (e.type === 'task.evaluated') { status = 'evaluated'; rating = d.rating; }
    }
    const courtIds = [...t.scopeCourts, ...Object.keys(cells).filter((c) => !t.scopeCourts.includes(c)).sort()];
    const courts = courtIds.map((courtId: string) => {
      const c = cells[courtId] ?? { acceptedBy: [], decomposition: null, progress: null, progressReports: 0 };
      const departments = [
        ...t.leadDepartments.map((d: string) => ({ department: d, role: 'lead', accepted: c.acceptedBy.includes(d) })),
        ...t.coDepartments.filter((d: string) => !t.leadDepartments.includes(d)).map((d: string) => ({ department: d, role: 'co', accepted: c.acceptedBy.includes(d) })),
      ];
      for (const d of c.acceptedBy) if (!departments.some((x) => x.department === d)) departments.push({ department: d, role: null, accepted: true });
      const ps = problems.filter((p) => p.taskId === t.taskId && p.court === courtId);
      return {
        courtId, inScope: t.scopeCourts.includes(courtId), departments, decomposition: c.decomposition,
        progressPercent: c.progress?.percent ?? null, progressSummary: c.progress?.summary ?? null, progressAt: c.progress?.at ?? null,
        progressReports: c.progressReports,
        problems: { total: ps.length, closed: ps.filter((p) => p.status === 'closed').length, overdue: ps.filter((p) => naiveColour(p, n) === 'red').length },
      };
    });
    const daysLeft = dayDiff(today, dueDate);
    return {
      taskId: t.taskId, number: t.number, title: t.title, categoryId: naiveCategory(events, t.taskId), status, dueDate, originalDueDate: t.dueDate,
      daysLeft, overdue: daysLeft < 0 && status !== 'completion_reported' && status !== 'evaluated',
      leadDepartments: t.leadDepartments, coDepartments: t.coDepartments, extensions: ext, completionReports, returned, rating, courts,
    };
  });
  const byStatus: Record<string, number> = { issued: 0, in_progress: 0, completion_reported: 0, returned: 0, evaluated: 0 };
  for (const t of tasks) byStatus[t.status]!++;
  return {
    tasks,
    departments: [...new Set(tasks.flatMap((t) => t.courts.flatMap((c: any) => c.departments.map((d: any) => d.department as string))))].sort(),
    courts: [...new Set(tasks.flatMap((t) => t.courts.map((c: any) => c.courtId as string)))].sort(),
    byStatus, overdue: tasks.filter((t) => t.overdue).length,
  };
};

const periodsOf = (events: readonly RecordedEvent[]) => {
  const m = new Map<string, any>();
  for (const e of of(events, 'campaign.report_period_defined')) m.set(D(e).periodId, D(e));
  return m;
};

const versionsOf = (events: readonly RecordedEvent[], reportId: string) => {
  const vs = of(events, 'report.submitted').filter((e) => D(e).reportId === reportId).map((e) => ({ ...D(e), submittedAt: e.metadata.recordedAt, status: 'submitted' }));
  for (const e of events) {
    if ((e.type === 'report.accepted' || e.type === 'report.returned') && D(e).reportId === reportId) {
      vs.find((v) => v.version === D(e).version)!.status = e.type === 'report.accepted' ? 'accepted' : 'returned';
    }
  }
  return vs.sort((a, b) => a.version - b.version);
};

export const naiveTracker = (events: readonly RecordedEvent[], n: NaiveNow) => {
  const today = localDay(n.nowMs, n.offsetH);
  const periods = periodsOf(events);
  const launched = events.find((e) => e.type === 'campaign.launched');
  const host = launched ? D(launched).organizerCourtId : '';
  const rowOf = (periodId: string, courtId: string, expected: boolean) => {
    const vs = versionsOf(events, `${periodId}@${courtId}`);
    const p = periods.get(periodId);
    const deadline = p ? (courtId === host && p.consolidatedDeadline ? p.consolidatedDeadline : p.deadline) : vs[0]?.deadline ?? null;
    const standing = vs.length ? (vs[0].onTime ? 'on_time' : 'late') : deadline !== null && today > deadline ? 'missing' : 'pending';
    return {
      periodId, courtId, expected, deadline, standing, versions: vs.length, latestVersion: vs.at(-1)?.version ?? null,
      latestStatus: vs.at(-1)?.status ?? null, firstSubmittedAt: vs[0]?.submittedAt ?? null, returned: vs.filter((v) => v.status === 'returned').length,
    };
  };
  const sorted = [...periods.values()].sort((a, b) => (a.from !== b.from ? (a.from < b.from ? -1 : 1) : a.periodId < b.periodId ? -1 : 1));
  const rows = sorted.flatMap((p) => [...p.courts, ...(p.consolidatedDeadline && host && !p.courts.includes(host) ? [host] : [])].map((c: string) => rowOf(p.periodId, c, true)));
  const expectedIds = new Set(rows.map((r) => `${r.periodId}@${r.courtId}`));
  const extra = [...new Set(of(events, 'report.submitted').map((e) => D(e).reportId as string))].filter((id) => !expectedIds.has(id)).sort();
  for (const id of extra) { const [p, c] = id.split('@') as [string, string]; rows.push(rowOf(p, c, false)); }
  const counts = (rs: typeof rows) => {
    const c: Record<string, number> = { expected: 0, on_time: 0, late: 0, missing: 0, pending: 0 };
    for (const r of rs) if (r.expected) { c.expected!++; c[r.standing]!++; }
    return c;
  };
  const byPeriod = [...new Set(rows.map((r) => r.periodId))].map((periodId) => ({
    periodId, name: periods.get(periodId)?.name ?? null, deadline: periods.get(periodId)?.deadline ?? null, ...counts(rows.filter((r) => r.periodId === periodId)),
  }));
  const byCourt = [...new Set(rows.filter((r) => r.expected).map((r) => r.courtId))].sort().map((courtId) => ({ courtId, ...counts(rows.filter((r) => r.courtId === courtId)) }));
  return { today, rows, byPeriod, byCourt };
};

const FIG = ['problemsFound', 'problemsClosed', 'rectificationRatePercent', 'overdue'] as const;

/** Per submitted version: computed figures from a prefix replay, and the gaps (without notes). */
export const naiveReported = (events: readonly RecordedEvent[], offsetH: number, tolerance = 0.5) => {
  const periods = periodsOf(events);
  const ids = [...new Set(of(events, 'report.submitted').map((e) => D(e).reportId as string))].sort();
  return ids.flatMap((id) => versionsOf(events, id).map((v) => {
    const period = periods.get(v.periodId);
    if (!period) return { reportId: id, version: v.version, computed: null, gaps: [{ figure: 'period', claimed: 0, computed: null }] };
    const cutoff = Date.parse(`${period.to}T00:00:00Z`) + DAY - offsetH * 3_600_000;
    const scope = new Set([v.courtId, ...v.consolidated.map((c: any) => c.courtId)]);
    const ps = [...replayProblems(events, cutoff).values()].filter((p) => scope.has(p.court) && p.status !== 'withdrawn');
    const closed = ps.filter((p) => p.status === 'closed').length;
    const computed: Record<string, number | null> = {
      problemsFound: ps.length, problemsClosed: closed, rectificationRatePercent: ps.length ? (closed / ps.length) * 100 : null,
      overdue: ps.filter((p) => p.status !== 'closed' && naiveDeadline(p) !== null && naiveDeadline(p)! < period.to).length,
    };
    const gaps: { figure: string; claimed: number; computed: number | null }[] = [];
    for (const f of FIG) {
      const c = computed[f];
      if (c === null || c === undefined) continue;
      if (f === 'rectificationRatePercent' ? Math.abs(v.figures[f] - c) > tolerance : v.figures[f] !== c) gaps.push({ figure: f, claimed: v.figures[f], computed: c });
    }
    for (const src of v.consolidated) {
      const sub = versionsOf(events, `${v.periodId}@${src.courtId}`).find((x) => x.version === src.version);
      if (!sub) { gaps.push({ figure: `consolidated:${src.courtId}.problemsFound`, claimed: src.figures.problemsFound, computed: null }); continue; }
      for (const f of FIG) if (sub.figures[f] !== src.figures[f]) gaps.push({ figure: `consolidated:${src.courtId}.${f}`, claimed: src.figures[f], computed: sub.figures[f] });
    }
    return { reportId: id, version: v.version, computed, gaps };
  }));
};
