import fc from 'fast-check';
import { describe, it } from 'vitest';
import { accountabilityAggregate } from '../../src/campaign/accountability/decider';
import type { AccountabilityCommand } from '../../src/campaign/accountability/commands';
import type { AccountabilityEvent } from '../../src/campaign/accountability/events';
import { ok, type TestLedger } from './support/ledger-world';
import { outsidersChangeNothing } from './support/outsiders';
import { actor, campaign, org, specOf } from './support/world';

const spec = specOf(accountabilityAggregate, { org, campaign });
const C = 'AC-1';
const discipline = actor('discipline');
const spot = { kind: 'spot_check' as const, inspectionId: 'I-1', checkId: 'S1' };
const propose = (over: Partial<Extract<AccountabilityCommand, { type: 'propose' }>> = {}): AccountabilityCommand => ({
  type: 'propose', caseId: C, subject: { kind: 'person', personId: 'ng-staff' }, grounds: 'falsification', summary: '虚报整改',
  evidence: [spot], findings: [{ found: true, fact: 'failed_spot_check_of_closed_problem' }], ...over,
});
const proposed: AccountabilityEvent = {
  type: 'accountability.case_proposed',
  data: { caseId: C, subject: { kind: 'person', personId: 'ng-staff' }, grounds: 'falsification', summary: '虚报整改', evidence: [spot], confirmed: ['failed_spot_check_of_closed_problem'] },
};
const facts: AccountabilityEvent = { type: 'accountability.facts_established', data: { caseId: C, facts: '已销号问题未整改', establishedBy: 'inspector' } };
/** The subject notified on 2019-05-25, with a defence period to the end of `until` (the specs' clock reads 2019-06-01). */
const notice = (until: string): AccountabilityEvent =>
  ({ type: 'accountability.subject_notified', data: { caseId: C, notifiedBy: 'discipline', notifiedOn: '2019-05-25', defenceUntil: until } });
const waived: AccountabilityEvent = { type: 'accountability.defence_waived', data: { caseId: C, waivedBy: 'ng-staff', reason: '对事实无异议' } };
const sanctioned: AccountabilityEvent = {
  type: 'accountability.sanction_decided', data: { caseId: C, sanction: 'circulated_criticism', decidedBy: 'discipline', body: 'discipline_office', rationale: 'x' },
};

describe('accountability: a falsification case must cite contradicting evidence', () => {
  it('accepts a failed spot check of a closed problem', () => {
    spec.given([]).when(propose(), { actor: actor('inspector') }).thenEmits([proposed]);
  });
  it('accepts a problem reopened after closure', () => {
    spec.given([]).when(propose({ evidence: [{ kind: 'problem', problemId: 'P-1' }], findings: [{ found: true, fact: 'reopened_after_closure' }] }), { actor: discipline })
      .thenEmitsTypes('accountability.case_proposed');
  });
  it('refuses falsification without contradicting evidence', () => {
    spec.given([]).when(propose({ evidence: [{ kind: 'document', sha256: 'a'.repeat(64), description: '举报信' }], findings: [{ found: true, fact: 'exists' }] }), { actor: discipline })
      .thenRefused('accountability.falsification.no_contradicting_evidence');
  });
  it('refuses evidence the ledger cannot find, or left unchecked', () => {
    spec.given([]).when(propose({ findings: [{ found: false, fact: 'exists' }] }), { actor: discipline }).thenRefused('accountability.evidence.not_found');
    spec.given([]).when(propose({ findings: [] }), { actor: discipline }).thenRefused('accountability.evidence.unchecked');
  });
  it('an overdue case cites an overdue problem', () => {
    const ov = { grounds: 'overdue_rectification' as const, evidence: [{ kind: 'problem' as const, problemId: 'P-1' }] };
    spec.given([]).when(propose({ ...ov, findings: [{ found: true, fact: 'overdue' }] }), { actor: { id: 'sys', posts: ['system'] } }).thenEmitsTypes('accountability.case_proposed');
    spec.given([]).when(propose({ ...ov, findings: [{ found: true, fact: 'exists' }] }), { actor: discipline }).thenRefused('accountability.overdue.not_overdue');
  });
  it('refuses unknown subjects, duplicates, and proposers without the right', () => {
    spec.given([]).when(propose({ subject: { kind: 'person', personId: 'ghost' } }), { actor: discipline }).thenRefused('accountability.subject.unknown');
    spec.given([]).when(propose({ subject: { kind: 'unit', courtId: 'NANGUAN', department: '研究室' } }), { actor: discipline }).thenRefused('accountability.subject.unknown');
    spec.given([proposed]).when(propose(), { actor: discipline }).thenRefused('accountability.case.exists');
    spec.given([]).when(propose(), { actor: actor('ng-president') }).thenNotAuthorized('accountability.propose');
  });
});

