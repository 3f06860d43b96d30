/**
 * The turn of the year: a problem still open is carried over (结转) from one year's ledger into the
 * next, once, at the turn of that year and within the campaign's years; and a court records, per
 * task, that its self-inspection (查摆) found no problem. Who may do each, and a property that an
 * actor without the right changes nothing.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { bindDecider } from '../../src/campaign/aggregate';
import type { ProblemCommand } from '../../src/campaign/problem/commands';
import { problemAggregate } from '../../src/campaign/problem/decider';
import type { ProblemEvent } from '../../src/campaign/problem/events';
import type { TaskCommand } from '../../src/campaign/task/commands';
import { taskAggregate } from '../../src/campaign/task/decider';
import type { TaskEvent } from '../../src/campaign/task/events';
import { T0, actor, campaign, org, specOf, stranger } from './support/world';
import { closedHistory, identified, rectifying } from './support/problems';

const problems = specOf(problemAggregate, { org, campaign });
const tasks = specOf(taskAggregate, { org, campaign });
const jan2 = '2020-01-02T02:00:00.000Z';
const carry = (over: Partial<Extract<ProblemCommand, { type: 'carryOver' }>> = {}): ProblemCommand =>
  ({ type: 'carryOver', problemId: 'P-1', fromYear: 2019, toYear: 2020, reason: '年底未完成整改，结转下一年度继续整改', ...over });
const carried: ProblemEvent = { type: 'problem.carried_over', data: {
  problemId: 'P-1', fromYear: 2019, toYear: 2020, status: 'open', reason: '年底未完成整改，结转下一年度继续整改', carriedBy: 'ng-office', deadline: '2019-06-30',
} };

describe('problem: carried over (结转) into the next year', () => {
  it('the court\'s office carries an open problem from 2019 into 2020 at the turn of the year, with its status and deadline', () => {
    const s = problems.given(rectifying).when(carry(), { actor: actor('ng-office'), recordedAt: jan2 }).thenEmits([carried]);
    expect(s.carriedInto).toEqual([2020]);
    problems.given(rectifying).when(carry(), { actor: actor('ng-president'), recordedAt: '2019-12-31T02:00:00.000Z' }).thenEmitsTypes('problem.carried_over');
  });
  it('refuses a closed problem, a year skipped, a second carry from the same year, out of season, beyond the campaign', () => {
    const a = { actor: actor('ng-office'), recordedAt: jan2 };
    problems.given(closedHistory).when(carry(), a).thenRefused('problem.carry_over.settled');
    problems.given(rectifying).when(carry({ toYear: 2021 }), a).thenRefused('problem.carry_over.year');
    problems.given([...rectifying, carried]).when(carry(), a).thenRefused('problem.carry_over.year');
    problems.given(rectifying).when(carry(), { ...a, recordedAt: '2019-06-03T02:00:00.000Z' }).thenRefused('problem.carry_over.year');
    problems.given(rectifying).when(carry({ fromYear: 2021, toYear: 2022 }), { ...a, recordedAt: '2022-01-04T02:00:00.000Z' }).thenRefused('problem.carry_over.beyond_campaign');
  });
  it('then from 2020 into 2021', () => {
    problems.given([...rectifying, carried]).when(carry({ fromYear: 2020, toYear: 2021 }), { actor: actor('ng-office'), recordedAt: '2021-01-04T02:00:00.000Z' })
      .thenEmitsTypes('problem.carried_over');
  });
  it('only the court\'s own office or its first responsible person carries a problem over (its ledger, not the host court\'s)', () => {
    problems.given(rectifying).when(carry(), { actor: actor('ng-staff'), recordedAt: jan2 }).thenNotAuthorized('problem.carryOver', 'problem.rights.not_own_office');
    problems.given(rectifying).when(carry(), { actor: actor('office1'), recordedAt: jan2 }).thenNotAuthorized('problem.carryOver', 'problem.rights.not_own_office');
    problems.given(rectifying).when(carry(), { actor: actor('cy-president'), recordedAt: jan2 }).thenNotAuthorized('problem.carryOver');
  });
});

const issued: TaskEvent = { type: 'task.issued', data: {
  taskId: 'T-01', number: 1, categoryId: '1', title: 'x', leadDepartments: ['审管办'], coDepartments: [], scopeCourts: ['NANGUAN', 'CHAOYANG'], dueDate: '2019-06-30',
} };
const none = (courtId = 'NANGUAN'): TaskCommand => ({ type: 'recordNoProblemFound', taskId: 'T-01', courtId, note: '经对照查摆，未发现问题' });

describe('task: a court\'s 查摆 found no problem', () => {
  it('the court\'s leadership records it once per court; the office may record it for any court of the scope', () => {
    const s = tasks.given([issued]).when(none(), { actor: actor('ng-president') })
      .thenEmits([{ type: 'task.no_problem_found', data: { taskId: 'T-01', courtId: 'NANGUAN', note: '经对照查摆，未发现问题', recordedBy: 'ng-president' } }]);
    expect([...(s.noProblemFound ?? [])]).toEqual(['NANGUAN']);
    tasks.given([issued]).when(none('CHAOYANG'), { actor: actor('office1') }).thenEmitsTypes('task.no_problem_found');
    const once: TaskEvent = { type: 'task.no_problem_found', data: { taskId: 'T-01', courtId: 'NANGUAN', note: 'x', recordedBy: 'ng-president' } };
    tasks.given([issued, once]).when(none(), { actor: actor('ng-vp') }).thenRefused('task.no_problem_found.already');
    tasks.given([{ ...issued, data: { ...issued.data, scopeCourts: ['CHAOYANG'] } } as TaskEvent]).when(none(), { actor: actor('office1') }).thenRefused('task.court.not_in_scope');
  });
  it('property (seeded): staff, another court or a stranger change nothing', () => {
    const task = bindDecider(taskAggregate, { org, campaign });
    const problem = bindDecider(problemAggregate, { org, campaign });
    const outsiders = [stranger, actor('ng-staff'), actor('cy-president'), actor('cy-staff'), actor('inspector'), actor('ng-head')];
    fc.assert(fc.property(fc.constantFrom(...outsiders), fc.boolean(), (who, onTask) => {
      const r = onTask
        ? task.decide(none(), [issued].reduce(task.evolve, task.initialState), { actor: who, recordedAt: T0, effectiveAt: T0 })
        : problem.decide(carry(), [identified, ...rectifying.slice(1)].reduce(problem.evolve, problem.initialState), { actor: who, recordedAt: jan2, effectiveAt: jan2 });
      expect(E.isLeft(r)).toBe(true);
    }), { seed: 1314, numRuns: 100 });
  });
});
