/**
 * 督办 (task 18 of the plan): supervision items from the leading group's decision, from the court
 * president's instruction (批示) and from a report's shortfall, each through 拟办 → 立项 → 审批 → 交办 →
 * 签收 → 反馈 → 复核 → 办结 (one returned for rework first); one lead unit misses a feedback period and
 * the reactions remind it (催办). Every Monday (the next working day when it is a holiday) the
 * reactions run: they record the warnings (预警) due and take overdue problems one step up the
 * campaign's ladder 预警 → 催办 → 约谈 → 通报 → 问责, the last step opening an accountability case.
 */
import { addWorkingDays } from '../campaign/calendar';
import type { SupervisionSource, SupervisionSubject } from '../campaign/supervision/events';
import type { UnitRef } from '../campaign/codecs';
import { addDays, workday, type Agenda } from './agenda';
import type { DemoContext } from './context';
import { INTERMEDIATE, departmentPerson } from './organization';
import { LEADER, OFFICE, taskId } from './setup';

/** The issuing office's code of the supervision numbers (督〔2019〕N号). */
export const SUPERVISION_OFFICE = '督';
const DEPUTY = `${INTERMEDIATE}-vp`;

/** One item of the scenario. */
interface ItemPlan {
  readonly itemId: string;
  readonly title: string;
  readonly content: string;
  readonly source: SupervisionSource;
  readonly subject: SupervisionSubject;
  readonly proposeOn: string;
  readonly approver: string;
  readonly lead: UnitRef;
  readonly co?: readonly UnitRef[];
  /** Who signs and reports for the lead unit. */
  readonly reporter: string;
  readonly deadline: string;
  readonly feedbackEveryDays: number;
  /** Feedback days, in working days after the assignment; the last is the final one. */
  readonly feedbackAfter: readonly number[];
  /** The review returns the first final feedback, which is given again this many working days later. */
  readonly reworkAfter?: number;
}

const plans = (overstated: string): readonly ItemPlan[] => [
  {
    itemId: 'DB-2019-01', title: '长期未结案件专项清理',
    content: '按领导小组决定，对超过十八个月未结案件逐案建立清理台账，明确承办人和结案时限，每期反馈清理进度，九月底前完成。',
    source: { kind: 'leading_group_decision', decision: '“加强管理年”活动领导小组第一次会议决定：对长期未结案件开展专项清理，由审管办牵头。', decidedOn: '2019-07-02' },
    subject: { kind: 'task', taskId: taskId(2) }, proposeOn: '2019-07-03', approver: LEADER,
    lead: { courtId: INTERMEDIATE, department: '审管办' }, co: [{ courtId: INTERMEDIATE, department: '立案庭' }],
    reporter: departmentPerson(INTERMEDIATE, '审管办').personId, deadline: '2019-09-30', feedbackEveryDays: 15, feedbackAfter: [10, 25, 40, 52],
  },
  {
    itemId: 'DB-2019-02', title: '执行案件节点信息限期补录',
    content: '落实院长批示，执行局限期补录执行流程节点信息，审管办配合开展节点专项检查，每两周反馈一次。',
    source: { kind: 'leader_instruction', text: '执行案件节点信息滞后的问题要一抓到底，请执行局限期整改，每两周报告进展。', givenBy: LEADER, givenOn: '2019-07-08' },
    subject: { kind: 'task', taskId: taskId(12) }, proposeOn: '2019-07-09', approver: DEPUTY,
    lead: { courtId: INTERMEDIATE, department: '执行局' }, co: [{ courtId: INTERMEDIATE, department: '审管办' }],
    // Period 2 (working days 10-19) passes without feedback: the reactions remind the 执行局.
    reporter: departmentPerson(INTERMEDIATE, '执行局').personId, deadline: '2019-10-31', feedbackEveryDays: 10, feedbackAfter: [5, 27, 32, 45], reworkAfter: 3,
  },
  {
    itemId: 'DB-2019-03', title: '第三季度报告数据不实问题整改',
    content: '该院第三季度报告上报的整改销号数与台账不符，限期核实全部销号问题，说明情况并整改。',
    source: { kind: 'report', periodId: '2019-Q3', courtId: overstated },
    subject: { kind: 'report_shortfall', periodId: '2019-Q3', courtId: overstated, shortfall: '上报整改销号数多于台账记录，整改率虚高。' },
    proposeOn: '2019-10-14', approver: LEADER, lead: { courtId: overstated },
    reporter: `${overstated}-president`, deadline: '2019-11-29', feedbackEveryDays: 10, feedbackAfter: [6, 16],
  },
];

