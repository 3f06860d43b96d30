/** Names the office files print: the campaign's activity name and the organizing court. */
import type { Catalog } from '../readmodels/state';

/** The activity's name (the campaign's name without a trailing 实施方案 / 方案), or 本次活动 before a launch. */
export const activityName = (catalog: Pick<Catalog, 'campaign'>): string =>
  (catalog.campaign?.name ?? '本次活动').replace(/(实施)?方案$/, '') || '本次活动';

/** The organizing court's name, or its id when the court is unknown. */
export const organizerName = (catalog: Pick<Catalog, 'campaign' | 'courts'>): string => {
  const id = catalog.campaign?.organizerCourtId;
  return id === undefined ? '' : catalog.courts[id]?.name ?? id;
};

/** A court's name, or its id when unknown. */
export const courtName = (catalog: Pick<Catalog, 'courts'>, courtId: string): string => catalog.courts[courtId]?.name ?? courtId;
