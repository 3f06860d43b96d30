/**
 * The code samples of docs/domain.md. Each block between `sample:` markers is quoted in the doc
 * line for line (test/docs/snippets.test.ts checks it), so every sample there runs here.
 *
 * The world (test/campaign/support/world.ts): an intermediate court CITY over the grassroots
 * courts NANGUAN and CHAOYANG; `office1` works in the campaign office (CITY/办公室), which `office-head` heads;
 * `ng-office` works in NANGUAN's own office (`court_office`: it keeps NANGUAN's ledger), which `ng-office-head` heads; `ng-president`
 * is NANGUAN's court president and first responsible person; `ng-staff` and `ng-exec-verifier` work
 * in NANGUAN/执行局 (the latter also holds `verifier`); `ng-verifier` is a verifier in NANGUAN/审管办;
 * `inspector` holds `inspection_office`, `discipline` holds `discipline_office`. The trusted clock
 * starts at 2019-06-01T02:00:00Z (10:00 in Asia/Shanghai).
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { drawTargets, problemIdForFinding, seedCommitment } from '../../src/index';
import { expandDepartments, managementYearPlan, planToCommands } from '../../src/plans/index';
import { fails, ok, testLedger } from '../campaign/support/ledger-world';

const problem = {
  problemId: 'P-1', courtId: 'NANGUAN', department: '执行局', source: 'self_inspection' as const,
  title: '执行案款发放超期', description: '部分案款未按期发放', criterion: '案款发放期限规定', severity: 'moderate' as const,
};

describe('domain samples', () => {
  it('records who, why and when; the business time may be earlier, never later', async () => {
    const { ledger, setNow } = await testLedger();
    // sample:metadata
    setNow('2019-06-03T01:00:00.000Z'); // the trusted clock: recordedAt
    const r = await ok(ledger.problem.identify('ng-staff', problem, { effectiveAt: '2019-05-28T00:00:00.000Z', reason: '自查发现' }));
    expect(r.events[0]?.metadata).toMatchObject({
      actor: { id: 'ng-staff', posts: ['staff'], unit: 'NANGUAN/执行局' }, // resolved from the Organization
      recordedAt: '2019-06-03T01:00:00.000Z', effectiveAt: '2019-05-28T00:00:00.000Z', reason: '自查发现',
    });
    const later = await fails(ledger.problem.identify('ng-staff', { ...problem, problemId: 'P-2' }, { effectiveAt: '2019-06-04T00:00:00.000Z' }));
    expect(later).toMatchObject({ _tag: 'RuleViolated', rule: 'effective_at.in_future' });
    // sample:end
  });

  it('closes a problem only when done, evidenced and independently verified', async () => {
    const { ledger } = await testLedger();
    // sample:closure
    const p = ledger.problem;
    await ok(p.identify('ng-staff', problem));
    expect((await ok(p.register('ng-office', { problemId: 'P-1' }))).state.ledgerNumber).toBe('NANGUAN-2019-0001');
    await ok(p.assignResponsibility('ng-president', { problemId: 'P-1', leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
    await ok(p.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', content: '清理超期案款', deadline: '2019-06-30' }));
    expect(await fails(p.requestClosure('ng-staff', { problemId: 'P-1', summary: '整改完成' })))
      .toMatchObject({ rule: 'problem.closure.measures_not_done' });
    await ok(p.completeMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', note: '已全部发放' }));
    expect(await fails(p.requestClosure('ng-staff', { problemId: 'P-1', summary: '整改完成' })))
      .toMatchObject({ rule: 'problem.closure.no_evidence' });
    await ok(p.attachEvidence('ng-staff', { problemId: 'P-1', evidence: { sha256: 'a'.repeat(64), description: '发放记录' } }));
    await ok(p.requestClosure('ng-staff', { problemId: 'P-1', summary: '整改完成' }));
    // A verifier of the responsible department is not independent; a verifier elsewhere is.
    expect(await fails(p.verify('ng-exec-verifier', { problemId: 'P-1', note: '核查属实' })))
      .toMatchObject({ _tag: 'NotAuthorized', right: 'problem.verify', rule: 'problem.verify.not_independent' });
    expect(await fails(p.verify('office1', { problemId: 'P-1', note: '核查属实' })))
      .toMatchObject({ _tag: 'NotAuthorized', right: 'problem.verify' });
    await ok(p.verify('ng-verifier', { problemId: 'P-1', note: '核查属实' }));
    // Closing off (销号) takes four eyes in the court's own ledger: its office proposes, the office's head approves.
    await ok(p.propose('ng-office', { problemId: 'P-1', proposalId: 'C-1', action: { kind: 'close' } }));
    expect(await fails(p.approve('ng-office', { problemId: 'P-1', proposalId: 'C-1' })))
      .toMatchObject({ _tag: 'NotAuthorized', right: 'problem.approve', rule: 'problem.rights.approver_not_entitled' });
    expect((await ok(p.approve('ng-office-head', { problemId: 'P-1', proposalId: 'C-1' }))).state.status).toBe('closed');
    // sample:end
  });

  it('moves a deadline only through an extension requested before it; corrects by new events', async () => {
    const { ledger, setNow, all } = await testLedger();
    const p = ledger.problem;
    await ok(p.identify('ng-staff', problem));
    await ok(p.assignResponsibility('ng-president', { problemId: 'P-1', leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
    // sample:extension
    await ok(p.planMeasure('ng-staff', { problemId: 'P-1', measureId: 'M1', content: '清理超期案款', deadline: '2019-06-10' }));
    setNow('2019-06-10T15:59:59.000Z'); // 23:59:59 on 10 June in Asia/Shanghai: still in time
    await ok(p.requestExtension('ng-staff', { problemId: 'P-1', measureId: 'M1', requestId: 'X1', requestedDeadline: '2019-07-10', reason: '涉及案款较多' }));
    await ok(p.propose('office1', { problemId: 'P-1', proposalId: 'G-1', action: { kind: 'grant_extension', requestId: 'X1' } }));
    const granted = await ok(p.approve('deputy', { problemId: 'P-1', proposalId: 'G-1' })); // four eyes
    expect(granted.state.measures.get('M1')?.deadline).toBe('2019-07-10');
    setNow('2019-07-10T16:00:00.000Z'); // 00:00 on 11 July: the new deadline has passed
    expect(await fails(p.requestExtension('ng-staff', { problemId: 'P-1', measureId: 'M1', requestId: 'X2', requestedDeadline: '2019-08-10', reason: '仍未完成' })))
      .toMatchObject({ rule: 'problem.extension.after_deadline' });
    // sample:end
    const before = (await all()).filter((e) => e.streamId.endsWith('/problem/P-1'));
    // sample:correction
    const corrected = await ok(p.correct('office1', { problemId: 'P-1', reason: '标题有误', title: '执行案款发放不及时' }));
    expect(corrected.state.details?.title).toBe('执行案款发放不及时');
    expect(corrected.events[0]).toMatchObject({ type: 'problem.corrected', data: { title: '执行案款发放不及时', reason: '标题有误' } });
    // sample:end
    const after = (await all()).filter((e) => e.streamId.endsWith('/problem/P-1'));
    expect(after.slice(0, before.length)).toEqual(before);
  });

  it('keeps one first responsible person per court, changed only by its leadership; a change is a replacement with a reason', async () => {
    const { ledger } = await testLedger();
    // sample:first-responsible
    expect(await fails(ledger.campaign.replaceFirstResponsible('office1', { courtId: 'NANGUAN', personId: 'ng-vp', reason: '院长调任' })))
      .toMatchObject({ _tag: 'NotAuthorized', actorId: 'office1', rule: 'campaign.rights.first_responsible_outsider' });
    expect(await fails(ledger.campaign.replaceFirstResponsible('ng-president', { courtId: 'NANGUAN', personId: 'ng-head', reason: '院长调任' })))
      .toMatchObject({ rule: 'campaign.first_responsible.not_leadership' });
    const r = await ok(ledger.campaign.replaceFirstResponsible('ng-president', { courtId: 'NANGUAN', personId: 'ng-vp', reason: '院长调任' }));
    expect(r.events[0]?.data).toMatchObject({ courtId: 'NANGUAN', personId: 'ng-vp', previousPersonId: 'ng-president' });
    expect((await ok(ledger.load.actor('ng-vp'))).posts).toContain('first_responsible');
    // sample:end
  });

  it('draws unannounced targets from a committed seed and a later beacon; anyone re-draws', async () => {
    const { ledger, setNow } = await testLedger();
    // sample:unannounced
    const seed = '0123456789abcdef0123456789abcdef'; // kept secret by the inspection office until the reveal
    const I = ledger.inspection;
    await ok(I.plan('inspector', { inspectionId: 'U-1', kind: 'unannounced', title: '明察暗访' }));
    await ok(I.commitSeed('inspector', { inspectionId: 'U-1', commitment: seedCommitment(seed), candidates: ['NANGUAN', 'CHAOYANG'], count: 1 }));
    setNow('2019-06-01T17:00:00.000Z'); // after the next local midnight
    await ok(ledger.task.issue('office1', {
      taskId: 'T-01', number: 1, categoryId: '1', title: '落实院庭长监督管理权责清单', leadDepartments: ['审管办'], scopeCourts: ['NANGUAN'], dueDate: '2019-12-31',
    })); // any event after that midnight, not by the inspection office, becomes the beacon
    const beacon = await ok(ledger.load.beacon('U-1'));
    const [target] = drawTargets(seed, beacon!.hash, ['NANGUAN', 'CHAOYANG'], 1); // the office learns its target
    await ok(I.recordVisit('inspector', { inspectionId: 'U-1', courtId: target!, visitedOn: '2019-06-02' }));
    const revealed = (await ok(I.revealSeed('inspector', { inspectionId: 'U-1', seed }))).state;
    // Anyone re-checks from the recorded events alone:
    const { commitment, candidates, count } = revealed.commitment!;
    const { seed: s, beacon: b, targets, undrawnVisits } = revealed.reveal!;
    expect(seedCommitment(s)).toBe(commitment);
    expect(drawTargets(s, b.hash, candidates, count)).toEqual(targets);
    expect(undrawnVisits).toEqual([]);
    // sample:end
  });

  it('turns findings into problems and overdue measures into cases', async () => {
    const { ledger, setNow } = await testLedger(true, { grace: { days: 5 } });
    // sample:reactions
    await ok(ledger.inspection.plan('inspector', { inspectionId: 'I-1', kind: 'routine', title: '常规检查', targets: ['NANGUAN'] }));
    await ok(ledger.inspection.recordVisit('inspector', { inspectionId: 'I-1', courtId: 'NANGUAN', visitedOn: '2019-06-01' }));
    await ok(ledger.inspection.recordFinding('inspector', {
      inspectionId: 'I-1', findingId: 'F1', courtId: 'NANGUAN', department: '执行局',
      title: '卷宗归档滞后', description: '抽查5件均未归档', criterion: '归档期限规定', severity: 'minor',
    }));
    const first = await ok(ledger.reactions.run());
    const pid = problemIdForFinding('I-1', 'F1'); // PF- and 16 hex digits, the same on every run
    expect(first).toMatchObject({ problemsIdentified: [pid], findingsLinked: ['I-1/F1'], numbersAssigned: [{ problemId: pid, ledgerNumber: 'NANGUAN-2019-0001' }] });

    await ok(ledger.problem.assignResponsibility('ng-president', { problemId: pid, leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }));
    await ok(ledger.problem.planMeasure('ng-staff', { problemId: pid, measureId: 'M1', content: '限期归档', deadline: '2019-06-10' }));
    setNow('2019-06-15T08:00:00.000Z'); // 5 days past the deadline: still within the grace
    expect((await ok(ledger.reactions.run())).casesProposed).toEqual([]);
    setNow('2019-06-16T08:00:00.000Z');
    const [caseId] = (await ok(ledger.reactions.run())).casesProposed;
    expect((await ok(ledger.load.accountability(caseId!))).state.proposal).toMatchObject({
      grounds: 'overdue_rectification', subject: { kind: 'person', personId: 'ng-staff' }, confirmed: ['overdue'],
    });
    // sample:end
  });

  it('refuses a falsification case without contradicting evidence', async () => {
    const { ledger } = await testLedger();
    // sample:falsification
    await ok(ledger.problem.identify('ng-staff', problem));
    const propose = (evidence: Parameters<typeof ledger.accountability.propose>[1]['evidence']) =>
      ledger.accountability.propose('discipline', {
        caseId: 'AC-1', subject: { kind: 'person', personId: 'ng-staff' }, grounds: 'falsification', summary: '虚报整改', evidence,
      });
    expect(await fails(propose([{ kind: 'problem', problemId: 'P-1' }])))
      .toMatchObject({ rule: 'accountability.falsification.no_contradicting_evidence' });
    expect(await fails(propose([{ kind: 'problem', problemId: 'P-404' }])))
      .toMatchObject({ rule: 'accountability.evidence.not_found' });
    // sample:end
  });

  it('hears the subject and decides 通报批评 collectively, never by the fact-finder', async () => {
    const { ledger } = await testLedger();
    // sample:accountability-procedure
    const A = ledger.accountability;
    await ok(A.propose('inspector', {
      caseId: 'AC-2', subject: { kind: 'person', personId: 'ng-staff' }, grounds: 'poor_work', summary: '整改不力',
      evidence: [{ kind: 'document', sha256: 'b'.repeat(64), description: '督查报告' }],
    }));
    await ok(A.establishFacts('discipline', { caseId: 'AC-2', facts: '整改措施未落实' }));
    expect(await fails(A.decideSanction('president', { caseId: 'AC-2', sanction: 'circulated_criticism', rationale: '通报批评', present: ['president', 'deputy'] })))
      .toMatchObject({ rule: 'accountability.decide.not_notified' }); // the subject is heard first
    await ok(A.notifySubject('discipline', { caseId: 'AC-2', defenceDays: 5 }));
    await ok(A.stateDefence('ng-staff', { caseId: 'AC-2', statement: '对事实无异议，系对整改要求理解有误' }));
    expect(await fails(A.decideSanction('discipline', { caseId: 'AC-2', sanction: 'admonition_talk', rationale: '约谈' })))
      .toMatchObject({ _tag: 'NotAuthorized', rule: 'accountability.rights.fact_finder_decides' });
    const decided = await ok(A.decideSanction('president', { caseId: 'AC-2', sanction: 'circulated_criticism', rationale: '经领导小组研究决定', present: ['president', 'deputy'] }));
    expect(decided.events[0]?.data).toMatchObject({ body: 'leading_group', decidedBy: 'president', present: ['president', 'deputy'] });
    // sample:end
  });

  it('sets a campaign up from the management-year plan', () => {
    // sample:plan
    const planText = '全市法院“加强管理年”活动实施方案 …'; // the adopted document's exact text
    const cmds = planToCommands(managementYearPlan, {
      documentSha256: createHash('sha256').update(planText).digest('hex'),
      scopeCourts: ['NANGUAN', 'CHAOYANG'],
    });
    if (E.isLeft(cmds)) throw new Error(cmds.left.message);
    const { adoptPlan, categories, phases, tasks, departments } = cmds.right;
    expect([categories.length, phases.length, tasks.length]).toEqual([4, 4, 37]);
    expect(tasks[5]).toMatchObject({
      taskId: 'T-06', number: 6, categoryId: '1', dueDate: '2019-12-31', // default: the end of phase 2019-h2
      leadDepartments: ['审管办'], // the first-listed department leads (牵头)
      coDepartments: ['刑事审判庭', '民事审判庭', '行政审判庭', '审判监督庭', '执行局'], // 各审判执行部门 expanded, co-responsible (协办)
    });
    expect(expandDepartments(['法警队', '各审判执行部门'])).toEqual(E.right(['法警支队', '刑事审判庭', '民事审判庭', '行政审判庭', '审判监督庭', '执行局']));
    // Register `departments` in the organizer court, then issue adoptPlan, categories, phases and tasks in that order.
    expect(departments).toContain('信息化委员会办公室');
    expect(adoptPlan.issuedOn).toBe('2019-05-20');
    // sample:end
  });
});
