/**
 * July to December 2019 (抓整改、定措施、固成果), problem by problem, as the outcome chosen in
 * June says: progress and evidence; closure requested, independently verified (some returned
 * first) and closed off by the office; extensions requested before the deadline (granted, one
 * denied); some left overdue; one made long-term with milestones; one withdrawn as a duplicate.
 */
import { addWorkingDays } from '../campaign/calendar';
import { addDays, maxDate, workday, type Agenda } from './agenda';
import { localDate } from './clock';
import type { DemoContext, DemoProblem } from './context';
import { INTERMEDIATE, departmentPerson } from './organization';
import { LEADER, OFFICE, OFFICE_HEAD, officeHeadOf, officeOf } from './setup';

/** The responsible person of a problem (the staff member of its department). */
export const responsiblePerson = (p: DemoProblem): string => departmentPerson(p.courtId, p.department, 'staff').personId;

/** A verifier independent of the problem's department (own court's verifier sits in 审管办). */
export const verifierFor = (p: DemoProblem): string => {
  if (p.courtId !== INTERMEDIATE) return p.department === '审管办' ? `${INTERMEDIATE}-verifier-1` : `${p.courtId}-verifier`;
  return p.department === '监察室' ? `${INTERMEDIATE}-verifier-1` : `${INTERMEDIATE}-verifier-2`;
};

const evidence = (ctx: DemoContext, p: DemoProblem, what: string) => ({ sha256: ctx.random.hex(32), description: `${what}（${p.title}）` });

const lastDeadline = (p: DemoProblem): string => [...p.deadlines.values()].sort().pop() as string;

/** Completion, evidence, closure request, verification (returned once when asked) and close-off, from `done` on. */
const closeOut = (ctx: DemoContext, agenda: Agenda, p: DemoProblem, doneOn: string, returnedFirst: boolean) => {
  const L = ctx.ledger.problem;
  const done = workday(doneOn);
  const staff = responsiblePerson(p);
  const problemId = p.problemId;
  for (const measureId of p.deadlines.keys()) {
    agenda.add(done, '10:00', `complete ${problemId}/${measureId}`, async () => {
      await ctx.step(`complete ${problemId}/${measureId}`, L.completeMeasure(staff, { problemId, measureId, note: '按计划完成整改措施。' }));
    });
  }
  agenda.add(done, '15:00', `evidence ${problemId}`, async () => {
    await ctx.step(`evidence ${problemId}`, L.attachEvidence(staff, { problemId, evidence: evidence(ctx, p, '整改台账及佐证材料') }));
    await ctx.step(`request closure ${problemId}`, L.requestClosure(staff, { problemId, summary: '整改措施已全部完成，申请销号。' }));
    p.status = 'closure_requested';
  });
  let verifyOn = addWorkingDays(done, ctx.random.int(2, 4));
  if (returnedFirst) {
    agenda.add(verifyOn, '10:30', `return ${problemId}`, async () => {
      await ctx.step(`return ${problemId}`, L.returnVerification(verifierFor(p), { problemId, reason: '佐证材料不足，缺少整改前后对比材料，退回补充。' }));
    });
    const again = addWorkingDays(verifyOn, ctx.random.int(3, 6));
    agenda.add(again, '11:00', `more evidence ${problemId}`, async () => {
      await ctx.step(`more evidence ${problemId}`, L.attachEvidence(staff, { problemId, evidence: evidence(ctx, p, '整改前后对比材料') }));
      await ctx.step(`request closure again ${problemId}`, L.requestClosure(staff, { problemId, summary: '已补充对比材料，再次申请销号。' }));
    });
    verifyOn = addWorkingDays(again, ctx.random.int(2, 3));
  }
  agenda.add(verifyOn, '14:00', `verify ${problemId}`, async () => {
    await ctx.step(`verify ${problemId}`, L.verify(verifierFor(p), { problemId, note: '经现场核查和材料审核，整改属实。' }));
  });
  agenda.add(addWorkingDays(verifyOn, ctx.random.int(1, 2)), '16:00', `close ${problemId}`, async () => {
    // Four eyes: the court's own office proposes closing off (销号), its head approves.
    await ctx.step(`propose closing ${problemId}`, L.propose(officeOf(p.courtId), { problemId, proposalId: `CL-${problemId}`, action: { kind: 'close' } }));
    await ctx.step(`close ${problemId}`, L.approve(officeHeadOf(p.courtId), { problemId, proposalId: `CL-${problemId}` }));
    p.status = 'closed';
    p.closedOn = localDate(ctx.clock.current());
  });
};

const progress = (ctx: DemoContext, agenda: Agenda, p: DemoProblem, date: string, note: string) => {
  agenda.add(date, '09:30', `progress ${p.problemId}`, async () => {
    await ctx.step(`progress ${p.problemId}`, ctx.ledger.problem.recordProgress(responsiblePerson(p), { problemId: p.problemId, measureId: 'M1', note }));
  });
};

