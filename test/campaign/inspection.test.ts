import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawTargets, findBeacon, seedCommitment } from '../../src/campaign/inspection/draw';
import { inspectionAggregate } from '../../src/campaign/inspection/decider';
import type { InspectionEvent, Beacon } from '../../src/campaign/inspection/events';
import type { RecordedEvent } from '../../src/eventsourcing/envelope';
import { actor, campaign, org, specOf } from './support/world';

const spec = specOf(inspectionAggregate, { org, campaign });
const insp = actor('inspector');
const I = 'I-1';
const seed = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const commitment = seedCommitment(seed);
const courts = ['CHAOYANG', 'CITY', 'NANGUAN'];
const planned: InspectionEvent = { type: 'inspection.planned', data: { inspectionId: I, kind: 'unannounced', title: '明察暗访', targets: [] } };
const committed: InspectionEvent = {
  type: 'inspection.seed_committed',
  data: { inspectionId: I, commitment, candidates: courts, count: 1, committedAt: '2019-06-01T02:00:00.000Z', utcOffsetMinutes: 480 },
};
const beacon: Beacon = { eventId: 'e', streamId: 'mgmt-2019/task/T-01', hash: 'c'.repeat(64), recordedAt: '2019-06-01T16:05:00.000Z', actorId: 'office1' };
const drawn = drawTargets(seed, beacon.hash, courts, 1);
const visit = (courtId: string): InspectionEvent => ({ type: 'inspection.visit_recorded', data: { inspectionId: I, courtId, visitedOn: '2019-06-02' } });
const afterMidnight = '2019-06-02T01:00:00.000Z';

describe('drawTargets', () => {
  it('is deterministic, returns distinct candidates, and ignores candidate order and duplicates', () => {
    fc.assert(fc.property(
      fc.uint8Array({ minLength: 16, maxLength: 64 }), fc.string({ minLength: 1 }), fc.uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 20 }),
      fc.nat(),
      (bytes, b, cands, n) => {
        const s = Buffer.from(bytes).toString('hex');
        const count = 1 + (n % cands.length);
        const a = drawTargets(s, b, cands, count);
        expect(a).toEqual(drawTargets(s, b, [...cands].reverse().concat(cands), count));
        expect(new Set(a).size).toBe(count);
        for (const x of a) expect(cands).toContain(x);
      },
    ));
  });
  it('depends on the beacon and on the seed', () => {
    const many = Array.from({ length: 20 }, (_, i) => `C${i}`);
    expect(drawTargets(seed, 'a', many, 5)).not.toEqual(drawTargets(seed, 'b', many, 5));
    expect(drawTargets(seed, 'a', many, 5)).not.toEqual(drawTargets('ff'.repeat(32), 'a', many, 5));
  });
  it('picks every candidate about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) for (const x of drawTargets(seed, `beacon-${i}`, ['A', 'B', 'C'], 1)) counts.set(x, (counts.get(x) ?? 0) + 1);
    for (const k of ['A', 'B', 'C']) expect(counts.get(k)).toBeGreaterThan(850);
  });
  it('refuses malformed input', () => {
    expect(() => drawTargets('xyz', 'b', ['A'], 1)).toThrow(TypeError);
    expect(() => drawTargets(seed, '', ['A'], 1)).toThrow(TypeError);
    expect(() => drawTargets(seed, 'b', ['A'], 2)).toThrow(RangeError);
  });
});

