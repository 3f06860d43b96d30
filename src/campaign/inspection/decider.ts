/**
 * The Inspection's rules. Routine inspections visit their announced targets. An unannounced one
 * commits to a seed (hash), candidates and count before anything else; no visit is recorded
 * before the beacon can exist (the next local midnight after the commitment, trusted clock); the
 * revealed seed must match the commitment and the beacon must be recorded after that midnight;
 * the targets are re-drawn by the decider and a visit outside them is recorded as such. An
 * unannounced inspection concludes only after its seed is revealed.
 */
import type { DecisionContext } from '../../eventsourcing/decider';
import { requireLaunched, type AggregateSpec, type DomainEnv } from '../aggregate';
import { accept, refuse } from '../rules';
import { ev } from '../define';
import { before, localDate, nextCloseOfDay } from '../time';
import type { InspectionCommand } from './commands';
import { drawTargets, seedCommitment } from './draw';
import { inspectionEvents as IE, type InspectionEvent } from './events';
import { inspectionPolicy } from './policy';
import { evolveInspection, initialInspection, type InspectionState } from './state';

export { evolveInspection, initialInspection, type InspectionState };

type Cmd<K extends InspectionCommand['type']> = Extract<InspectionCommand, { type: K }>;

const decidePlan = (c: Cmd<'plan'>, s: InspectionState, env: DomainEnv) => {
  if (s.status !== 'none') return refuse('inspection.already_planned', `inspection "${c.inspectionId}" already exists`);
  const targets = c.targets ?? [];
  if (c.kind === 'routine' && targets.length === 0) return refuse('inspection.routine.targets_required', 'a routine inspection names its targets');
  if (c.kind === 'unannounced' && targets.length > 0) return refuse('inspection.unannounced.targets_secret', 'an unannounced inspection does not name its targets; commit to a seed instead');
  const unknown = targets.find((x) => !env.org.courts.has(x));
  if (unknown !== undefined) return refuse('inspection.court.unknown', `no court "${unknown}"`, { courtId: unknown });
  if (c.periodId !== undefined && !env.campaign.periods.has(c.periodId)) return refuse('inspection.period.unknown', `no report period "${c.periodId}"`);
  return accept(ev(IE.planned, { inspectionId: c.inspectionId, kind: c.kind, title: c.title, targets, ...(c.periodId === undefined ? {} : { periodId: c.periodId }) }));
};

const decideVisit = (c: Cmd<'recordVisit'>, s: InspectionState, ctx: DecisionContext, env: DomainEnv) => {
  if (c.visitedOn > localDate(ctx.recordedAt, env.campaign.utcOffsetMinutes)) return refuse('inspection.visit.in_future', `the visit date ${c.visitedOn} is in the future`);
  if (s.kind === 'routine') {
    return s.plan?.targets.includes(c.courtId)
      ? accept(ev(IE.visitRecorded, { inspectionId: c.inspectionId, courtId: c.courtId, visitedOn: c.visitedOn }))
      : refuse('inspection.visit.not_target', `court "${c.courtId}" is not a target of this routine inspection`);
  }
  const k = s.commitment;
  if (k === undefined) return refuse('inspection.visit.not_committed', 'commit to a seed before the first visit');
  const beaconFrom = nextCloseOfDay(k.committedAt, k.utcOffsetMinutes);
  if (before(ctx.recordedAt, beaconFrom)) return refuse('inspection.visit.before_beacon', `no visit before the beacon can exist (from ${beaconFrom})`);
  if (!k.candidates.includes(c.courtId)) return refuse('inspection.visit.not_candidate', `court "${c.courtId}" is not a candidate`);
  return accept(ev(IE.visitRecorded, { inspectionId: c.inspectionId, courtId: c.courtId, visitedOn: c.visitedOn }));
};

const decideReveal = (c: Cmd<'revealSeed'>, s: InspectionState, ctx: DecisionContext) => {
  if (s.kind !== 'unannounced') return refuse('inspection.reveal.not_unannounced', 'only an unannounced inspection has a seed');
  const k = s.commitment;
  if (k === undefined) return refuse('inspection.reveal.not_committed', 'no seed was committed');
  if (s.reveal !== undefined) return refuse('inspection.reveal.already', 'the seed was already revealed');
  if (seedCommitment(c.seed) !== k.commitment) return refuse('inspection.reveal.seed_mismatch', 'the seed does not match the commitment');
  const b = c.beacon;
  const beaconFrom = nextCloseOfDay(k.committedAt, k.utcOffsetMinutes);
  if (b === undefined) return refuse('inspection.beacon.not_available', `no event recorded since ${beaconFrom} can serve as the beacon yet`);
  if (before(b.recordedAt, beaconFrom)) return refuse('inspection.beacon.too_early', `the beacon was recorded at ${b.recordedAt}, before ${beaconFrom}`);
  if (before(ctx.recordedAt, b.recordedAt)) return refuse('inspection.beacon.from_future', 'the beacon is later than the reveal');
  const targets = drawTargets(c.seed, b.hash, k.candidates, k.count);
  const undrawnVisits = [...s.visits.keys()].filter((x) => !targets.includes(x)).sort();
  return accept(ev(IE.seedRevealed, { inspectionId: c.inspectionId, seed: c.seed, beacon: b, targets, undrawnVisits }));
};

