/**
 * Invariants of a campaign's stored events, checked from the events alone (no domain code), so
 * the property tests do not trust the deciders they test.
 */
import type { RecordedEvent } from '../../../src/eventsourcing/envelope';

type D = Record<string, any>;

/** The events of decisions taken with four eyes, and the kind of action each was proposed as. */
const FOUR_EYES: Record<string, string | undefined> = {
  'problem.closed': 'close', 'problem.withdrawn': 'withdraw', 'problem.extension_granted': 'grant_extension',
  'task.extension_granted': 'grant_extension', 'task.evaluated': 'evaluate',
};

/** Returns every broken invariant (empty when all hold). */
export const brokenInvariants = (events: readonly RecordedEvent[]): string[] => {
  const broken: string[] = [];
  const byStream = new Map<string, RecordedEvent[]>();
  for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
  const numbers = new Map<string, string>();
  const firstResponsible = new Map<string, number>();

  for (const [streamId, stream] of byStream) {
    // Four eyes: each decision that ends or eases a duty was proposed earlier by office staff (the
    // campaign office, or a court's own office for its ledger) and approved, by whoever recorded it,
    // with the right (an office head, a court president for its own ledger, the leading group), never by the proposer.
    const proposals = new Map<string, RecordedEvent>();
    for (const e of stream) {
      const d = e.data as D;
      if (e.type === 'problem.decision_proposed' || e.type === 'task.decision_proposed') {
        proposals.set(d.proposalId, e);
        if (!e.metadata.actor.posts.some((x) => x === 'campaign_office' || x === 'court_office')) broken.push(`${streamId}: ${d.proposalId} proposed by ${e.metadata.actor.id}, not office staff`);
      }
      const kind = FOUR_EYES[e.type];
      if (kind === undefined) continue;
      const proposal = proposals.get(d.proposalId);
      const a = e.metadata.actor;
      if (proposal === undefined || (proposal.data as D).action.kind !== kind) { broken.push(`${streamId}: ${e.type} without a proposal of it`); continue; }
      proposals.delete(d.proposalId); // decided once
      if (d.approvedBy !== a.id) broken.push(`${streamId}: ${e.type} approved by ${d.approvedBy} but recorded by ${a.id}`);
      if (a.id === proposal.metadata.actor.id || d.proposedBy !== proposal.metadata.actor.id) broken.push(`${streamId}: ${e.type} approved by its proposer`);
      const head = (a.posts.includes('campaign_office') || a.posts.includes('court_office')) && a.posts.includes('department_head')
        || (kind === 'close' && a.posts.includes('court_president'));
      if (!head && !a.posts.some((x) => x.startsWith('leading_group_'))) broken.push(`${streamId}: ${e.type} approved by ${a.id} without the right`);
    }
    if (streamId.includes('/problem/')) {
      const measures = new Map<string, boolean>();
      let evidence = 0;
      let resp: D | undefined;
      let verification: RecordedEvent | undefined;
      let keeper: string | undefined;
      const keptBy = (e: RecordedEvent, what: string) => {
        const a = e.metadata.actor;
        if (!a.posts.includes('system') && (a.unit ?? '').split('/')[0] !== keeper) broken.push(`${streamId}: ${what} by ${a.id} of ${a.unit}, not of the keeping court ${keeper ?? '?'}`);
      };
      for (const e of stream) {
        const d = e.data as D;
        switch (e.type) {
          case 'problem.identified': keeper = d.courtId; break;
          case 'problem.taken_over': keeper = d.byCourtId; break;
          case 'problem.handling_returned': evidence = 0; verification = undefined; break;
          case 'problem.registered':
            keptBy(e, 'registered');
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
            keptBy(e, 'closed');
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
