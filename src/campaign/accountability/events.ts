/**
 * Accountability events: a case against a person or a unit on grounds of poor work,
 * falsification or overdue rectification, with the evidence it cites; facts established; a
 * sanction (通报批评 circulated criticism, 约谈 admonition talk, 追责问责 accountability) decided by
 * the leading group or the discipline office; published; closed.
 * One stream per case: `${namespace}/accountability/${caseId}`.
 */
import * as t from 'io-ts';
import { DepartmentName, Id, IsoDate, LongText, Sha256Hex, ShortText, intIn, listOf, optional, struct } from '../codecs';
import { definitionsOf, eventType, type EventUnion } from '../define';

/** Who a case is about: a person, or a unit (court or department). */
export const CaseSubject = t.union([
  struct({ kind: t.literal('person'), personId: Id }),
  t.intersection([struct({ kind: t.literal('unit'), courtId: Id }), optional({ department: DepartmentName })]),
]);
/** Who a case is about. */
export type CaseSubject = t.TypeOf<typeof CaseSubject>;

/** Why a case is opened. */
export const CaseGrounds = t.keyof({ poor_work: null, falsification: null, overdue_rectification: null }, 'CaseGrounds');
/** Why a case is opened. */
export type CaseGrounds = t.TypeOf<typeof CaseGrounds>;

/** A piece of evidence a case cites: something in the ledger, or a document pinned by hash. */
export const CitedEvidence = t.union([
  struct({ kind: t.literal('problem'), problemId: Id }),
  struct({ kind: t.literal('spot_check'), inspectionId: Id, checkId: Id }),
  struct({ kind: t.literal('report'), periodId: Id, courtId: Id, version: intIn(1, 1000) }),
  struct({ kind: t.literal('document'), sha256: Sha256Hex, description: ShortText }),
]);
/** A piece of evidence a case cites. */
export type CitedEvidence = t.TypeOf<typeof CitedEvidence>;

/** What the ledger confirmed about a cited item when the case was proposed. */
export const EvidenceFact = t.keyof({
  /** A problem that is past a measure's deadline and not closed. */
  overdue: null,
  /** A spot check that failed on a problem the ledger showed as closed. */
  failed_spot_check_of_closed_problem: null,
  /** A problem that was closed and later reopened on re-check. */
  reopened_after_closure: null,
  /** The item exists; nothing more is claimed. */
  exists: null,
}, 'EvidenceFact');
/** What the ledger confirmed about a cited item. */
export type EvidenceFact = t.TypeOf<typeof EvidenceFact>;

/** A case was proposed. `confirmed[i]` is what the ledger said about `evidence[i]`. */
export const CaseProposed = struct({
  caseId: Id,
  subject: CaseSubject,
  grounds: CaseGrounds,
  summary: LongText,
  evidence: listOf(CitedEvidence, 0, 100),
  confirmed: listOf(EvidenceFact, 0, 100),
});
/** Data of `accountability.case_proposed`. */
export type CaseProposed = t.TypeOf<typeof CaseProposed>;

/** The facts of the case were established (by `establishedBy`; absent in trails recorded before it was kept). */
export const FactsEstablished = t.intersection([struct({ caseId: Id, facts: LongText }), optional({ establishedBy: Id })]);
/** Data of `accountability.facts_established`. */
export type FactsEstablished = t.TypeOf<typeof FactsEstablished>;

/** The sanctions of the plan. */
export const Sanction = t.keyof({ circulated_criticism: null, admonition_talk: null, accountability: null }, 'Sanction');
/** 通报批评, 约谈 or 追责问责. */
export type Sanction = t.TypeOf<typeof Sanction>;

/** Who decided: the leading group or the discipline office. */
export const DecidingBody = t.keyof({ leading_group: null, discipline_office: null }, 'DecidingBody');
/** Who decided. */
export type DecidingBody = t.TypeOf<typeof DecidingBody>;

/**
 * A sanction was decided. 通报批评 and heavier are a collective decision of the leading group:
 * `present` lists the members present (absent in trails recorded before it was kept).
 */
export const SanctionDecided = t.intersection([
  struct({ caseId: Id, sanction: Sanction, decidedBy: Id, body: DecidingBody, rationale: LongText }),
  optional({ present: listOf(Id, 0, 100) }),
]);
/** Data of `accountability.sanction_decided`. */
export type SanctionDecided = t.TypeOf<typeof SanctionDecided>;

/** The subject was notified of the facts and of the time given to state a defence (陈述申辩), to the end of `defenceUntil`. */
export const SubjectNotified = struct({ caseId: Id, notifiedBy: Id, notifiedOn: IsoDate, defenceUntil: IsoDate });
/** Data of `accountability.subject_notified`. */
export type SubjectNotified = t.TypeOf<typeof SubjectNotified>;

/** The subject stated a defence (陈述申辩). */
export const DefenceStated = struct({ caseId: Id, statedBy: Id, statement: LongText });
/** Data of `accountability.defence_stated`. */
export type DefenceStated = t.TypeOf<typeof DefenceStated>;

/** The subject waived the defence. */
export const DefenceWaived = struct({ caseId: Id, waivedBy: Id, reason: LongText });
/** Data of `accountability.defence_waived`. */
export type DefenceWaived = t.TypeOf<typeof DefenceWaived>;

/** The case was dismissed without a sanction. */
export const CaseDismissed = struct({ caseId: Id, decidedBy: Id, reason: LongText });
/** Data of `accountability.case_dismissed`. */
export type CaseDismissed = t.TypeOf<typeof CaseDismissed>;

/** The sanction was published (e.g. circulated, or on the campaign's web column). */
export const CasePublished = struct({ caseId: Id, channel: ShortText });
/** Data of `accountability.published`. */
export type CasePublished = t.TypeOf<typeof CasePublished>;

/** The case was closed. */
export const CaseClosed = struct({ caseId: Id, summary: LongText });
/** Data of `accountability.closed`. */
export type CaseClosed = t.TypeOf<typeof CaseClosed>;

/** The AccountabilityCase's event types. */
export const accountabilityEvents = {
  proposed: eventType('accountability.case_proposed', CaseProposed),
  factsEstablished: eventType('accountability.facts_established', FactsEstablished),
  sanctionDecided: eventType('accountability.sanction_decided', SanctionDecided),
  dismissed: eventType('accountability.case_dismissed', CaseDismissed),
  published: eventType('accountability.published', CasePublished),
  closed: eventType('accountability.closed', CaseClosed),
  subjectNotified: eventType('accountability.subject_notified', SubjectNotified),
  defenceStated: eventType('accountability.defence_stated', DefenceStated),
  defenceWaived: eventType('accountability.defence_waived', DefenceWaived),
} as const;

/** Any AccountabilityCase event. */
export type AccountabilityEvent = EventUnion<typeof accountabilityEvents>;

/** Registry entries of the AccountabilityCase's event types. */
export const accountabilityEventTypes = definitionsOf(accountabilityEvents);
