/** Folds Inspection events: plan, seed commitment and reveal, visits, findings and spot checks. */
import type { InspectionEvent } from '../campaign/inspection/events';
import type { RecordedEvent } from '../eventsourcing/envelope';
import { nextCloseOfDay } from '../campaign/time';
import { CannotApply } from './errors';
import { pmGet, pmSet, type PMap } from './pmap';
import type { InspectionRow } from './state';

const step = (r: InspectionRow, ev: InspectionEvent, e: RecordedEvent): InspectionRow => {
  const at = e.metadata.recordedAt;
  switch (ev.type) {
    case 'inspection.planned':
      throw new CannotApply(e.type, e.streamId, `inspection "${r.inspectionId}" was already planned`);
    case 'inspection.seed_committed': {
      const d = ev.data;
      return {
        ...r,
        commitment: {
          commitment: d.commitment, candidates: [...d.candidates], count: d.count, committedAt: d.committedAt,
          utcOffsetMinutes: d.utcOffsetMinutes, recordedAt: at, position: e.position.toString(),
        },
      };
    }
    case 'inspection.visit_recorded':
      return { ...r, visits: [...r.visits, { courtId: ev.data.courtId, visitedOn: ev.data.visitedOn, at }] };
    case 'inspection.finding_recorded':
      return { ...r, findings: [...r.findings, { findingId: ev.data.findingId, courtId: ev.data.courtId }] };
    case 'inspection.finding_linked': {
      const { findingId, problemId } = ev.data;
      if (!r.findings.some((f) => f.findingId === findingId)) {
        throw new CannotApply(e.type, e.streamId, `finding "${findingId}" of inspection "${r.inspectionId}" was never recorded`);
      }
      return { ...r, findings: r.findings.map((f) => (f.findingId === findingId ? { ...f, problemId } : f)) };
    }
    case 'inspection.spot_check_recorded': {
      const d = ev.data;
      return { ...r, spotChecks: [...r.spotChecks, { checkId: d.checkId, problemId: d.problemId, courtId: d.courtId, problemStatus: d.problemStatus, passed: d.passed }] };
    }
    case 'inspection.seed_revealed': {
      const d = ev.data;
      return { ...r, reveal: { seed: d.seed, beacon: { ...d.beacon }, targets: [...d.targets], undrawnVisits: [...d.undrawnVisits], at } };
    }
    case 'inspection.concluded':
      return { ...r, concludedAt: at };
  }
};

/**
 * The beacon watch: for each commitment still waiting, the first event after it (in global order,
 * in the same campaign namespace) recorded at or after the next local midnight after the
 * commitment and not issued by the inspection office — the event the domain's `findBeacon` picks.
 */
export const watchBeacons = (rows: PMap<InspectionRow>, pending: readonly string[], e: RecordedEvent): { rows: PMap<InspectionRow>; pending: readonly string[] } => {
  let next = rows;
  const still: string[] = [];
  for (const id of pending) {
    const r = pmGet(next, id);
    const c = r?.commitment;
    if (r === undefined || c === undefined) continue;
    const ns = r.streamId.slice(0, r.streamId.indexOf('/') + 1);
    const qualifies = e.position > BigInt(c.position) && e.streamId.startsWith(ns) &&
      Date.parse(e.metadata.recordedAt) >= Date.parse(nextCloseOfDay(c.committedAt, c.utcOffsetMinutes)) &&
      !e.metadata.actor.posts.includes('inspection_office');
    if (!qualifies) { still.push(id); continue; }
    const observedBeacon = { eventId: e.eventId, hash: e.hash, recordedAt: e.metadata.recordedAt, position: e.position.toString() };
    next = pmSet(next, id, { ...r, commitment: { ...c, observedBeacon } });
  }
  return { rows: next, pending: still };
};

/** Folds one Inspection event into the inspection rows. */
export const applyInspection = (rows: PMap<InspectionRow>, ev: InspectionEvent, e: RecordedEvent): PMap<InspectionRow> => {
  const id = ev.data.inspectionId;
  const current = pmGet(rows, id);
  if (ev.type === 'inspection.planned') {
    if (current !== undefined) throw new CannotApply(e.type, e.streamId, `inspection "${id}" was already planned`);
    const d = ev.data;
    return pmSet(rows, id, {
      inspectionId: id, kind: d.kind, title: d.title, targets: [...d.targets], ...(d.periodId === undefined ? {} : { periodId: d.periodId }),
      streamId: e.streamId, plannedAt: e.metadata.recordedAt, visits: [], findings: [], spotChecks: [],
    });
  }
  if (current === undefined) throw new CannotApply(e.type, e.streamId, `inspection "${id}" was never planned`);
  return pmSet(rows, id, step(current, ev, e));
};
