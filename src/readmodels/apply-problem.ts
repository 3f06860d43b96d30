/**
 * Folds Problem events into ledger rows. A problem's deadline is the latest of its measures'
 * current deadlines (after granted extensions) and, once it is long-term, its milestones' due
 * dates; every change of it is logged with its recorded time so figures can be computed as of
 * any moment.
 */
import type { ProblemEvent } from '../campaign/problem/events';
import type { RecordedEvent } from '../eventsourcing/envelope';
import { CannotApply } from './errors';
import { pmGet, pmSet, type PMap } from './pmap';
import type { MeasureRow, ProblemRow, ProblemStatus } from './state';

/** The problem's deadline from its measures and milestones (null when it has none). */
export const deadlineOf = (p: Pick<ProblemRow, 'measures' | 'milestones' | 'longTerm'>): string | null => {
  let d: string | null = null;
  for (const m of p.measures) if (d === null || m.deadline > d) d = m.deadline;
  if (p.longTerm) for (const m of p.milestones) if (d === null || m.due > d) d = m.due;
  return d;
};

const withStatus = (p: ProblemRow, status: ProblemStatus, at: string): ProblemRow =>
  (p.status === status ? p : { ...p, status, statusLog: [...p.statusLog, { at, value: status }] });

const logDeadline = (p: ProblemRow, at: string): ProblemRow => {
  const d = deadlineOf(p);
  const last = p.deadlineLog[p.deadlineLog.length - 1];
  return last !== undefined && last.value === d ? p : { ...p, deadlineLog: [...p.deadlineLog, { at, value: d }] };
};

const measure = (p: ProblemRow, e: RecordedEvent, measureId: string): MeasureRow => {
  const m = p.measures.find((x) => x.measureId === measureId);
  if (m === undefined) throw new CannotApply(e.type, e.streamId, `measure "${measureId}" of problem "${p.problemId}" was never planned`);
  return m;
};

const replaceMeasure = (p: ProblemRow, m: MeasureRow): ProblemRow =>
  ({ ...p, measures: p.measures.map((x) => (x.measureId === m.measureId ? m : x)) });