describe('accountability: facts, sanction, publication, closure', () => {
  it('needs facts, a notice to the subject and the defence period (or a defence stated or waived) before a sanction', () => {
    const talk = { type: 'decideSanction' as const, caseId: C, sanction: 'admonition_talk' as const, rationale: 'x' };
    spec.given([proposed]).when(talk, { actor: discipline }).thenRefused('accountability.sanction.no_facts');
    spec.given([proposed, facts]).when(talk, { actor: discipline }).thenRefused('accountability.decide.not_notified');
    spec.given([proposed, facts, notice('2019-06-05')]).when(talk, { actor: discipline }).thenRefused('accountability.decide.defence_period_open');
    spec.given([proposed, facts, notice('2019-06-05'), waived]).when(talk, { actor: discipline }).thenEmitsTypes('accountability.sanction_decided');
    spec.given([proposed, facts, notice('2019-05-28')]).when(talk, { actor: discipline })
      .thenEmits([{ type: 'accountability.sanction_decided', data: { caseId: C, sanction: 'admonition_talk', decidedBy: 'discipline', body: 'discipline_office', rationale: 'x' } }]);
  });
  it('通报批评 and heavier are decided by the leading group with the members present; 约谈 also by the discipline office', () => {
    const given = spec.given([proposed, facts, notice('2019-05-28')]);
    given.when({ type: 'decideSanction', caseId: C, sanction: 'circulated_criticism', rationale: 'x', present: ['president', 'deputy'] }, { actor: discipline })
      .thenNotAuthorized('accountability.decideSanction', 'accountability.rights.collective_decision_required');
    given.when({ type: 'decideSanction', caseId: C, sanction: 'accountability', rationale: 'x', present: ['president', 'deputy'] }, { actor: actor('president') })
      .thenEmits([{ type: 'accountability.sanction_decided', data: { caseId: C, sanction: 'accountability', decidedBy: 'president', body: 'leading_group', rationale: 'x', present: ['president', 'deputy'] } }]);
    given.when({ type: 'decideSanction', caseId: C, sanction: 'admonition_talk', rationale: 'x' }, { actor: actor('office1') }).thenNotAuthorized('accountability.decideSanction');
    spec.given([proposed, facts, notice('2019-05-28'), sanctioned]).when({ type: 'decideSanction', caseId: C, sanction: 'admonition_talk', rationale: 'x' }, { actor: discipline })
      .thenRefused('accountability.decided');
  });
  it('publishes only a decided sanction, once', () => {
    spec.given([proposed, facts]).when({ type: 'publish', caseId: C, channel: '门户网站专栏' }, { actor: actor('office1') }).thenRefused('accountability.publish.no_sanction');
    spec.given([proposed, facts, sanctioned]).when({ type: 'publish', caseId: C, channel: '门户网站专栏' }, { actor: actor('office1') }).thenEmitsTypes('accountability.published');
    spec.given([proposed, facts, sanctioned, { type: 'accountability.published', data: { caseId: C, channel: 'x' } }])
      .when({ type: 'publish', caseId: C, channel: 'x' }, { actor: discipline }).thenRefused('accountability.publish.already');
  });
  it('closes only once decided; a closed case takes no more commands', () => {
    spec.given([proposed]).when({ type: 'close', caseId: C, summary: 'x' }, { actor: discipline }).thenRefused('accountability.close.undecided');
    spec.given([proposed]).when({ type: 'dismiss', caseId: C, reason: '证据不足' }, { actor: discipline }).thenEmitsTypes('accountability.case_dismissed');
    spec.given([proposed, facts, sanctioned]).when({ type: 'close', caseId: C, summary: 'x' }, { actor: discipline }).thenEmitsTypes('accountability.closed');
    spec.given([proposed, facts, sanctioned, { type: 'accountability.closed', data: { caseId: C, summary: 'x' } }])
      .when({ type: 'establishFacts', caseId: C, facts: 'x' }, { actor: discipline }).thenRefused('accountability.closed');
    spec.given([]).when({ type: 'close', caseId: C, summary: 'x' }, { actor: discipline }).thenRefused('accountability.not_found');
  });
  it('nobody acts on their own case', () => {
    const own: AccountabilityEvent = { ...proposed, data: { ...(proposed.data as object), subject: { kind: 'person', personId: 'discipline' } } } as AccountabilityEvent;
    spec.given([own]).when({ type: 'establishFacts', caseId: C, facts: 'x' }, { actor: discipline }).thenRefused('accountability.conflict_of_interest');
  });
});

