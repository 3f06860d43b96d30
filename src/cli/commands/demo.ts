/**
 * `campaign-ledger demo`: builds the management-year demo campaign in a store, then prints the
 * dashboard, verifies the trail, prints its digest and says which commands to try next.
 */
import * as E from 'fp-ts/Either';
import { verifyStore } from '../../audit/verify';
import { createCampaignRegistry } from '../../campaign/registry';
import { buildDemo, DEFAULT_SEED, DEMO_NAMESPACE, DemoStepFailed, type DemoSummary } from '../../demo/index';
import { isLedgerFailure } from '../../eventsourcing/errors';
import type { EventStore } from '../../eventsourcing/store';
import { dashboard } from '../../readmodels/dashboard';
import { flag, str, write, type CliIo, type Command } from '../command';
import { dashboardText } from '../dashboard-text';
import { CliError, EXIT, fromLedgerError, usageError } from '../errors';
import { removeSqliteFiles, withStore } from '../open-store';
import { createProgress } from '../progress';
import { loadReadModel } from '../readmodel';
import { describeStore, type StoreSpec } from '../store-spec';
import { storeOptions, storeSpecOf } from './common';
import { verifyText } from './audit-verify';

const NAME = 'demo';
/** About how many commands the demo runs (for the progress bar). */
const EXPECTED_COMMANDS = 3300;

const seedOf = (text: string | undefined): number => {
  if (text === undefined) return DEFAULT_SEED;
  if (!/^(0|[1-9]\d{0,15})$/.test(text) || !Number.isSafeInteger(Number(text))) throw usageError(`--seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${JSON.stringify(text)}`, NAME);
  return Number(text);
};

const hasEvents = async (store: EventStore): Promise<boolean> => {
  try {
    for await (const _ of store.readAll({ maxCount: 1 })) return true;
  } catch (x) {
    if (isLedgerFailure(x)) throw fromLedgerError(x.error, NAME);
    throw x;
  }
  return false;
};

const refusal = (spec: StoreSpec): CliError => usageError(spec.kind === 'esdb'
  ? `${describeStore(spec)} already has events; run the demo in a new namespace (--namespace demo_2)`
  : spec.kind === 'postgres'
    ? `${describeStore(spec)} already has events; run the demo in a new schema (…?schema=demo_2)`
    : `${describeStore(spec)} already has events; pass --fresh to delete the file and start again, or choose another file`, NAME);

const storeArg = (spec: StoreSpec, given: string): string =>
  spec.kind === 'esdb' && spec.namespace ? `--store '${given}' --namespace ${spec.namespace}`
    : spec.kind === 'postgres' ? `--store '${given}'` : `--store ${given}`;

const nextSteps = (spec: StoreSpec, given: string, s: DemoSummary): string => {
  if (spec.kind === 'memory') return 'The memory store is gone when this process ends; run the demo with --store sqlite:demo.db to keep the trail and explore it.\n';
  const st = storeArg(spec, given);
  return [
    'Try next (from a clone of the repository, run campaign-ledger as `node dist/cli/main.js`):',
    `  campaign-ledger dashboard ${st} --format json`,
    `  campaign-ledger dashboard ${st} --format html --out dashboard.html`,
    `  campaign-ledger ledger ${st} --colour red`,
    `  campaign-ledger ledger ${st} --court ${s.falsification.courtId} --format csv`,
    `  campaign-ledger audit timeline ${st} --stream ${s.namespace}/problem/${s.falsification.problemId}`,
    `  campaign-ledger audit timeline ${st} --stream ${s.namespace}/inspection/${s.falsification.inspectionId}`,
    `  campaign-ledger audit as-of ${st} --stream ${s.namespace}/problem/${s.falsification.problemId} --at 2019-10-15`,
    `  campaign-ledger audit digest ${st} --out digest.json`,
    `  campaign-ledger audit verify ${st} --against digest.json`,
    `  campaign-ledger audit export ${st} --out trail.jsonl && campaign-ledger audit verify --file trail.jsonl`,
    '',
  ].join('\n');
};

