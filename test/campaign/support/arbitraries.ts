/** fast-check generators of plausible (and sometimes absurd) commands against the test world. */
import fc from 'fast-check';

export const ACTORS = [
  'admin', 'president', 'deputy', 'office1', 'office-head', 'tmo-head', 'tmo-staff', 'tmo-verifier', 'verifier1', 'inspector', 'discipline', 'exec-head',
  'ng-president', 'ng-head', 'ng-staff', 'ng-exec-verifier', 'ng-office', 'ng-office-head', 'ng-verifier', 'cy-president', 'cy-staff', 'cy-office', 'stranger',
] as const;

/** A step: a command of an aggregate, advancing the clock, or running the reactions. */
export type Step =
  | { readonly kind: 'command'; readonly aggregate: string; readonly command: string; readonly actor: string; readonly input: unknown }
  | { readonly kind: 'advance'; readonly days: number }
  | { readonly kind: 'react' };

const pick = <T>(...xs: readonly T[]) => fc.constantFrom(...xs);
const P = pick('P-1', 'P-2');
const M = pick('M1', 'M2');
const DATE = pick('2019-06-05', '2019-06-20', '2019-07-15', '2019-09-30');
const SHA = pick('a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64));
const COURT = pick('NANGUAN', 'CHAOYANG', 'CITY');
const DEPT = fc.oneof({ weight: 4, arbitrary: fc.constant('执行局') }, { weight: 1, arbitrary: pick('立案庭', '审管办') });
const PERSON = fc.oneof({ weight: 3, arbitrary: fc.constant('ng-staff') }, { weight: 2, arbitrary: pick('ng-staff', 'ng-exec-verifier', 'cy-staff', 'ng-head', 'ng-president', 'cy-president', 'president') });
const TEXT = pick('说明', '整改');
const figures = fc.record({ problemsFound: fc.nat(5), problemsClosed: fc.nat(5), rectificationRatePercent: fc.nat(100), overdue: fc.nat(3) });

/** A command, usually from an actor who may issue it (so sequences get far), sometimes from anyone. */
const cmd = (aggregate: string, command: string, input: fc.Arbitrary<unknown>, natural: readonly string[]) =>
  fc.record({
    kind: fc.constant('command' as const), aggregate: fc.constant(aggregate), command: fc.constant(command),
    actor: fc.oneof({ weight: 4, arbitrary: pick(...natural) }, { weight: 1, arbitrary: pick(...ACTORS) }), input,
  });

const problem = [
  cmd('problem', 'identify', fc.record({
    problemId: P, courtId: fc.oneof({ weight: 4, arbitrary: fc.constant('NANGUAN') }, { weight: 1, arbitrary: fc.constant('CHAOYANG') }), department: DEPT, source: pick('self_inspection', 'higher_level_feedback', 'report'),
    title: TEXT, description: TEXT, criterion: TEXT, severity: pick('minor', 'serious'),
  }), ['ng-staff', 'office1']),
  cmd('problem', 'register', fc.record({ problemId: P }), ['ng-office', 'office1']),
  cmd('problem', 'assignResponsibility', fc.record({ problemId: P, leaderId: pick('ng-president', 'cy-president'), department: DEPT, personId: PERSON }), ['ng-president']),
  cmd('problem', 'planMeasure', fc.record({ problemId: P, measureId: M, content: TEXT, deadline: DATE }), ['ng-staff']),
  cmd('problem', 'completeMeasure', fc.record({ problemId: P, measureId: M, note: TEXT }), ['ng-staff']),
  cmd('problem', 'attachEvidence', fc.record({ problemId: P, evidence: fc.record({ sha256: SHA, description: TEXT }) }), ['ng-staff']),
  cmd('problem', 'requestExtension', fc.record({ problemId: P, measureId: M, requestId: pick('X1', 'X2'), requestedDeadline: DATE, reason: TEXT }), ['ng-staff']),
  cmd('problem', 'propose', fc.record({ problemId: P, proposalId: pick('G1', 'G2'), action: fc.record({ kind: fc.constant('grant_extension'), requestId: pick('X1', 'X2') }) }), ['office1']),
  cmd('problem', 'approve', fc.record({ problemId: P, proposalId: pick('G1', 'G2', 'C1', 'W1') }), ['office-head', 'deputy', 'ng-office-head']),
  cmd('problem', 'reject', fc.record({ problemId: P, proposalId: pick('G1', 'G2', 'C1', 'W1'), reason: TEXT }), ['office-head', 'deputy']),
  cmd('problem', 'requestClosure', fc.record({ problemId: P, summary: TEXT }), ['ng-staff']),
  cmd('problem', 'verify', fc.record({ problemId: P, note: TEXT }), ['ng-verifier', 'verifier1', 'ng-exec-verifier']),
  cmd('problem', 'returnVerification', fc.record({ problemId: P, reason: TEXT }), ['ng-verifier']),
  cmd('problem', 'propose', fc.record({ problemId: P, proposalId: fc.constant('C1'), action: fc.constant({ kind: 'close' }) }), ['ng-office', 'office1']),
  cmd('problem', 'returnHandling', fc.record({ problemId: P, reason: TEXT }), ['office1', 'ng-office']),
  cmd('problem', 'spotCheck', fc.record({ problemId: P, checkId: pick('C1', 'C2'), passed: fc.boolean(), note: TEXT }), ['office1', 'ng-office']),
  cmd('problem', 'takeOver', fc.record({ problemId: P, reason: TEXT }), ['office1', 'cy-office']),
  cmd('problem', 'reopen', fc.record({ problemId: P, reason: TEXT }), ['inspector']),
  cmd('problem', 'propose', fc.record({ problemId: P, proposalId: fc.constant('W1'), action: fc.record({ kind: fc.constant('withdraw'), reason: TEXT }) }), ['office1']),
  cmd('problem', 'correct', fc.record({ problemId: P, reason: TEXT, severity: pick('minor', 'critical') }), ['office1']),
];

const task = [
  cmd('task', 'issue', fc.record({
    taskId: fc.constant('T-1'), number: fc.constant(1), categoryId: fc.constant('1'), title: TEXT, leadDepartments: fc.constant(['审管办']),
    scopeCourts: fc.constant(['NANGUAN', 'CHAOYANG']), dueDate: DATE,
  }), ['office1']),
  cmd('task', 'accept', fc.record({ taskId: fc.constant('T-1') }), ['tmo-head']),
  cmd('task', 'requestExtension', fc.record({ taskId: fc.constant('T-1'), requestId: pick('R1', 'R2'), requestedDueDate: DATE, reason: TEXT }), ['tmo-head']),
  cmd('task', 'propose', fc.record({ taskId: fc.constant('T-1'), proposalId: pick('G1', 'G2'), action: fc.record({ kind: fc.constant('grant_extension'), requestId: pick('R1', 'R2') }) }), ['office1']),
  cmd('task', 'approve', fc.record({ taskId: fc.constant('T-1'), proposalId: pick('G1', 'G2', 'E1') }), ['office-head', 'deputy']),
  cmd('task', 'reportCompletion', fc.record({ taskId: fc.constant('T-1'), summary: TEXT }), ['tmo-head']),
  cmd('task', 'returnForRework', fc.record({ taskId: fc.constant('T-1'), reason: TEXT }), ['office1']),
  cmd('task', 'propose', fc.record({ taskId: fc.constant('T-1'), proposalId: fc.constant('E1'), action: fc.record({ kind: fc.constant('evaluate'), rating: pick('good', 'poor'), comment: TEXT }) }), ['office1']),
];

const other = [
  cmd('report', 'submit', fc.record({ periodId: fc.constant('2019-H1'), courtId: COURT, found: TEXT, measures: TEXT, results: TEXT, figures }), ['ng-president', 'cy-president', 'office1']),
  cmd('report', 'accept', fc.record({ periodId: fc.constant('2019-H1'), courtId: COURT, note: TEXT }), ['office1']),
  cmd('report', 'return', fc.record({ periodId: fc.constant('2019-H1'), courtId: COURT, reason: TEXT }), ['president']),
  cmd('campaign', 'designateFirstResponsible', fc.record({ courtId: COURT, personId: PERSON }), ['office1', 'president', 'ng-president']),
  cmd('campaign', 'replaceFirstResponsible', fc.record({ courtId: COURT, personId: PERSON, reason: TEXT }), ['office1', 'president', 'ng-president']),
  cmd('accountability', 'propose', fc.record({
    caseId: pick('AC-1', 'AC-2'), subject: fc.constant({ kind: 'person', personId: 'ng-staff' }), grounds: pick('falsification', 'overdue_rectification', 'poor_work'),
    summary: TEXT, evidence: fc.constant([{ kind: 'problem', problemId: 'P-1' }]),
  }), ['discipline']),
  cmd('accountability', 'establishFacts', fc.record({ caseId: pick('AC-1', 'AC-2'), facts: TEXT }), ['discipline']),
  cmd('accountability', 'decideSanction', fc.record({ caseId: pick('AC-1', 'AC-2'), sanction: pick('circulated_criticism', 'accountability'), rationale: TEXT }), ['discipline']),
];

/** Garbage input for any command: it must be refused as ValidationFailed, never throw. */
const garbage = fc.record({
  kind: fc.constant('command' as const), aggregate: pick('problem', 'task', 'report', 'inspection', 'accountability', 'campaign', 'organization'),
  command: pick('identify', 'issue', 'submit', 'plan', 'propose', 'launch', 'registerCourt', 'verify'), actor: fc.oneof(pick(...ACTORS), fc.anything()),
  input: fc.anything(),
});

/** One random step, mostly plausible commands. */
export const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.oneof(...problem) },
  { weight: 5, arbitrary: fc.oneof(...task) },
  { weight: 3, arbitrary: fc.oneof(...other) },
  { weight: 1, arbitrary: garbage as fc.Arbitrary<Step> },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 0, max: 12 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'react' as const }) },
);

