/**
 * The `command-throughput` scenario: a campaign-shaped mix of commands through the facade, after a
 * history of a given size. `setUpHistory(store, events)` runs the demo's May set-up through the
 * facade (organization, campaign from the plan, 37 tasks issued, accepted and decomposed), then
 * writes closed problems through the store's batched append until the trail holds `events` events
 * (each problem: identified, registered with a number reserved in the ledger-number stream,
 * responsibility, a measure planned and completed, evidence, closure requested, verified, closed).
 * `runCommands(store, commands)` times a fresh ledger (nothing cached) running whole problem
 * lifecycles — identify, register, assign, plan, complete, attach evidence, request closure,
 * verify, propose closing off and approve it (four eyes) — at the grassroots courts, and returns the number of commands.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { createCampaignLedger, type CampaignLedger } from '../src/campaign/ledger';
import { campaignStreams } from '../src/campaign/streams';
import { defaultLedgerNumber } from '../src/campaign/numbering';
import { problemTemplates } from '../src/demo/catalogue';
import { createScenarioClock, type ScenarioClock } from '../src/demo/clock';
import { createDemoContext } from '../src/demo/context';
import { departmentPerson, grassrootsCourts } from '../src/demo/organization';
import { createRandom } from '../src/demo/random';
import { OFFICE, officeHeadOf, officeOf, setUp, taskId } from '../src/demo/setup';
import type { EventStore, NewEvent } from '../src/eventsourcing/index';
import { orThrow } from '../src/eventsourcing/runnable';

const NS = 'bench-commands';
const streams = orThrow(campaignStreams(NS));
const templates = problemTemplates.filter((t) => !t.intermediateOnly);
/** Problems of the history per batched append of ledger-number reservations. */
const BATCH = 100;

const must = <A>(r: E.Either<{ readonly message: string }, A>, what: string): A => {
  if (E.isLeft(r)) throw new Error(`${what}: ${r.left.message}`);
  return r.right;
};

const courtOf = (k: number) => grassrootsCourts[k % grassrootsCourts.length]!.courtId;
const templateOf = (k: number) => templates[k % templates.length]!;

let idSeq = 0;
const nextId = () => {
  idSeq++;
  return `018f0000-0000-7000-8000-${idSeq.toString(16).padStart(12, '0')}`;
};

const fact = (type: string, data: unknown, actorId: string): NewEvent => {
  const eventId = nextId();
  const at = '2019-06-30T01:00:00.000Z';
  return {
    eventId, type, schemaVersion: 1, data,
    metadata: { actor: { id: actorId, posts: ['staff'] }, correlationId: eventId, causationId: eventId, recordedAt: at, effectiveAt: at },
  };
};

/** The events of history problem `k` (numbered `k`, closed). */
const historyProblem = (k: number, ledgerNumber: string, sequence: number): NewEvent[] => {
  const problemId = `H-${k}`;
  const courtId = courtOf(k);
  const t = templateOf(k);
  const staff = departmentPerson(courtId, t.department, 'staff').personId;
  const verifierId = `${courtId}-verifier`;
  return [
    fact('problem.identified', {
      problemId, courtId, department: t.department, taskId: taskId(t.task), source: 'self_inspection',
      title: t.title, description: t.description, criterion: t.criterion, severity: t.severity, evidence: [],
    }, staff),
    fact('problem.registered', { problemId, ledgerNumber, sequence }, OFFICE),
    fact('problem.responsibility_assigned', { problemId, leaderId: `${courtId}-vp`, courtId, department: t.department, personId: staff }, `${courtId}-president`),
    fact('problem.measure_planned', { problemId, measureId: 'M1', content: t.measures[0] ?? '整改', deadline: '2019-11-29' }, staff),
    fact('problem.measure_completed', { problemId, measureId: 'M1', note: '已完成', completedBy: staff }, staff),
    fact('problem.evidence_attached', { problemId, evidence: { sha256: k.toString(16).padStart(64, '0'), description: '整改材料' } }, staff),
    fact('problem.closure_requested', { problemId, summary: '整改完成' }, staff),
    fact('problem.verified', { problemId, verifierId, note: '核查属实' }, verifierId),
    fact('problem.closed', { problemId, verifierId }, OFFICE),
  ];
};

const countEvents = async (store: EventStore): Promise<number> => {
  const head = await store.streamHead(streams.organization)();
  if (E.isLeft(head)) throw new Error(head.left.message);
  let n = 0;
  for await (const e of store.readAll({ streamPrefix: `${NS}/` })) if (e.position > 0n) n++;
  return n;
};

