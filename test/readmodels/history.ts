/**
 * Random campaign histories for property tests: a fixed start (see `history-setup.ts`) followed by
 * random steps over every aggregate, each appended to a memory store (validated by the registry)
 * at an advancing trusted clock. Steps that have no target yet are skipped.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { drawTargets, findBeacon } from '../../src/campaign/inspection/draw';
import { COURTS, DEPTS, PEOPLE, PERIODS, TASKS, setupHistory } from './history-setup';
import { createWorld, type World } from './world';

export interface Step { readonly op: Op; readonly a: number; readonly b: number; readonly c: number; readonly gap: number }

const OPS = [
  'identify', 'identify', 'identify', 'register', 'register', 'assign', 'plan', 'plan', 'plan', 'complete', 'extend', 'request', 'verify',
  'returnVerification', 'close', 'close', 'reopen', 'withdraw', 'longTerm', 'milestone', 'correct', 'evidence', 'noise',
  'accept', 'decompose', 'progress', 'extendTask', 'completeTask', 'returnTask', 'evaluate',
  'submit', 'submit', 'acceptReport', 'returnReport', 'consolidate',
  'inspect', 'inspect', 'commit', 'commit', 'visit', 'visit', 'finding', 'spotCheck', 'reveal', 'reveal', 'conclude', 'transfer',
  'propose', 'facts', 'sanction', 'dismiss', 'publish', 'closeCase',
] as const;

export type Op = (typeof OPS)[number];
/** The steps that touch problems (for histories focused on the ledger). */
export const PROBLEM_OPS = OPS.slice(0, 23);

const stepArb = (ops: readonly Op[]): fc.Arbitrary<Step> => fc.record({
  op: fc.constantFrom(...ops), a: fc.nat({ max: 50 }), b: fc.nat({ max: 100 }), c: fc.nat({ max: 100 }), gap: fc.nat({ max: 9000 }),
});
/** Histories over every aggregate. */
export const historyArb = fc.array(stepArb(OPS), { minLength: 0, maxLength: 150, size: 'max' });
/** Histories of problems (and a little noise). */
export const problemHistoryArb = fc.array(stepArb(PROBLEM_OPS), { minLength: 0, maxLength: 120, size: 'max' });

/** A `now` near a deadline of the history (so boundaries are hit often): day offset and time of day. */
export const nowSelArb = fc.record({
  pick: fc.nat(), days: fc.oneof(fc.constantFrom(-11, -10, -1, 0, 1), fc.integer({ min: -25, max: 25 })),
  ms: fc.oneof(fc.constantFrom(0, 86_399_999), fc.nat({ max: 86_399_999 })),
});

/** Resolves a {@link nowSelArb} value against a history's events (midnight-based at the given offset). */
export const nowNear = (events: readonly { type: string; data: unknown }[], sel: { pick: number; days: number; ms: number }, offsetH = 8): number => {
  const dates = events.flatMap((e) => {
    const d = e.data as { deadline?: string; newDeadline?: string; dueDate?: string; newDueDate?: string; to?: string };
    switch (e.type) {
      case 'problem.measure_planned': return [d.deadline!];
      case 'problem.extension_granted': return [d.newDeadline!];
      case 'task.issued': return [d.dueDate!];
      case 'task.extension_granted': return [d.newDueDate!];
      case 'campaign.report_period_defined': return [d.deadline!, d.to!, ...((d as { consolidatedDeadline?: string }).consolidatedDeadline ? [(d as { consolidatedDeadline?: string }).consolidatedDeadline!] : [])];
      default: return [];
    }
  });
  const base = dates.length ? dates[sel.pick % dates.length]! : '2019-03-01';
  return Date.parse(`${base}T00:00:00Z`) + sel.days * 86_400_000 - offsetH * 3_600_000 + sel.ms;
};

const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);
const sha = (s: string) => createHash('sha256').update(Buffer.from(s, 'hex')).digest('hex');
const EV = { sha256: 'b'.repeat(64), description: 'doc' };
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface P { id: string; status: string; measures: { id: string; deadline: string }[]; milestones: string[] }

