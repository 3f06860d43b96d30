/**
 * Departments of the management-year plan: the names it uses, variants, group names, and
 * functions that resolve them.
 *
 * The plan names departments only in its task lists (责任部门) and in 五、组织实施. It never says
 * which departments its group names (各审判执行部门, 立案审判执行各部门, 各综合部门, 各部门)
 * contain, and it names no trial division at all. The trial divisions below and every group's
 * membership are therefore assumed (demo data, fictional) and marked `assumed: true`.
 *
 * @packageDocumentation
 */
import { left, right, type Either } from 'fp-ts/Either';
import type { Department, DepartmentAlias, DepartmentGroup, DepartmentNameError } from './types';

/** Concrete departments the plan names, canonical spelling, verbatim. */
export const planDepartments: readonly Department[] = [
  { name: '审管办', nameEn: 'Trial Management Office', assumed: false },
  { name: '信息化委员会办公室', nameEn: 'Office of the Informatisation Committee', assumed: false },
  { name: '办公室', nameEn: 'General Office', assumed: false },
  { name: '干部处', nameEn: 'Cadre Division', assumed: false },
  { name: '政治部', nameEn: 'Political Department', assumed: false },
  { name: '监察室', nameEn: 'Supervision Office', assumed: false },
  { name: '宣教处', nameEn: 'Publicity and Education Division', assumed: false },
  { name: '研究室', nameEn: 'Research Office', assumed: false },
  { name: '机关党委', nameEn: 'Party Committee of the Court', assumed: false },
  { name: '机关服务中心', nameEn: 'Court Services Centre', assumed: false },
  // The plan writes 法警支队 (task 22) and 法警队 (tasks 13, 33); 法警支队 is kept as canonical.
  { name: '法警支队', nameEn: 'Judicial Police Detachment', assumed: false },
  { name: '执行局', nameEn: 'Enforcement Bureau', assumed: false },
  { name: '涉诉信访局', nameEn: 'Litigation-Related Petitions Bureau', assumed: false },
];

/**
 * Departments the plan never names, assumed so that its group names can be expanded.
 * FICTIONAL: a generic set of case-filing and trial divisions, not the real court's structure.
 */
export const assumedDepartments: readonly Department[] = [
  { name: '立案庭', nameEn: 'Case Filing Division', assumed: true },
  { name: '刑事审判庭', nameEn: 'Criminal Trial Division', assumed: true },
  { name: '民事审判庭', nameEn: 'Civil Trial Division', assumed: true },
  { name: '行政审判庭', nameEn: 'Administrative Trial Division', assumed: true },
  { name: '审判监督庭', nameEn: 'Trial Supervision Division', assumed: true },
];

/** All canonical concrete departments: those the plan names, then the assumed ones. */
export const departments: readonly Department[] = [...planDepartments, ...assumedDepartments];

/** Variant names and the canonical department each one stands for. */
export const departmentAliases: readonly DepartmentAlias[] = [
  {
    alias: '法警队',
    canonical: '法警支队',
    assumed: false,
    note: 'Both forms occur in the plan (法警队 in tasks 13 and 33, 法警支队 in task 22) for the court\'s one judicial police unit.',
  },
  // ASSUMED: full forms the plan does not use, accepted so that callers may write them.
  { alias: '审判管理办公室', canonical: '审管办', assumed: true, note: 'Full form of 审管办; not used by the plan.' },
  { alias: '宣传教育处', canonical: '宣教处', assumed: true, note: 'Full form of 宣教处; not used by the plan.' },
  { alias: '司法警察支队', canonical: '法警支队', assumed: true, note: 'Full form of 法警支队; not used by the plan.' },
];

const trialAndEnforcement = ['刑事审判庭', '民事审判庭', '行政审判庭', '审判监督庭', '执行局'] as const;
const filingSide = ['立案庭', '涉诉信访局'] as const;
const comprehensive = [
  '办公室',
  '政治部',
  '干部处',
  '宣教处',
  '机关党委',
  '监察室',
  '研究室',
  '审管办',
  '信息化委员会办公室',
  '机关服务中心',
  '法警支队',
] as const;

