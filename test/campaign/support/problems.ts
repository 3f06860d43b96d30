/** Ready-made Problem histories for the specs. */
import type { ProblemEvent } from '../../../src/campaign/problem/events';

const P = 'P-1';
const sha = (c: string) => c.repeat(64);

export const identified: ProblemEvent = {
  type: 'problem.identified',
  data: {
    problemId: P, courtId: 'NANGUAN', department: '执行局', source: 'self_inspection', title: '执行案款发放超期',
    description: '部分案款未按期发放', criterion: '案款发放期限规定', severity: 'moderate', evidence: [],
  },
};
export const assigned: ProblemEvent = {
  type: 'problem.responsibility_assigned',
  data: { problemId: P, leaderId: 'ng-president', courtId: 'NANGUAN', department: '执行局', personId: 'ng-staff' },
};
export const measure = (id = 'M1', deadline = '2019-06-30'): ProblemEvent => ({
  type: 'problem.measure_planned', data: { problemId: P, measureId: id, content: '清理案款', deadline },
});
export const done = (id = 'M1', completedBy?: string): ProblemEvent => ({
  type: 'problem.measure_completed', data: { problemId: P, measureId: id, note: '已完成', ...(completedBy === undefined ? {} : { completedBy }) },
});
export const evidence = (c = 'a'): ProblemEvent => ({
  type: 'problem.evidence_attached', data: { problemId: P, evidence: { sha256: sha(c), description: '发放记录' } },
});
export const closureRequested: ProblemEvent = { type: 'problem.closure_requested', data: { problemId: P, summary: '整改完成' } };
export const verified: ProblemEvent = { type: 'problem.verified', data: { problemId: P, verifierId: 'ng-verifier', note: '核查属实' } };
export const closed: ProblemEvent = { type: 'problem.closed', data: { problemId: P, verifierId: 'ng-verifier' } };
export const reopened: ProblemEvent = { type: 'problem.reopened', data: { problemId: P, reason: '回头看发现反弹' } };

/** Identified, responsibility assigned, one measure planned. */
export const rectifying: readonly ProblemEvent[] = [identified, assigned, measure()];
/** Ready for a closure request. */
export const ready: readonly ProblemEvent[] = [...rectifying, done(), evidence()];
/** Closure requested. */
export const awaiting: readonly ProblemEvent[] = [...ready, closureRequested];
/** Verified, not closed yet. */
export const verifiedHistory: readonly ProblemEvent[] = [...awaiting, verified];
/** Closed. */
export const closedHistory: readonly ProblemEvent[] = [...verifiedHistory, closed];
