/**
 * Types for the management-year plan shipped as data.
 *
 * Every string marked "verbatim" is copied from the plan text exactly (same punctuation,
 * including the ASCII commas and colons the source uses). Anything the plan does not say is
 * marked with `assumed: true` (demo data, fictional) and a note saying what was assumed.
 *
 * @packageDocumentation
 */

/** A calendar date in ISO form, `YYYY-MM-DD`. */
export type IsoDate = string;

/** The four task categories of the plan, numbered as the plan numbers them (一 … 四). */
export type CategoryId = 1 | 2 | 3 | 4;

/** A task category (a heading under 三、主要任务). */
export interface Category {
  /** 1 for (一), 2 for (二), 3 for (三), 4 for (四). */
  readonly id: CategoryId;
  /** Verbatim heading text without the bracketed numeral, e.g. `加强审判管理`. */
  readonly name: string;
  /** English gloss of the heading. */
  readonly nameEn: string;
  /** Verbatim statement of the problems the category targets (the sentence after the heading). */
  readonly focus: string;
  /** First and last task number in the category, inclusive. */
  readonly taskRange: readonly [first: number, last: number];
}

/**
 * One numbered task of the plan.
 *
 * The plan lists each task's 责任部门 (responsible departments) in one list and does not say
 * which of them leads. As courts run such lists, the first-listed department (or group) is
 * recorded as the lead (牵头) and the others, in the plan's order, as co-responsible (协办);
 * `leadAssumed` marks this reading as an assumption. `[...leadDepartments, ...coDepartments]` is
 * the plan's list, verbatim.
 */
export interface Task {
  /** Task number, 1..37, as numbered in the plan. */
  readonly number: number;
  /** The category the task is listed under. */
  readonly categoryId: CategoryId;
  /**
   * Short title in the plan's own words: the task's lead phrase, verbatim. Where words of a long
   * phrase are left out, the gap is marked `……` and every remaining piece is verbatim.
   */
  readonly title: string;
  /** Short English gloss of the title. */
  readonly titleEn: string;
  /** The lead (牵头) department: the first-listed of the plan's 责任部门 (see the interface note). */
  readonly leadDepartments: readonly string[];
  /** The co-responsible (协办) departments: the rest of the plan's list, in plan order. */
  readonly coDepartments: readonly string[];
  /** True: the plan does not say which department leads; the first-listed is assumed to. */
  readonly leadAssumed: boolean;
}

/** A stage of the plan's schedule (一年抓重点、两年再深化、三年促提升). */
export interface Phase {
  /** Stable identifier, e.g. `2019-h1`. */
  readonly id: string;
  /** Chinese name taken from the plan's wording. */
  readonly name: string;
  /** English gloss of the name. */
  readonly nameEn: string;
  /** First day of the phase (inclusive). */
  readonly start: IsoDate;
  /** Last day of the phase (inclusive). */
  readonly end: IsoDate;
  /** The phase's goals, verbatim. */
  readonly goals: readonly string[];
  /** English gloss of the goals, one per goal. */
  readonly goalsEn: readonly string[];
  /** True when the dates are not stated by the plan but inferred from it. */
  readonly datesAssumed: boolean;
  /** What the dates rest on. */
  readonly note: string;
}

/** A role in the leading group, held by a post (the plan describes roles by post). */
export interface GroupRole {
  /** The role's title, e.g. `组长`. */
  readonly title: string;
  /** Verbatim description of who holds the role, e.g. `党组书记、院长`. */
  readonly holder: string;
  /** English gloss of the holder. */
  readonly holderEn: string;
}

/** The leading group the plan sets up (领导小组). */
export interface LeadingGroup {
  /** Verbatim name of the group. */
  readonly name: string;
  /** Verbatim name of the court that sets the group up. */
  readonly setUpBy: string;
  /** 组长. */
  readonly leader: GroupRole;
  /** 副组长. */
  readonly deputies: GroupRole;
  /** 成员. */
  readonly members: GroupRole;
  /** How persons are recorded. */
  readonly note: string;
}

