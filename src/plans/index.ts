/**
 * `campaign-ledger/plans`: the 2019 management-year plan (全市法院“加强管理年”活动实施方案) as
 * data, its department names, aliases and group expansions, and `planToCommands`, which turns a
 * plan into the commands that adopt it in a campaign.
 *
 * @module campaign-ledger/plans
 */
export * from './management-year/index';
export { planToCommands, type PlanCommands, type PlanImportOptions } from '../campaign/plan-import';
