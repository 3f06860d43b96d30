/**
 * One pass over a campaign's events, folding what the reactions need: every inspection (and the
 * event that recorded each finding), every problem (with the event that identified it and the
 * event that set each measure's current deadline), and the accountability cases that exist.
 */
import * as E from 'fp-ts/Either';
import type { CodecRegistry } from '../../eventsourcing/codecs';
import type { RecordedEvent } from '../../eventsourcing/envelope';
import { errors, isLedgerFailure, type LedgerError } from '../../eventsourcing/errors';
import type { EventStore } from '../../eventsourcing/store';
import { evolveInspection, initialInspection, type InspectionState } from '../inspection/state';
import type { InspectionEvent } from '../inspection/events';
import { evolveProblem, initialProblem, type ProblemState } from '../problem/state';
import type { ProblemEvent } from '../problem/events';
import { parseStreamId, type CampaignStreams } from '../streams';
import { evolveFollowUp, initialFollowUp, type FollowUpState } from '../followup/state';
import type { FollowUpEvent } from '../followup/events';
import { evolveSupervision, initialSupervision, type SupervisionState } from '../supervision/state';
import type { SupervisionEvent } from '../supervision/events';
import { evolveTask, initialTask, type TaskState } from '../task/state';
import type { TaskEvent } from '../task/events';

/** A task as the reactions see it. */
export interface ScannedTask {
  readonly taskId: string;
  state: TaskState;
  /** The event that set its current due date. */
  dueSetBy?: RecordedEvent;
}

/** A supervision item as the reactions see it. */
export interface ScannedItem {
  readonly itemId: string;
  state: SupervisionState;
  /** The event that assigned it. */
  assignedBy?: RecordedEvent;
}

/** A problem as the reactions see it. */
export interface ScannedProblem {
  readonly problemId: string;
  state: ProblemState;
  identifiedBy?: RecordedEvent;
  /** Measure id → the event that set its current deadline. */
  readonly deadlineSetBy: Map<string, RecordedEvent>;
}

/** An inspection as the reactions see it. */
export interface ScannedInspection {
  readonly inspectionId: string;
  state: InspectionState;
  /** Finding id → the event that recorded it. */
  readonly findingEvents: Map<string, RecordedEvent>;
}

/** What one scan found. */
export interface Scan {
  readonly problems: Map<string, ScannedProblem>;
  readonly inspections: Map<string, ScannedInspection>;
  readonly cases: Set<string>;
  readonly tasks: Map<string, ScannedTask>;
  readonly items: Map<string, ScannedItem>;
  /** `${kind}:${id}` → the follow-up of that problem or task. */
  readonly followUps: Map<string, FollowUpState>;
}

/** Reads every event of the campaign once and folds what the reactions need. */
export const scanCampaign = async (store: EventStore, registry: CodecRegistry, streams: CampaignStreams): Promise<E.Either<LedgerError, Scan>> => {
  const scan: Scan = { problems: new Map(), inspections: new Map(), cases: new Set(), tasks: new Map(), items: new Map(), followUps: new Map() };
  try {
    for await (const raw of store.readAll({ streamPrefix: streams.prefix })) {
      const where = parseStreamId(streams.namespace, raw.streamId);
      if (where?.id === undefined) continue;
      const up = registry.upcast(raw);
      if (E.isLeft(up)) return E.left(errors.corrupt(raw.position, up.left, raw.streamId));
      const e = up.right;
      if (where.aggregate === 'problem') {
        const p: ScannedProblem = scan.problems.get(where.id) ?? { problemId: where.id, state: initialProblem, deadlineSetBy: new Map() };
        p.state = evolveProblem(p.state, e as unknown as ProblemEvent);
        if (e.type === 'problem.identified') p.identifiedBy = e;
        if (e.type === 'problem.measure_planned' || e.type === 'problem.extension_granted') p.deadlineSetBy.set((e.data as { measureId: string }).measureId, e);
        scan.problems.set(where.id, p);
      } else if (where.aggregate === 'inspection') {
        const i: ScannedInspection = scan.inspections.get(where.id) ?? { inspectionId: where.id, state: initialInspection, findingEvents: new Map() };
        i.state = evolveInspection(i.state, e as unknown as InspectionEvent);
        if (e.type === 'inspection.finding_recorded') i.findingEvents.set((e.data as { findingId: string }).findingId, e);
        scan.inspections.set(where.id, i);
      } else if (where.aggregate === 'accountability') {
        scan.cases.add(where.id);
      } else if (where.aggregate === 'task') {
        const t: ScannedTask = scan.tasks.get(where.id) ?? { taskId: where.id, state: initialTask };
        t.state = evolveTask(t.state, e as unknown as TaskEvent);
        if (e.type === 'task.issued' || e.type === 'task.extension_granted') t.dueSetBy = e;
        scan.tasks.set(where.id, t);
      } else if (where.aggregate === 'supervision') {
        const i: ScannedItem = scan.items.get(where.id) ?? { itemId: where.id, state: initialSupervision };
        i.state = evolveSupervision(i.state, e as unknown as SupervisionEvent);
        if (e.type === 'supervision.assigned') i.assignedBy = e;
        scan.items.set(where.id, i);
      } else if (where.aggregate === 'follow-up') {
        scan.followUps.set(where.id, evolveFollowUp(scan.followUps.get(where.id) ?? initialFollowUp, e as unknown as FollowUpEvent));
      }
    }
  } catch (x) {
    return E.left(isLedgerFailure(x) ? x.error : errors.unavailable(x instanceof Error ? x.message : String(x), x));
  }
  return E.right(scan);
};
