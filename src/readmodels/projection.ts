/**
 * The read-model projections: pure folds over recorded events, rebuildable from events alone.
 * Every projection folds the shared catalog (Organization, Campaign, task index) plus the slices it
 * needs. Events are checked (and upcast) with the campaign codec registry first: an event of a
 * campaign aggregate that is unknown or invalid, or that names an entity never created, throws
 * {@link CannotApply}, so a runner stops on it (with its position) instead of skipping it.
 * Events of other aggregates (e.g. ledger-number reservations) leave the state as it is.
 */
import type { AccountabilityEvent } from '../campaign/accountability/events';
import type { CampaignEvent } from '../campaign/campaign/events';
import type { InspectionEvent } from '../campaign/inspection/events';
import type { OrganizationEvent } from '../campaign/organization/events';
import type { ProblemEvent } from '../campaign/problem/events';
import { createCampaignRegistry } from '../campaign/registry';
import type { RegulationEvent } from '../campaign/regulation/events';
import type { ReportEvent } from '../campaign/report/events';
import type { FollowUpEvent } from '../campaign/followup/events';
import type { SupervisionEvent } from '../campaign/supervision/events';
import type { TaskEvent } from '../campaign/task/events';
import type { RecordedEvent } from '../eventsourcing/envelope';
import type { Projection } from '../eventsourcing/projection';
import { applyAccountability } from './apply-accountability';
import { applyCampaign, applyOrganization, indexTask } from './apply-catalog';
import { applyInspection, watchBeacons } from './apply-inspection';
import { applyProblem } from './apply-problem';
import { applyRegulation } from './apply-regulation';
import { applyReport } from './apply-report';
import { applySupervision, applyFollowUp } from './apply-supervision';
import { applyTask } from './apply-task';
import { CannotApply } from './errors';
import { pmEmpty } from './pmap';
import { emptyState, type ReadModelState } from './state';

/** A slice of the state a projection can fold (the catalog is always folded). */
export type Slice = 'problems' | 'tasks' | 'reports' | 'inspections' | 'cases' | 'regulations' | 'supervision';

/** Bump when any fold changes: runners then rebuild every read model from the start. */
export const READ_MODEL_VERSION = 2;

const AGGREGATES = new Set(['organization', 'campaign', 'task', 'problem', 'report', 'inspection', 'accountability', 'regulation', 'supervision', 'follow_up']);
const registry = createCampaignRegistry();

/** The apply function of a projection folding `slices`. */
export const applyWith = (slices: ReadonlySet<Slice>) => (s: ReadModelState, e: RecordedEvent): ReadModelState => {
  const lastPosition = e.position.toString();
  if (s.pendingBeacons.length > 0) {
    const watched = watchBeacons(s.inspections, s.pendingBeacons, e);
    s = { ...s, inspections: watched.rows, pendingBeacons: watched.pending };
  }
  const aggregate = e.type.slice(0, Math.max(0, e.type.indexOf('.')));
  if (!AGGREGATES.has(aggregate)) return { ...s, lastPosition };
  const checked = registry.upcast(e);
  if (checked._tag === 'Left') throw new CannotApply(e.type, e.streamId, checked.left);
  const ev = { type: e.type, data: checked.right.data } as { type: string; data: never };
  const next = { ...s, lastPosition };
  switch (aggregate) {
    case 'organization': return { ...next, catalog: applyOrganization(s.catalog, ev as OrganizationEvent, e) };
    case 'campaign': return { ...next, catalog: applyCampaign(s.catalog, ev as CampaignEvent) };
    case 'task': {
      const t = ev as TaskEvent;
      const catalog = t.type === 'task.issued' ? indexTask(s.catalog, t.data, e) : s.catalog;
      return { ...next, catalog, ...(slices.has('tasks') ? { tasks: applyTask(s.tasks, t, e) } : {}) };
    }
    case 'problem': return slices.has('problems') ? { ...next, problems: applyProblem(s.problems, ev as ProblemEvent, e) } : next;
    case 'report': return slices.has('reports') ? { ...next, reports: applyReport(s.reports, ev as ReportEvent, e) } : next;
    case 'inspection': {
      if (!slices.has('inspections')) return next;
      const i = ev as InspectionEvent;
      const pendingBeacons = i.type === 'inspection.seed_committed' && !s.pendingBeacons.includes(i.data.inspectionId)
        ? [...s.pendingBeacons, i.data.inspectionId] : s.pendingBeacons;
      return { ...next, inspections: applyInspection(s.inspections, i, e), pendingBeacons };
    }
    case 'regulation': return slices.has('regulations') ? { ...next, regulations: applyRegulation(s.regulations, ev as RegulationEvent, e) } : next;
    case 'supervision': return slices.has('supervision') ? { ...next, supervision: applySupervision(s.supervision, ev as SupervisionEvent, e) } : next;
    case 'follow_up': return slices.has('supervision') ? { ...next, followUps: applyFollowUp(s.followUps, ev as FollowUpEvent, e) } : next;
    default: return slices.has('cases') ? { ...next, cases: applyAccountability(s.cases, s.catalog, ev as AccountabilityEvent, e) } : next;
  }
};

