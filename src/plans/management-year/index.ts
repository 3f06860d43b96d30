/**
 * The management-year plan (全市法院“加强管理年”活动实施方案) shipped as data, with its
 * department names, aliases and group expansions.
 *
 * @packageDocumentation
 */
export type {
  Category,
  CategoryId,
  Department,
  DepartmentAlias,
  DepartmentGroup,
  DepartmentNameError,
  GroupRole,
  Implementation,
  IsoDate,
  LeadingGroup,
  Office,
  Phase,
  PlanDefinition,
  Task,
} from './types';
export { managementYearPlan } from './plan';
export { tasks } from './tasks';
export {
  assumedDepartments,
  canonicalDepartment,
  departmentAliases,
  departmentGroups,
  departments,
  expandDepartments,
  isDepartmentGroup,
  planDepartments,
} from './departments';
