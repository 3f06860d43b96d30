/**
 * Supervision (督办) as the dashboard and the office files show it, at an explicit `now`:
 * - every supervision item with its colour (see `campaign/followup/colours.ts`, the rule the
 *   follow-up reaction records warnings by), counted in the campaign's days with its warning
 *   threshold;
 * - the escalation step each late problem has reached on the campaign's ladder
 *   (预警 → 催办 → 约谈 → 通报 → 问责), from the recorded steps;
 * - the "warnings given" log: every warning, reminder and ladder step on the trail, in the order
 *   they were given.
 */
import { calendarFor } from '../campaign/calendar';
import type { EscalationStep } from '../campaign/campaign/events';
import { DEFAULT_FOLLOW_UP } from '../campaign/campaign/state';
import type { UnitRef } from '../campaign/codecs';
import { warningColour } from '../campaign/followup/colours';
import type { WarningColour } from '../campaign/supervision/events';
import type { SupervisionStatus } from '../campaign/supervision/state';
import { periodDue, periodOn } from '../campaign/supervision/schedule';
import { resolveClock, type AtOptions } from './clock';
import { problemLedger } from './ledger';
import { pmGet, pmList } from './pmap';
import type { ReadModelState, SupervisionRow } from './state';

/** A supervision item at `now`. */
export interface SupervisionItemView {
  readonly itemId: string;
  readonly number: string | null;
  readonly title: string;
  readonly status: SupervisionStatus;
  readonly source: SupervisionRow['source']['kind'];
  readonly lead: UnitRef | null;
  readonly co: readonly UnitRef[];
  readonly deadline: string | null;
  /** Days left (in the campaign's days); null once reviewed or closed, or before assignment. */
  readonly daysLeft: number | null;
  readonly colour: WarningColour | null;
  /** The feedback period `now` falls in, and whether an earlier one passed without feedback. */
  readonly period: number | null;
  readonly feedbackMissing: boolean;
  /** The day the next feedback is due. */
  readonly nextFeedbackDue: string | null;
  readonly feedbackGiven: number;
  readonly returned: number;
  readonly reminders: number;
  readonly warnings: number;
  readonly closedOn: string | null;
}

const settled = (s: SupervisionStatus): boolean => s === 'closed' || s === 'reviewed';

/** Every supervision item at `options.now`, by number (unnumbered last), with its colour. */
export const supervisionItems = (s: ReadModelState, options: AtOptions): SupervisionItemView[] => {
  const clock = resolveClock(options, s.catalog);
  const dayCount = s.catalog.dayCount ?? 'natural';
  const calendar = calendarFor(dayCount);
  const approaching = (s.catalog.followUp ?? DEFAULT_FOLLOW_UP).approachingDays;
  const rows = pmList(s.supervision).map((r): SupervisionItemView => {
    const a = r.assignment;
    const open = a !== undefined && !settled(r.status) && clock.today >= a.assignedOn;
    const period = a === undefined || settled(r.status) ? null : periodOn(a, clock.today, dayCount);
    const feedbackMissing = period !== null && r.status === 'handling' && period - 1 > r.lastPeriod;
    const colour = open ? warningColour({ deadline: a.deadline, behind: r.returns.length > 0 || feedbackMissing }, clock.today, approaching, calendar) ?? null : null;
    return {
      itemId: r.itemId, number: r.number ?? null, title: r.title, status: r.status, source: r.source.kind,
      lead: a?.lead ?? null, co: a?.co ?? [], deadline: a?.deadline ?? null,
      daysLeft: open ? calendar.daysBetween(clock.today, a.deadline) : null, colour, period, feedbackMissing,
      nextFeedbackDue: a === undefined || period === null ? null : periodDue(a, r.lastPeriod + 1, dayCount),
      feedbackGiven: r.feedback.length, returned: r.returns.length,
      reminders: r.notices.filter((n) => n.kind === 'reminder').length, warnings: r.notices.filter((n) => n.kind === 'warning').length,
      closedOn: r.closedOn ?? null,
    };
  });
  return rows.sort((x, y) => (x.number === null) !== (y.number === null) ? (x.number === null ? 1 : -1) : x.itemId < y.itemId ? -1 : x.itemId > y.itemId ? 1 : 0);
};

