/**
 * May 2019: the organization (fictional courts, departments, people), the campaign launched by
 * the intermediate court from the real plan (its document hash, 4 categories, phases, the leading
 * group and its office in 办公室, first responsible persons), report periods, and the 37 tasks
 * issued, accepted and decomposed to the grassroots courts.
 */
import * as E from 'fp-ts/Either';
import { planToCommands } from '../campaign/plan-import';
import { managementYearPlan } from '../plans/management-year/index';
import type { DemoContext } from './context';
import { INTERMEDIATE, demoCourts, demoPeople, departmentPerson, grassrootsCourts, person } from './organization';

/** SHA-256 of the plan document's text (全市法院“加强管理年”活动实施方案), as adopted. */
export const PLAN_DOCUMENT_SHA256 = 'd2e868ee2c343ce0f12904812de8a1087f66face2a22997aad97dae84cfd6fa3';

/** The system administrator (fictional), who founds the organization. */
export const ADMIN = 'zy-admin';
const ADMIN_DEPARTMENT = '信息化委员会办公室';

/** The campaign office: every person of the intermediate court's 办公室. */
export const OFFICE = departmentPerson(INTERMEDIATE, '办公室', 'staff').personId;
/** The office that keeps a court's ledger: its own 办公室 (court_office), the campaign office for the intermediate court. */
export const officeOf = (courtId: string): string => (courtId === INTERMEDIATE ? OFFICE : departmentPerson(courtId, '办公室', 'staff').personId);
/** The head of the campaign office. */
export const OFFICE_HEAD = departmentPerson(INTERMEDIATE, '办公室', 'head').personId;
/** The head of the office that keeps a court's ledger (its 办公室 head; the campaign office's head for the intermediate court). */
export const officeHeadOf = (courtId: string): string => (courtId === INTERMEDIATE ? OFFICE_HEAD : departmentPerson(courtId, '办公室', 'head').personId);
/** The intermediate court's president: leader of the leading group. */
export const LEADER = `${INTERMEDIATE}-president`;

/** Report periods: dates covered, deadline (report by the 10th of the month after). */
export const reportPeriods = [
  { periodId: '2019-H1', name: '2019年上半年', from: '2019-05-20', to: '2019-06-30', deadline: '2019-07-10' },
  { periodId: '2019-Q3', name: '2019年第三季度', from: '2019-07-01', to: '2019-09-30', deadline: '2019-10-10' },
  { periodId: '2019-ON', name: '2019年10-11月', from: '2019-10-01', to: '2019-11-30', deadline: '2019-12-10' },
  { periodId: '2019-Y', name: '2019年度总结', from: '2019-05-20', to: '2019-12-31', deadline: '2020-01-10' },
] as const;

/**
 * Tasks of categories 1 and 2 are due by the last working day of November, the others by the end of
 * the year (assumed dates; a campaign counting working days takes deadlines on working days only).
 */
export const taskDueDate = (categoryId: number): string => (categoryId <= 2 ? '2019-11-29' : '2019-12-31');

/**
 * Tasks that run through the plan's three years (一年抓重点、两年再深化、三年促提升), due at the end of the
 * campaign and never rated complete in 2019: the Party building and culture mechanisms (24, 28) and
 * the smart-court tasks (34–37). ASSUMED: the plan gives no per-task years; these are the demo's reading.
 */
export const MULTI_YEAR_TASKS: ReadonlySet<number> = new Set([24, 28, 34, 35, 36, 37]);

/** The end of the campaign: multi-year tasks are due then. */
export const CAMPAIGN_END = '2021-12-31';

/** A task's due date: the end of the campaign for a multi-year task, else by its category. */
export const dueDateOf = (number: number, categoryId: number): string => (MULTI_YEAR_TASKS.has(number) ? CAMPAIGN_END : taskDueDate(categoryId));

/** Task id of plan task `n`. */
export const taskId = (n: number): string => `T-${String(n).padStart(2, '0')}`;

const organization = async (ctx: DemoContext): Promise<void> => {
  const L = ctx.ledger.organization;
  const zy = demoCourts[0]!;
  ctx.clock.at('2019-05-20', '08:30');
  await ctx.step('establish the organization', L.establish(ADMIN, {
    court: { courtId: zy.courtId, name: zy.name },
    administrator: { personId: ADMIN, name: '系统管理员（虚构）', department: ADMIN_DEPARTMENT },
  }));
  for (const c of demoCourts.slice(1)) {
    await ctx.step(`register court ${c.courtId}`, L.registerCourt(ADMIN, { courtId: c.courtId, name: c.name, level: 'grassroots', parentCourtId: INTERMEDIATE }));
  }
  for (const c of demoCourts) {
    for (const d of c.departments) {
      if (c.courtId === INTERMEDIATE && d === ADMIN_DEPARTMENT) continue;
      await ctx.step(`register ${c.courtId}/${d}`, L.registerDepartment(ADMIN, { courtId: c.courtId, department: d }));
    }
  }
  for (const p of demoPeople) {
    await ctx.step(`register ${p.personId}`, L.registerPerson(ADMIN, {
      personId: p.personId, name: p.name, courtId: p.courtId, ...(p.department ? { department: p.department } : {}), posts: [...p.posts],
    }));
  }
};