const story = (s: DemoSummary, events: number): string => [
  `Built the demo campaign "${s.namespace}" (seed ${s.seed}): ${s.commands} commands, ${events} events, ${s.problems} problems in the ledger.`,
  'The plan is real (全市法院“加强管理年”活动实施方案: 37 tasks in 4 categories, its departments and leading group);',
  'the courts, people and problems are fictional.',
  `${s.falsification.courtId}'s Q3 report claimed more closures than its ledger; a special check found that`,
  `the closure of ${s.falsification.problemId}, claimed in the court's Q3 report, was false: the problem was reopened, and cases`,
  `${s.falsification.cases.join(', ')} held the clerk, the verifier who certified it, the responsible leader and the court to account`,
  'under the plan\'s 弄虚作假 rule (通报批评; 追责问责 of the leader).',
  `The unannounced inspection drew ${s.drawn.join(' and ')} from a seed committed before the visits.`,
  '',
].join('\n');

const run = async (spec: StoreSpec, given: string, seed: number, io: CliIo): Promise<number> => {
  const registry = createCampaignRegistry();
  return withStore(spec, { mode: 'create', command: NAME, registry, allowMemory: true }, async ({ store }) => {
    if (await hasEvents(store)) throw refusal(spec);
    const progress = createProgress(io.stderr, 'building the demo', EXPECTED_COMMANDS);
    let summary: DemoSummary;
    try {
      summary = await buildDemo({ store, seed, namespace: DEMO_NAMESPACE, onStep: (n) => progress.update(n, Math.max(n, EXPECTED_COMMANDS)) });
    } catch (x) {
      if (x instanceof DemoStepFailed) throw new CliError(x.error._tag === 'StoreUnavailable' ? EXIT.unavailable : EXIT.internal, x.message);
      if (isLedgerFailure(x)) throw fromLedgerError(x.error, NAME);
      throw x;
    } finally {
      progress.finish();
    }
    const loaded = await loadReadModel(store, { command: NAME, namespace: DEMO_NAMESPACE });
    const now = loaded.lastRecordedAt ?? summary.endedAt;
    await write(io.stdout, `${story(summary, loaded.events)}\n${dashboardText(dashboard(loaded.state, { now }))}\n`);
    const verified = await verifyStore(store, { digestAt: now })();
    if (E.isLeft(verified)) throw fromLedgerError(verified.left, NAME);
    const r = verified.right;
    const d = r.digest;
    await write(io.stdout, [
      'Audit trail', verifyText(r).trimEnd(),
      d ? `Digest: ${d.treeSize} events, root ${d.rootHash}, last position ${d.lastPosition} (made at ${d.createdAt}).` : '',
      d ? 'Keep a digest outside the system (campaign-ledger audit digest --out …) to check later that nothing was removed.' : '',
      '', nextSteps(spec, given, summary),
    ].join('\n'));
    return r.ok ? EXIT.ok : EXIT.verificationFailed;
  });
};

/** The `demo` command. */
export const demoCommand: Command = {
  name: NAME,
  summary: 'build the management-year demo campaign (the real plan, fictional courts, 2019), then show, verify and digest it',
  usage: 'demo --store S [--seed N] [--fresh] [--namespace NS]',
  details: [
    'Refuses a store that already has events. With --fresh a SQLite file is deleted and created again;',
    'EventStoreDB keeps deleted streams as tombstones, so there run the demo in a new --namespace instead.',
    `The same seed (default ${DEFAULT_SEED}) gives byte-identical events and the same digest on every store.`,
  ].join('\n'),
  options: {
    ...storeOptions,
    seed: { type: 'string', value: 'N', description: `seed of every choice, id and time (default ${DEFAULT_SEED})` },
    fresh: { type: 'boolean', description: 'SQLite: delete the file first and start again' },
  },
  async run(values, io) {
    const spec = storeSpecOf(values, io, NAME);
    const seed = seedOf(str(values, 'seed'));
    if (flag(values, 'fresh')) {
      if (spec.kind === 'postgres') {
        throw usageError('--fresh does not delete a PostgreSQL schema (its events are append-only); run the demo in a new schema instead, e.g. …?schema=demo_2', NAME);
      }
      if (spec.kind === 'esdb') {
        throw usageError('--fresh cannot delete events on EventStoreDB (deletes there leave tombstones); run the demo in a new namespace instead, e.g. --namespace demo_2', NAME);
      }
      if (spec.kind === 'sqlite') removeSqliteFiles(spec.path);
    }
    return run(spec, str(values, 'store') as string, seed, io);
  },
};