describe('accountability: who establishes the facts does not decide; the leading group decides collectively', () => {
  const collective = (present: string[], sanction: 'circulated_criticism' | 'accountability' = 'circulated_criticism') =>
    ({ type: 'decideSanction' as const, caseId: C, sanction, rationale: '经领导小组研究决定', present });
  const ready = [proposed, facts, notice('2019-05-28')];
  it('given facts established by the discipline office, when it decides the sanction, then accountability.rights.fact_finder_decides', () => {
    const byDiscipline: AccountabilityEvent = { type: 'accountability.facts_established', data: { caseId: C, facts: 'x', establishedBy: 'discipline' } };
    spec.given([proposed, byDiscipline, notice('2019-05-28')]).when({ type: 'decideSanction', caseId: C, sanction: 'admonition_talk', rationale: 'x' }, { actor: discipline })
      .thenNotAuthorized('accountability.decideSanction', 'accountability.rights.fact_finder_decides');
    const byDeputy: AccountabilityEvent = { type: 'accountability.facts_established', data: { caseId: C, facts: 'x', establishedBy: 'deputy' } };
    spec.given([proposed, byDeputy, notice('2019-05-28')]).when(collective(['president', 'deputy']), { actor: actor('deputy') })
      .thenNotAuthorized('accountability.decideSanction', 'accountability.rights.fact_finder_decides');
    spec.given([proposed, byDeputy, notice('2019-05-28')]).when(collective(['president', 'deputy']), { actor: actor('president') })
      .thenRefused('accountability.collective.fact_finder_present');
  });
  it('given a collective sanction, when the members present are missing, outsiders, too few, or without the recorder, then the meeting rules refuse', () => {
    spec.given(ready).when({ type: 'decideSanction', caseId: C, sanction: 'circulated_criticism', rationale: 'x' }, { actor: actor('president') })
      .thenRefused('accountability.collective.present_required');
    spec.given(ready).when(collective(['president', 'deputy', 'office1']), { actor: actor('president') }).thenRefused('accountability.collective.not_member');
    spec.given(ready).when(collective(['president']), { actor: actor('president') }).thenRefused('accountability.collective.no_quorum'); // 1 of 2 is not more than half
    spec.given(ready).when(collective(['president', 'deputy']), { actor: { id: 'lg-x', posts: ['leading_group_deputy'], unit: 'CITY' } })
      .thenRefused('accountability.collective.recorder_absent');
    const aboutDeputy: AccountabilityEvent = { ...proposed, data: { ...(proposed.data as object), subject: { kind: 'person', personId: 'deputy' } } } as AccountabilityEvent;
    spec.given([aboutDeputy, facts, notice('2019-05-28')]).when(collective(['president', 'deputy'], 'accountability'), { actor: actor('president') })
      .thenRefused('accountability.collective.subject_present');
  });
});