/** Tasks that concern the intermediate court alone (task 6: its 审级指导 of the grassroots courts). */
export const INTERMEDIATE_ONLY_TASKS: ReadonlySet<number> = new Set([6]);

const campaign = async (ctx: DemoContext) => {
  const C = ctx.ledger.campaign;
  const plan = managementYearPlan;
  const setup = planToCommands(plan, {
    documentSha256: PLAN_DOCUMENT_SHA256,
    scopeCourts: demoCourts.map((c) => c.courtId),
    dueDate: (t) => dueDateOf(t.number, t.categoryId),
    taskId: (t) => taskId(t.number),
  });
  if (E.isLeft(setup)) throw new Error(`the plan does not resolve: ${setup.left.message}`);
  ctx.clock.at('2019-05-20', '10:00');
  await ctx.step('launch the campaign', C.launch(LEADER, { name: plan.title, organizerCourtId: INTERMEDIATE, startYear: 2019, endYear: 2021 }));
  await ctx.step('appoint the leader', C.appointLeadingGroupMember(LEADER, { personId: LEADER, role: 'leader' }));
  await ctx.step('appoint the deputy', C.appointLeadingGroupMember(LEADER, { personId: `${INTERMEDIATE}-vp`, role: 'deputy' }));
  for (const d of ['办公室', '审管办', '政治部', '监察室', '执行局']) {
    await ctx.step(`appoint the head of ${d}`, C.appointLeadingGroupMember(LEADER, { personId: departmentPerson(INTERMEDIATE, d).personId, role: 'member' }));
  }
  await ctx.step('establish the office', C.establishOffice(LEADER, { name: plan.office.name, courtId: INTERMEDIATE, department: plan.office.hostDepartment }));
  await ctx.step('adopt the plan', C.adoptPlan(OFFICE, setup.right.adoptPlan));
  // The campaign counts working days (PRC calendar): deadlines fall on working days, warnings and
  // the reactions count and act on working days only. Overdue work climbs 预警 → 催办 → 约谈 → 通报 → 问责,
  // one step a week at most; the accountability case opens at the last step.
  await ctx.step('count working days', C.chooseDayCount(OFFICE, { dayCount: 'working' }));
  await ctx.step('configure follow-up', C.configureFollowUp(LEADER, {
    approachingDays: 5, ladder: ['warning', 'reminder', 'talk', 'circular', 'accountability'], accountabilityAt: 'accountability', stepEveryDays: 5,
  }));
  for (const c of setup.right.categories) await ctx.step(`define category ${c.categoryId}`, C.defineCategory(OFFICE, c));
  for (const p of setup.right.phases) await ctx.step(`define phase ${p.phaseId}`, C.definePhase(OFFICE, p));
  for (const c of demoCourts) {
    await ctx.step(`first responsible of ${c.courtId}`, C.designateFirstResponsible(person(`${c.courtId}-president`).personId, { courtId: c.courtId, personId: person(`${c.courtId}-president`).personId }));
  }
  for (const p of reportPeriods) {
    await ctx.step(`report period ${p.periodId}`, C.defineReportPeriod(OFFICE, { ...p, courts: grassrootsCourts.map((c) => c.courtId) }));
  }
  // Task 6 is the intermediate court's guidance of the grassroots courts: it concerns that court alone.
  return setup.right.tasks.map((t) => (INTERMEDIATE_ONLY_TASKS.has(t.number) ? { ...t, scopeCourts: [INTERMEDIATE] } : t));
};

const tasks = async (ctx: DemoContext, issue: Awaited<ReturnType<typeof campaign>>) => {
  const T = ctx.ledger.task;
  ctx.clock.at('2019-05-22', '09:00');
  for (const t of issue) await ctx.step(`issue task ${t.number}`, T.issue(OFFICE, t));
  ctx.clock.at('2019-05-24', '09:00');
  for (const t of issue) {
    const lead = t.leadDepartments[0] as string;
    await ctx.step(`accept task ${t.number}`, T.accept(departmentPerson(INTERMEDIATE, lead).personId, { taskId: t.taskId }));
  }
  ctx.clock.at('2019-05-28', '09:00');
  for (const t of issue) {
    for (const c of grassrootsCourts.filter((g) => t.scopeCourts.includes(g.courtId))) {
      await ctx.step(`decompose task ${t.number} to ${c.courtId}`, T.decompose(OFFICE, {
        taskId: t.taskId, courtId: c.courtId, dueDate: t.dueDate,
        assignment: `${c.name}对照任务${t.number}“${t.title}”制定本院落实方案，明确责任部门和时限，按期报告进展。`,
      }));
    }
  }
};

/** Runs the May set-up. */
export const setUp = async (ctx: DemoContext): Promise<void> => {
  await organization(ctx);
  const issue = await campaign(ctx);
  await tasks(ctx, issue);
};