describe('findBeacon', () => {
  const rec = (position: bigint, recordedAt: string, posts: string[] = []): RecordedEvent => ({
    eventId: `e${position}`, streamId: 's', revision: 0n, position, type: 't', schemaVersion: 1, data: {}, prevHash: '', hash: `${position}`,
    metadata: { actor: { id: 'a', posts }, correlationId: 'c', causationId: 'c', recordedAt, effectiveAt: recordedAt },
  });
  it('is the first event after the commitment at or after the next local midnight, not by the inspection office', async () => {
    const events = [
      rec(1n, '2019-06-01T17:00:00.000Z'), // before the commitment's position
      rec(5n, '2019-06-01T15:59:59.000Z'), // before midnight +08:00
      rec(6n, '2019-06-01T16:00:00.000Z', ['inspection_office']),
      rec(7n, '2019-06-01T16:00:01.000Z'),
      rec(8n, '2019-06-01T16:00:02.000Z'),
    ];
    const b = await findBeacon(events, { committedAt: '2019-06-01T02:00:00.000Z', utcOffsetMinutes: 480, position: 3n });
    expect(b?.position).toBe(7n);
    expect(await findBeacon(events.slice(0, 3), { committedAt: '2019-06-01T02:00:00.000Z', utcOffsetMinutes: 480, position: 3n })).toBeUndefined();
  });
});

describe('inspection: plan and routine visits', () => {
  it('a routine inspection names its targets and visits only them', () => {
    const routine: InspectionEvent = { type: 'inspection.planned', data: { inspectionId: I, kind: 'routine', title: '常规检查', targets: ['NANGUAN'] } };
    spec.given([]).when({ type: 'plan', inspectionId: I, kind: 'routine', title: '常规检查', targets: ['NANGUAN'] }, { actor: insp }).thenEmits([routine]);
    spec.given([routine]).when({ type: 'recordVisit', inspectionId: I, courtId: 'NANGUAN', visitedOn: '2019-06-01' }, { actor: insp }).thenEmitsTypes('inspection.visit_recorded');
    spec.given([routine]).when({ type: 'recordVisit', inspectionId: I, courtId: 'CHAOYANG', visitedOn: '2019-06-01' }, { actor: insp }).thenRefused('inspection.visit.not_target');
    spec.given([routine]).when({ type: 'recordVisit', inspectionId: I, courtId: 'NANGUAN', visitedOn: '2019-06-09' }, { actor: insp }).thenRefused('inspection.visit.in_future');
  });
  it('refuses plans without targets (routine), with targets (unannounced), unknown courts or periods, repeats; only the inspection office plans', () => {
    spec.given([]).when({ type: 'plan', inspectionId: I, kind: 'routine', title: 'x' }, { actor: insp }).thenRefused('inspection.routine.targets_required');
    spec.given([]).when({ type: 'plan', inspectionId: I, kind: 'unannounced', title: 'x', targets: ['NANGUAN'] }, { actor: insp }).thenRefused('inspection.unannounced.targets_secret');
    spec.given([]).when({ type: 'plan', inspectionId: I, kind: 'routine', title: 'x', targets: ['NOPE'] }, { actor: insp }).thenRefused('inspection.court.unknown');
    spec.given([]).when({ type: 'plan', inspectionId: I, kind: 'unannounced', title: 'x', periodId: 'NOPE' }, { actor: insp }).thenRefused('inspection.period.unknown');
    spec.given([planned]).when({ type: 'plan', inspectionId: I, kind: 'unannounced', title: 'x' }, { actor: insp }).thenRefused('inspection.already_planned');
    spec.given([]).when({ type: 'plan', inspectionId: I, kind: 'unannounced', title: 'x' }, { actor: actor('office1') }).thenNotAuthorized('inspection.plan');
    spec.given([]).when({ type: 'recordVisit', inspectionId: I, courtId: 'NANGUAN', visitedOn: '2019-06-01' }, { actor: insp }).thenRefused('inspection.not_found');
  });
});