describe('accountability: the subject is notified and may state a defence (陈述申辩) before the decision', () => {
  it('given established facts, when the discipline office notifies the subject, then the defence period runs to the end of the given day', () => {
    spec.given([proposed]).when({ type: 'notifySubject', caseId: C, defenceDays: 5 }, { actor: discipline }).thenRefused('accountability.notify.no_facts');
    spec.given([proposed, facts]).when({ type: 'notifySubject', caseId: C, defenceDays: 5 }, { actor: discipline })
      .thenEmits([{ type: 'accountability.subject_notified', data: { caseId: C, notifiedBy: 'discipline', notifiedOn: '2019-06-01', defenceUntil: '2019-06-06' } }]);
    spec.given([proposed, facts, notice('2019-06-05')]).when({ type: 'notifySubject', caseId: C, defenceDays: 5 }, { actor: discipline }).thenRefused('accountability.notify.already');
    spec.given([proposed, facts]).when({ type: 'notifySubject', caseId: C, defenceDays: 5 }, { actor: actor('office1') }).thenNotAuthorized('accountability.notifySubject');
  });
  it('given a notice, when the subject states a defence, then it is recorded; anyone else is refused with accountability.rights.not_subject', () => {
    const state = { type: 'stateDefence' as const, caseId: C, statement: '对事实无异议，系理解有误' };
    spec.given([proposed, facts, notice('2019-06-05')]).when(state, { actor: actor('ng-staff') })
      .thenEmits([{ type: 'accountability.defence_stated', data: { caseId: C, statedBy: 'ng-staff', statement: '对事实无异议，系理解有误' } }]);
    spec.given([proposed, facts, notice('2019-06-05')]).when(state, { actor: discipline }).thenNotAuthorized('accountability.stateDefence', 'accountability.rights.not_subject');
    spec.given([proposed, facts, notice('2019-06-05')]).when(state, { actor: actor('ng-president') }).thenNotAuthorized('accountability.stateDefence', 'accountability.rights.not_subject');
    spec.given([proposed, facts]).when(state, { actor: actor('ng-staff') }).thenRefused('accountability.defence.not_notified');
    spec.given([proposed, facts, notice('2019-06-05'), waived]).when(state, { actor: actor('ng-staff') }).thenRefused('accountability.defence.already');
    spec.given([proposed, facts, notice('2019-05-28')]).when(state, { actor: actor('ng-staff') }).thenRefused('accountability.defence.period_over');
  });
  it('given a case about a court, when its president waives the defence, then it is recorded', () => {
    const aboutCourt: AccountabilityEvent = { ...proposed, data: { ...(proposed.data as object), subject: { kind: 'unit', courtId: 'NANGUAN' } } } as AccountabilityEvent;
    spec.given([aboutCourt, facts, notice('2019-06-05')]).when({ type: 'waiveDefence', caseId: C, reason: '无异议' }, { actor: actor('ng-president') })
      .thenEmitsTypes('accountability.defence_waived');
  });
});

const TEXT = fc.constantFrom('经研究决定', '无异议');
describe('accountability: an actor without the right never changes the store', () => {
  it('property: the fact-finder, anyone outside the leading group deciding 通报批评 or heavier, and anyone but the subject stating a defence are refused and store nothing', async () => {
    const setup = async (t: TestLedger) => {
      const L = t.ledger;
      await ok(L.accountability.propose('discipline', {
        caseId: 'AC-1', subject: { kind: 'person', personId: 'ng-staff' }, grounds: 'poor_work', summary: '整改不力',
        evidence: [{ kind: 'document', sha256: 'a'.repeat(64), description: '督查报告' }],
      }));
      await ok(L.accountability.establishFacts('discipline', { caseId: 'AC-1', facts: '整改措施未落实' }));
      await ok(L.accountability.notifySubject('discipline', { caseId: 'AC-1', defenceDays: 3 }));
    };
    const NOT_LEADERS = ['office1', 'office-head', 'inspector', 'tmo-head', 'verifier1', 'ng-president', 'ng-head', 'ng-office', 'cy-president', 'admin'];
    const attempts = fc.oneof(
      fc.record({
        aggregate: fc.constant('accountability'), command: fc.constant('decideSanction'), actor: fc.constantFrom(...NOT_LEADERS, 'discipline'),
        input: fc.record({ caseId: fc.constant('AC-1'), sanction: fc.constantFrom('circulated_criticism', 'accountability'), rationale: TEXT, present: fc.constant(['president', 'deputy']) }),
      }),
      fc.record({
        aggregate: fc.constant('accountability'), command: fc.constant('decideSanction'), actor: fc.constant('discipline'),
        input: fc.record({ caseId: fc.constant('AC-1'), sanction: fc.constant('admonition_talk'), rationale: TEXT }),
      }),
      fc.record({
        aggregate: fc.constant('accountability'), command: fc.constantFrom('stateDefence', 'waiveDefence'), actor: fc.constantFrom(...NOT_LEADERS, 'discipline', 'president'),
        input: fc.record({ caseId: fc.constant('AC-1'), statement: TEXT, reason: TEXT }),
      }).map((a) => ({ ...a, input: a.command === 'stateDefence' ? { caseId: a.input.caseId, statement: a.input.statement } : { caseId: a.input.caseId, reason: a.input.reason } })),
    );
    await outsidersChangeNothing(setup, attempts, [
      'accountability.rights.fact_finder_decides', 'accountability.rights.collective_decision_required', 'accountability.rights.not_subject',
    ], 50);
  }, 120_000);
});
