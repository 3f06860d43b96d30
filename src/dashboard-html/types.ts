/**
 * What the HTML dashboard is given besides the dashboard JSON: display names, the open/closed
 * series over time and the trail's verification status. All plain JSON (no bigints, no Maps).
 */
import type { Dashboard } from '../readmodels/dashboard';

export type { Dashboard };

/** One point of the open-vs-closed series: counts at the end of a local day. */
export interface TrendPoint {
  /** Local date (`YYYY-MM-DD`); the counts are as recorded by the end of that day. */
  readonly date: string;
  /** Problems identified by then and not withdrawn. */
  readonly identified: number;
  readonly open: number;
  readonly closed: number;
}

/** The trail's verification status and digest, as shown on the dashboard. */
export interface TrailStatus {
  readonly ok: boolean;
  /** `self-consistency` or `external-digest`. */
  readonly assurance: string;
  /** What was checked and what it proves, in plain words. */
  readonly statement: string;
  readonly events: number;
  readonly streams: number;
  readonly findingCount: number;
  /** The first failure in words, null when none. */
  readonly firstFailure: string | null;
  /** The digest of the trail as verified, null when none was made. */
  readonly digest: {
    readonly treeSize: number;
    readonly rootHash: string;
    readonly lastPosition: string;
    readonly createdAt: string;
    /** Key id of the signature, null when unsigned. */
    readonly keyId: string | null;
  } | null;
}

/** Display names for ids the dashboard JSON carries; an id without a name is shown as it is. */
export interface DashboardNames {
  readonly courts?: Readonly<Record<string, string>>;
  readonly people?: Readonly<Record<string, string>>;
  readonly categories?: Readonly<Record<string, string>>;
  /** English names of departments (shown beside the Chinese ones where known). */
  readonly departmentsEn?: Readonly<Record<string, string>>;
}

/** Options of `renderDashboardHtml`. Every field is optional. */
export interface RenderOptions {
  /** The page title. Default: the campaign's name, or "Campaign dashboard". */
  readonly title?: string;
  readonly names?: DashboardNames;
  /** Open vs closed problems over time; the chart says it was not provided when absent. */
  readonly trend?: readonly TrendPoint[];
  /** The trail's verification; the section says it was not verified when absent. */
  readonly trail?: TrailStatus;
  /** HTML `lang` of the page. Default `zh-CN` (the data's labels are Chinese; English is shown beside). */
  readonly lang?: string;
}
