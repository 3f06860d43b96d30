/**
 * Read-model benchmark scenarios. `fillCampaign(store, events)` writes a campaign-shaped history
 * (organization, campaign, tasks, then problems of nine events each: identified, registered,
 * responsibility, two measures, an extension, closure requested, verified, closed);
 * `projectLedger(store)` rebuilds the problem ledger from it and returns the events folded.
 */
import { campaignStreams } from '../src/campaign/streams';
import type { EventStore, NewEvent } from '../src/eventsourcing/index';
import { pmList } from '../src/readmodels/pmap';
import { problemLedgerProjection } from '../src/readmodels/projection';
import { orThrow } from '../src/eventsourcing/runnable';

const NS = 'bench';
const COURTS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'];
const START = Date.parse('2019-03-01T01:00:00.000Z');

const event = (n: number, type: string, data: unknown): NewEvent => {
  const eventId = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const at = new Date(START + n * 1000).toISOString();
  return { eventId, type, schemaVersion: 1, data, metadata: { actor: { id: 'office', posts: ['campaign_office'] }, correlationId: eventId, causationId: eventId, recordedAt: at, effectiveAt: at } };
};

const must = async (r: Promise<{ _tag: string; left?: { message: string } }>) => {
  const x = await r;
  if (x._tag === 'Left') throw new Error(x.left?.message);
};

const day = (n: number) => new Date(Date.parse('2019-04-01T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);

/** Writes a campaign history of about `events` events (rounded up to whole problems). */
export async function fillCampaign(store: EventStore, events: number): Promise<void> {
  const s = orThrow(campaignStreams(NS));
  let n = 0;
  await must(store.append(s.organization, COURTS.map((courtId, i) => event(n++, 'organization.court_registered', { courtId, name: `Court ${courtId}`, level: i === 0 ? 'intermediate' : 'grassroots' })), 'no_stream')());
  await must(store.append(s.campaign, [
    event(n++, 'campaign.launched', { campaignId: NS, name: 'Bench', organizerCourtId: 'C1', startYear: 2019, endYear: 2021, utcOffsetMinutes: 480 }),
    event(n++, 'campaign.category_defined', { categoryId: 'K1', name: 'All', firstTask: 1, lastTask: 37 }),
  ], 'no_stream')());
  for (let t = 1; t <= 37; t++) {
    await must(store.append(s.task(`T${t}`), [event(n++, 'task.issued', {
      taskId: `T${t}`, number: t, categoryId: 'K1', title: `Task ${t}`, leadDepartments: ['审管办'], coDepartments: [], scopeCourts: COURTS, dueDate: day(60),
    })], 'no_stream')());
  }
  for (let k = 1; n < events; k++) {
    const id = `P${k}`;
    const courtId = COURTS[k % COURTS.length] as string;
    await must(store.append(s.problem(id), [
      event(n++, 'problem.identified', { problemId: id, courtId, department: '审管办', taskId: `T${1 + (k % 37)}`, source: 'self_inspection', title: `Problem ${k}`, description: 'Found.', criterion: 'Rule', severity: 'minor', evidence: [] }),
      event(n++, 'problem.registered', { problemId: id, ledgerNumber: `TZ-${k}`, sequence: k }),
      event(n++, 'problem.responsibility_assigned', { problemId: id, leaderId: 'L1', courtId, department: '审管办', personId: 'S1' }),
      event(n++, 'problem.measure_planned', { problemId: id, measureId: 'M1', content: 'Fix.', deadline: day(k % 90) }),
      event(n++, 'problem.measure_planned', { problemId: id, measureId: 'M2', content: 'Train.', deadline: day(k % 60) }),
      event(n++, 'problem.extension_granted', { problemId: id, measureId: 'M1', requestId: 'X1', previousDeadline: day(k % 90), newDeadline: day((k % 90) + 10) }),
      event(n++, 'problem.closure_requested', { problemId: id, summary: 'Done.' }),
      event(n++, 'problem.verified', { problemId: id, verifierId: 'V1', note: 'Checked.' }),
      event(n++, 'problem.closed', { problemId: id, verifierId: 'V1' }),
    ], 'no_stream')());
  }
}

/** Rebuilds the problem ledger from every event of the store; returns the number of events folded. */
export async function projectLedger(store: EventStore): Promise<number> {
  const p = problemLedgerProjection();
  let state = p.initialState;
  let count = 0;
  for await (const e of store.readAll()) {
    state = p.apply(state, e);
    count++;
  }
  if (count > 0 && pmList(state.problems).length === 0) throw new Error('the ledger is empty after folding the events');
  return count;
}
