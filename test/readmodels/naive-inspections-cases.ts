/** Naive inspection coverage, unannounced checks, accountability register and rankings, from the raw events. */
import { createHash } from 'node:crypto';
import { drawTargets, findBeacon } from '../../src/campaign/inspection/draw';
import type { RecordedEvent } from '../../src/eventsourcing/index';
import { naiveColour, naiveOnTime, replayProblems, type NaiveNow } from './naive-problems';

const D = (e: RecordedEvent) => e.data as any;
const forId = (events: readonly RecordedEvent[], prefix: string, key: string, id: string) => events.filter((e) => e.type.startsWith(prefix) && D(e)[key] === id);

export const naiveCoverage = (events: readonly RecordedEvent[]) => {
  const host = events.find((e) => e.type === 'campaign.launched');
  const hostId = host ? D(host).organizerCourtId : undefined;
  const regs = events.filter((e) => e.type === 'organization.court_registered').map((e) => D(e));
  const courts = [...new Set(regs.filter((c) => c.courtId !== hostId && (hostId === undefined ? c.parentCourtId !== undefined : c.parentCourtId === hostId)).map((c) => c.courtId as string))].sort();
  const planned = events.filter((e) => e.type === 'inspection.planned').map((e) => D(e));
  const row = (periodId: string | null, ins: any[]) => {
    const ids = new Set(ins.map((i) => i.inspectionId));
    const visited = new Set(events.filter((e) => e.type === 'inspection.visit_recorded' && ids.has(D(e).inspectionId)).map((e) => D(e).courtId as string));
    return { periodId, inspections: ins.length, inspected: courts.filter((c) => visited.has(c)), neverInspected: courts.filter((c) => !visited.has(c)), coverage: courts.length ? courts.filter((c) => visited.has(c)).length / courts.length : null };
  };
  const periods = [...new Set(planned.map((i) => (i.periodId ?? null) as string | null))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  return { courts, overall: row(null, planned), byPeriod: periods.map((p) => row(p, planned.filter((i) => (i.periodId ?? null) === p))) };
};

/** Status and per-check verdicts of every unannounced inspection. */
export const naiveUnannounced = async (events: readonly RecordedEvent[]) => {
  const out = [];
  const ids = events.filter((e) => e.type === 'inspection.planned' && D(e).kind === 'unannounced').map((e) => D(e).inspectionId as string).sort();
  for (const id of ids) {
    const mine = forId(events, 'inspection.', 'inspectionId', id);
    const visits = mine.filter((e) => e.type === 'inspection.visit_recorded');
    const visited = [...new Set(visits.map((e) => D(e).courtId as string))];
    const commit = mine.filter((e) => e.type === 'inspection.seed_committed').at(-1);
    const reveal = mine.filter((e) => e.type === 'inspection.seed_revealed').at(-1);
    const checks: [string, boolean | null][] = [];
    if (!commit) checks.push(['visits_after_beacon_time', visited.length ? false : null]);
    else {
      const c = D(commit);
      const local = new Date(Date.parse(c.committedAt) + c.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
      const from = Date.parse(`${local}T00:00:00Z`) + 86_400_000 - c.utcOffsetMinutes * 60_000;
      checks.push(['visits_after_beacon_time', visits.every((v) => Date.parse(v.metadata.recordedAt) >= from)]);
      if (reveal) {
        const r = D(reveal);
        checks.push(['seed_matches_commitment', createHash('sha256').update(Buffer.from(r.seed, 'hex')).digest('hex') === c.commitment]);
        checks.push(['beacon_after_commitment', Date.parse(r.beacon.recordedAt) >= from]);
        const campaign = events.filter((e) => e.streamId.startsWith(commit.streamId.slice(0, commit.streamId.indexOf('/') + 1)));
        const b = await findBeacon(campaign, { committedAt: c.committedAt, utcOffsetMinutes: c.utcOffsetMinutes, position: commit.position });
        checks.push(['beacon_is_first_event_after_midnight', b !== undefined && b.eventId === r.beacon.eventId && b.hash === r.beacon.hash]);
        checks.push(['targets_drawn_from_candidates', r.targets.length === c.count && r.targets.every((t: string) => c.candidates.includes(t))]);
        let again: string[] | null = null;
        try { again = drawTargets(r.seed, r.beacon.hash, c.candidates, c.count).sort(); } catch { again = null; }
        checks.push(['redraw', again !== null && JSON.stringify(again) === JSON.stringify([...r.targets].sort())]);
        checks.push(['visits_were_drawn', visited.every((x) => r.targets.includes(x))]);
        const before = [...new Set(visits.filter((v) => v.position < reveal.position).map((v) => D(v).courtId as string))].filter((x) => !r.targets.includes(x));
        checks.push(['undrawn_visits_reported', JSON.stringify(before.sort()) === JSON.stringify([...r.undrawnVisits].sort())]);
      }
    }
    const status = checks.some(([, ok]) => ok === false) ? 'failed' : reveal ? 'passed' : 'pending';
    out.push({ inspectionId: id, status, checks, targets: reveal ? D(reveal).targets : [], visited });
  }
  return out;
};

const unitAt = (events: readonly RecordedEvent[], subject: any, position: bigint) => {
  if (subject.kind === 'unit') return { courtId: subject.courtId, department: subject.department ?? null };
  let unit: { courtId: string; department: string | null } | null = null;
  for (const e of events) {
    if (e.position >= position) break;
    if ((e.type === 'organization.person_registered' || e.type === 'organization.person_transferred') && D(e).personId === subject.personId) {
      unit = { courtId: D(e).courtId, department: D(e).department ?? null };
    }
  }
  return unit;
};

export const naiveRegister = (events: readonly RecordedEvent[]) =>
  events.filter((e) => e.type === 'accountability.case_proposed').map((p) => {
    const d = D(p);
    const mine = forId(events, 'accountability.', 'caseId', d.caseId);
    const sanction = mine.filter((e) => e.type === 'accountability.sanction_decided').at(-1);
    const dismissal = mine.filter((e) => e.type === 'accountability.case_dismissed').at(-1);
    const closed = mine.filter((e) => e.type === 'accountability.closed').at(-1);
    let status = 'proposed';
    for (const e of mine) {
      if (e.type === 'accountability.facts_established' && status === 'proposed') status = 'facts_established';
      if (e.type === 'accountability.sanction_decided') status = 'sanctioned';
      if (e.type === 'accountability.case_dismissed') status = 'dismissed';
      if (e.type === 'accountability.closed') status = 'closed';
    }
    const unit = unitAt(events, d.subject, p.position);
    return {
      caseId: d.caseId, subject: d.subject, courtId: unit?.courtId ?? null, department: unit?.department ?? null, grounds: d.grounds, summary: d.summary,
      evidence: d.evidence, confirmed: d.confirmed, status, factsEstablished: mine.some((e) => e.type === 'accountability.facts_established'),
      sanction: sanction ? D(sanction).sanction : null, decidedBy: sanction ? D(sanction).decidedBy : dismissal ? D(dismissal).decidedBy : null,
      body: sanction ? D(sanction).body : null, dismissed: dismissal !== undefined,
      published: mine.filter((e) => e.type === 'accountability.published').map((e) => D(e).channel),
      proposedAt: p.metadata.recordedAt, closedAt: closed?.metadata.recordedAt ?? null,
    };
  }).sort((a, b) => Date.parse(a.proposedAt) - Date.parse(b.proposedAt) || (a.caseId < b.caseId ? -1 : 1));

/** Rankings as [unit, rank, problems, closed, overdue, closedLate, selfFound, cases, sanctions, returnedReports, score] rows, best first. */
export const naiveRankings = (events: readonly RecordedEvent[], n: NaiveNow) => {
  const problems = [...replayProblems(events).values()].filter((p) => p.status !== 'withdrawn');
  const register = naiveRegister(events);
  const returned = (court: string) => {
    const last = new Map<string, string>();
    for (const e of events) if ((e.type === 'report.returned' || e.type === 'report.accepted') && D(e).reportId.endsWith(`@${court}`)) last.set(`${D(e).reportId}#${D(e).version}`, e.type);
    return [...last.values()].filter((t) => t === 'report.returned').length;
  };
  const build = (units: string[], ofProblem: (p: any) => string | null, ofCase: (c: any) => string | null, reports: boolean, skip?: string) => {
    const rows = [...new Set([...units, ...problems.map(ofProblem), ...register.map(ofCase)].filter((u): u is string => u !== null && u !== skip))].map((unit) => {
      const ps = problems.filter((p) => ofProblem(p) === unit);
      const cs = register.filter((c) => ofCase(c) === unit);
      const closed = ps.filter((p) => p.status === 'closed').length;
      const late = ps.filter((p) => p.status === 'closed' && !naiveOnTime(events, p, n.offsetH)).length;
      const overdue = ps.filter((p) => naiveColour(p, n) === 'red').length;
      const self = ps.filter((p) => p.source === 'self_inspection').length;
      const fals = cs.filter((c) => c.grounds === 'falsification').length;
      const ret = reports ? returned(unit) : 0;
      const N = ps.length;
      const score = Math.round((40 * (N ? closed / N : 1) + 30 * (N ? (N - overdue - late) / N : 1) + 30 * (N ? self / N : 0) - 10 * fals - 2 * ret) * 100) / 100;
      return { unit, problems: N, closed, overdue, late, self, cases: cs.length, sanctions: cs.filter((c) => c.sanction !== null).length, ret, score };
    });
    return rows.map((r) => ({ ...r, rank: 1 + rows.filter((o) => o.score > r.score).length }))
      .sort((a, b) => a.rank - b.rank || (a.unit < b.unit ? -1 : 1))
      .map((r) => [r.unit, r.rank, r.problems, r.closed, r.overdue, r.late, r.self, r.cases, r.sanctions, r.ret, r.score]);
  };
  const host = events.find((e) => e.type === 'campaign.launched');
  const hostId = host ? D(host).organizerCourtId : undefined;
  const courts = events.filter((e) => e.type === 'organization.court_registered').map((e) => D(e).courtId as string);
  const depts = events.filter((e) => e.type === 'organization.department_registered').map((e) => `${D(e).courtId}/${D(e).department}`);
  return {
    byCourt: build(courts, (p) => p.court, (c) => c.courtId, true, hostId),
    byDepartment: build(depts, (p) => (p.resp ? `${p.resp.courtId}/${p.resp.department}` : p.dept ? `${p.court}/${p.dept}` : null), (c) => (c.courtId && c.department ? `${c.courtId}/${c.department}` : null), false),
  };
};