const c = (aggregate: string, command: string, actor: string, input: unknown): Step => ({ kind: 'command', aggregate, command, actor, input });

/** The happy path of a problem, closed, re-checked and closed again. */
const problemScript = (p: string, deadline: string, verifier: string): Step[] => [
  c('problem', 'identify', 'ng-staff', { problemId: p, courtId: 'NANGUAN', department: '执行局', source: 'self_inspection', title: '问题', description: '说明', criterion: '规定', severity: 'minor' }),
  c('problem', 'register', 'ng-office', { problemId: p }),
  c('problem', 'assignResponsibility', 'ng-president', { problemId: p, leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }),
  c('problem', 'planMeasure', 'ng-staff', { problemId: p, measureId: 'M1', content: '措施', deadline }),
  c('problem', 'completeMeasure', 'ng-staff', { problemId: p, measureId: 'M1', note: '完成' }),
  c('problem', 'attachEvidence', 'ng-staff', { problemId: p, evidence: { sha256: 'a'.repeat(64), description: '证据' } }),
  c('problem', 'requestClosure', 'ng-staff', { problemId: p, summary: '整改完成' }),
  c('problem', 'verify', verifier, { problemId: p, note: '核查' }),
  c('problem', 'propose', 'ng-office', { problemId: p, proposalId: 'C1', action: { kind: 'close' } }),
  c('problem', 'approve', 'ng-office-head', { problemId: p, proposalId: 'C1' }),
  c('problem', 'reopen', 'inspector', { problemId: p, reason: '回头看' }),
  c('problem', 'attachEvidence', 'ng-staff', { problemId: p, evidence: { sha256: 'b'.repeat(64), description: '证据' } }),
  c('problem', 'requestClosure', 'ng-staff', { problemId: p, summary: '再次整改' }),
  c('problem', 'verify', verifier, { problemId: p, note: '核查' }),
  c('problem', 'propose', 'ng-office', { problemId: p, proposalId: 'C2', action: { kind: 'close' } }),
  c('problem', 'approve', 'deputy', { problemId: p, proposalId: 'C2' }),
];

