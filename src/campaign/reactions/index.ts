/**
 * The process managers, run on demand with `ledger.reactions.run(now?)` (no background daemon):
 *
 * 1. An inspection finding becomes a problem (source: the inspection's kind), with a problem id
 *    derived from the inspection and finding ids, and the finding is linked back to it.
 * 2. Every identified problem without a ledger number is registered (the number reserved in the
 *    campaign's reservation stream, unique under concurrency).
 * 3. Follow-up (`follow-up.ts`), on the campaign's working days only: warnings of every problem's,
 *    task's and supervision item's colour and reminders of missed feedback are recorded as events;
 *    a problem overdue past the configured grace climbs the campaign's escalation ladder one
 *    recorded step at a time, and an accountability case (grounds: overdue rectification;
 *    subject: the responsible person, else the unit) opens once per problem, at the step the
 *    campaign sets and only with the earlier steps on the trail.
 *
 * Every command runs as the system actor, with the causing event as `causationId` and its
 * correlation id, and with event ids derived from the causing event. Each step first checks
 * whether its effect already exists, so running again (or twice at once) never duplicates.
 */
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { RecordedEvent } from '../../eventsourcing/envelope';
import { errors, type LedgerError } from '../../eventsourcing/errors';
import type { CommandCodecs } from '../define';
import type { Binding } from '../facade/binding';
import type { FacadeContext } from '../facade/context';
import { runCommand } from '../facade/execute';
import { inspectionBinding } from '../inspection/resolve';
import { problemBinding } from '../problem/resolve';
import { deterministicIds, problemIdForFinding } from '../ids';
import { holdersOf } from '../organization/state';
import type { CampaignRuleCode } from '../rules';
import { localDate } from '../time';
import { followUp, type Exec } from './follow-up';
import { scanCampaign, type Scan } from './scan';

/** What one run did. */
export interface ReactionReport {
  readonly problemsIdentified: readonly string[];
  readonly findingsLinked: readonly string[];
  readonly numbersAssigned: readonly { readonly problemId: string; readonly ledgerNumber: string }[];
  readonly casesProposed: readonly string[];
  /** `${kind}:${id}:${colour}` of each warning recorded. */
  readonly warningsGiven: readonly string[];
  /** `${itemId}:${rule}` of each reminder of a supervision item recorded. */
  readonly remindersGiven: readonly string[];
  /** Each step of the escalation ladder taken. */
  readonly stepsTaken: readonly { readonly problemId: string; readonly step: string }[];
  /** Reactions that were refused or failed (the others still ran). */
  readonly failures: readonly { readonly reaction: string; readonly causationId: string; readonly error: LedgerError }[];
}

/** The reactions of a ledger. */
export interface Reactions {
  /** Runs every reaction once; `now` (default: the trusted clock) selects what is overdue. */
  run(now?: Date): TaskEither<LedgerError, ReactionReport>;
}

/** Refusals that mean another run already did the work: not failures. */
const ALREADY_DONE: readonly CampaignRuleCode[] = [
  'problem.already_identified', 'problem.already_registered', 'accountability.case.exists', 'follow_up.warning.already_given', 'follow_up.escalation.too_soon',
  'follow_up.escalation.complete',
];

type Mutable = { -readonly [K in keyof ReactionReport]: ReactionReport[K] extends readonly (infer X)[] ? X[] : never };