const step = (p: ProblemRow, ev: ProblemEvent, e: RecordedEvent): ProblemRow => {
  const at = e.metadata.recordedAt;
  switch (ev.type) {
    case 'problem.identified':
      throw new CannotApply(e.type, e.streamId, `problem "${p.problemId}" was already identified`);
    case 'problem.registered':
      return { ...p, ledgerNumber: ev.data.ledgerNumber, sequence: ev.data.sequence };
    case 'problem.responsibility_assigned': {
      const { leaderId, courtId, department, personId } = ev.data;
      return { ...p, responsibility: { leaderId, courtId, department, personId } };
    }
    case 'problem.measure_planned': {
      const d = ev.data;
      if (p.measures.some((x) => x.measureId === d.measureId)) {
        throw new CannotApply(e.type, e.streamId, `measure "${d.measureId}" of problem "${p.problemId}" was already planned`);
      }
      const m: MeasureRow = { measureId: d.measureId, content: d.content, deadline: d.deadline, originalDeadline: d.deadline, extensions: 0, completed: false };
      return logDeadline({ ...p, measures: [...p.measures, m] }, at);
    }
    case 'problem.measure_completed':
      return replaceMeasure(p, { ...measure(p, e, ev.data.measureId), completed: true });
    case 'problem.extension_granted': {
      const m = measure(p, e, ev.data.measureId);
      return logDeadline(replaceMeasure(p, { ...m, deadline: ev.data.newDeadline, extensions: m.extensions + 1 }), at);
    }
    case 'problem.extension_requested':
    case 'problem.extension_denied':
      measure(p, e, ev.data.measureId);
      return p;
    case 'problem.progress_recorded':
    case 'problem.decision_proposed': // a proposal changes nothing until it is approved (then its decision's own event)
    case 'problem.proposal_rejected':
      return p;
    case 'problem.evidence_attached':
      return { ...p, evidence: p.evidence + 1 };
    case 'problem.closure_requested':
      return withStatus({ ...p, closureRequestedAt: at }, 'closure_requested', at);
    case 'problem.verified':
      return withStatus(p, 'verified', at);
    case 'problem.verification_returned': {
      const { closureRequestedAt: _requested, ...rest } = p;
      return withStatus({ ...rest, returned: p.returned + 1 }, 'open', at);
    }
    case 'problem.closed':
      return withStatus({ ...p, closedAt: at }, 'closed', at);
    case 'problem.reopened': {
      const { closedAt: _closed, closureRequestedAt: _requested, ...rest } = p;
      return withStatus({ ...rest, reopened: p.reopened + 1 }, 'open', at);
    }
    case 'problem.marked_long_term': {
      const milestones = ev.data.milestones.map((m) => ({ milestoneId: m.milestoneId, content: m.content, due: m.due, reached: false }));
      return logDeadline({ ...p, longTerm: true, milestones }, at);
    }
    case 'problem.milestone_reached': {
      if (!p.milestones.some((m) => m.milestoneId === ev.data.milestoneId)) {
        throw new CannotApply(e.type, e.streamId, `milestone "${ev.data.milestoneId}" of problem "${p.problemId}" was never set`);
      }
      return { ...p, milestones: p.milestones.map((m) => (m.milestoneId === ev.data.milestoneId ? { ...m, reached: true } : m)) };
    }
    case 'problem.withdrawn':
      return withStatus({ ...p, withdrawal: { reason: ev.data.reason, approvedBy: ev.data.approvedBy, at } }, 'withdrawn', at);
    case 'problem.carried_over':
      return { ...p, carriedInto: [...(p.carriedInto ?? []), ev.data.toYear] };
    case 'problem.corrected': {
      const d = ev.data;
      return {
        ...p,
        ...(d.title === undefined ? {} : { title: d.title }),
        ...(d.criterion === undefined ? {} : { criterion: d.criterion }),
        ...(d.severity === undefined ? {} : { severity: d.severity }),
        ...(d.department === undefined ? {} : { department: d.department }),
      };
    }
    case 'problem.handling_returned': {
      const { closedAt: _closed, closureRequestedAt: _requested, ...rest } = p;
      return withStatus({ ...rest, handlingReturned: (p.handlingReturned ?? 0) + 1 }, 'open', at);
    }
    case 'problem.spot_checked': {
      const c = p.spotChecks ?? { total: 0, failed: 0 };
      return { ...p, spotChecks: { total: c.total + 1, failed: c.failed + (ev.data.passed ? 0 : 1) } };
    }
    case 'problem.taken_over':
      return { ...p, takenOverBy: ev.data.byCourtId };
  }
};

/** Folds one Problem event into the ledger rows. */
export const applyProblem = (rows: PMap<ProblemRow>, ev: ProblemEvent, e: RecordedEvent): PMap<ProblemRow> => {
  const id = ev.data.problemId;
  const current = pmGet(rows, id);
  if (ev.type === 'problem.identified') {
    if (current !== undefined) throw new CannotApply(e.type, e.streamId, `problem "${id}" was already identified`);
    const d = ev.data;
    const at = e.metadata.recordedAt;
    const row: ProblemRow = {
      problemId: id, courtId: d.courtId, source: d.source, title: d.title, criterion: d.criterion, severity: d.severity,
      ...(d.department === undefined ? {} : { department: d.department }),
      ...(d.taskId === undefined ? {} : { taskId: d.taskId }),
      ...(d.inspectionId === undefined ? {} : { inspectionId: d.inspectionId }),
      measures: [], milestones: [], longTerm: false, status: 'open',
      statusLog: [{ at, value: 'open' }], deadlineLog: [{ at, value: null }],
      identifiedAt: at, identifiedEffectiveAt: e.metadata.effectiveAt, returned: 0, reopened: 0, evidence: d.evidence.length,
    };
    return pmSet(rows, id, row);
  }
  if (current === undefined) throw new CannotApply(e.type, e.streamId, `problem "${id}" was never identified`);
  const next = step(current, ev, e);
  return next === current ? rows : pmSet(rows, id, next);
};
