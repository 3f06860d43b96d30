/**
 * The 37 tasks of the management-year plan (三、主要任务), read from the plan text.
 *
 * Titles are the plan's own lead phrase for each task, verbatim; `……` marks words left out of a
 * long phrase. Departments are the plan's 责任部门 lists, verbatim and in the plan's order: the
 * first-listed is the lead (牵头) department, the others co-responsible (协办). ASSUMED: the plan
 * does not say which leads; courts read the first-listed as the lead in practice (`leadAssumed`).
 *
 * @packageDocumentation
 */
import type { CategoryId, Task } from './types';

function task(
  number: number,
  categoryId: CategoryId,
  title: string,
  titleEn: string,
  departments: readonly string[],
): Task {
  const [lead, ...co] = departments;
  return { number, categoryId, title, titleEn, leadDepartments: lead === undefined ? [] : [lead], coDepartments: co, leadAssumed: true };
}

/** All 37 tasks, in plan order. */
export const tasks: readonly Task[] = [
  // (一)加强审判管理 — trial management, tasks 1–15
  task(1, 1, '认真落实院长、庭长审判监督管理权责清单', "Implement the lists of presidents' and division heads' supervisory powers and duties", ['审管办', '立案审判执行各部门']),
  task(2, 1, '完善对信访申诉……等案件的审判监督管理机制', 'Supervise petitioned, long-pending, reversed and other flagged cases', ['审管办']),
  task(3, 1, '健全专业法官会议制度', "Strengthen the professional judges' meeting system", ['审管办', '信息化委员会办公室']),
  task(4, 1, '健全院长、庭长办案常态化机制', 'Make case handling by presidents and division heads routine', ['审管办']),
  task(5, 1, '深化审判委员会制度和工作机制改革', 'Reform the adjudication committee and its working methods', ['审管办', '信息化委员会办公室']),
  task(6, 1, '加强和完善对基层法院审级指导', 'Strengthen appellate guidance of grassroots courts', ['审管办', '各审判执行部门']),
  task(7, 1, '完善统一法律适用机制', 'Unify the application of law', ['审管办', '信息化委员会办公室', '各审判执行部门']),
  task(8, 1, '坚持扁平化管理与专业化建设相结合', 'Combine flat management with specialised trial teams', ['审管办', '干部处']),
  task(9, 1, '加强案件质量评查', 'Strengthen case-quality review', ['审管办', '监察室', '政治部']),
  task(10, 1, '健全审判态势分析研判和均衡结案监督检查机制', 'Analyse trial trends and supervise even case closing', ['审管办', '立案审判执行各部门']),
  task(11, 1, '深化执行管理机制创新', 'Innovate enforcement management', ['执行局', '信息化委员会办公室']),
  task(12, 1, '加强执行工作标准化、信息化建设', 'Standardise and digitise enforcement work', ['执行局', '信息化委员会办公室']),
  task(13, 1, '加大强制执行力度', 'Step up compulsory enforcement', ['执行局', '法警队']),
  task(14, 1, '健全完善司法公开制度体系', 'Improve the judicial openness system', ['审管办', '宣教处', '各审判执行部门', '信息化委员会办公室']),
  task(15, 1, '持续强化涉诉信访工作', 'Keep strengthening litigation-related petition work', ['涉诉信访局', '各审判执行部门']),
  // (二)加强政务管理 — government-affairs management, tasks 16–23
  task(16, 2, '加强和规范重大事项请示报告工作', 'Regulate requests for instructions and reports on major matters', ['办公室', '审管办', '立案审判执行各部门']),
  task(17, 2, '加强司法政务标准化建设', 'Standardise judicial administrative affairs', ['办公室', '审管办', '研究室']),
  task(18, 2, '完善督察督办工作机制', 'Improve supervision and follow-up of assigned matters', ['办公室', '审管办']),
  task(19, 2, '牢固树立“管理也是服务”的政务工作理念', 'Management is service: first-contact duty, time limits, service pledges', ['办公室', '审管办', '监察室']),
  task(20, 2, '完善绩效考核制度', 'Improve performance appraisal', ['审管办', '干部处']),
  task(21, 2, '解决形式主义突出问题为基层减负', 'Tackle formalism and lighten the load on grassroots units', ['办公室', '研究室']),
  task(22, 2, '强化内部安保管理', 'Strengthen internal security', ['法警支队']),
  task(23, 2, '加强人大代表联络工作', "Strengthen liaison with people's congress deputies", ['办公室']),
  // (三)加强队伍管理 — team management, tasks 24–33
  task(24, 3, '建立以政治建设为统领的法院党建队建管理机制', 'Party-building and team-building led by political building', ['机关党委']),
  task(25, 3, '严格贯彻执行党政领导干部选拔任用工作条例', 'Apply the rules on selecting and appointing leading cadres', ['干部处']),
  task(26, 3, '完善法院人员分类管理制度', 'Improve classified management of court personnel', ['干部处']),
  task(27, 3, '完善法院人员教育培训机制', 'Improve education and training of court personnel', ['宣教处', '信息化委员会办公室']),
  task(28, 3, '大力加强法院文化建设', 'Build court culture', ['宣教处']),
  task(29, 3, '巩固拓展干部作风大整顿和集中教育“两项活动”成果', 'Consolidate the results of the two conduct and education campaigns', ['监察室', '审管办']),
  task(30, 3, '完善司法廉政风险防控体系', 'Improve prevention and control of judicial integrity risks', ['监察室', '干部处', '审管办', '各审判执行部门']),
  task(31, 3, '狠抓党风廉政建设', 'Enforce Party conduct and clean government', ['监察室']),
  task(32, 3, '强化干警自我管理', 'Strengthen staff self-management and rules of conduct', ['立案审判执行各部门', '各综合部门']),
  task(33, 3, '坚持严管与厚爱相结合', 'Combine strict management with care for staff', ['干部处', '办公室', '机关服务中心', '法警队', '监察室']),
  // (四 加强智慧管理 — smart management, tasks 34–37 (the plan's heading lacks its closing bracket)
  task(34, 4, '加强智慧法院基础设施建设', 'Build smart-court infrastructure', ['信息化委员会办公室', '办公室', '审管办']),
  task(35, 4, '加强审判执行全流程信息化管理', 'Digital whole-process management of trials and enforcement', ['审管办', '信息化委员会办公室', '各审判执行部门']),
  task(36, 4, '扩大电子诉讼覆盖范围', 'Extend electronic litigation', ['信息化委员会办公室', '审管办', '立案审判执行各部门']),
  task(37, 4, '推动法院的可视化管理', 'Visual management of the courts', ['信息化委员会办公室', '审管办', '办公室']),
];