/** The happy path of a task with an extension. */
const taskScript = (due: string): Step[] => [
  c('task', 'issue', 'office1', { taskId: 'T-1', number: 1, categoryId: '1', title: '任务', leadDepartments: ['审管办'], scopeCourts: ['NANGUAN'], dueDate: due }),
  c('task', 'accept', 'tmo-head', { taskId: 'T-1' }),
  c('task', 'requestExtension', 'tmo-head', { taskId: 'T-1', requestId: 'R1', requestedDueDate: '2019-09-30', reason: '延期' }),
  c('task', 'propose', 'office1', { taskId: 'T-1', proposalId: 'G1', action: { kind: 'grant_extension', requestId: 'R1' } }),
  c('task', 'approve', 'deputy', { taskId: 'T-1', proposalId: 'G1' }),
  c('task', 'reportCompletion', 'tmo-head', { taskId: 'T-1', summary: '完成' }),
  c('task', 'propose', 'office1', { taskId: 'T-1', proposalId: 'E1', action: { kind: 'evaluate', rating: 'good', comment: '好' } }),
  c('task', 'approve', 'office-head', { taskId: 'T-1', proposalId: 'E1' }),
];

/**
 * Sequences that interleave scripted life cycles (each step sometimes issued by a random actor
 * instead) with random steps, so that random sequences also reach closures, re-checks,
 * extensions and evaluations.
 */
export const sequence = (maxLength: number): fc.Arbitrary<Step[]> =>
  fc.tuple(
    DATE, DATE, pick('ng-verifier', 'verifier1', 'ng-exec-verifier'), pick('ng-verifier', 'verifier1'),
    fc.array(fc.oneof(
      { weight: 6, arbitrary: fc.record({ script: fc.nat(2), actor: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: pick(...ACTORS) }) }) },
      { weight: 2, arbitrary: step.map((s) => ({ step: s })) },
    ), { minLength: Math.floor(maxLength / 2), maxLength, size: 'max' }),
  ).map(([d1, d2, v1, v2, tokens]) => {
    const scripts = [problemScript('P-1', d1, v1), problemScript('P-2', d2, v2), taskScript(d1)];
    const next = [0, 0, 0];
    const out: Step[] = [];
    for (const t of tokens) {
      if ('step' in t) { out.push(t.step); continue; }
      const i = t.script;
      const s = scripts[i]![next[i]!];
      if (s === undefined) continue;
      next[i]!++;
      out.push(s.kind === 'command' && t.actor !== null ? { ...s, actor: t.actor } : s);
    }
    return out;
  });
