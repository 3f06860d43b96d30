/**
 * The demo's kinds of problem sit under the task whose text covers them: each template's key
 * words are found in that task's own text of the plan (fixtures), and task 6 concerns the
 * intermediate court alone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { problemTemplates } from '../../src/demo/catalogue';
import { INTERMEDIATE_ONLY_TASKS } from '../../src/demo/setup';

const raw = readFileSync(new URL('../fixtures/management-year-plan.txt', import.meta.url), 'utf8');
const text = raw.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/^\d+、/, '')).join('').replace(/\s+/g, '');
const body = (n: number): string => {
  const from = text.indexOf(`${n}.`, text.indexOf('三、主要任务'));
  const to = n === 37 ? text.indexOf('四、活动安排') : text.indexOf(`${n + 1}.`, from);
  return text.slice(from, to);
};

/** Key words of a template's title, each named in the text of the task it is linked to. */
const keyWords: Readonly<Record<string, readonly string[]>> = {
  公务用车使用登记不规范: ['车辆使用'],
  干警教育培训学时不足: ['教育培训'],
  '上班迟到早退、工作日饮酒等作风问题': ['作风'],
  廉政风险防控措施未落实: ['廉政风险'],
  '干警着装、言行不规范': ['着装'],
  电子卷宗随案生成率偏低: ['电子卷宗随案同步生成'],
  类案检索等智能辅助办案功能使用率低: ['类案'],
  对基层法院改发案件分析指导不够: ['基层法院审级指导'],
  '专业法官会议召集随意、记录不全': ['专业法官会议'],
  审判团队内部分工不明确: ['审判团队'],
  '公务接待、会务管理缺少标准和操作规范': ['公务接待', '会务管理'],
  院长督办事项未按期反馈: ['院长督办', '反馈'],
  绩效考核指标设置不合理: ['绩效考核'],
  '文件会议过多、基层负担重': ['精简文件会议', '为基层减负'],
  代表关注案件办理情况反馈不及时: ['代表关注案件'],
  党风廉政建设研判会商机制未建立: ['研判会商'],
  干警身心健康关怀措施落实不到位: ['身心健康'],
  审判执行流程节点信息化监管存在盲区: ['流程'],
  干部选拔任用程序记录不完整: ['选拔任用'],
  法院文化建设缺少长效机制: ['法院文化建设'],
};

describe('demo catalogue: each problem under the task whose text covers it', () => {
  it('links each kind to a task naming it (the seven once misfiled: 22, 27, 29, 30, 32, 36, 7; and the rest)', () => {
    for (const [title, words] of Object.entries(keyWords)) {
      const t = problemTemplates.find((x) => x.title === title);
      expect(t, title).toBeDefined();
      for (const w of words) expect(body(t!.task), `${title} → task ${t!.task}`).toContain(w);
    }
  });
  it('gives task 6 (the intermediate court\'s guidance of the grassroots courts) to the intermediate court alone', () => {
    expect([...INTERMEDIATE_ONLY_TASKS]).toEqual([6]);
    expect(problemTemplates.filter((t) => t.task === 6).every((t) => t.intermediateOnly === true)).toBe(true);
  });
});
