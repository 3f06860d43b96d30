/**
 * Folds AccountabilityCase events into the register. A case about a person records the person's
 * unit as the Organization had it when the case was proposed (so a later transfer does not move
 * the case to another unit in the rankings).
 */
import type { AccountabilityEvent } from '../campaign/accountability/events';
import type { RecordedEvent } from '../eventsourcing/envelope';
import { CannotApply } from './errors';
import { pmGet, pmSet, type PMap } from './pmap';
import type { CaseRow, Catalog } from './state';

const unitOf = (c: Catalog, subject: CaseRow['subject']): CaseRow['unit'] => {
  if (subject.kind === 'unit') return { courtId: subject.courtId, ...(subject.department === undefined ? {} : { department: subject.department }) };
  const p = pmGet(c.people, subject.personId);
  return p === undefined ? undefined : { courtId: p.courtId, ...(p.department === undefined ? {} : { department: p.department }) };
};

const step = (r: CaseRow, ev: AccountabilityEvent, e: RecordedEvent): CaseRow => {
  const at = e.metadata.recordedAt;
  switch (ev.type) {
    case 'accountability.case_proposed':
      throw new CannotApply(e.type, e.streamId, `case "${r.caseId}" was already proposed`);
    case 'accountability.facts_established':
      return { ...r, factsEstablished: true, facts: ev.data.facts, status: r.status === 'proposed' ? 'facts_established' : r.status };
    case 'accountability.sanction_decided': {
      const d = ev.data;
      return { ...r, status: 'sanctioned', sanction: { sanction: d.sanction, decidedBy: d.decidedBy, body: d.body, at, rationale: d.rationale } };
    }
    case 'accountability.case_dismissed':
      return { ...r, status: 'dismissed', dismissal: { decidedBy: ev.data.decidedBy, reason: ev.data.reason, at } };
    case 'accountability.published':
      return { ...r, published: [...r.published, { channel: ev.data.channel, at }] };
    case 'accountability.closed':
      return { ...r, status: 'closed', closedAt: at };
    case 'accountability.subject_notified': // the procedure before the decision (陈述申辩): kept in the case's stream
    case 'accountability.defence_stated':
    case 'accountability.defence_waived':
      return r;
  }
};

/** Folds one AccountabilityCase event into the register. */
export const applyAccountability = (rows: PMap<CaseRow>, catalog: Catalog, ev: AccountabilityEvent, e: RecordedEvent): PMap<CaseRow> => {
  const id = ev.data.caseId;
  const current = pmGet(rows, id);
  if (ev.type === 'accountability.case_proposed') {
    if (current !== undefined) throw new CannotApply(e.type, e.streamId, `case "${id}" was already proposed`);
    const d = ev.data;
    const unit = unitOf(catalog, d.subject);
    return pmSet(rows, id, {
      caseId: id, subject: d.subject, ...(unit === undefined ? {} : { unit }), grounds: d.grounds, summary: d.summary,
      evidence: [...d.evidence], confirmed: [...d.confirmed], status: 'proposed', factsEstablished: false, published: [],
      proposedAt: e.metadata.recordedAt,
    });
  }
  if (current === undefined) throw new CannotApply(e.type, e.streamId, `case "${id}" was never proposed`);
  return pmSet(rows, id, step(current, ev, e));
};