/**
 * Group names and their members. ASSUMED (fictional) throughout: the plan never lists members.
 * 立案审判执行各部门 and 各综合部门 together are read as covering every department, because
 * task 32 (staff self-management) is given to exactly these two groups.
 */
export const departmentGroups: readonly DepartmentGroup[] = [
  {
    name: '各审判执行部门',
    nameEn: 'all trial and enforcement departments',
    members: [...trialAndEnforcement],
    assumed: true,
    note: 'Members not listed by the plan; assumed: the trial divisions and 执行局.',
  },
  {
    name: '立案审判执行各部门',
    nameEn: 'all case-filing, trial and enforcement departments',
    members: [filingSide[0], ...trialAndEnforcement, filingSide[1]],
    assumed: true,
    note: 'Members not listed by the plan; assumed: 立案庭, the trial and enforcement departments, and 涉诉信访局 (petition work sits with case filing).',
  },
  {
    name: '各综合部门',
    nameEn: 'all comprehensive (non-trial) departments',
    members: [...comprehensive],
    assumed: true,
    note: 'Members not listed by the plan; assumed: every department the plan names that is neither trial, enforcement nor petition handling.',
  },
  {
    name: '各部门',
    nameEn: 'every department',
    members: [filingSide[0], ...trialAndEnforcement, filingSide[1], ...comprehensive],
    assumed: true,
    note: 'Used in 五、组织实施 (各院、各部门); assumed to be the union of 立案审判执行各部门 and 各综合部门.',
  },
];

const canonicalByName: ReadonlyMap<string, string> = new Map<string, string>([
  ...departments.map((d): [string, string] => [d.name, d.name]),
  ...departmentAliases.map((a): [string, string] => [a.alias, a.canonical]),
]);

const membersByGroup: ReadonlyMap<string, readonly string[]> = new Map(
  departmentGroups.map((g): [string, readonly string[]] => [g.name, g.members]),
);

/** True when `name` (after trimming) is one of the plan's group names. */
export function isDepartmentGroup(name: string): boolean {
  return membersByGroup.has(name.trim());
}

function unknown(name: unknown, index?: number): DepartmentNameError {
  const where = index === undefined ? '' : ` at position ${index}`;
  const shown = typeof name === 'string' ? `"${name}"` : `a ${typeof name}`;
  return {
    kind: 'UnknownDepartment',
    name,
    ...(index === undefined ? {} : { index }),
    message: `${shown}${where} is not a department, department alias or department group of the management-year plan`,
  };
}

/**
 * Resolves one concrete department name or alias to its canonical name.
 * Surrounding whitespace is ignored. A group name (e.g. `各综合部门`) is refused with
 * `GroupName`, since it stands for several departments: use {@link expandDepartments}.
 *
 * @example canonicalDepartment('法警队') // right('法警支队')
 */
export function canonicalDepartment(name: string): Either<DepartmentNameError, string> {
  if (typeof name !== 'string') return left(unknown(name));
  const key = name.trim();
  const found = canonicalByName.get(key);
  if (found !== undefined) return right(found);
  if (membersByGroup.has(key)) {
    return left({
      kind: 'GroupName',
      name,
      message: `"${name}" is a department group, not one department; expand it with expandDepartments`,
    });
  }
  return left(unknown(name));
}

/**
 * Expands department names, aliases and group names into canonical concrete department names,
 * de-duplicated, in order of first appearance (a group contributes its members in its own order).
 * The first name that cannot be resolved is reported with its position.
 *
 * @example expandDepartments(['审管办', '各审判执行部门']) // right(['审管办', '刑事审判庭', …])
 */
export function expandDepartments(
  names: readonly string[],
): Either<DepartmentNameError, readonly string[]> {
  if (!Array.isArray(names)) return left(unknown(names));
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (d: string): void => {
    if (!seen.has(d)) {
      seen.add(d);
      out.push(d);
    }
  };
  for (const [index, name] of names.entries()) {
    if (typeof name !== 'string') return left(unknown(name, index));
    const key = name.trim();
    const members = membersByGroup.get(key);
    const single = canonicalByName.get(key);
    if (members !== undefined) members.forEach(add);
    else if (single !== undefined) add(single);
    else return left(unknown(name, index));
  }
  return right(out);
}
