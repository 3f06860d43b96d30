/**
 * 制度建设 (固成果): each court's inventory of rules — cleared, revised, made — linked to the problems
 * and tasks that prompted them: the rules, who may keep the inventory, a property that an actor
 * without the right changes nothing, the facade's check of the links against the ledger, and the
 * read model's figures against a naive recomputation from the events.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { bindDecider } from '../../src/campaign/aggregate';
import type { LinkFacts, RegulationCommand } from '../../src/campaign/regulation/commands';
import { regulationAggregate } from '../../src/campaign/regulation/decider';
import type { RegulationEvent } from '../../src/campaign/regulation/events';
import { dashboard } from '../../src/readmodels/dashboard';
import { campaignReadModel } from '../../src/readmodels/projection';
import { T0, NS, actor, campaign, org, specOf, stranger } from './support/world';
import { fails, ok, testLedger } from './support/ledger-world';

const spec = specOf(regulationAggregate, { org, campaign });
const facts: LinkFacts = { problemCourts: { 'P-1': 'NANGUAN', 'P-2': 'CHAOYANG', 'P-9': null }, tasksIssued: { 'T-01': true, 'T-99': false } };
const record = (over: Partial<Extract<RegulationCommand, { type: 'record' }>> = {}): RegulationCommand => ({
  type: 'record', regulationId: 'RG-1', courtId: 'NANGUAN', title: '执行案款发放管理办法', action: 'made', on: '2019-05-31',
  summary: '明确案款发放时限和审批流程', problemIds: ['P-1'], taskIds: ['T-01'], facts, ...over,
});
const recorded: RegulationEvent = { type: 'regulation.recorded', data: {
  regulationId: 'RG-1', courtId: 'NANGUAN', title: '执行案款发放管理办法', action: 'made', on: '2019-05-31',
  summary: '明确案款发放时限和审批流程', problemIds: ['P-1'], taskIds: ['T-01'], recordedBy: 'ng-president',
} };

describe('regulation: the rules', () => {
  it('records a rule made, revised or cleared by a court, with the problems and tasks that prompted it', () => {
    const s = spec.given([]).when(record(), { actor: actor('ng-president') }).thenEmits([recorded]);
    expect([s.status, s.problemIds, s.taskIds]).toEqual(['recorded', ['P-1'], ['T-01']]);
    spec.given([]).when(record({ action: 'cleared', problemIds: [], documentNumber: '南法〔2019〕7号' }), { actor: actor('ng-head') })
      .thenEmitsTypes('regulation.recorded');
  });
  it('refuses an entry without a link, an unknown court, a future date, an unknown problem or task, another court\'s problem, a second record', () => {
    const a = { actor: actor('ng-president') };
    spec.given([]).when(record({ problemIds: [], taskIds: [] }), a).thenRefused('regulation.links.none');
    spec.given([]).when(record({ courtId: 'NOWHERE' }), { actor: actor('office1') }).thenRefused('regulation.court.unknown');
    spec.given([]).when(record({ on: '2019-06-02' }), a).thenRefused('regulation.date.in_future');
    spec.given([]).when(record({ problemIds: ['P-9'] }), a).thenRefused('regulation.problem.unknown');
    spec.given([]).when(record({ taskIds: ['T-99'] }), a).thenRefused('regulation.task.unknown');
    spec.given([]).when(record({ problemIds: ['P-2'] }), a).thenRefused('regulation.problem.other_court');
    spec.given([recorded]).when(record(), a).thenRefused('regulation.exists');
  });
  it('lets the intermediate court\'s rule answer a problem of a court under it (not the other way round)', () => {
    spec.given([]).when(record({ courtId: 'CITY', problemIds: ['P-1', 'P-2'] }), { actor: actor('tmo-head') }).thenEmitsTypes('regulation.recorded');
  });
  it('links only what is new; a withdrawn entry takes nothing more', () => {
    const a = { actor: actor('ng-president') };
    spec.given([recorded]).when({ type: 'link', regulationId: 'RG-1', problemIds: ['P-1'], facts }, a).thenEmits([]);
    spec.given([recorded]).when({ type: 'link', regulationId: 'RG-1', problemIds: ['P-1'], taskIds: ['T-01'], facts: { ...facts, problemCourts: { ...facts.problemCourts, 'P-3': 'NANGUAN' } } }, a).thenEmits([]);
    const withdrawn: RegulationEvent = { type: 'regulation.withdrawn', data: { regulationId: 'RG-1', reason: '重复登记', withdrawnBy: 'ng-president' } };
    spec.given([recorded]).when({ type: 'withdraw', regulationId: 'RG-1', reason: '重复登记' }, a).thenEmits([withdrawn]);
    spec.given([recorded, withdrawn]).when({ type: 'link', regulationId: 'RG-1', taskIds: ['T-01'], facts }, a).thenRefused('regulation.withdrawn');
    spec.given([]).when({ type: 'withdraw', regulationId: 'RG-1', reason: 'x' }, a).thenRefused('regulation.not_found');
  });
});

describe('regulation: who may keep the inventory', () => {
  it('the court\'s own leadership or department heads, or the campaign office; never staff or another court', () => {
    spec.given([]).when(record(), { actor: actor('ng-staff') }).thenNotAuthorized('regulation.record');
    spec.given([]).when(record(), { actor: actor('cy-president') }).thenNotAuthorized('regulation.record');
    spec.given([]).when(record(), { actor: actor('office1') }).thenEmitsTypes('regulation.recorded');
  });
  it('a department head records but does not withdraw', () => {
    spec.given([recorded]).when({ type: 'withdraw', regulationId: 'RG-1', reason: 'x' }, { actor: actor('ng-head') }).thenNotAuthorized('regulation.withdraw');
    spec.given([recorded]).when({ type: 'withdraw', regulationId: 'RG-1', reason: 'x' }, { actor: actor('ng-vp') }).thenEmitsTypes('regulation.withdrawn');
  });
  it('property (seeded): an actor without the right changes nothing, whatever the command and the state', () => {
    const decider = bindDecider(regulationAggregate, { org, campaign });
    const commands: RegulationCommand[] = [
      record(), record({ action: 'revised' }), { type: 'link', regulationId: 'RG-1', taskIds: ['T-01'], facts }, { type: 'withdraw', regulationId: 'RG-1', reason: 'x' },
    ];
    const outsiders = [stranger, actor('ng-staff'), actor('cy-president'), actor('cy-staff'), actor('inspector'), actor('ng-verifier')];
    fc.assert(fc.property(fc.constantFrom<RegulationEvent[]>([], [recorded]), fc.constantFrom(...commands), fc.constantFrom(...outsiders), (given, c, who) => {
      const state = given.reduce(decider.evolve, decider.initialState);
      const r = decider.decide(c, state, { actor: who, recordedAt: T0, effectiveAt: T0 });
      expect(E.isLeft(r)).toBe(true);
    }), { seed: 1306, numRuns: 200 });
  });
});

describe('regulation: through the facade, and the inventory on the dashboard', () => {
  it('checks the links against the ledger (storing nothing when refused) and counts the inventory as a naive recount of the events does', async () => {
    const t = await testLedger();
    const L = t.ledger;
    await ok(L.task.issue('office1', { taskId: 'T-01', number: 1, categoryId: '1', title: 'x', leadDepartments: ['审管办'], scopeCourts: ['NANGUAN', 'CHAOYANG'], dueDate: '2019-06-30' }));
    for (const [problemId, courtId, who, department] of [['P-1', 'NANGUAN', 'ng-staff', '执行局'], ['P-2', 'CHAOYANG', 'cy-staff', '立案庭']] as const) {
      await ok(L.problem.identify(who, { problemId, courtId, department, source: 'self_inspection', title: 'x', description: 'x', criterion: 'x', severity: 'minor' }));
    }
    const before = (await t.all()).length;
    const unknown = await fails(L.regulation.record('ng-president', { regulationId: 'RG-0', courtId: 'NANGUAN', title: 'x', action: 'made', on: '2019-05-30', summary: 'x', problemIds: ['P-404'] }));
    expect(unknown._tag === 'RuleViolated' && unknown.rule).toBe('regulation.problem.unknown');
    const other = await fails(L.regulation.record('ng-president', { regulationId: 'RG-0', courtId: 'NANGUAN', title: 'x', action: 'made', on: '2019-05-30', summary: 'x', problemIds: ['P-2'] }));
    expect(other._tag === 'RuleViolated' && other.rule).toBe('regulation.problem.other_court');
    expect((await t.all()).length).toBe(before);
    const entries = [
      ['RG-1', 'NANGUAN', 'ng-president', 'made', ['P-1'], ['T-01']], ['RG-2', 'NANGUAN', 'ng-head', 'revised', ['P-1'], []],
      ['RG-3', 'NANGUAN', 'ng-head', 'cleared', [], ['T-01']], ['RG-4', 'CHAOYANG', 'cy-president', 'revised', ['P-2'], ['T-01']],
      ['RG-5', 'CITY', 'office1', 'made', ['P-1', 'P-2'], ['T-01']],
    ] as const;
    for (const [regulationId, courtId, who, action, problemIds, taskIds] of entries) {
      await ok(L.regulation.record(who, { regulationId, courtId, title: `制度${regulationId}`, action, on: '2019-05-31', summary: 'x', problemIds: [...problemIds], taskIds: [...taskIds] }));
    }
    await ok(L.regulation.withdraw('office1', { regulationId: 'RG-2', reason: '与RG-1重复' }));
    await ok(L.regulation.link('cy-president', { regulationId: 'RG-4', problemIds: ['P-2'], taskIds: ['T-01'] }));

    const events = await t.all();
    const p = campaignReadModel({ namespace: NS });
    const d = dashboard(events.reduce(p.apply, p.initialState), { now: '2019-06-01T03:00:00.000Z' });
    // Naive recount from the trail: recorded entries minus withdrawn ones, links merged.
    const withdrawn = new Set(events.filter((e) => e.type === 'regulation.withdrawn').map((e) => (e.data as { regulationId: string }).regulationId));
    const live = events.filter((e) => e.type === 'regulation.recorded').map((e) => e.data as { regulationId: string; courtId: string; action: string; problemIds: string[]; taskIds: string[] })
      .filter((r) => !withdrawn.has(r.regulationId))
      .map((r) => {
        const links = events.filter((e) => e.type === 'regulation.linked' && (e.data as { regulationId: string }).regulationId === r.regulationId).map((e) => e.data as { problemIds: string[]; taskIds: string[] });
        return { ...r, problemIds: [...r.problemIds, ...links.flatMap((l) => l.problemIds)], taskIds: [...r.taskIds, ...links.flatMap((l) => l.taskIds)] };
      });
    for (const courtId of ['CITY', 'NANGUAN', 'CHAOYANG']) {
      const mine = live.filter((r) => r.courtId === courtId);
      expect(d.regulations.byCourt.find((c) => c.courtId === courtId)).toEqual({
        courtId, cleared: mine.filter((r) => r.action === 'cleared').length, revised: mine.filter((r) => r.action === 'revised').length,
        made: mine.filter((r) => r.action === 'made').length, total: mine.length,
        problemsAnswered: new Set(mine.flatMap((r) => r.problemIds)).size, tasksAnswered: new Set(mine.flatMap((r) => r.taskIds)).size,
      });
    }
    expect(d.regulations.overall.total).toBe(live.length);
    expect(d.regulations.overall.total).toBe(4);
    expect(d.regulations.rows.map((r) => r.regulationId)).toEqual(['RG-1', 'RG-3', 'RG-4', 'RG-5']);
  });
});
