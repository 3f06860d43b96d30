/**
 * 制度建设 (固成果): each court's inventory of rules — cleared out (清理), revised (修订), newly made
 * (新建) — and what prompted them. Withdrawn entries are not counted. A court's figures count its own
 * entries; `problemsAnswered` counts the distinct problems its entries link, `tasksAnswered` the
 * distinct tasks.
 */
import type { RegulationAction } from '../campaign/regulation/events';
import { pmList } from './pmap';
import type { ReadModelState, RegulationRow } from './state';

/** One court's inventory figures. */
export interface RegulationCourtFigures {
  readonly courtId: string;
  readonly cleared: number;
  readonly revised: number;
  readonly made: number;
  readonly total: number;
  readonly problemsAnswered: number;
  readonly tasksAnswered: number;
}

const figures = (courtId: string, rows: readonly RegulationRow[]): RegulationCourtFigures => {
  const n = (a: RegulationAction) => rows.filter((r) => r.action === a).length;
  return {
    courtId, cleared: n('cleared'), revised: n('revised'), made: n('made'), total: rows.length,
    problemsAnswered: new Set(rows.flatMap((r) => r.problemIds)).size,
    tasksAnswered: new Set(rows.flatMap((r) => r.taskIds)).size,
  };
};

/** The inventory by court (every court of the catalog, in id order) and for all courts together, and its entries by date. */
export const regulationInventory = (s: ReadModelState) => {
  const rows = pmList(s.regulations).filter((r) => !r.withdrawn)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.regulationId < b.regulationId ? -1 : 1));
  const courts = Object.keys(s.catalog.courts).sort();
  return {
    overall: figures('*', rows),
    byCourt: courts.map((c) => figures(c, rows.filter((r) => r.courtId === c))),
    rows,
  };
};
