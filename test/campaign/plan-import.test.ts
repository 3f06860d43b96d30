import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { managementYearPlan } from '../../src/plans/management-year/index';
import { planToCommands } from '../../src/campaign/plan-import';
import { fails, ok, testLedger } from './support/ledger-world';

const text = readFileSync(new URL('../fixtures/management-year-plan.txt', import.meta.url), 'utf8');
const sha = createHash('sha256').update(text).digest('hex');

describe('setting a campaign up from the management-year plan', () => {
  it('adopts the plan, defines its 4 categories and phases, and issues all 37 tasks', async () => {
    const cmds = planToCommands(managementYearPlan, { documentSha256: sha, scopeCourts: ['NANGUAN', 'CHAOYANG'] });
    if (E.isLeft(cmds)) throw new Error(cmds.left.message);
    const { adoptPlan, categories, phases, tasks, departments } = cmds.right;
    expect(tasks.map((t) => t.number)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    expect(tasks.every((t) => t.dueDate === '2019-12-31')).toBe(true);
    const t = await testLedger(true, {});
    const L = t.ledger;
    const existing = (await ok(L.load.organization())).state.courts.get('CITY')!.departments;
    for (const d of departments) if (!existing.has(d)) await ok(L.organization.registerDepartment('admin', { courtId: 'CITY', department: d }));
    await ok(L.campaign.adoptPlan('office1', adoptPlan));
    // Category 1 exists in the test campaign already; define the others.
    for (const c of categories.slice(1)) await ok(L.campaign.defineCategory('office1', c));
    expect(await fails(L.campaign.defineCategory('office1', categories[0]!))).toMatchObject({ rule: 'campaign.category.exists' });
    for (const p of phases) await ok(L.campaign.definePhase('office1', p));
    for (const task of tasks) await ok(L.task.issue('office1', task));
    const t6 = await ok(L.load.task('T-06'));
    expect(t6.state.task?.leadDepartments).toEqual(['审管办']);
    expect(t6.state.task?.coDepartments).toEqual(['刑事审判庭', '民事审判庭', '行政审判庭', '审判监督庭', '执行局']);
    const campaign = await ok(L.load.campaign());
    expect(campaign.state.plan?.documentSha256).toBe(sha);
    expect([...campaign.state.categories.keys()].sort()).toEqual(['1', '2', '3', '4']);
  });
});
