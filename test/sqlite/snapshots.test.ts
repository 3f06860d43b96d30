import * as E from 'fp-ts/Either';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../adapters/sqlite/index';
import { verifyStore } from '../../src/audit/verify';
import { createCampaignLedger } from '../../src/campaign/ledger';
import { createCampaignRegistry } from '../../src/campaign/registry';
import { deterministicIds } from '../../src/campaign/ids';
import { organizationAggregate } from '../../src/campaign/organization/decider';
import { snapshotDigest, type Snapshot } from '../../src/eventsourcing/index';
import { NS, orgSetup } from '../campaign/support/world';
import { tempDir } from './helpers';
import { unwrap } from '../../src/eventsourcing/runnable';
import { orThrow } from '../../src/eventsourcing/runnable';

const dirs: ReturnType<typeof tempDir>[] = [];
const stores: SqliteStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) d.remove();
});
const open = async (path: string) => {
  const s = await unwrap(openSqliteStore({ path, durability: 'normal', registry: createCampaignRegistry() }));
  stores.push(s);
  return s;
};
const file = () => {
  const d = tempDir();
  dirs.push(d);
  return d.file('trail.db');
};
const sealed = (s: Omit<Snapshot, 'digest'>): Snapshot => ({ ...s, digest: snapshotDigest(s) });

describe('SQLite snapshots (the snapshots table, outside the trail)', () => {
  it('has none in a new file, keeps one per stream and fold across reopening, and refuses a malformed one', async () => {
    const path = file();
    const store = await open(path);
    expect(await store.snapshots.load('s-1', 'f')()).toEqual(E.right(undefined));
    const s = sealed({ streamId: 's-1', name: 'f', version: 3, revision: 9_007_199_254_740_993n, hash: 'a'.repeat(64), state: '{"x":1}' });
    expect(await store.snapshots.save(s)()).toEqual(E.right(undefined));
    expect(await store.snapshots.save({ ...s, version: 4 })()).toEqual(E.right(undefined));
    const bad = await store.snapshots.save({ ...s, revision: -1n })();
    expect(E.isLeft(bad) && bad.left).toMatchObject({ _tag: 'ValidationFailed', issues: [{ path: 'revision' }] });
    await store.close();
    const again = await open(path);
    expect(await again.snapshots.load('s-1', 'f')()).toEqual(E.right({ ...s, version: 4 }));
    expect(await again.snapshots.load('s-1', 'g')()).toEqual(E.right(undefined));
  });

  it('lets a ledger load the Organization from its snapshot, equal to the full fold, the trail unchanged', async () => {
    const path = file();
    const store = await open(path);
    const snapshots = { store: store.snapshots, every: 5 };
    const ledger = orThrow(createCampaignLedger({ store, namespace: NS, ids: deterministicIds('snap'), snapshots }));
    for (const { type, ...input } of orgSetup) {
      const r = await (ledger.organization as unknown as Record<string, (a: string, i: unknown) => Promise<E.Either<unknown, unknown>>>)[type]!('admin', input);
      expect(E.isRight(r)).toBe(true);
    }
    const full = await orThrow(createCampaignLedger({ store, namespace: NS })).load.organization();
    // A fresh ledger (nothing cached) folds the whole stream once and snapshots it; the next starts from the snapshot.
    const first = await orThrow(createCampaignLedger({ store, namespace: NS, snapshots })).load.organization();
    const saved = await store.snapshots.load(ledger.streams.organization, 'organization')();
    const head = await store.streamHead(ledger.streams.organization)();
    expect(E.isRight(head) && head.right !== undefined).toBe(true);
    const { revision, hash } = E.isRight(head) && head.right !== undefined ? head.right : { revision: -1n, hash: '' };
    expect(E.isRight(saved) && saved.right).toMatchObject({ version: 1, revision, hash });
    const fromSnapshot = await orThrow(createCampaignLedger({ store, namespace: NS, snapshots })).load.organization();
    expect(first).toEqual(full);
    expect(fromSnapshot).toEqual(full);
    expect(E.isRight(fromSnapshot) && fromSnapshot.right.state.people.size).toBeGreaterThan(10);
    const report = await verifyStore(store)();
    expect(E.isRight(report) && report.right.ok).toBe(true);
    expect(organizationAggregate.snapshot).toEqual({ name: 'organization', version: 1 });
  });
});
