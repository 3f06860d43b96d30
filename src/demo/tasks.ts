/**
 * The tasks in the second half: the grassroots courts report progress on their parts; the lead
 * departments report completion and the office evaluates (one returned for rework first); one
 * extension granted and one denied, both asked before the due date; a few tasks left overdue.
 */
import { addWorkingDays } from '../campaign/calendar';
import { addDays, type Agenda } from './agenda';
import type { DemoContext } from './context';
import { INTERMEDIATE, departmentPerson, grassrootsCourts } from './organization';
import { INTERMEDIATE_ONLY_TASKS, LEADER, MULTI_YEAR_TASKS, OFFICE, OFFICE_HEAD, taskDueDate, taskId } from './setup';
import { managementYearPlan } from '../plans/management-year/index';
import { expandDepartments } from '../plans/management-year/departments';

const RATINGS = ['excellent', 'good', 'good', 'adequate'] as const;

const leadHead = (n: number): string => {
  const t = managementYearPlan.tasks[n - 1];
  const lead = t === undefined ? undefined : expandDepartments(t.leadDepartments);
  const first = lead && lead._tag === 'Right' ? lead.right[0] : undefined;
  if (first === undefined) throw new Error(`task ${n} has no lead department`);
  return departmentPerson(INTERMEDIATE, first).personId;
};

/** Adds the second-half actions of every task to the agenda. */
export const planTasks = (ctx: DemoContext, agenda: Agenda): void => {
  const T = ctx.ledger.task;
  const numbers = managementYearPlan.tasks.map((t) => t.number);
  // Progress from the grassroots courts on a sample of tasks, twice.
  for (const n of ctx.random.sample(numbers.filter((x) => !INTERMEDIATE_ONLY_TASKS.has(x)), 12).sort((a, b) => a - b)) {
    for (const [i, court] of grassrootsCourts.entries()) {
      for (const [date, percent] of [[addDays('2019-08-05', i), ctx.random.int(30, 60)], [addDays('2019-10-14', i), ctx.random.int(60, 95)]] as const) {
        agenda.add(date, '16:00', `task ${n} progress ${court.courtId}`, async () => {
          await ctx.step(`task ${n} progress ${court.courtId}`, T.reportProgress(`${court.courtId}-president`, {
            taskId: taskId(n), courtId: court.courtId, percent, summary: `本院已完成任务${n}进度${percent}%，正在推进。`,
          }));
        });
      }
    }
  }
  const shuffled = ctx.random.sample(numbers, numbers.length).filter((n) => !MULTI_YEAR_TASKS.has(n));
  const overdue = new Set(shuffled.filter((n) => taskDueDate(managementYearPlan.tasks[n - 1]!.categoryId) === taskDueDate(1)).slice(0, 3));
  const unfinished = new Set(shuffled.filter((n) => taskDueDate(managementYearPlan.tasks[n - 1]!.categoryId) === taskDueDate(4)).slice(0, 3));
  const [extended, denied, reworked] = shuffled.filter((n) => !overdue.has(n) && !unfinished.has(n));
  for (const n of numbers) {
    const id = taskId(n);
    if (MULTI_YEAR_TASKS.has(n)) {
      // A three-year task: the year's stage is reported, never the task's completion.
      agenda.add('2019-12-20', '10:00', `task ${n} stage of the year`, async () => {
        const percent = ctx.random.int(30, 45);
        await ctx.step(`task ${n} stage of the year`, T.reportProgress(leadHead(n), {
          taskId: id, courtId: INTERMEDIATE, percent, summary: `三年任务，2019年度阶段目标已完成（总体进度${percent}%），按规划2020年继续深化。`,
        }));
      });
      continue;
    }
    const due = taskDueDate(managementYearPlan.tasks[n - 1]!.categoryId);
    if (n === extended || n === denied) {
      const asked = addWorkingDays(due, -8);
      agenda.add(asked, '09:00', `task ${n} extension`, async () => {
        await ctx.step(`task ${n} extension`, T.requestExtension(leadHead(n), {
          taskId: id, requestId: `TX-${n}`, requestedDueDate: '2020-03-31', reason: '涉及跨部门协调和系统开发，申请延期至2020年一季度末。',
        }));
      });
      agenda.add(addWorkingDays(asked, 2), '15:00', `task ${n} extension decision`, async () => {
        if (n === extended) { // four eyes: the office proposes granting, the leader approves
          await ctx.step(`task ${n} extension proposal`, T.propose(OFFICE, { taskId: id, proposalId: `GX-${n}`, action: { kind: 'grant_extension', requestId: `TX-${n}` } }));
          await ctx.step(`task ${n} extension decision`, T.approve(LEADER, { taskId: id, proposalId: `GX-${n}` }));
        } else {
          await ctx.step(`task ${n} extension decision`, T.denyExtension(LEADER, { taskId: id, requestId: `TX-${n}`, reason: '应按原定时限完成，不予延期。' }));
        }
      });
      if (n === extended) continue; // due next year: still in progress at the end of 2019
    }
    if (overdue.has(n) || unfinished.has(n)) continue;
    // The task whose extension was denied is completed after the decision (asked 8 working days before the due date).
    const done = addWorkingDays(due, -ctx.random.int(2, n === denied ? 5 : 18));
    agenda.add(done, '10:00', `task ${n} completion`, async () => {
      await ctx.step(`task ${n} completion`, T.reportCompletion(leadHead(n), {
        taskId: id, summary: `任务${n}已按方案完成，各基层法院分解任务均已落实。`,
        evidence: [{ sha256: ctx.random.hex(32), description: `任务${n}完成情况报告` }],
      }));
    });
    let evaluateOn = addWorkingDays(done, 2);
    if (n === reworked) {
      agenda.add(evaluateOn, '15:00', `task ${n} return`, async () => {
        await ctx.step(`task ${n} return`, T.returnForRework(OFFICE, { taskId: id, reason: '完成情况报告缺少基层法院落实情况，退回补充。' }));
      });
      agenda.add(addWorkingDays(evaluateOn, 2), '10:00', `task ${n} completion again`, async () => {
        await ctx.step(`task ${n} completion again`, T.reportCompletion(leadHead(n), { taskId: id, summary: `已补充四个基层法院的落实情况，任务${n}完成。` }));
      });
      evaluateOn = addWorkingDays(evaluateOn, 4);
    }
    agenda.add(evaluateOn, '16:30', `task ${n} evaluation`, async () => {
      // Four eyes: the office proposes the rating, its head approves it.
      await ctx.step(`task ${n} rating proposal`, T.propose(OFFICE, {
        taskId: id, proposalId: `EV-${n}`, action: { kind: 'evaluate', rating: ctx.random.pick(RATINGS), comment: '经考评，任务完成情况符合要求。' },
      }));
      await ctx.step(`task ${n} evaluation`, T.approve(OFFICE_HEAD, { taskId: id, proposalId: `EV-${n}` }));
    });
  }
};