const plan = (ctx: DemoContext, agenda: Agenda, p: ItemPlan): void => {
  const S = ctx.ledger.supervision;
  const itemId = p.itemId;
  const opened = p.proposeOn;
  const assignedOn = addWorkingDays(opened, 1);
  agenda.add(opened, '09:30', `propose ${itemId}`, async () => {
    await ctx.step(`propose ${itemId}`, S.propose(OFFICE, { itemId, title: p.title, content: p.content, source: p.source, subject: p.subject }));
    await ctx.step(`open ${itemId}`, S.open(OFFICE, { itemId, office: SUPERVISION_OFFICE }));
  });
  agenda.add(opened, '16:00', `approve ${itemId}`, async () => {
    await ctx.step(`approve ${itemId}`, S.approve(p.approver, { itemId, note: '同意立项督办。' }));
  });
  agenda.add(assignedOn, '09:00', `assign ${itemId}`, async () => {
    await ctx.step(`assign ${itemId}`, S.assign(OFFICE, {
      itemId, lead: p.lead, co: [...(p.co ?? [])], deadline: p.deadline, feedbackEveryDays: p.feedbackEveryDays,
    }));
  });
  agenda.add(assignedOn, '15:00', `receive ${itemId}`, async () => {
    await ctx.step(`receive ${itemId}`, S.receive(p.reporter, { itemId }));
  });
  const last = p.feedbackAfter.length - 1;
  for (const [k, after] of p.feedbackAfter.entries()) {
    agenda.add(addWorkingDays(assignedOn, after), '16:00', `feedback ${itemId} ${k + 1}`, async () => {
      await ctx.step(`feedback ${itemId} ${k + 1}`, S.giveFeedback(p.reporter, {
        itemId, final: k === last,
        summary: k === last ? '各项工作已全部落实，申请办结。' : `第${k + 1}次反馈：按计划推进，已完成阶段性任务。`,
      }));
    });
  }
  let reviewOn = addWorkingDays(assignedOn, p.feedbackAfter[last]! + 2);
  if (p.reworkAfter !== undefined) {
    agenda.add(reviewOn, '10:00', `return ${itemId}`, async () => {
      await ctx.step(`return ${itemId}`, S.review(OFFICE, { itemId, outcome: 'returned', reason: '反馈材料缺少补录清单和抽查结果，退回重办。' }));
    });
    const again = addWorkingDays(reviewOn, p.reworkAfter);
    agenda.add(again, '16:00', `feedback ${itemId} again`, async () => {
      await ctx.step(`feedback ${itemId} again`, S.giveFeedback(p.reporter, { itemId, final: true, summary: '已补充节点补录清单和专项检查结果，申请办结。' }));
    });
    reviewOn = addWorkingDays(again, 2);
  }
  agenda.add(reviewOn, '10:00', `review ${itemId}`, async () => {
    await ctx.step(`review ${itemId}`, S.review(OFFICE, { itemId, outcome: 'passed', note: '经复核，事项已办理完毕。' }));
  });
  agenda.add(addWorkingDays(reviewOn, 1), '11:00', `close ${itemId}`, async () => {
    await ctx.step(`close ${itemId}`, S.close(LEADER, { itemId, note: '同意办结。' }));
  });
};

/** Adds the supervision items and the weekly reactions to the agenda. */
export const planSupervision = (ctx: DemoContext, agenda: Agenda, overstated: string): void => {
  for (const p of plans(overstated)) plan(ctx, agenda, p);
  for (let monday = '2019-07-01'; monday <= '2019-12-30'; monday = addDays(monday, 7)) {
    agenda.add(workday(monday), '08:30', `weekly reactions ${monday}`, async () => {
      await ctx.step(`weekly reactions ${monday}`, ctx.ledger.reactions.run());
    });
  }
};