/** The set-up through the facade, then closed problems by batched appends up to about `events` events. */
export async function setUpHistory(store: EventStore, events: number): Promise<{ readonly events: number; readonly problems: number }> {
  const ctx = createDemoContext({ store, namespace: NS, clock: createScenarioClock('2019-05-20'), random: createRandom(2019) });
  await setUp(ctx);
  let n = await countEvents(store);
  // Each court numbers its own ledger: one counter stream per court (of 2019), appended to per batch.
  const counters = new Map<string, { sequence: number; revision: bigint | 'no_stream' }>();
  let k = 0;
  while (n < events) {
    const reservations = new Map<string, NewEvent[]>();
    for (let b = 0; b < BATCH && n < events; b++) {
      k++;
      const courtId = courtOf(k);
      const counter = counters.get(courtId) ?? { sequence: 0, revision: 'no_stream' };
      counters.set(courtId, counter);
      const sequence = ++counter.sequence;
      const ledgerNumber = defaultLedgerNumber(courtId, 2019, sequence);
      must(await store.append(streams.problem(`H-${k}`), historyProblem(k, ledgerNumber, sequence), 'no_stream')(), `history problem ${k}`);
      const list = reservations.get(courtId) ?? [];
      reservations.set(courtId, list);
      list.push(fact('ledger_number.reserved', { problemId: `H-${k}`, courtId, year: 2019, sequence, ledgerNumber }, OFFICE));
      n += 10;
    }
    for (const [courtId, list] of reservations) {
      const counter = counters.get(courtId)!;
      counter.revision = must(await store.append(streams.ledgerNumbers(courtId, 2019), list, counter.revision)(), 'ledger-number reservations').lastRevision;
    }
  }
  return { events: n, problems: k };
}

const run = async <A>(label: string, command: TaskEither<{ readonly message: string }, A>): Promise<A> => must(await command(), label);

/** One whole problem lifecycle at a grassroots court: 10 commands. */
const lifecycle = async (ledger: CampaignLedger, clock: ScenarioClock, k: number, evidence: string): Promise<number> => {
  const P = ledger.problem;
  const problemId = `N-${k}`;
  const courtId = courtOf(k);
  const t = templateOf(k);
  const staff = departmentPerson(courtId, t.department, 'staff').personId;
  const verifier = t.department === '审管办' ? 'zy-verifier-1' : `${courtId}-verifier`;
  clock.at('2019-07-01', '09:00');
  await run('identify', P.identify(staff, {
    problemId, courtId, source: 'self_inspection', department: t.department, taskId: taskId(t.task),
    title: t.title, description: t.description, criterion: t.criterion, severity: t.severity,
  }));
  await run('register', P.register(officeOf(courtId), { problemId }));
  await run('assign', P.assignResponsibility(`${courtId}-president`, { problemId, leaderId: `${courtId}-vp`, department: t.department, personId: staff }));
  await run('plan', P.planMeasure(staff, { problemId, measureId: 'M1', content: t.measures[0] ?? '整改', deadline: '2019-11-29' }));
  await run('complete', P.completeMeasure(staff, { problemId, measureId: 'M1', note: '按计划完成整改措施。' }));
  await run('evidence', P.attachEvidence(staff, { problemId, evidence: { sha256: evidence, description: '整改台账及佐证材料' } }));
  await run('request closure', P.requestClosure(staff, { problemId, summary: '整改措施已全部完成，申请销号。' }));
  await run('verify', P.verify(verifier, { problemId, note: '经现场核查和材料审核，整改属实。' }));
  await run('propose close', P.propose(officeOf(courtId), { problemId, proposalId: 'C1', action: { kind: 'close' } })); // four eyes, in the court's own ledger
  await run('close', P.approve(officeHeadOf(courtId), { problemId, proposalId: 'C1' }));
  return 10;
};

/** Options of {@link runCommands}. */
export interface RunOptions {
  /** The first new problem's number (default 1; runs on one store need distinct ranges). */
  readonly from?: number;
  /** The ledger's `cachedStreams` (default the ledger's default; 0 folds every stream every time). */
  readonly cachedStreams?: number;
}

/** Runs whole problem lifecycles through a fresh ledger until `commands` commands ran; returns how many. */
export async function runCommands(store: EventStore, commands: number, options: RunOptions = {}): Promise<number> {
  const clock = createScenarioClock('2019-07-01');
  const random = createRandom(7 + (options.from ?? 1));
  const ledger = orThrow(createCampaignLedger({
    store, namespace: NS, clock, ids: () => random.uuid(),
    ...(options.cachedStreams === undefined ? {} : { cachedStreams: options.cachedStreams }),
  }));
  let done = 0;
  for (let k = options.from ?? 1; done < commands; k++) done += await lifecycle(ledger, clock, k, random.hex(32));
  return done;
}
