// The management-year demo, used from the built package (`npm run build` first):
//
//   node examples/management-year/run.mjs [--seed N] [--db FILE]
//
// 1. builds the demo campaign into a SQLite file with the package's own command (`campaign-ledger demo`);
// 2. opens the file with the SQLite adapter and brings the read models up to date through the
//    checkpoint port (a second run resumes from the checkpoint instead of replaying everything);
// 3. prints what an office would look at: rates by court, the overdue ledger with who answers for
//    each problem, reports whose figures disagree with the ledger, the accountability register;
// 4. audits: replays the falsified problem's timeline, verifies the trail, makes a digest and
//    proves one event (the sanction) is in it, checking the proof with the digest alone.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  campaignReadModel, createDigest, dashboard, problemLedger, proveInclusion, runProjection, timeline, verifyInclusionProof, verifyStore,
} from 'campaign-ledger';
import { openSqliteStore } from 'campaign-ledger/adapters/sqlite';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '2019' }, db: { type: 'string', default: 'management-year.db' } } });
const db = resolve(values.db);
const NAMESPACE = 'demo-2019';

const unwrap = async (task, what) => {
  const r = await task();
  if (r._tag === 'Left') throw new Error(`${what}: ${r.left.message}`);
  return r.right;
};

// 1. Build the demo with the package's command.
const root = dirname(createRequire(import.meta.url).resolve('campaign-ledger/package.json'));
const cli = join(root, 'dist', 'cli', 'main.js');
const built = execFileSync(process.execPath, [cli, 'demo', '--store', `sqlite:${db}`, '--fresh', '--seed', values.seed], { encoding: 'utf8' });
console.log(built.split('\n').slice(0, 6).join('\n'));

// 2. Open the store and bring the read model up to date (state kept with the checkpoint).
const store = await unwrap(openSqliteStore({ path: db }), 'opening the store');
try {
  const projection = campaignReadModel({ namespace: NAMESPACE });
  const first = await unwrap(runProjection(store, store.checkpoints, projection), 'projecting');
  const again = await unwrap(runProjection(store, store.checkpoints, projection), 'projecting again');
  console.log(`\nRead model: ${first.applied} events applied (rebuilt: ${first.rebuilt}); a second run applied ${again.applied}.`);

  let lastRecordedAt;
  for await (const e of store.readAll({ streamPrefix: `${NAMESPACE}/` })) lastRecordedAt = e.metadata.recordedAt;
  const now = lastRecordedAt;
  const d = dashboard(again.state, { now });

  // 3. What the office looks at.
  const pct = (x) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
  console.log(`\nAs of ${d.asOf.today}: ${d.problems.total} problems, ${d.problems.closed} closed (整改率 ${pct(d.problems.rectificationRate)}), ${d.problems.overdue} overdue.`);
  for (const c of d.rates.byCourt) console.log(`  ${c.key.padEnd(4)} ${String(c.closed).padStart(2)}/${String(c.total).padEnd(2)} closed  ${pct(c.rectificationRate).padStart(6)}  overdue ${c.overdue}`);

  console.log('\nOverdue problems and who answers for them:');
  for (const r of problemLedger(again.state, { now, filter: { colour: 'red' } })) {
    const who = r.responsibility;
    console.log(`  ${r.ledgerNumber} ${r.courtId}/${r.department} due ${r.deadline} (${r.daysLeft} days): ${r.title} — leader ${who?.leaderName}, person ${who?.personName}`);
  }

  console.log('\nReports whose figures disagree with the ledger:');
  for (const g of d.reportedVsComputed.gaps) console.log(`  ${g.reportId} v${g.version} ${g.figure}: ${g.note}`);

  console.log('\nAccountability register:');
  for (const c of d.accountability.register) console.log(`  ${c.caseId} ${c.grounds} ${c.status}${c.sanction ? ` → ${c.sanction}` : ''}${c.published.length ? ` (published: ${c.published.join('; ')})` : ''}`);

  // 4. Audit.
  const falsification = d.accountability.register.find((c) => c.grounds === 'falsification');
  const problemId = falsification?.evidence.find((x) => x.kind === 'problem')?.problemId;
  if (problemId) {
    console.log(`\nTimeline of ${problemId}:`);
    for (const t of await unwrap(timeline(store, { stream: `${NAMESPACE}/problem/${problemId}` }), 'timeline')) {
      console.log(`  ${t.recordedAt.slice(0, 10)} ${t.type.padEnd(28)} by ${t.actor.id}${t.reason ? ` — ${t.reason}` : ''}`);
    }
  }

  const report = await unwrap(verifyStore(store), 'verifying');
  console.log(`\n${report.ok ? 'Verified' : 'VERIFICATION FAILED'}: ${report.events} events in ${report.streams} streams (assurance: ${report.assurance}).`);
  const digest = await unwrap(createDigest(store, { at: now }), 'digest');
  console.log(`Digest: ${digest.treeSize} events, root ${digest.rootHash}.`);
  let sanction;
  for await (const e of store.readAll({ streamPrefix: `${NAMESPACE}/` })) if (e.type === 'accountability.sanction_decided') sanction = e;
  if (sanction) {
    const proof = await unwrap(proveInclusion(store, sanction.eventId, digest), 'proving');
    const verdict = verifyInclusionProof(proof, digest, sanction);
    console.log(`The sanction (event ${sanction.eventId}) is event ${proof.leafIndex + 1} of the digest: proof ${verdict.ok ? 'checks' : `fails (${verdict.reason})`} with the digest alone.`);
  }
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await store.close();
}