/** Decides an Inspection command. */
export const decideInspection = (c: InspectionCommand, s: InspectionState, ctx: DecisionContext, env: DomainEnv) => {
  if (c.type === 'plan') return decidePlan(c, s, env);
  switch (c.type) {
    case 'commitSeed': {
      if (s.kind !== 'unannounced') return refuse('inspection.commit.not_unannounced', 'only an unannounced inspection commits to a seed');
      if (s.commitment !== undefined) return refuse('inspection.commit.already', 'a seed is already committed; it cannot be replaced');
      if (c.count > c.candidates.length) return refuse('inspection.commit.count_too_large', `cannot draw ${c.count} of ${c.candidates.length} candidates`);
      const unknown = c.candidates.find((x) => !env.org.courts.has(x));
      if (unknown !== undefined) return refuse('inspection.court.unknown', `no court "${unknown}"`, { courtId: unknown });
      return accept(ev(IE.seedCommitted, {
        inspectionId: c.inspectionId, commitment: c.commitment, candidates: [...c.candidates].sort(), count: c.count,
        committedAt: ctx.recordedAt, utcOffsetMinutes: env.campaign.utcOffsetMinutes,
      }));
    }
    case 'recordVisit':
      return decideVisit(c, s, ctx, env);
    case 'recordFinding': {
      if (!s.visits.has(c.courtId)) return refuse('inspection.finding.court_not_visited', `court "${c.courtId}" was not visited`);
      if (s.findings.has(c.findingId)) return refuse('inspection.finding.exists', `finding "${c.findingId}" already exists`);
      if (c.department !== undefined && !env.org.courts.get(c.courtId)?.departments.has(c.department)) {
        return refuse('inspection.department.unknown', `court "${c.courtId}" has no department "${c.department}"`);
      }
      const { type: _t, evidence = [], ...rest } = c;
      return accept(ev(IE.findingRecorded, { ...rest, evidence }));
    }
    case 'linkFinding': {
      const f = s.findings.get(c.findingId);
      if (f === undefined) return refuse('inspection.finding.unknown', `no finding "${c.findingId}"`);
      if (f.problemId === c.problemId) return accept<InspectionEvent>();
      if (f.problemId !== undefined) return refuse('inspection.finding.already_linked', `finding "${c.findingId}" is linked to problem "${f.problemId}"`);
      return accept(ev(IE.findingLinked, { inspectionId: c.inspectionId, findingId: c.findingId, problemId: c.problemId }));
    }
    case 'recordSpotCheck': {
      const p = c.problem;
      if (p.status === 'none' || p.courtId === undefined) return refuse('inspection.spot_check.unknown_problem', `no problem "${c.problemId}"`);
      if (!s.visits.has(p.courtId)) return refuse('inspection.spot_check.court_not_visited', `court "${p.courtId}" of problem "${c.problemId}" was not visited`);
      if (s.spotChecks.has(c.checkId)) return refuse('inspection.spot_check.exists', `spot check "${c.checkId}" already exists`);
      return accept(ev(IE.spotCheckRecorded, {
        inspectionId: c.inspectionId, checkId: c.checkId, problemId: c.problemId, courtId: p.courtId, problemStatus: p.status, passed: c.passed, note: c.note,
      }));
    }
    case 'revealSeed':
      return decideReveal(c, s, ctx);
    case 'conclude': {
      if (s.visits.size === 0) return refuse('inspection.conclude.no_visits', 'no visit has been recorded');
      if (s.kind === 'unannounced' && s.reveal === undefined) return refuse('inspection.conclude.not_revealed', 'reveal the seed before concluding');
      return accept(ev(IE.concluded, { inspectionId: c.inspectionId, summary: c.summary }));
    }
  }
};

/** Before the policy: the campaign is launched, the inspection exists and is not concluded. */
export const precheckInspection = (c: InspectionCommand, s: InspectionState, env: DomainEnv) => {
  const notLaunched = requireLaunched(env);
  if (notLaunched) return notLaunched;
  if (c.type === 'plan') return undefined;
  if (s.status === 'none') return refuse('inspection.not_found', `inspection "${c.inspectionId}" has not been planned`);
  if (s.status === 'concluded' && c.type !== 'linkFinding') return refuse('inspection.concluded', `inspection "${c.inspectionId}" is concluded`);
  return undefined;
};

/** The Inspection aggregate. */
export const inspectionAggregate: AggregateSpec<InspectionCommand, InspectionState, InspectionEvent, DomainEnv> = {
  name: 'inspection',
  initialState: initialInspection,
  evolve: evolveInspection,
  decide: decideInspection,
  policy: inspectionPolicy,
  precheck: precheckInspection,
};