describe('inspection: unannounced — commit, visit after the beacon, reveal, re-draw', () => {
  it('commits to the hash of the seed with the trusted time; once', () => {
    spec.given([planned]).when({ type: 'commitSeed', inspectionId: I, commitment, candidates: ['NANGUAN', 'CITY', 'CHAOYANG'], count: 1 }, { actor: insp }).thenEmits([committed]);
    spec.given([planned, committed]).when({ type: 'commitSeed', inspectionId: I, commitment, candidates: courts, count: 1 }, { actor: insp }).thenRefused('inspection.commit.already');
    spec.given([planned]).when({ type: 'commitSeed', inspectionId: I, commitment, candidates: courts, count: 4 }, { actor: insp }).thenRefused('inspection.commit.count_too_large');
    spec.given([planned]).when({ type: 'commitSeed', inspectionId: I, commitment, candidates: ['NOPE'], count: 1 }, { actor: insp }).thenRefused('inspection.court.unknown');
  });
  it('no visit before a commitment, or before the beacon can exist, or outside the candidates', () => {
    spec.given([planned]).when({ type: 'recordVisit', inspectionId: I, courtId: 'NANGUAN', visitedOn: '2019-06-01' }, { actor: insp }).thenRefused('inspection.visit.not_committed');
    spec.given([planned, committed]).when({ type: 'recordVisit', inspectionId: I, courtId: 'NANGUAN', visitedOn: '2019-06-01' }, { actor: insp, recordedAt: '2019-06-01T15:00:00.000Z' })
      .thenRefused('inspection.visit.before_beacon');
    spec.given([planned, committed]).when({ type: 'recordVisit', inspectionId: I, courtId: 'NANGUAN', visitedOn: '2019-06-02' }, { actor: insp, recordedAt: afterMidnight })
      .thenEmitsTypes('inspection.visit_recorded');
  });
  it('the reveal checks the seed against the commitment and records the re-drawn targets', () => {
    const s = spec.given([planned, committed, visit(drawn[0]!)]).when({ type: 'revealSeed', inspectionId: I, seed, beacon }, { actor: insp, recordedAt: afterMidnight })
      .thenEmits([{ type: 'inspection.seed_revealed', data: { inspectionId: I, seed, beacon, targets: drawn, undrawnVisits: [] } }]);
    expect(drawTargets(s.reveal!.seed, s.reveal!.beacon.hash, s.commitment!.candidates, s.commitment!.count)).toEqual(s.reveal!.targets);
  });
  it('a visit outside the draw is recorded as such', () => {
    const other = courts.find((x) => x !== drawn[0])!;
    const s = spec.given([planned, committed, visit(other)]).when({ type: 'revealSeed', inspectionId: I, seed, beacon }, { actor: insp, recordedAt: afterMidnight })
      .thenEmitsTypes('inspection.seed_revealed');
    expect(s.reveal?.undrawnVisits).toEqual([other]);
  });
  it('refuses a wrong seed, a missing or early beacon, a second reveal, a reveal on a routine inspection', () => {
    spec.given([planned, committed]).when({ type: 'revealSeed', inspectionId: I, seed: 'ff'.repeat(32), beacon }, { actor: insp, recordedAt: afterMidnight })
      .thenRefused('inspection.reveal.seed_mismatch');
    spec.given([planned, committed]).when({ type: 'revealSeed', inspectionId: I, seed, beacon: undefined }, { actor: insp, recordedAt: afterMidnight })
      .thenRefused('inspection.beacon.not_available');
    spec.given([planned, committed]).when({ type: 'revealSeed', inspectionId: I, seed, beacon: { ...beacon, recordedAt: '2019-06-01T15:00:00.000Z' } }, { actor: insp, recordedAt: afterMidnight })
      .thenRefused('inspection.beacon.too_early');
    const revealed: InspectionEvent = { type: 'inspection.seed_revealed', data: { inspectionId: I, seed, beacon, targets: drawn, undrawnVisits: [] } };
    spec.given([planned, committed, revealed]).when({ type: 'revealSeed', inspectionId: I, seed, beacon }, { actor: insp, recordedAt: afterMidnight })
      .thenRefused('inspection.reveal.already');
    spec.given([planned]).when({ type: 'revealSeed', inspectionId: I, seed, beacon }, { actor: insp }).thenRefused('inspection.reveal.not_committed');
  });
  it('concludes only after visits and the reveal', () => {
    spec.given([planned, committed]).when({ type: 'conclude', inspectionId: I, summary: 'x' }, { actor: insp }).thenRefused('inspection.conclude.no_visits');
    spec.given([planned, committed, visit(drawn[0]!)]).when({ type: 'conclude', inspectionId: I, summary: 'x' }, { actor: insp }).thenRefused('inspection.conclude.not_revealed');
  });
});