/** Writes a state as JSON (it is plain JSON already). */
export const serializeState = (s: ReadModelState): string => JSON.stringify(s);

/** Reads a state written by {@link serializeState}; throws on anything else. */
export const deserializeState = (text: string): ReadModelState => {
  const s = JSON.parse(text) as Partial<ReadModelState> | null;
  const ok = typeof s === 'object' && s !== null && typeof s.catalog === 'object' && Array.isArray(s.pendingBeacons) &&
    (['problems', 'tasks', 'reports', 'inspections', 'cases'] as const).every((k) => Array.isArray(s[k]?.root));
  if (!ok) throw new Error('not a read-model state');
  // A state written before rule entries, supervision items or follow-ups were folded has none of them.
  return { ...s, regulations: s.regulations ?? pmEmpty(), supervision: s.supervision ?? pmEmpty(), followUps: s.followUps ?? pmEmpty() } as ReadModelState;
};

/** Options of every read-model projection. */
export interface ReadModelOptions {
  /** Fold only this campaign namespace (streams `${namespace}/…`); the name gets `@${namespace}`. */
  readonly namespace?: string;
}

/** Builds a projection folding the catalog and `slices`. */
export const readModelProjection = (baseName: string, slices: readonly Slice[], options: ReadModelOptions = {}): Projection<ReadModelState> => ({
  name: options.namespace === undefined ? baseName : `${baseName}@${options.namespace}`,
  version: READ_MODEL_VERSION,
  initialState: emptyState(),
  apply: applyWith(new Set(slices)),
  ...(options.namespace === undefined ? {} : { streamPrefix: `${options.namespace}/` }),
  serialize: serializeState,
  deserialize: deserializeState,
});

/** The problem ledger (also the overdue list, colour board and rectification rates). */
export const problemLedgerProjection = (o?: ReadModelOptions) => readModelProjection('readmodel.problem-ledger', ['problems'], o);
/** The task matrix (with the problems linked to each task). */
export const taskMatrixProjection = (o?: ReadModelOptions) => readModelProjection('readmodel.task-matrix', ['tasks', 'problems'], o);
/** The report tracker and reported-vs-computed (reports with the problems they describe). */
export const reportsProjection = (o?: ReadModelOptions) => readModelProjection('readmodel.reports', ['reports', 'problems'], o);
/** Inspection coverage and the unannounced-inspection record. */
export const inspectionsProjection = (o?: ReadModelOptions) => readModelProjection('readmodel.inspections', ['inspections'], o);
/** The accountability register and rankings (with the problems and returned reports the rankings weigh). */
export const accountabilityProjection = (o?: ReadModelOptions) => readModelProjection('readmodel.accountability', ['cases', 'problems', 'reports'], o);
/** Supervision items (督办事项) and the follow-up of problems and tasks (warnings, reminders, the ladder's steps). */
export const supervisionProjection = (o?: ReadModelOptions) => readModelProjection('readmodel.supervision', ['supervision', 'problems'], o);
/** Every slice: what the dashboard reads. */
export const campaignReadModel = (o?: ReadModelOptions) =>
  readModelProjection('readmodel.campaign', ['problems', 'tasks', 'reports', 'inspections', 'cases', 'regulations', 'supervision'], o);
