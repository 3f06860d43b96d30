/**
 * June 2019 (查问题、拉清单、建台账): every court inspects itself and lists its problems, which the
 * office registers in the ledger; the inspection office's routine inspection of the grassroots
 * courts adds findings, which the reactions turn into numbered problems; each court's
 * first responsible person assigns the responsible leader, department and person, who plan the
 * measures and their deadlines (chosen here from the outcome each problem will have).
 */
import { problemIdForFinding } from '../campaign/ids';
import { problemTemplates, type ProblemTemplate } from './catalogue';
import { addWorkingDays } from '../campaign/calendar';
import { addDays, workday } from './agenda';
import { localDate } from './clock';
import type { DemoContext, DemoProblem, Fate } from './context';
import { INTERMEDIATE, demoCourts, departmentPerson, grassrootsCourts, person } from './organization';
import { managementYearPlan } from '../plans/management-year/index';
import { INTERMEDIATE_ONLY_TASKS, officeOf, taskId } from './setup';

/** The local date of the scenario clock. */
const localDay = (ctx: DemoContext): string => localDate(ctx.clock.current());

/** The inspector who plans and runs inspections. */
export const INSPECTOR = `${INTERMEDIATE}-inspector-1`;


/** A fate for each problem, and the deadline of each of its measures that fits it. */
const FATES: readonly [Fate, number][] = [
  ['closed', 48], ['returned_then_closed', 12], ['extended_then_closed', 10], ['overdue', 14], ['in_progress', 16],
];

const pickFate = (ctx: DemoContext): Fate => {
  let r = ctx.random.int(1, FATES.reduce((n, [, w]) => n + w, 0));
  for (const [fate, w] of FATES) if ((r -= w) <= 0) return fate;
  return 'closed';
};

/** A measure's deadline: a working day (the campaign counts working days). */
const deadlineFor = (ctx: DemoContext, fate: Fate, early: boolean): string => workday(rawDeadline(ctx, fate, early));

const rawDeadline = (ctx: DemoContext, fate: Fate, early: boolean): string => {
  if (early) return addDays('2019-08-15', ctx.random.int(0, 20));
  switch (fate) {
    case 'closed':
    case 'returned_then_closed':
      return addDays('2019-08-15', ctx.random.int(0, 75));
    case 'extended_then_closed':
      return addDays('2019-09-20', ctx.random.int(0, 10));
    case 'overdue':
      return addDays('2019-09-10', ctx.random.int(0, 80));
    default:
      return addDays('2020-01-03', ctx.random.int(0, 80));
  }
};

const templatesFor = (courtId: string): readonly ProblemTemplate[] =>
  problemTemplates.filter((t) => courtId === INTERMEDIATE || !t.intermediateOnly);

const track = (ctx: DemoContext, problemId: string, courtId: string, t: ProblemTemplate): DemoProblem => {
  const p: DemoProblem = {
    problemId, courtId, department: t.department, taskNumber: t.task, title: t.title, measures: [...t.measures],
    deadlines: new Map(), status: 'open',
  };
  ctx.problems.push(p);
  return p;
};

const selfInspection = async (ctx: DemoContext, courtIndex: number) => {
  const court = demoCourts[courtIndex]!;
  // A city-sized ledger: each court lists some sixteen to nineteen of the kinds of problem.
  const chosen = ctx.random.sample(templatesFor(court.courtId), ctx.random.int(16, 19));
  const day = addWorkingDays('2019-06-03', courtIndex);
  ctx.clock.at(day, '09:30');
  for (const [i, t] of chosen.entries()) {
    const problemId = `${court.courtId}-P${String(i + 1).padStart(2, '0')}`;
    const reporter = departmentPerson(court.courtId, t.department, 'staff').personId;
    // The first problem of each court was found at the start of the self-inspection and entered later (backdated).
    const effectiveAt = i === 0 ? `${addWorkingDays(day, -3)}T01:00:00.000Z` : undefined;
    await ctx.step(`self-inspection ${problemId}`, ctx.ledger.problem.identify(reporter, {
      problemId, courtId: court.courtId, source: 'self_inspection', department: t.department, taskId: taskId(t.task),
      title: t.title, description: t.description, criterion: t.criterion, severity: t.severity,
    }, effectiveAt === undefined ? { reason: '自查自纠' } : { reason: '自查自纠（补录）', effectiveAt }));
    track(ctx, problemId, court.courtId, t);
  }
};

