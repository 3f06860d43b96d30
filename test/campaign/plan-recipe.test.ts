/**
 * The plan recipe of docs/domain.md as written, with the real clock and the README tour's
 * organization (whose administrator already works in 办公室): a 2019 plan is set up as of its own
 * issue date (`effectiveAt`), and only the departments the court lacks are registered.
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../adapters/memory/index';
import { createCampaignLedger } from '../../src/campaign/ledger';
import { createCampaignRegistry } from '../../src/campaign/registry';
import { unwrap } from '../../src/eventsourcing/runnable';
import { managementYearPlan, planToCommands } from '../../src/plans/index';
import { orThrow } from '../../src/eventsourcing/runnable';

describe('the plan recipe with the real clock', () => {
  it('sets the 2019 plan up in the tour organization, backdated to the plan', async () => {
    const store = createMemoryStore({ registry: createCampaignRegistry() });
    const ledger = orThrow(createCampaignLedger({ store, namespace: 'plan-2019' })); // the system clock
    const org = ledger.organization;
    await unwrap(org.establish('admin', { court: { courtId: 'CITY', name: '市中院' }, administrator: { personId: 'admin', name: 'Admin', department: '办公室' } }));
    await unwrap(org.registerPerson('admin', { personId: 'president', name: '院长', courtId: 'CITY', posts: ['court_president'] }));
    await unwrap(ledger.campaign.launch('president', { name: '加强管理年', organizerCourtId: 'CITY', startYear: 2019, endYear: 2021 }));
    await unwrap(ledger.campaign.establishOffice('president', { name: '领导小组办公室', courtId: 'CITY', department: '办公室' }));

    const cmds = planToCommands(managementYearPlan, {
      documentSha256: createHash('sha256').update('全市法院“加强管理年”活动实施方案 …').digest('hex'),
      scopeCourts: ['CITY'],
    });
    if (E.isLeft(cmds)) throw new Error(cmds.left.message);
    const { adoptPlan, categories, phases, tasks, departments, effectiveAt } = cmds.right;
    expect(effectiveAt).toBe('2019-05-20T00:00:00+08:00');
    expect(departments).toContain('办公室'); // the administrator's own department: already registered
    const has = (await unwrap(ledger.load.organization())).state.courts.get('CITY')?.departments ?? new Set<string>();
    for (const department of departments.filter((d) => !has.has(d))) {
      await unwrap(org.registerDepartment('admin', { courtId: 'CITY', department }, { effectiveAt }));
    }
    await unwrap(ledger.campaign.adoptPlan('admin', adoptPlan, { effectiveAt }));
    for (const c of categories) await unwrap(ledger.campaign.defineCategory('admin', c, { effectiveAt }));
    for (const p of phases) await unwrap(ledger.campaign.definePhase('admin', p, { effectiveAt }));
    for (const task of tasks) await unwrap(ledger.task.issue('admin', task, { effectiveAt }));

    const t6 = await unwrap(ledger.load.task('T-06'));
    expect(t6.state.task?.dueDate).toBe('2019-12-31');
    // The facade's default ids are UUIDv7, as documented.
    for await (const e of store.readAll({ maxCount: 20 })) expect(e.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Without the plan's date, today's clock refuses a 2019 due date.
    const late = await ledger.task.issue('admin', { ...tasks[0]!, taskId: 'T-late' });
    expect(E.isLeft(late) && late.left).toMatchObject({ rule: 'task.due_date.in_past' });
  });
});
