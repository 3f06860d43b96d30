/**
 * Folds supervision item (督办事项) events into the items' rows, and follow-up events (the warnings
 * and the ladder's steps given about a problem or a task) into the follow-up rows. Every warning,
 * reminder and step is kept with the day it was given and the recorded time, so the read models can
 * show a "warnings given" log straight from the trail.
 */
import type { FollowUpEvent } from '../campaign/followup/events';
import type { SupervisionEvent } from '../campaign/supervision/events';
import type { RecordedEvent } from '../eventsourcing/envelope';
import { CannotApply } from './errors';
import { pmGet, pmSet, type PMap } from './pmap';
import type { FollowUpRow, SupervisionRow } from './state';

const step = (r: SupervisionRow, ev: SupervisionEvent, at: string): SupervisionRow => {
  switch (ev.type) {
    case 'supervision.proposed':
      return r;
    case 'supervision.opened':
      return { ...r, status: 'opened', number: ev.data.number, office: ev.data.office, openedAt: at };
    case 'supervision.approved':
      return { ...r, status: 'approved', approvedBy: ev.data.approvedBy };
    case 'supervision.assigned': {
      const { itemId: _id, co, ...a } = ev.data;
      return { ...r, status: 'assigned', assignment: { ...a, co: [...co] } };
    }
    case 'supervision.received':
      return { ...r, status: 'handling', receivedOn: ev.data.receivedOn };
    case 'supervision.feedback_given': {
      const { itemId: _id, ...f } = ev.data;
      return { ...r, status: f.final ? 'under_review' : r.status, feedback: [...r.feedback, f], lastPeriod: Math.max(r.lastPeriod, f.period) };
    }
    case 'supervision.review_passed':
      return { ...r, status: 'reviewed' };
    case 'supervision.returned':
      return { ...r, status: 'handling', returns: [...r.returns, { reason: ev.data.reason, by: ev.data.reviewedBy, at }] };
    case 'supervision.closed':
      return { ...r, status: 'closed', closedOn: ev.data.closedOn };
    case 'supervision.reminded': {
      const d = ev.data;
      return { ...r, notices: [...r.notices, { kind: 'reminder', unit: d.remindedUnit, by: d.remindedBy, rule: d.rule, day: d.day, ...(d.note === undefined ? {} : { note: d.note }), at }] };
    }
    case 'supervision.warned': {
      const d = ev.data;
      return { ...r, notices: [...r.notices, { kind: 'warning', colour: d.colour, unit: d.warnedUnit, by: d.warnedBy, rule: d.rule, day: d.day, at }] };
    }
  }
};

/** Folds one supervision item event. */
export const applySupervision = (rows: PMap<SupervisionRow>, ev: SupervisionEvent, e: RecordedEvent): PMap<SupervisionRow> => {
  const id = ev.data.itemId;
  const current = pmGet(rows, id);
  const at = e.metadata.recordedAt;
  if (ev.type === 'supervision.proposed') {
    if (current !== undefined) throw new CannotApply(e.type, e.streamId, `supervision item "${id}" was already proposed`);
    const d = ev.data;
    return pmSet(rows, id, {
      itemId: id, title: d.title, content: d.content, source: d.source, ...(d.subject === undefined ? {} : { subject: d.subject }),
      status: 'proposed', proposedBy: d.proposedBy, proposedAt: at, feedback: [], lastPeriod: 0, returns: [], notices: [],
    });
  }
  if (current === undefined) throw new CannotApply(e.type, e.streamId, `supervision item "${id}" was never proposed`);
  return pmSet(rows, id, step(current, ev, at));
};

/** Folds one follow-up event. */
export const applyFollowUp = (rows: PMap<FollowUpRow>, ev: FollowUpEvent, e: RecordedEvent): PMap<FollowUpRow> => {
  const d = ev.data;
  const key = d.subject.kind === 'problem' ? `problem:${d.subject.problemId}` : `task:${d.subject.taskId}`;
  const row = pmGet(rows, key) ?? { key, subject: d.subject, notices: [] };
  const common = {
    rule: d.rule, deadline: d.deadline, day: d.day, addressedTo: d.addressedTo, by: d.givenBy, at: e.metadata.recordedAt,
    ...(d.personId === undefined ? {} : { personId: d.personId }),
  };
  const notice = ev.type === 'follow_up.warned'
    ? { kind: 'warning' as const, colour: ev.data.colour, ...common }
    : { kind: 'escalation' as const, step: ev.data.step, ...common };
  return pmSet(rows, key, { ...row, notices: [...row.notices, notice] });
};
