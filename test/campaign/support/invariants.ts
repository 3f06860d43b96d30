/**
 * Invariants of a campaign's stored events, checked from the events alone (no domain code), so
 * the property tests do not trust the deciders they test.
 */
import type { RecordedEvent } from '../../../src/eventsourcing/envelope';

type D = Record<string, any>;

/** Returns every broken invariant (empty when all hold). */
export const brokenInvariants = (events: readonly RecordedEvent[]): string[] => {
  const broken: string[] = [];
  const byStream = new Map<string, RecordedEvent[]>();
  for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
  const numbers = new Map<string, string>();
  const firstResponsible = new Map<string, number>();

  for (const [streamId, stream] of byStream) {
    if (streamId.includes('/problem/')) {
      const measures = new Map<string, boolean>();
      let evidence = 0;
      let resp: D | undefined;
      let verification: RecordedEvent | undefined;
      for (const e of stream) {
        const d = e.data as D;
        switch (e.type) {
          case 'problem.registered':
            if (numbers.has(d.ledgerNumber)) broken.push(`ledger number ${d.ledgerNumber} used twice`);
            numbers.set(d.ledgerNumber, d.problemId);
            break;
          case 'problem.responsibility_assigned': resp = d; break;
          case 'problem.measure_planned': measures.set(d.measureId, false); break;
          case 'problem.measure_completed': measures.set(d.measureId, true); break;
          case 'problem.evidence_attached': evidence++; break;
          case 'problem.reopened': evidence = 0; verification = undefined; break;
          case 'problem.verification_returned': verification = undefined; break;
          case 'problem.verified': {
            verification = e;
            const a = e.metadata.actor;
            if (!a.posts.includes('verifier')) broken.push(`${streamId}: verified by ${a.id} without verifier authority`);
            if (resp && (a.id === resp.personId || a.unit === `${resp.courtId}/${resp.department}`)) broken.push(`${streamId}: verified by ${a.id}, not independent`);
            break;
          }
          case 'problem.closed':
            if (measures.size === 0 || [...measures.values()].some((x) => !x)) broken.push(`${streamId}: closed with measures not done`);
            if (evidence === 0) broken.push(`${streamId}: closed without evidence`);
            if (verification === undefined) broken.push(`${streamId}: closed without verification`);
            break;
          default:
        }
      }
    }
    if (streamId.includes('/task/')) {
      let due: string | undefined;
      const requests = new Map<string, RecordedEvent>();
      for (const e of stream) {
        const d = e.data as D;
        if (e.type === 'task.issued') due = d.dueDate;
        if (e.type === 'task.extension_requested') {
          requests.set(d.requestId, e);
          const local = new Date(Date.parse(e.metadata.recordedAt) + 8 * 3600_000).toISOString().slice(0, 10);
          if (due === undefined || local > due) broken.push(`${streamId}: extension ${d.requestId} requested after the due date`);
        }
        if (e.type === 'task.extension_granted') {
          if (!requests.has(d.requestId)) broken.push(`${streamId}: due date moved without a request`);
          if (d.previousDueDate !== due) broken.push(`${streamId}: extension from a due date that was not current`);
          due = d.newDueDate;
        }
      }
    }
    if (streamId.includes('/report/')) {
      let version = 0;
      let awaiting = false;
      for (const e of stream) {
        const d = e.data as D;
        if (e.type === 'report.submitted') {
          if (awaiting) broken.push(`${streamId}: version ${d.version} submitted over a version awaiting a decision`);
          if (d.version !== version + 1) broken.push(`${streamId}: version ${d.version} after ${version}`);
          version = d.version;
          awaiting = true;
        }
        if (e.type === 'report.accepted' || e.type === 'report.returned') awaiting = false;
      }
    }
    if (streamId.endsWith('/campaign')) {
      for (const e of stream) {
        if (e.type === 'campaign.first_responsible_designated') {
          const c = (e.data as D).courtId as string;
          firstResponsible.set(c, (firstResponsible.get(c) ?? 0) + 1);
        }
      }
    }
  }
  for (const [court, n] of firstResponsible) if (n > 1) broken.push(`court ${court} has ${n} first responsible designations`);
  return broken;
};