const extend = (ctx: DemoContext, agenda: Agenda, p: DemoProblem, granted: boolean) => {
  const deadline = p.deadlines.get('M1') as string;
  const asked = addWorkingDays(deadline, -ctx.random.int(3, 5));
  const requestId = `X-${p.problemId}`;
  const requestedDeadline = workday(addDays(deadline, 45));
  agenda.add(asked, '10:00', `ask extension ${p.problemId}`, async () => {
    await ctx.step(`ask extension ${p.problemId}`, ctx.ledger.problem.requestExtension(responsiblePerson(p), {
      problemId: p.problemId, measureId: 'M1', requestId, requestedDeadline, reason: '涉及系统改造，需协调技术部门，申请延期。',
    }));
  });
  agenda.add(addWorkingDays(asked, 2), '15:00', `${granted ? 'grant' : 'deny'} extension ${p.problemId}`, async () => {
    const L = ctx.ledger.problem;
    if (granted) { // four eyes: the office proposes granting, its head approves
      await ctx.step(`propose extension ${p.problemId}`, L.propose(OFFICE, { problemId: p.problemId, proposalId: `GX-${p.problemId}`, action: { kind: 'grant_extension', requestId } }));
      await ctx.step(`decide extension ${p.problemId}`, L.approve(OFFICE_HEAD, { problemId: p.problemId, proposalId: `GX-${p.problemId}` }));
    } else {
      await ctx.step(`decide extension ${p.problemId}`, L.denyExtension(OFFICE, { problemId: p.problemId, requestId, reason: '延期理由不充分，应按原定时限完成。' }));
    }
  });
  if (granted) p.deadlines.set('M1', requestedDeadline);
};

/** Adds the second-half actions of every problem to the agenda. */
export const planRectification = (ctx: DemoContext, agenda: Agenda): void => {
  let deniedOne = false;
  const longTerm = ctx.problems.find((p) => p.fate === 'in_progress');
  // Only a problem the court found itself: an inspection's finding is withdrawn by the inspecting side alone.
  const withdrawn = ctx.problems.find((p) => p !== longTerm && (p.fate === 'in_progress' || p.fate === 'overdue') && p.problemId.startsWith(`${p.courtId}-P`));
  if (longTerm) longTerm.fate = 'long_term';
  if (withdrawn) withdrawn.fate = 'withdrawn';
  for (const p of ctx.problems) {
    progress(ctx, agenda, p, addDays('2019-07-08', ctx.random.int(0, 20)), '已召开专题会议，制定整改方案，正在推进。');
    const earliest = addDays(lastDeadline(p), -ctx.random.int(2, 12));
    switch (p.fate) {
      case 'closed':
        closeOut(ctx, agenda, p, maxDate(earliest, '2019-08-05'), false);
        break;
      case 'returned_then_closed':
        closeOut(ctx, agenda, p, maxDate(earliest, '2019-08-05'), true);
        break;
      case 'extended_then_closed':
        extend(ctx, agenda, p, true);
        closeOut(ctx, agenda, p, addDays(lastDeadline(p), -ctx.random.int(3, 10)), false);
        break;
      case 'overdue':
        if (!deniedOne) { extend(ctx, agenda, p, false); deniedOne = true; }
        progress(ctx, agenda, p, addDays(p.deadlines.get('M1') as string, -20), '整改推进缓慢，部分措施尚未落实。');
        break;
      case 'long_term':
        agenda.add('2019-10-15', '10:00', `long term ${p.problemId}`, async () => {
          await ctx.step(`long term ${p.problemId}`, ctx.ledger.problem.markLongTerm(`${p.courtId}-president`, {
            problemId: p.problemId, reason: '该问题涉及系统建设，需长期整改。',
            milestones: [
              { milestoneId: 'MS1', content: '完成方案论证和设备采购', due: '2019-12-20' },
              { milestoneId: 'MS2', content: '全面实现整改目标', due: '2020-06-30' },
            ],
          }));
          p.status = 'long_term';
        });
        agenda.add('2019-12-16', '10:00', `milestone ${p.problemId}`, async () => {
          await ctx.step(`milestone ${p.problemId}`, ctx.ledger.problem.reachMilestone(responsiblePerson(p), { problemId: p.problemId, milestoneId: 'MS1', note: '方案已论证，设备已到位。' }));
        });
        break;
      case 'withdrawn':
        agenda.add('2019-08-20', '11:00', `withdraw ${p.problemId}`, async () => {
          // Four eyes: the office proposes the withdrawal, the leader of the leading group approves it.
          await ctx.step(`propose withdrawing ${p.problemId}`, ctx.ledger.problem.propose(OFFICE, {
            problemId: p.problemId, proposalId: `WD-${p.problemId}`, action: { kind: 'withdraw', reason: '经复核，该问题与本院已登记的同类问题重复，予以撤销。' },
          }));
          await ctx.step(`withdraw ${p.problemId}`, ctx.ledger.problem.approve(LEADER, { problemId: p.problemId, proposalId: `WD-${p.problemId}` }));
          p.status = 'withdrawn';
        });
        break;
      default:
        progress(ctx, agenda, p, '2019-11-12', '按计划推进，预计按期完成。');
    }
  }
};