const routineInspection = async (ctx: DemoContext) => {
  const I = ctx.ledger.inspection;
  const inspectionId = 'I-2019-R1';
  ctx.clock.at(addWorkingDays(localDay(ctx), 1), '09:00');
  await ctx.step('plan routine inspection', I.plan(INSPECTOR, {
    inspectionId, kind: 'routine', title: '上半年常规检查（全覆盖）', targets: grassrootsCourts.map((c) => c.courtId), periodId: '2019-H1',
  }));
  const findings: [string, ProblemTemplate][] = [];
  const firstVisit = addWorkingDays(localDay(ctx), 1);
  for (const [i, court] of grassrootsCourts.entries()) {
    const day = addWorkingDays(firstVisit, Math.floor(i / 2));
    ctx.clock.at(day, '10:00');
    await ctx.step(`visit ${court.courtId}`, I.recordVisit(INSPECTOR, { inspectionId, courtId: court.courtId, visitedOn: day }));
    const found = new Set(ctx.problems.filter((p) => p.courtId === court.courtId).map((p) => p.title));
    const t = ctx.random.pick(templatesFor(court.courtId).filter((x) => !found.has(x.title)));
    const findingId = `F-${court.courtId}`;
    await ctx.step(`finding at ${court.courtId}`, I.recordFinding(INSPECTOR, {
      inspectionId, findingId, courtId: court.courtId, department: t.department, taskId: taskId(t.task),
      title: t.title, description: `常规检查发现：${t.description}`, criterion: t.criterion, severity: t.severity,
    }));
    findings.push([findingId, t]);
  }
  ctx.clock.at(addWorkingDays(localDay(ctx), 1), '09:00');
  await ctx.step('conclude routine inspection', I.conclude(INSPECTOR, { inspectionId, summary: '四个基层法院全部检查，发现问题已移交台账。' }));
  const reacted = await ctx.step('reactions: findings to problems', ctx.ledger.reactions.run());
  for (const [findingId, t] of findings) {
    const problemId = problemIdForFinding(inspectionId, findingId);
    if (!reacted.problemsIdentified.includes(problemId)) throw new Error(`the reactions did not turn finding ${findingId} into a problem`);
    track(ctx, problemId, findingId.slice(2), t);
  }
};

/** Each court's office registers its self-inspection problems in its own ledger (the reactions number those from inspections). */
const register = async (ctx: DemoContext) => {
  ctx.clock.at(addWorkingDays(localDay(ctx), 1), '09:00');
  for (const p of ctx.problems) await ctx.step(`register ${p.problemId}`, ctx.ledger.problem.register(officeOf(p.courtId), { problemId: p.problemId }));
};

const assign = async (ctx: DemoContext) => {
  ctx.clock.at(addWorkingDays(localDay(ctx), 1), '09:00');
  for (const p of ctx.problems) {
    const staff = departmentPerson(p.courtId, p.department, 'staff').personId;
    await ctx.step(`assign ${p.problemId}`, ctx.ledger.problem.assignResponsibility(person(`${p.courtId}-president`).personId, {
      problemId: p.problemId, leaderId: `${p.courtId}-vp`, department: p.department, personId: staff,
    }));
  }
  ctx.clock.at(addWorkingDays(localDay(ctx), 2), '09:00');
  for (const p of ctx.problems) {
    // Every grassroots court closes its first problem early, so each has a closure its Q3 report claims.
    const early = p.courtId !== INTERMEDIATE && p.problemId === `${p.courtId}-P01`;
    p.fate = early ? 'closed' : pickFate(ctx);
    const staff = departmentPerson(p.courtId, p.department, 'staff').personId;
    for (const [i, content] of p.measures.entries()) {
      const measureId = `M${i + 1}`;
      const deadline = deadlineFor(ctx, p.fate, early);
      p.deadlines.set(measureId, deadline);
      await ctx.step(`plan ${p.problemId}/${measureId}`, ctx.ledger.problem.planMeasure(staff, { problemId: p.problemId, measureId, content, deadline }));
    }
  }
};

/**
 * 查摆 closed: each court records, for every task of the plan that concerns it under which neither
 * its self-inspection nor the inspection found anything, that it found no problem — so every task
 * has findings or a recorded "no problem found", court by court.
 */
const nothingFound = async (ctx: DemoContext) => {
  ctx.clock.at(addWorkingDays(localDay(ctx), 1), '15:00');
  for (const court of demoCourts) {
    const found = new Set(ctx.problems.filter((p) => p.courtId === court.courtId).map((p) => p.taskNumber));
    for (const t of managementYearPlan.tasks) {
      if (found.has(t.number) || (court.courtId !== INTERMEDIATE && INTERMEDIATE_ONLY_TASKS.has(t.number))) continue;
      await ctx.step(`no problem found ${court.courtId} task ${t.number}`, ctx.ledger.task.recordNoProblemFound(`${court.courtId}-president`, {
        taskId: taskId(t.number), courtId: court.courtId, note: `经对照任务${t.number}逐项查摆，本院未发现该方面的突出问题。`,
      }));
    }
  }
};

/** Runs June: self-inspections, the routine inspection, the ledger, responsibility and measures, and what was found nowhere. */
export const firstHalf = async (ctx: DemoContext): Promise<void> => {
  for (let i = 0; i < demoCourts.length; i++) await selfInspection(ctx, i);
  await register(ctx);
  await routineInspection(ctx);
  await assign(ctx);
  await nothingFound(ctx);
};