/** Creates the reactions of a ledger. */
export const createReactions = (ctx: FacadeContext, config: { readonly graceDays: number; readonly systemActorId?: string | undefined }): Reactions => {
  const exec = async <D extends CommandCodecs, S>(
    reaction: string, cause: RecordedEvent, binding: Binding<D, S>, type: keyof D & string, actorId: string, input: unknown, out: Mutable,
  ) => {
    const handler = ctx.handlerWithIds(deterministicIds(`${cause.eventId}:${reaction}`));
    const r = await runCommand(ctx, binding, type, actorId, input, { causationId: cause.eventId, correlationId: cause.metadata.correlationId }, handler);
    if (E.isLeft(r) && !(r.left._tag === 'RuleViolated' && ALREADY_DONE.includes(r.left.rule))) {
      out.failures.push({ reaction, causationId: cause.eventId, error: r.left });
    }
    return r;
  };

  const firstEvent = async (streamId: string): Promise<RecordedEvent | undefined> => {
    for await (const e of ctx.store.readStream(streamId, { maxCount: 1 })) return e;
    return undefined;
  };

  const findings = async (scan: Scan, actorId: string, out: Mutable) => {
    for (const insp of scan.inspections.values()) {
      for (const [findingId, f] of insp.state.findings) {
        if (f.problemId !== undefined) continue;
        const cause = insp.findingEvents.get(findingId)!;
        const problemId = problemIdForFinding(insp.inspectionId, findingId);
        let identified = scan.problems.get(problemId)?.identifiedBy;
        if (identified === undefined) {
          const r = await exec('finding-to-problem', cause, problemBinding, 'identify', actorId, {
            problemId, courtId: f.courtId, source: insp.state.kind === 'unannounced' ? 'unannounced_inspection' : 'routine_inspection',
            title: f.title, description: f.description, criterion: f.criterion, severity: f.severity, evidence: f.evidence,
            inspectionId: insp.inspectionId, findingId,
            ...(f.department === undefined ? {} : { department: f.department }), ...(f.taskId === undefined ? {} : { taskId: f.taskId }),
          }, out);
          if (E.isLeft(r)) {
            // Another run identified it meanwhile: link to what it stored.
            if (r.left._tag !== 'RuleViolated' || r.left.rule !== 'problem.already_identified') continue;
            identified = await firstEvent(ctx.streams.problem(problemId));
            if (identified === undefined) continue;
          } else {
            identified = r.right.events[0];
            if (identified === undefined) continue;
            out.problemsIdentified.push(problemId);
            scan.problems.set(problemId, { problemId, state: r.right.state, identifiedBy: identified, deadlineSetBy: new Map() });
          }
        }
        const l = await exec('link-finding', identified, inspectionBinding, 'linkFinding', actorId, { inspectionId: insp.inspectionId, findingId, problemId }, out);
        if (E.isRight(l) && l.right.events.length > 0) out.findingsLinked.push(`${insp.inspectionId}/${findingId}`);
      }
    }
  };

  const numbers = async (scan: Scan, actorId: string, out: Mutable) => {
    for (const p of scan.problems.values()) {
      if (p.state.status === 'none' || p.state.status === 'withdrawn' || p.state.ledgerNumber !== undefined || p.identifiedBy === undefined) continue;
      const r = await exec('ledger-number', p.identifiedBy, problemBinding, 'register', actorId, { problemId: p.problemId }, out);
      if (E.isRight(r) && r.right.events.length > 0 && r.right.state.ledgerNumber !== undefined) {
        p.state = r.right.state;
        out.numbersAssigned.push({ problemId: p.problemId, ledgerNumber: r.right.state.ledgerNumber });
      }
    }
  };

  return {
    run: (now) => async () => {
      const world = await ctx.world();
      if (E.isLeft(world)) return world;
      const actorId = config.systemActorId ?? [...holdersOf(world.right.org, 'system')].map((p) => p.personId).sort()[0];
      if (actorId === undefined) return E.left(errors.notAuthorized('system', 'reactions.run', 'no active person holds the system post'));
      const scan = await scanCampaign(ctx.store, ctx.registry, ctx.streams);
      if (E.isLeft(scan)) return scan;
      const out: Mutable = {
        problemsIdentified: [], findingsLinked: [], numbersAssigned: [], casesProposed: [], warningsGiven: [], remindersGiven: [], stepsTaken: [], failures: [],
      };
      await findings(scan.right, actorId, out);
      await numbers(scan.right, actorId, out);
      const today = localDate((now ?? ctx.clock()).toISOString(), world.right.campaign.utcOffsetMinutes);
      const run: Exec = (reaction, cause, binding, type, input) => exec(reaction, cause, binding, type, actorId, input, out);
      await followUp(scan.right, world.right, today, config.graceDays, run, out);
      return E.right(out);
    },
  };
};
