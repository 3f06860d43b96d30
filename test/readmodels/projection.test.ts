import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import { project, runProjection } from '../../src/eventsourcing/index';
import { campaignReadModel, deserializeState, problemLedgerProjection, serializeState } from '../../src/readmodels/projection';
import { figuresAt } from '../../src/readmodels/reported';
import { pmList } from '../../src/readmodels/pmap';
import { historyArb, playHistory } from './history';
import { createWorld } from './world';

const RUNS = { numRuns: 25 };

describe('read-model projections', () => {
  it('are deterministic: the same events give the same state, byte for byte', async () => {
    await fc.assert(fc.asyncProperty(historyArb, async (steps) => {
      const events = await (await playHistory(steps)).events();
      const a = project(campaignReadModel(), events);
      const b = project(campaignReadModel(), [...events]);
      expect(serializeState(a)).toBe(serializeState(b));
    }), RUNS);
  });

  it('resume from a serialized state exactly as if they had folded straight through', async () => {
    await fc.assert(fc.asyncProperty(historyArb, fc.nat(), async (steps, cut) => {
      const events = await (await playHistory(steps)).events();
      const p = campaignReadModel();
      const k = cut % (events.length + 1);
      const half = deserializeState(serializeState(project(p, events.slice(0, k))));
      expect(project({ ...p, initialState: half }, events.slice(k))).toEqual(project(p, events));
    }), RUNS);
  });

  it('as of a position equal the live state at that moment', async () => {
    await fc.assert(fc.asyncProperty(historyArb, fc.nat(), async (steps, pick) => {
      const full = await playHistory(steps);
      const events = await full.events();
      const at = events[pick % events.length]!.position;
      const p = campaignReadModel();
      const replayed = await runProjection(full.store, createMemoryStore().checkpoints, p, { untilPosition: at })();
      // Live: a second store receives the same events one by one, the projection catching up after each.
      const live = createMemoryStore();
      let state: unknown;
      for (const e of events) {
        if (e.position > at) break;
        const { eventId, type, schemaVersion, data, metadata } = e;
        const r = await live.append(e.streamId, [{ eventId, type, schemaVersion, data, metadata }], 'any')();
        if (r._tag === 'Left') throw new Error(r.left.message);
        const run = await runProjection(live, live.checkpoints, p)();
        if (run._tag === 'Left') throw new Error(run.left.message);
        state = run.right.state;
      }
      if (replayed._tag === 'Left') throw new Error(replayed.left.message);
      expect(replayed.right.state).toEqual(state);
    }), { numRuns: 10 });
  });

  it('compute figures as of any moment equal to the state projected from what was recorded by then', async () => {
    await fc.assert(fc.asyncProperty(historyArb, fc.nat(), async (steps, pick) => {
      const events = await (await playHistory(steps)).events();
      const cutoffMs = Date.parse(events[pick % events.length]!.metadata.recordedAt) + 1;
      const day = new Date(cutoffMs + 8 * 3_600_000).toISOString().slice(0, 10);
      const p = problemLedgerProjection();
      const then = project(p, events.filter((e) => Date.parse(e.metadata.recordedAt) < cutoffMs));
      const courts = new Set(['C1', 'C2', 'C3']);
      const live = pmList(then.problems).filter((x) => x.status !== 'withdrawn');
      const closed = live.filter((x) => x.status === 'closed').length;
      const overdue = live.filter((x) => x.status !== 'closed' && (x.deadlineLog.at(-1)?.value ?? '9999') < day).length;
      expect(figuresAt(project(p, events), courts, cutoffMs, day)).toEqual({
        problemsFound: live.length, problemsClosed: closed, rectificationRatePercent: live.length ? (closed / live.length) * 100 : null, overdue,
      });
    }), RUNS);
  });

  it('stop on an event they cannot apply, naming its position, and never skip it', async () => {
    const w = createWorld();
    await w.emit(w.s.organization, 'organization.court_registered', { courtId: 'C1', name: 'Court', level: 'intermediate' });
    const bad = await w.emit(w.s.problem('P9'), 'problem.closed', { problemId: 'P9', verifierId: 'V1' });
    await w.emit(w.s.organization, 'organization.court_registered', { courtId: 'C2', name: 'Court 2', level: 'grassroots' });
    const p = problemLedgerProjection();
    for (let i = 0; i < 2; i++) {
      const r = await runProjection(w.store, w.store.checkpoints, p)();
      expect(r._tag).toBe('Left');
      if (r._tag === 'Left') {
        expect(r.left._tag).toBe('CorruptEvent');
        expect(r.left.message).toContain(`position ${bad.position}`);
        expect(r.left.message).toContain('problem "P9" was never identified');
      }
      const cp = await w.store.checkpoints.load(p.name)();
      expect(cp._tag === 'Right' && cp.right?.position).toBe(bad.position - 1n);
    }
  });

  it('refuse event data that does not match its codec, saying which field', () => {
    const p = problemLedgerProjection();
    const e = {
      eventId: 'x', streamId: 'ny/problem/P1', revision: 0n, position: 1n, type: 'problem.identified', schemaVersion: 1,
      data: { problemId: 'P1', courtId: 'C1' }, metadata: { actor: { id: 'a', posts: [] }, correlationId: 'c', causationId: 'c', recordedAt: '2019-01-01T00:00:00Z', effectiveAt: '2019-01-01T00:00:00Z' },
      prevHash: '0'.repeat(64), hash: '0'.repeat(64),
    };
    expect(() => p.apply(p.initialState, e)).toThrow(/problem\.identified in "ny\/problem\/P1": .*source/);
    expect(() => p.apply(p.initialState, { ...e, type: 'problem.teleported' })).toThrow(/unknown event type/);
    expect(p.apply(p.initialState, { ...e, type: 'ledger_number.reserved' }).lastPosition).toBe('1');
  });
});
