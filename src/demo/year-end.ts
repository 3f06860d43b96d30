/**
 * 固成果 and the turn of the year. In November and December each court records the rules its
 * rectification led to (制度建设): one made, one revised and one cleared out, each linked to the
 * problem and task that prompted it; the intermediate court also makes its 督查督办 rules under task
 * 18. On the first working day of 2020 each court's first responsible person carries every problem
 * still open into the 2020 ledger (结转); the year-end summary reports follow (see `reports.ts`).
 */
import { addWorkingDays } from '../campaign/calendar';
import type { RegulationAction } from '../campaign/regulation/events';
import type { Agenda } from './agenda';
import type { DemoContext, DemoProblem } from './context';
import { INTERMEDIATE, demoCourts } from './organization';
import { problemTemplates } from './catalogue';
import { taskId } from './setup';

const RULE: Readonly<Record<RegulationAction, (criterion: string) => string>> = {
  made: (c) => `《${c}》实施细则`,
  revised: (c) => `《${c}》（2019年修订）`,
  cleared: (c) => `《${c}》旧版执行规定（清理废止）`,
};
const SUMMARY: Readonly<Record<RegulationAction, string>> = {
  made: '针对查摆出的问题制定新规，明确责任、流程和时限，从制度上防止问题反弹。',
  revised: '对已有制度中不适应的条款进行修订，补齐漏洞，与整改措施相衔接。',
  cleared: '经全面清理，该规定已被新规替代、内容过时，予以废止。',
};

const criterionOf = (p: DemoProblem): string => problemTemplates.find((t) => t.title === p.title)?.criterion ?? p.title;

/** Adds the rule entries and the carry-over to the agenda. */
export const planYearEnd = (ctx: DemoContext, agenda: Agenda): void => {
  for (const [i, court] of demoCourts.entries()) {
    const c = court.courtId;
    const day = addWorkingDays('2019-11-18', i);
    agenda.add(day, '15:30', `rules of ${c}`, async () => {
      // The problems it rectified (closed), else any it keeps: each prompts one rule.
      const own = ctx.problems.filter((p) => p.courtId === c && p.status !== 'withdrawn');
      const picked = [...own.filter((p) => p.status === 'closed'), ...own.filter((p) => p.status !== 'closed')].slice(0, 3);
      const actions: readonly RegulationAction[] = ['made', 'revised', 'cleared'];
      for (const [k, p] of picked.entries()) {
        const action = actions[k] as RegulationAction;
        await ctx.step(`rule ${c}-${k + 1}`, ctx.ledger.regulation.record(`${c}-president`, {
          regulationId: `ZD-${c}-2019-${k + 1}`, courtId: c, title: RULE[action](criterionOf(p)), action, on: day, summary: SUMMARY[action],
          problemIds: [p.problemId], taskIds: [taskId(p.taskNumber)], documentNumber: `${c}法〔2019〕${30 + k}号`,
        }));
      }
      if (c === INTERMEDIATE) {
        await ctx.step('rule of 督办', ctx.ledger.regulation.record(`${c}-president`, {
          regulationId: `ZD-${c}-2019-DB`, courtId: c, title: '督查督办工作规定', action: 'made', on: day,
          summary: '细化督办事项拟办、立项、审批、交办、催办、反馈等工作流程，实行督办事项编号管理和三色预警。',
          taskIds: [taskId(18)], documentNumber: `${c}法〔2019〕40号`,
        }));
      }
    });
  }
  agenda.add('2020-01-02', '09:30', 'carry over into 2020', async () => {
    for (const p of ctx.problems) {
      const loaded = await ctx.step(`load ${p.problemId}`, ctx.ledger.load.problem(p.problemId));
      const s = loaded.state.status;
      if (s === 'none' || s === 'closed' || s === 'withdrawn') continue;
      await ctx.step(`carry over ${p.problemId}`, ctx.ledger.problem.carryOver(`${p.courtId}-president`, {
        problemId: p.problemId, fromYear: 2019, toYear: 2020,
        reason: loaded.state.longTerm === undefined ? '2019年度未完成整改，结转2020年度继续整改，责任和时限不变。' : '长期整改问题，按节点结转2020年度持续推进。',
      }));
    }
  });
};
