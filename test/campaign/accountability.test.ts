import { describe, it } from 'vitest';
import { accountabilityAggregate } from '../../src/campaign/accountability/decider';
import type { AccountabilityCommand } from '../../src/campaign/accountability/commands';
import type { AccountabilityEvent } from '../../src/campaign/accountability/events';
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
const facts: AccountabilityEvent = { type: 'accountability.facts_established', data: { caseId: C, facts: '已销号问题未整改' } };
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
  it('needs facts before a sanction, decided by the discipline office or the leading group', () => {
    spec.given([proposed]).when({ type: 'decideSanction', caseId: C, sanction: 'circulated_criticism', rationale: 'x' }, { actor: discipline })
      .thenRefused('accountability.sanction.no_facts');
    spec.given([proposed, facts]).when({ type: 'decideSanction', caseId: C, sanction: 'circulated_criticism', rationale: 'x' }, { actor: discipline }).thenEmits([sanctioned]);
    spec.given([proposed, facts]).when({ type: 'decideSanction', caseId: C, sanction: 'accountability', rationale: 'x' }, { actor: actor('president') })
      .thenEmits([{ type: 'accountability.sanction_decided', data: { caseId: C, sanction: 'accountability', decidedBy: 'president', body: 'leading_group', rationale: 'x' } }]);
    spec.given([proposed, facts]).when({ type: 'decideSanction', caseId: C, sanction: 'admonition_talk', rationale: 'x' }, { actor: actor('office1') })
      .thenNotAuthorized('accountability.decideSanction');
    spec.given([proposed, facts, sanctioned]).when({ type: 'decideSanction', caseId: C, sanction: 'admonition_talk', rationale: 'x' }, { actor: discipline })
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
