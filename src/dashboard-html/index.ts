/**
 * The HTML dashboard: `renderDashboardHtml(dashboard, options)` turns the dashboard JSON into one
 * self-contained page (inline SVG charts with data tables, no script, no network access), and
 * `dashboardContext` / `trailStatus` compute what the page shows beyond the JSON.
 *
 * @example
 * ```ts
 * const at = { now: '2020-06-30T16:00:00Z' };
 * const html = renderDashboardHtml(dashboard(state, at), { ...dashboardContext(state, at), trail: trailStatus(report) });
 * ```
 *
 * @module campaign-ledger/dashboard
 */
export { renderDashboardHtml } from './page';
export { dashboardContext, dashboardNames, problemTrend, trailStatus, trendDates } from './context';
export type { DashboardNames, RenderOptions, TrailStatus, TrendPoint } from './types';
