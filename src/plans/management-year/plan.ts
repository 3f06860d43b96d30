/**
 * The management-year plan (全市法院“加强管理年”活动实施方案, issued 2019-05-20) as data,
 * read from the plan text by hand. Verbatim strings keep the source's punctuation.
 *
 * @packageDocumentation
 */
import { departmentAliases, departmentGroups, departments } from './departments';
import { tasks } from './tasks';
import type { Category, Implementation, LeadingGroup, Office, Phase, PlanDefinition } from './types';

const categories: readonly Category[] = [
  {
    id: 1,
    name: '加强审判管理',
    nameEn: 'Strengthen trial management',
    focus: '突出解决监管不到位、机制不健全问题',
    taskRange: [1, 15],
  },
  {
    id: 2,
    name: '加强政务管理',
    nameEn: 'Strengthen government-affairs management',
    focus: '突出解决制度不完善、工作随意性问题',
    taskRange: [16, 23],
  },
  {
    id: 3,
    name: '加强队伍管理',
    nameEn: 'Strengthen team management',
    focus: '突出解决管理宽松软、作风慵懒散问题',
    taskRange: [24, 33],
  },
  {
    id: 4,
    name: '加强智慧管理',
    nameEn: 'Strengthen smart management',
    focus: '突出解决管理方式陈旧、新技术运用不足问题',
    taskRange: [34, 37],
  },
];

const phases: readonly Phase[] = [
  {
    id: '2019-h1',
    name: '2019年上半年',
    nameEn: 'First half of 2019: find problems, list them, build the ledger',
    start: '2019-05-20',
    end: '2019-06-30',
    goals: ['查问题', '拉清单', '建台账'],
    goalsEn: ['find problems', 'draw up the problem list', 'build the ledger'],
    datesAssumed: false,
    note: 'The plan splits 2019 into 上半年 and 下半年; the first half runs from the date of issue.',
  },
  {
    id: '2019-h2',
    name: '2019年下半年',
    nameEn: 'Second half of 2019: rectify, set measures, consolidate',
    start: '2019-07-01',
    end: '2019-12-31',
    goals: ['抓整改', '定措施', '固成果'],
    goalsEn: ['rectify', 'set measures', 'consolidate the results'],
    datesAssumed: false,
    note: 'The second of the two 2019 stages (下半年).',
  },
  {
    id: '2020',
    name: '两年再深化',
    nameEn: 'Second year: deepen',
    start: '2020-01-01',
    end: '2020-12-31',
    goals: ['深化管理'],
    goalsEn: ['deepen management'],
    datesAssumed: true,
    note: 'ASSUMED dates: the plan names a second year (第二年) of three but gives no dates; taken as calendar 2020.',
  },
  {
    id: '2021',
    name: '三年促提升',
    nameEn: 'Third year: improve',
    start: '2021-01-01',
    end: '2021-12-31',
    goals: ['促提升'],
    goalsEn: ['drive improvement'],
    datesAssumed: true,
    note: 'ASSUMED dates: the plan runs three years (为期三年) but gives no dates for the third; taken as calendar 2021.',
  },
];

const leadingGroup: LeadingGroup = {
  name: '全市法院“加强管理年”活动工作领导小组',
  setUpBy: '市中院',
  leader: { title: '组长', holder: '党组书记、院长', holderEn: 'Party group secretary and court president' },
  deputies: { title: '副组长', holder: '班子成员', holderEn: 'members of the court leadership team' },
  members: { title: '成员', holder: '有关部门主要负责同志', holderEn: 'principal heads of the departments concerned' },
  note: 'Roles are recorded by post. The plan also names the person then holding the leader post; no person is recorded here.',
};

const office: Office = {
  name: '领导小组办公室',
  location: '市中院办公室',
  hostDepartment: '办公室',
  duties: ['统筹协调', '组织实施', '督察督办'],
  dutiesEn: ['overall coordination', 'organising implementation', 'supervision and follow-up'],
  dutiesAssumed: true,
  note: 'The plan sets the office up in 市中院办公室 and gives these duties to 各院办公室 as the coordinating department; attributing them to the office is a reading.',
};

const implementation: Implementation = {
  firstResponsible: '各院“一把手”是本院推进“加强管理年”活动的第一责任人',
  leadershipDuty: '班子成员对分管领域推进“加强管理年”活动负有主体责任,实行“一岗双责”',
  coordinatingDepartment: '各院办公室',
  reporting: '各基层法院要按照规定时限,逐级向上报告本单位活动开展情况,重点报告活动中查摆出的突出问题、整改措施和整改成效',
  inspectionPrinciple: '常规检查全覆盖,明察暗访随机化',
  sanctions: ['通报批评', '追责问责'],
};

const sourceNote = [
  'Source: the plan text as one line per page, each page opening with a page marker "N、".',
  'The markers split words across pages: task 9 reads "9.加" then "9、强案件质量评查"; task 4\'s "机制" and',
  'task 14\'s "信息化委员会办公室" are split the same way. The heading of category 4 reads "(四" with no',
  'closing bracket. Section 五 numbers its parts (一), (二), (四), (五): no (三) appears in the text.',
  'The 责任部门 lists do not say which department leads, so all are recorded as lead departments.',
  'The plan names the leading group\'s leader in person; only posts are recorded.',
  'Not in the plan, so assumed (fictional demo data): the members of every department group, the',
  'trial divisions, the full-form aliases, the dates of the 2020 and 2021 phases, and the office\'s duties.',
].join(' ');

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The management-year plan, deeply frozen. */
export const managementYearPlan: PlanDefinition = deepFreeze({
  id: 'changchun-courts-management-year-2019',
  title: '全市法院“加强管理年”活动实施方案',
  issuer: '长春市中级人民法院办公室',
  issuedOn: '2019-05-20',
  years: [2019, 2020, 2021],
  approach: '一年抓重点、两年再深化、三年促提升',
  categories,
  tasks,
  phases,
  leadingGroup,
  office,
  implementation,
  departments,
  departmentAliases,
  departmentGroups,
  sourceNote,
});
