/**
 * Turns a plan shipped as data (e.g. the management-year plan in `src/plans/management-year`)
 * into the commands that set a campaign up: adopt the plan, define its categories and phases,
 * and issue its tasks. Group names in a task's departments (各审判执行部门 …) are expanded into
 * concrete departments with the plan's own expansion. The plan gives no per-task due dates: the
 * default due date is the end of the plan's second phase (for the management-year plan, the
 * 2019 second half-year "rectify, set measures, consolidate") — an assumption, override it.
 */
import * as E from 'fp-ts/Either';
import { expandDepartments } from '../plans/management-year/departments';
import type { DepartmentNameError, PlanDefinition, Task } from '../plans/management-year/types';
import type { AdoptPlan, DefineCategory, DefinePhase } from './campaign/commands';
import type { IssueTask } from './task/commands';

/** Options of {@link planToCommands}. */
export interface PlanImportOptions {
  /** SHA-256 (hex) of the plan document's text, pinning exactly what was adopted. */
  readonly documentSha256: string;
  /** Courts every task covers. */
  readonly scopeCourts: readonly string[];
  /** Due date of each task. Default: the end of the plan's second phase (or its last one). */
  readonly dueDate?: (task: Task) => string;
  /** Id of each task. Default `T-01` … `T-37`. */
  readonly taskId?: (task: Task) => string;
}

/** The commands that set a campaign up from a plan (issue them in this order). */
export interface PlanCommands {
  readonly adoptPlan: AdoptPlan;
  readonly categories: readonly DefineCategory[];
  readonly phases: readonly DefinePhase[];
  readonly tasks: readonly IssueTask[];
  /** Every concrete department the tasks name (register those the organizer court lacks first). */
  readonly departments: readonly string[];
  /**
   * The business time of the set-up: the plan's issue date, 00:00 in China Standard Time. Issue
   * every command with `{ effectiveAt }` so a plan of past years is set up as of its own date (its
   * due dates were then in the future), whatever the clock says today.
   */
  readonly effectiveAt: string;
}

/** Builds the set-up commands of a plan, or the first department name it cannot resolve. */
export const planToCommands = (plan: PlanDefinition, options: PlanImportOptions): E.Either<DepartmentNameError, PlanCommands> => {
  const defaultDue = (plan.phases[1] ?? plan.phases[plan.phases.length - 1])?.end ?? `${plan.years[0]}-12-31`;
  const due = options.dueDate ?? (() => defaultDue);
  const id = options.taskId ?? ((t: Task) => `T-${String(t.number).padStart(2, '0')}`);
  const tasks: IssueTask[] = [];
  const all = new Set<string>();
  for (const t of plan.tasks) {
    const lead = expandDepartments(t.leadDepartments);
    if (E.isLeft(lead)) return lead;
    const co = expandDepartments(t.coDepartments);
    if (E.isLeft(co)) return co;
    const coOnly = co.right.filter((d) => !lead.right.includes(d));
    [...lead.right, ...coOnly].forEach((d) => all.add(d));
    tasks.push({
      taskId: id(t), number: t.number, categoryId: String(t.categoryId), title: t.title,
      leadDepartments: lead.right, coDepartments: coOnly, scopeCourts: options.scopeCourts, dueDate: due(t),
    });
  }
  return E.right({
    adoptPlan: { planId: plan.id, title: plan.title, documentSha256: options.documentSha256, issuedOn: plan.issuedOn },
    categories: plan.categories.map((c) => ({ categoryId: String(c.id), name: c.name, firstTask: c.taskRange[0], lastTask: c.taskRange[1] })),
    phases: plan.phases.map((p) => ({ phaseId: p.id, name: p.name, start: p.start, end: p.end, goals: p.goals })),
    tasks,
    departments: [...all],
    effectiveAt: `${plan.issuedOn}T00:00:00+08:00`,
  });
};