describe('inspection: findings, links, spot checks', () => {
  const withVisit = [planned, committed, visit('NANGUAN')];
  const finding = { type: 'recordFinding' as const, inspectionId: I, findingId: 'F1', courtId: 'NANGUAN', title: '卷宗归档滞后', description: 'x', criterion: '归档规定', severity: 'minor' as const };
  it('records findings in visited courts only, once', () => {
    spec.given(withVisit).when(finding, { actor: insp }).thenEmitsTypes('inspection.finding_recorded');
    spec.given(withVisit).when({ ...finding, courtId: 'CHAOYANG' }, { actor: insp }).thenRefused('inspection.finding.court_not_visited');
    spec.given(withVisit).when({ ...finding, department: '研究室' }, { actor: insp }).thenRefused('inspection.department.unknown');
  });
  it('links a finding to one problem; linking again to the same one changes nothing', () => {
    const { type: _t, ...fd } = finding;
    const recorded: InspectionEvent = { type: 'inspection.finding_recorded', data: { ...fd, evidence: [] } };
    const linked: InspectionEvent = { type: 'inspection.finding_linked', data: { inspectionId: I, findingId: 'F1', problemId: 'P-9' } };
    spec.given([...withVisit, recorded]).when({ type: 'linkFinding', inspectionId: I, findingId: 'F1', problemId: 'P-9' }, { actor: { id: 'sys', posts: ['system'] } }).thenEmits([linked]);
    spec.given([...withVisit, recorded, linked]).when({ type: 'linkFinding', inspectionId: I, findingId: 'F1', problemId: 'P-9' }, { actor: insp }).thenEmits([]);
    spec.given([...withVisit, recorded, linked]).when({ type: 'linkFinding', inspectionId: I, findingId: 'F1', problemId: 'P-8' }, { actor: insp }).thenRefused('inspection.finding.already_linked');
    spec.given(withVisit).when({ type: 'linkFinding', inspectionId: I, findingId: 'F9', problemId: 'P-8' }, { actor: insp }).thenRefused('inspection.finding.unknown');
    spec.given([...withVisit, recorded]).when({ type: 'linkFinding', inspectionId: I, findingId: 'F1', problemId: 'P-9' }, { actor: actor('office1') }).thenNotAuthorized('inspection.linkFinding');
  });
  it('records a spot check with the problem status found in the ledger', () => {
    spec.given(withVisit).when({ type: 'recordSpotCheck', inspectionId: I, checkId: 'S1', problemId: 'P-1', passed: false, note: '反弹', problem: { status: 'closed', courtId: 'NANGUAN' } }, { actor: insp })
      .thenEmits([{ type: 'inspection.spot_check_recorded', data: { inspectionId: I, checkId: 'S1', problemId: 'P-1', courtId: 'NANGUAN', problemStatus: 'closed', passed: false, note: '反弹' } }]);
    spec.given(withVisit).when({ type: 'recordSpotCheck', inspectionId: I, checkId: 'S1', problemId: 'P-1', passed: false, note: 'x', problem: { status: 'none' } }, { actor: insp })
      .thenRefused('inspection.spot_check.unknown_problem');
    spec.given(withVisit).when({ type: 'recordSpotCheck', inspectionId: I, checkId: 'S1', problemId: 'P-1', passed: false, note: 'x', problem: { status: 'closed', courtId: 'CHAOYANG' } }, { actor: insp })
      .thenRefused('inspection.spot_check.court_not_visited');
  });
});
