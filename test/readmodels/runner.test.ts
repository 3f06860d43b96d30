import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import type { CheckpointStore, LedgerError } from '../../src/eventsourcing/index';
import { problemLedgerProjection } from '../../src/readmodels/projection';
import { createProjectionRunner, type RunnerOptions } from '../../src/eventsourcing/runner';
import { pmList } from '../../src/readmodels/pmap';
import { createWorld, type World } from './world';

const must = async <T>(t: () => Promise<E.Either<LedgerError, T>>): Promise<T> => {
  const r = await t();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

const identify = (w: World, id: string) => w.emit(w.s.problem(id), 'problem.identified', {
  problemId: id, courtId: 'C1', source: 'report', title: 'T', description: 'D', criterion: 'R', severity: 'minor', evidence: [],
});

const opts = (owner: string, more: Partial<RunnerOptions> = {}): RunnerOptions => ({ owner, ...more });

describe('the projection runner', () => {
  it('keeps a checkpoint and applies only new events on the next run; reports lag', async () => {
    const w = createWorld();
    for (const id of ['P1', 'P2', 'P3']) await identify(w, id);
    const runner = createProjectionRunner(w.store, w.store.checkpoints, problemLedgerProjection(), opts('a', { checkpointEvery: 2 }));
    expect(await must(runner.status())).toMatchObject({ checkpoint: undefined, headPosition: 3n, lag: 3n, pending: 3 });
    expect(await must(runner.runOnce())).toMatchObject({ ran: true, rebuilt: true, applied: 3, position: 3n });
    await identify(w, 'P4');
    expect(await must(runner.status())).toMatchObject({ checkpoint: { position: 3n }, headPosition: 4n, lag: 1n, pending: 1 });
    const second = await must(runner.runOnce());
    expect(second).toMatchObject({ ran: true, rebuilt: false, applied: 1, position: 4n });
    expect(pmList(second.state!.problems).map((p) => p.problemId).sort()).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(await must(runner.status())).toMatchObject({ lag: 0n, pending: 0, lease: undefined });
  });

  it('rebuilds from the start when the projection version changes, and on demand', async () => {
    const w = createWorld();
    for (const id of ['P1', 'P2']) await identify(w, id);
    const p = problemLedgerProjection();
    await must(createProjectionRunner(w.store, w.store.checkpoints, p, opts('a')).runOnce());
    const v2 = createProjectionRunner(w.store, w.store.checkpoints, { ...p, version: p.version + 1 }, opts('a'));
    expect(await must(v2.status())).toMatchObject({ needsRebuild: true, lag: 2n, pending: 2 });
    expect(await must(v2.runOnce())).toMatchObject({ rebuilt: true, applied: 2 });
    expect(await must(v2.rebuild())).toMatchObject({ rebuilt: true, applied: 2, position: 2n });
  });

  it('rebuilds when the saved state cannot be read back', async () => {
    const w = createWorld();
    for (const id of ['P1', 'P2']) await identify(w, id);
    const p = problemLedgerProjection();
    await must(w.store.checkpoints.save(p.name, { version: p.version, position: 2n, state: '{"not":"a state"}' }));
    const out = await must(createProjectionRunner(w.store, w.store.checkpoints, p, opts('a')).runOnce());
    expect(out).toMatchObject({ rebuilt: true, applied: 2, position: 2n });
    expect(pmList(out.state!.problems)).toHaveLength(2);
  });

  it('stops on an event it cannot apply, names it, saves the checkpoint before it, and never skips it', async () => {
    const w = createWorld();
    await identify(w, 'P1');
    const bad = await w.emit(w.s.problem('P7'), 'problem.reopened', { problemId: 'P7', reason: 'Re-check.' });
    await identify(w, 'P2');
    const runner = createProjectionRunner(w.store, w.store.checkpoints, problemLedgerProjection(), opts('a'));
    for (let i = 0; i < 2; i++) {
      const r = await runner.runOnce()();
      expect(E.isLeft(r) && r.left._tag === 'CorruptEvent' && r.left.position).toBe(bad.position);
      const s = await must(runner.status());
      expect(s.checkpoint?.position).toBe(bad.position - 1n);
      expect(s.stopped?.position).toBe(bad.position);
      expect(s.stopped?.message).toContain('problem "P7" was never identified');
      expect(s.pending).toBe(2);
    }
  });

  it('runs once per projection when several runners share the checkpoint store', async () => {
    const w = createWorld();
    for (const id of ['P1', 'P2', 'P3']) await identify(w, id);
    const runners = ['a', 'b', 'c', 'd', 'e'].map((o) => createProjectionRunner(w.store, w.store.checkpoints, problemLedgerProjection(), opts(o)));
    const outcomes = await Promise.all(runners.map((r) => must(r.runOnce())));
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ran).every((o) => o.interrupted?.reason === 'lease_held')).toBe(true);
    // Released after the run: the next runner may go (and has nothing to do).
    expect(await must(runners[1]!.runOnce())).toMatchObject({ ran: true, applied: 0 });
  });

  it('takes over an expired lease, and refuses a live one held by another owner', async () => {
    const w = createWorld();
    await identify(w, 'P1');
    const cps = w.store.checkpoints;
    const p = problemLedgerProjection();
    await must(cps.save(p.name, { version: p.version, position: undefined, owner: 'dead', leaseUntil: 1000 }));
    const clock = () => 5000;
    expect(await must(createProjectionRunner(w.store, cps, p, opts('a', { clock })).runOnce())).toMatchObject({ ran: true });
    const done = await must(cps.load(p.name));
    await must(cps.save(p.name, { ...done!, owner: 'live', leaseUntil: 9000 }));
    expect(await must(createProjectionRunner(w.store, cps, p, opts('a', { clock })).runOnce())).toMatchObject({ ran: false, interrupted: { reason: 'lease_held', holder: 'live' } });
  });

  it('stops without saving when its lease is taken during a run', async () => {
    const w = createWorld();
    for (const id of ['P1', 'P2', 'P3', 'P4']) await identify(w, id);
    const inner = createMemoryStore().checkpoints;
    const p = problemLedgerProjection();
    // Once the checkpoint at position 1 is saved, another owner takes the lease over.
    const stealing: CheckpointStore = {
      ...inner,
      compareAndSet: (name, expected, next) => async () => {
        const r = await inner.compareAndSet(name, expected, next)();
        if (name === p.name && next.position === 1n && next.owner === 'a') {
          await inner.save(name, { ...next, owner: 'thief', leaseUntil: Date.now() + 60_000 })();
        }
        return r;
      },
    };
    const out = await must(createProjectionRunner(w.store, stealing, p, opts('a', { checkpointEvery: 1 })).runOnce());
    expect(out).toMatchObject({ ran: true, interrupted: { reason: 'lease_lost' } });
    const cp = await must(inner.load(p.name));
    expect(cp?.position).toBe(1n);
  });
});
