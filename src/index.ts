/**
 * campaign-ledger: an event-sourced SDK for management campaigns.
 *
 * The kernel (envelope, store port, errors, codecs, integrity, deciders, command handling,
 * projections) is exported here; stores are separate entry points
 * (`campaign-ledger/adapters/memory`, `…/sqlite`, `…/eventstoredb`).
 */
export * from './eventsourcing/index';
export * from './audit/index';
export * from './campaign/index';
export {
  managementYearPlan, canonicalDepartment, expandDepartments, isDepartmentGroup, departments as planDepartmentList,
  type PlanDefinition, type Category as PlanCategory, type Task as PlanTask, type Phase as PlanPhase,
  type LeadingGroup as PlanLeadingGroup, type Office as PlanOffice,
} from './plans/management-year/index';
export * from './readmodels/index';
// Names both the domain and the read models define: the package root exports the domain's.
export { type CaseStatus, type ProblemStatus, type TaskStatus } from './campaign/index';
export * from './dashboard-html/index';