/** A late problem and the step of the ladder it has reached. */
export interface EscalationView {
  readonly problemId: string;
  readonly ledgerNumber: string | null;
  readonly courtId: string;
  readonly title: string;
  readonly deadline: string | null;
  /** Days past the deadline (positive). */
  readonly daysOverdue: number | null;
  /** The last step taken, null when none is on the trail yet. */
  readonly step: EscalationStep | null;
  readonly stepDay: string | null;
  /** Steps taken and the ladder's length. */
  readonly stepsTaken: number;
  readonly ladder: readonly EscalationStep[];
  /** The next step on the ladder, null when the ladder is complete. */
  readonly next: EscalationStep | null;
}

/** Every problem past its deadline and not closed at `options.now`, with the ladder step it reached. */
export const escalations = (s: ReadModelState, options: AtOptions): EscalationView[] => {
  const ladder = (s.catalog.followUp ?? DEFAULT_FOLLOW_UP).ladder;
  return problemLedger(s, options).filter((r) => r.colour === 'red').map((r) => {
    const steps = (pmGet(s.followUps, `problem:${r.problemId}`)?.notices ?? []).filter((n) => n.kind === 'escalation');
    const last = steps[steps.length - 1];
    const step = last?.step ?? null;
    return {
      problemId: r.problemId, ledgerNumber: r.ledgerNumber, courtId: r.courtId, title: r.title, deadline: r.deadline,
      daysOverdue: r.daysLeft === null ? null : -r.daysLeft, step, stepDay: last?.day ?? null, stepsTaken: steps.length, ladder,
      next: ladder[step === null ? 0 : ladder.indexOf(step) + 1] ?? null,
    };
  });
};

/** One warning, reminder or ladder step given, as recorded. */
export interface WarningGiven {
  readonly day: string;
  /** Recorded time. */
  readonly at: string;
  readonly kind: 'warning' | 'reminder' | 'escalation';
  readonly colour: WarningColour | null;
  readonly step: EscalationStep | null;
  readonly subject: { readonly kind: 'problem' | 'task' | 'supervision'; readonly id: string; readonly label: string };
  readonly addressedTo: UnitRef;
  readonly rule: string;
  readonly givenBy: string;
}

/** Every warning, reminder and ladder step on the trail, in the order they were recorded. */
export const warningsGiven = (s: ReadModelState): WarningGiven[] => {
  const out: WarningGiven[] = [];
  for (const r of pmList(s.supervision)) {
    for (const n of r.notices) {
      out.push({
        day: n.day, at: n.at, kind: n.kind, colour: n.colour ?? null, step: null, addressedTo: n.unit, rule: n.rule, givenBy: n.by,
        subject: { kind: 'supervision', id: r.itemId, label: r.number === undefined ? r.title : `${r.number} ${r.title}` },
      });
    }
  }
  for (const f of pmList(s.followUps)) {
    const id = f.subject.kind === 'problem' ? f.subject.problemId : f.subject.taskId;
    const label = f.subject.kind === 'problem'
      ? (() => { const p = pmGet(s.problems, id); return p === undefined ? id : `${p.ledgerNumber ?? id} ${p.title}`; })()
      : (() => { const t = s.catalog.tasks[id]; return t === undefined ? id : `任务${t.number} ${t.title}`; })();
    for (const n of f.notices) {
      out.push({
        day: n.day, at: n.at, kind: n.kind, colour: n.colour ?? null, step: n.step ?? null, addressedTo: n.addressedTo, rule: n.rule,
        givenBy: n.by, subject: { kind: f.subject.kind, id, label },
      });
    }
  }
  return out.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.subject.id < y.subject.id ? -1 : x.subject.id > y.subject.id ? 1 : 0));
};