/** The leading group's office (领导小组办公室). */
export interface Office {
  /** Verbatim name. */
  readonly name: string;
  /** Verbatim place where the plan sets the office up. */
  readonly location: string;
  /** Canonical department hosting the office. */
  readonly hostDepartment: string;
  /** Duties, verbatim. */
  readonly duties: readonly string[];
  /** English gloss of the duties, one per duty. */
  readonly dutiesEn: readonly string[];
  /** True: the plan states these duties for 各院办公室, the host, not for the office itself. */
  readonly dutiesAssumed: boolean;
  /** Where the duties come from. */
  readonly note: string;
}

/** How the plan assigns responsibility and oversight (五、组织实施), verbatim phrases. */
export interface Implementation {
  /** Who is the first responsible person of each court. */
  readonly firstResponsible: string;
  /** The duty the leadership team members carry. */
  readonly leadershipDuty: string;
  /** The department each court uses for coordination. */
  readonly coordinatingDepartment: string;
  /** The reporting rule for grassroots courts. */
  readonly reporting: string;
  /** The inspection principle (routine coverage, unannounced visits at random). */
  readonly inspectionPrinciple: string;
  /** The sanctions named for poor work or falsification. */
  readonly sanctions: readonly string[];
}

/** A concrete department of a court. */
export interface Department {
  /** Canonical name (verbatim from the plan unless `assumed`). */
  readonly name: string;
  /** English gloss. */
  readonly nameEn: string;
  /** True when the plan never names this department (demo data, fictional). */
  readonly assumed: boolean;
}

/** A variant name of a department, resolved to its canonical name. */
export interface DepartmentAlias {
  /** The variant as written. */
  readonly alias: string;
  /** The canonical department name it stands for. */
  readonly canonical: string;
  /** True when the plan does not use this variant (demo data). */
  readonly assumed: boolean;
  /** Why the alias is recorded. */
  readonly note: string;
}

/** A collective name the plan uses for several departments, e.g. `各审判执行部门`. */
export interface DepartmentGroup {
  /** The group name, verbatim. */
  readonly name: string;
  /** English gloss. */
  readonly nameEn: string;
  /** The canonical concrete departments the group stands for. */
  readonly members: readonly string[];
  /** True when the plan does not list the members (every group of this plan). */
  readonly assumed: boolean;
  /** What the membership rests on. */
  readonly note: string;
}

/** The whole plan as data. */
export interface PlanDefinition {
  /** Stable identifier of the plan. */
  readonly id: string;
  /** Verbatim title. */
  readonly title: string;
  /** Verbatim issuing body. */
  readonly issuer: string;
  /** Date of issue, as printed on the plan. */
  readonly issuedOn: IsoDate;
  /** The three calendar years the plan runs. */
  readonly years: readonly [number, number, number];
  /** Verbatim working approach of the schedule. */
  readonly approach: string;
  /** The four categories, in order. */
  readonly categories: readonly Category[];
  /** The 37 tasks, in order. */
  readonly tasks: readonly Task[];
  /** The schedule's phases, contiguous and in order. */
  readonly phases: readonly Phase[];
  /** The leading group. */
  readonly leadingGroup: LeadingGroup;
  /** The leading group's office. */
  readonly office: Office;
  /** Responsibility and oversight rules. */
  readonly implementation: Implementation;
  /** Canonical concrete departments (those the plan names, then assumed ones). */
  readonly departments: readonly Department[];
  /** Variant department names. */
  readonly departmentAliases: readonly DepartmentAlias[];
  /** Collective department names and what they expand to. */
  readonly departmentGroups: readonly DepartmentGroup[];
  /** Notes on the source text and on how it was read. */
  readonly sourceNote: string;
}

/** Why a department name could not be resolved. */
export interface DepartmentNameError {
  /** `UnknownDepartment`: not a department, alias or group; `GroupName`: a group where one department was expected. */
  readonly kind: 'UnknownDepartment' | 'GroupName';
  /** The offending input. */
  readonly name: unknown;
  /** Position of the input in the list given to `expandDepartments`; absent for a single name. */
  readonly index?: number;
  /** Human-readable explanation naming the input and its position. */
  readonly message: string;
}