/** Builds a world and plays the steps into it. */
export const playHistory = async (steps: readonly Step[], start = '2019-01-05T01:00:00.000Z'): Promise<World> => {
  const w = createWorld(start);
  await setupHistory(w);
  const today = () => new Date(Date.parse(w.now()) + 8 * 3_600_000).toISOString().slice(0, 10);
  const problems: P[] = [];
  const reports = new Map<string, number>();
  const inspections: { id: string; kind: string; seed?: string; candidates?: string[]; count?: number; revealed?: boolean; findings: string[] }[] = [];
  const cases: string[] = [];
  let seq = 0; let n = 0;
  for (const { op, a, b, c, gap } of steps) {
    w.advance(gap * 60_000);
    n++;
    const p = pick(problems, a);
    const ps = p ? w.s.problem(p.id) : '';
    const m = p ? pick(p.measures, b) : undefined;
    const t = pick(TASKS, a) as (typeof TASKS)[number];
    const court = pick(COURTS, b) as string;
    const dept = pick(DEPTS, c) as string;
    const insp = pick(inspections, a);
    const cs = pick(cases, a);
    const person = pick(PEOPLE, c) as (typeof PEOPLE)[number];
    const emit = (stream: string, type: string, data: Record<string, unknown>) => w.emit(stream, type, data);
    switch (op) {
      case 'identify': {
        const id = `PR${n}`;
        problems.push({ id, status: 'open', measures: [], milestones: [] });
        await emit(w.s.problem(id), 'problem.identified', {
          problemId: id, courtId: court, source: 'self_inspection', title: `Problem ${n}`, description: 'Details.', criterion: 'Rule', severity: 'minor',
          evidence: c % 2 ? [EV] : [], ...(c % 3 ? { department: dept } : {}), ...(a % 5 < 4 ? { taskId: t.taskId } : {}),
        });
        break;
      }
      case 'register': if (p) await emit(ps, 'problem.registered', { problemId: p.id, ledgerNumber: `TZ-${++seq}`, sequence: seq }); break;
      case 'assign': if (p) await emit(ps, 'problem.responsibility_assigned', { problemId: p.id, leaderId: 'P6', courtId: person.courtId, department: dept, personId: person.personId }); break;
      case 'plan': if (p) {
        const id = `M${n}`;
        const deadline = c % 6 === 0 ? (pick(PERIODS, b) as (typeof PERIODS)[number]).to : addDays(today(), (b % 60) - 15);
        p.measures.push({ id, deadline });
        await emit(ps, 'problem.measure_planned', { problemId: p.id, measureId: id, content: 'Do it.', deadline });
      } break;
      case 'complete': if (p && m) await emit(ps, 'problem.measure_completed', { problemId: p.id, measureId: m.id, note: 'Done.' }); break;
      case 'extend': if (p && m) {
        const next = addDays(m.deadline, (c % 30) + 1);
        await emit(ps, 'problem.extension_granted', { problemId: p.id, measureId: m.id, requestId: `X${n}`, previousDeadline: m.deadline, newDeadline: next });
        m.deadline = next;
      } break;
      case 'request': if (p) { p.status = 'closure_requested'; await emit(ps, 'problem.closure_requested', { problemId: p.id, summary: 'All done.' }); } break;
      case 'verify': if (p) await emit(ps, 'problem.verified', { problemId: p.id, verifierId: 'P1', note: 'Checked.' }); break;
      case 'returnVerification': if (p) await emit(ps, 'problem.verification_returned', { problemId: p.id, verifierId: 'P1', reason: 'Not yet.' }); break;
      case 'close': if (p && p.status !== 'withdrawn') { p.status = 'closed'; await emit(ps, 'problem.closed', { problemId: p.id, verifierId: 'P1' }); } break;
      case 'reopen': if (p && p.status === 'closed') { p.status = 'open'; await emit(ps, 'problem.reopened', { problemId: p.id, reason: 'Re-check failed.' }); } break;
      case 'withdraw': if (p && p.status !== 'withdrawn' && c % 3 === 0) { p.status = 'withdrawn'; await emit(ps, 'problem.withdrawn', { problemId: p.id, reason: 'Error.', approvedBy: 'P6' }); } break;
      case 'longTerm': if (p && p.milestones.length === 0) {
        p.milestones = [`MS${n}a`, `MS${n}b`];
        await emit(ps, 'problem.marked_long_term', { problemId: p.id, reason: 'Takes long.', milestones: p.milestones.map((id, i) => ({ milestoneId: id, content: 'Step', due: addDays(today(), 30 + i * (b % 90)) })) });
      } break;
      case 'milestone': { const ms = p ? pick(p.milestones, b) : undefined; if (p && ms) await emit(ps, 'problem.milestone_reached', { problemId: p.id, milestoneId: ms, note: 'Reached.' }); break; }
      case 'correct': if (p) await emit(ps, 'problem.corrected', { problemId: p.id, reason: 'Typo.', ...(c % 2 ? { department: dept } : { title: `Renamed ${n}` }) }); break;
      case 'evidence': if (p) await emit(ps, 'problem.evidence_attached', { problemId: p.id, evidence: EV }); break;
      case 'noise': await emit(w.s.ledgerNumbers('NOISE', 2019), 'ledger_number.reserved', { problemId: `Z${n}`, sequence: n, ledgerNumber: `N-${n}` }); break;
      case 'accept': await emit(w.s.task(t.taskId), 'task.accepted', { taskId: t.taskId, courtId: court, department: dept }); break;
      case 'decompose': await emit(w.s.task(t.taskId), 'task.decomposed', { taskId: t.taskId, courtId: court, assignment: 'Part.', dueDate: addDays(today(), b) }); break;
      case 'progress': await emit(w.s.task(t.taskId), 'task.progress_reported', { taskId: t.taskId, courtId: court, summary: 'Going.', percent: b % 101 }); break;
      case 'extendTask': await emit(w.s.task(t.taskId), 'task.extension_granted', { taskId: t.taskId, requestId: `TX${n}`, previousDueDate: '2019-05-31', newDueDate: addDays('2019-05-31', b) }); break;
      case 'completeTask': await emit(w.s.task(t.taskId), 'task.completion_reported', { taskId: t.taskId, summary: 'Done.', evidence: [] }); break;
      case 'returnTask': await emit(w.s.task(t.taskId), 'task.returned', { taskId: t.taskId, reason: 'Redo.' }); break;
      case 'evaluate': await emit(w.s.task(t.taskId), 'task.evaluated', { taskId: t.taskId, rating: 'good', comment: 'Fine.' }); break;
      case 'submit': {
        const period = pick(PERIODS, a) as (typeof PERIODS)[number];
        const rc = a % 7 === 0 ? 'C1' : (pick(period.courts, b) as string);
        const id = `${period.periodId}@${rc}`;
        const version = (reports.get(id) ?? 0) + 1;
        reports.set(id, version);
        const figures = (k: number) => ({ problemsFound: k % 4, problemsClosed: k % 3, rectificationRatePercent: (k % 5) * 25, overdue: k % 2 });
        const consolidated = rc === 'C1' ? ['C2', 'C3'].filter((x) => reports.has(`${period.periodId}@${x}`)).map((x) => ({ courtId: x, version: 1, figures: figures(c + (b % 2)) })) : [];
        await emit(w.s.report(period.periodId, rc), 'report.submitted', {
          reportId: id, periodId: period.periodId, courtId: rc, version, deadline: rc === 'C1' && 'consolidatedDeadline' in period ? period.consolidatedDeadline : period.deadline, onTime: b % 3 !== 0,
          found: 'Found.', measures: 'Measures.', results: 'Results.', figures: figures(c), consolidated,
        });
        break;
      }
      case 'acceptReport': case 'returnReport': {
        const id = pick([...reports.keys()], a);
        if (id) {
          const [periodId, rc] = id.split('@') as [string, string];
          await emit(w.s.report(periodId, rc), op === 'acceptReport' ? 'report.accepted' : 'report.returned', { reportId: id, version: reports.get(id), ...(op === 'acceptReport' ? { note: 'OK.' } : { reason: 'Fix.' }) });
        }
        break;
      }
      case 'consolidate': await emit(w.s.report('R1', 'C1'), 'report.consolidated', { reportId: 'R1@C1', sources: [{ courtId: 'C2', version: 1, figures: { problemsFound: b % 3, problemsClosed: 0, rectificationRatePercent: 0, overdue: 0 } }] }); break;
      case 'inspect': {
        const id = `I${n}`;
        const kind = b % 2 ? 'unannounced' : 'routine';
        inspections.push({ id, kind, findings: [] });
        await emit(w.s.inspection(id), 'inspection.planned', { inspectionId: id, kind, title: 'Visit', targets: kind === 'routine' ? [court] : [], ...(c % 3 === 2 ? {} : { periodId: c % 3 ? 'R2' : 'R1' }) });
        break;
      }
      case 'commit': {
        const insp = pick(inspections.filter((x) => x.kind === 'unannounced' && x.seed === undefined), a);
        if (!insp) break;
        insp.seed = (a * 7919 + n).toString(16).padStart(32, '0');
        insp.candidates = [...COURTS];
        insp.count = 1 + (b % 2);
        await emit(w.s.inspection(insp.id), 'inspection.seed_committed', {
          inspectionId: insp.id, commitment: c % 5 === 0 ? 'c'.repeat(64) : sha(insp.seed), candidates: insp.candidates, count: insp.count, committedAt: w.now(), utcOffsetMinutes: 480,
        });
        break;
      }
      case 'visit': if (insp) await emit(w.s.inspection(insp.id), 'inspection.visit_recorded', { inspectionId: insp.id, courtId: court, visitedOn: today() }); break;
      case 'finding': if (insp) {
        const fid = `F${n}`;
        insp.findings.push(fid);
        await emit(w.s.inspection(insp.id), 'inspection.finding_recorded', { inspectionId: insp.id, findingId: fid, courtId: court, title: 'Bad', description: 'Bad.', criterion: 'Rule', severity: 'minor', evidence: [] });
        if (p) await emit(w.s.inspection(insp.id), 'inspection.finding_linked', { inspectionId: insp.id, findingId: fid, problemId: p.id });
      } break;
      case 'spotCheck': if (insp && p) await emit(w.s.inspection(insp.id), 'inspection.spot_check_recorded', { inspectionId: insp.id, checkId: `S${n}`, problemId: p.id, courtId: court, problemStatus: 'closed', passed: c % 2 === 0, note: 'Checked.' }); break;
      case 'reveal': {
        const insp = pick(inspections.filter((x) => x.seed !== undefined && !x.revealed), a);
        if (!insp || !insp.seed || !insp.candidates || !insp.count) break;
        insp.revealed = true;
        if (b % 4) {
          w.advance(86_400_000 * (1 + (b % 2)));
          await emit(w.s.ledgerNumbers('NOISE', 2020), 'ledger_number.reserved', { problemId: `Y${n}`, sequence: n, ledgerNumber: `B-${n}` });
        }
        const all = await w.events();
        const committed = all.find((e) => e.type === 'inspection.seed_committed' && (e.data as { inspectionId: string }).inspectionId === insp.id)!;
        const found = c % 3 ? await findBeacon(all, { committedAt: (committed.data as { committedAt: string }).committedAt, utcOffsetMinutes: 480, position: committed.position }) : undefined;
        const beacon = found
          ? { eventId: found.eventId, streamId: found.streamId, position: found.position.toString(), hash: found.hash, recordedAt: found.metadata.recordedAt, actorId: found.metadata.actor.id }
          : { eventId: 'e', streamId: 'ny/x', position: '1', hash: 'd'.repeat(64), recordedAt: new Date(Date.parse(w.now()) + (c % 4) * 12 * 3_600_000).toISOString(), actorId: 'x' };
        const targets = c % 4 ? drawTargets(insp.seed, beacon.hash, insp.candidates, insp.count) : insp.candidates.slice(b % 2, (b % 2) + insp.count + (c % 7 === 0 ? 1 : 0));
        const visited = [...new Set(all.filter((e) => e.type === 'inspection.visit_recorded' && (e.data as { inspectionId: string }).inspectionId === insp.id).map((e) => (e.data as { courtId: string }).courtId))];
        await emit(w.s.inspection(insp.id), 'inspection.seed_revealed', {
          inspectionId: insp.id, seed: insp.seed, targets, undrawnVisits: b % 5 ? visited.filter((x) => !targets.includes(x)) : [], beacon,
        });
        break;
      }
      case 'transfer': await emit(w.s.organization, 'organization.person_transferred', { personId: person.personId, courtId: court, reason: 'Moved.', ...(b % 3 ? { department: dept } : {}) }); break;
      case 'conclude': if (insp) await emit(w.s.inspection(insp.id), 'inspection.concluded', { inspectionId: insp.id, summary: 'Over.' }); break;
      case 'propose': {
        const id = `K${n}`;
        cases.push(id);
        const subject = b % 3 === 0 ? { kind: 'unit', courtId: court, ...(c % 2 ? { department: dept } : {}) } : { kind: 'person', personId: b % 7 === 1 ? 'P99' : person.personId };
        await emit(w.s.accountability(id), 'accountability.case_proposed', {
          caseId: id, subject, grounds: (['poor_work', 'falsification', 'overdue_rectification'] as const)[c % 3], summary: 'Case.', evidence: p ? [{ kind: 'problem', problemId: p.id }] : [], confirmed: p ? ['exists'] : [],
        });
        break;
      }
      case 'facts': if (cs) await emit(w.s.accountability(cs), 'accountability.facts_established', { caseId: cs, facts: 'Facts.' }); break;
      case 'sanction': if (cs) await emit(w.s.accountability(cs), 'accountability.sanction_decided', { caseId: cs, sanction: (['circulated_criticism', 'admonition_talk', 'accountability'] as const)[c % 3], decidedBy: 'P6', body: 'leading_group', rationale: 'Because.' }); break;
      case 'dismiss': if (cs) await emit(w.s.accountability(cs), 'accountability.case_dismissed', { caseId: cs, decidedBy: 'P6', reason: 'No grounds.' }); break;
      case 'publish': if (cs) await emit(w.s.accountability(cs), 'accountability.published', { caseId: cs, channel: 'web' }); break;
      case 'closeCase': if (cs) await emit(w.s.accountability(cs), 'accountability.closed', { caseId: cs, summary: 'Closed.' }); break;
    }
  }
  return w;
};
