/**
 * The demo's organization. FICTIONAL throughout: an intermediate court, its grassroots courts,
 * their departments and people are invented for the demonstration (the names say so); only the
 * department names come from the management-year plan (`src/plans/`).
 */
import { departments as planDepartmentList } from '../plans/management-year/index';
import type { StandingPost } from '../campaign/posts';

/** A court of the demo organization. */
export interface DemoCourt {
  readonly courtId: string;
  readonly name: string;
  readonly level: 'intermediate' | 'grassroots';
  readonly parentCourtId?: string;
  readonly departments: readonly string[];
}

/** A person of the demo organization. */
export interface DemoPerson {
  readonly personId: string;
  readonly name: string;
  readonly courtId: string;
  readonly department?: string;
  readonly posts: readonly StandingPost[];
  /** What the person does in the story (for the README and the printed summary). */
  readonly role: string;
}

/** The intermediate court (fictional). */
export const INTERMEDIATE = 'zy';

/** Departments of every grassroots court (a generic, fictional set in the plan's vocabulary). */
const GRASSROOTS_DEPARTMENTS = ['办公室', '政治部', '审管办', '立案庭', '刑事审判庭', '民事审判庭', '执行局', '监察室'] as const;

/** The courts of a city: the intermediate court first, then its eight grassroots courts. */
export const demoCourts: readonly DemoCourt[] = [
  { courtId: INTERMEDIATE, name: '示例市中级人民法院（虚构）', level: 'intermediate', departments: planDepartmentList.map((d) => d.name) },
  { courtId: 'dc', name: '示例市东城区人民法院（虚构）', level: 'grassroots', parentCourtId: INTERMEDIATE, departments: GRASSROOTS_DEPARTMENTS },
  { courtId: 'xc', name: '示例市西城区人民法院（虚构）', level: 'grassroots', parentCourtId: INTERMEDIATE, departments: GRASSROOTS_DEPARTMENTS },
  { courtId: 'nh', name: '示例市南湖区人民法院（虚构）', level: 'grassroots', parentCourtId: INTERMEDIATE, departments: GRASSROOTS_DEPARTMENTS },
  { courtId: 'bs', name: '示例市北山县人民法院（虚构）', level: 'grassroots', parentCourtId: INTERMEDIATE, departments: GRASSROOTS_DEPARTMENTS },
  { courtId: 'ky', name: '示例市开元区人民法院（虚构）', level: 'grassroots', parentCourtId: INTERMEDIATE, departments: GRASSROOTS_DEPARTMENTS },
  { courtId: 'hx', name: '示例市河西区人民法院（虚构）', level: 'grassroots', parentCourtId: INTERMEDIATE, departments: GRASSROOTS_DEPARTMENTS },
  { courtId: 'lh', name: '示例市临湖县人民法院（虚构）', level: 'grassroots', parentCourtId: INTERMEDIATE, departments: GRASSROOTS_DEPARTMENTS },
  { courtId: 'ss', name: '示例市石山市人民法院（虚构）', level: 'grassroots', parentCourtId: INTERMEDIATE, departments: GRASSROOTS_DEPARTMENTS },
];

/** The grassroots courts. */
export const grassrootsCourts = demoCourts.filter((c) => c.level === 'grassroots');

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['建国', '晓明', '丽华', '志强', '海燕', '立新', '春梅', '文博', '静怡', '国栋', '雪松', '红霞', '振宇', '秀英', '子涵', '思远', '佳怡', '宏伟', '婷婷', '浩然', '明辉', '淑芬', '俊杰', '雅琴'];

let counter = 0;
const nameFor = (n: number): string => `${SURNAMES[n % SURNAMES.length] ?? '王'}${GIVEN[(n * 7) % GIVEN.length] ?? '明'}（虚构）`;

const people: DemoPerson[] = [];
const add = (courtId: string, key: string, posts: readonly StandingPost[], role: string, department?: string): void => {
  people.push({ personId: `${courtId}-${key}`, name: nameFor(counter++), courtId, ...(department ? { department } : {}), posts, role });
};

for (const court of demoCourts) {
  const c = court.courtId;
  add(c, 'president', ['court_president'], 'court president (院长), first responsible person');
  add(c, 'vp', ['court_leadership'], 'vice-president in charge of trial management (分管院领导)');
  for (const [i, dept] of court.departments.entries()) {
    // A grassroots court's 办公室 keeps its own ledger (court_office); the intermediate court's office is the campaign office.
    const office: readonly StandingPost[] = court.level === 'grassroots' && dept === '办公室' ? ['court_office'] : [];
    add(c, `d${i + 1}-head`, ['department_head', ...office], `head of ${dept}`, dept);
    add(c, `d${i + 1}-staff`, ['staff', ...office], `officer of ${dept}`, dept);
  }
}
// Verifiers sit in the trial management offices (and one in 监察室, for the problems of the
// intermediate court's own 审管办); inspectors and the discipline office in its 监察室.
add(INTERMEDIATE, 'verifier-1', ['staff', 'verifier'], 'verifier of rectifications (审管办)', '审管办');
add(INTERMEDIATE, 'verifier-2', ['staff', 'verifier'], 'verifier of rectifications (监察室)', '监察室');
add(INTERMEDIATE, 'inspector-1', ['staff', 'inspection_office'], 'inspector (督查, 监察室)', '监察室');
add(INTERMEDIATE, 'inspector-2', ['staff', 'inspection_office'], 'inspector (督查, 监察室)', '监察室');
add(INTERMEDIATE, 'discipline-1', ['staff', 'discipline_office'], 'discipline officer (纪检监察, 监察室)', '监察室');
for (const court of grassrootsCourts) add(court.courtId, 'verifier', ['staff', 'verifier'], 'verifier of rectifications (审管办)', '审管办');

/** Every person, courts in order, leadership first. */
export const demoPeople: readonly DemoPerson[] = people;

/** The person with this id (throws on a typo in the scenario). */
export const person = (personId: string): DemoPerson => {
  const p = people.find((x) => x.personId === personId);
  if (p === undefined) throw new RangeError(`no demo person ${personId}`);
  return p;
};

/** The head (or, with `staff`, the officer) of a department of a court. */
export const departmentPerson = (courtId: string, department: string, which: 'head' | 'staff' = 'head'): DemoPerson => {
  const court = demoCourts.find((c) => c.courtId === courtId);
  const i = court?.departments.indexOf(department) ?? -1;
  if (court === undefined || i < 0) throw new RangeError(`court ${courtId} has no department ${department}`);
  return person(`${courtId}-d${i + 1}-${which}`);
};
