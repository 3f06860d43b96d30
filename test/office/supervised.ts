/**
 * Supervision items added to the demo's trail, for the office-file tests: one assigned from a
 * leader's instruction (with a co-responsible unit), one assigned from a leading-group decision and
 * then reminded, one only proposed (no notice can be issued for it).
 */
import * as E from 'fp-ts/Either';
import { createMemoryStore } from '../../adapters/memory/index';
import { createCampaignRegistry } from '../../src/campaign/registry';
import { buildDemo } from '../../src/demo/index';
import { campaignReadModel } from '../../src/readmodels/projection';
import type { ReadModelState } from '../../src/readmodels/state';
import type { RecordedEvent } from '../../src/eventsourcing/envelope';
import type { EventStore } from '../../src/eventsourcing/store';
import { createCampaignLedger } from '../../src/campaign/ledger';
import { departmentPerson } from '../../src/demo/organization';
import { LEADER, OFFICE } from '../../src/demo/setup';
import { orThrow } from '../../src/eventsourcing/runnable';

const ok = async <A>(te: () => Promise<E.Either<{ message: string }, A>>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

/** The items' ids. */
export const ITEMS = { instruction: 'SV-T-1', decision: 'SV-T-2', proposed: 'SV-T-3' } as const;

/** Proposes, opens, approves and assigns the items on 2020-01-06 (a Monday), the reminder the day after. */
export const addSupervisionItems = async (store: EventStore, namespace: string): Promise<void> => {
  let now = new Date('2020-01-06T02:00:00.000Z');
  const L = orThrow(createCampaignLedger({ store, namespace, clock: () => now }));
  const S = L.supervision;
  const lead = { courtId: 'xc', department: '执行局' };
  await ok(S.propose(OFFICE, {
    itemId: ITEMS.instruction, title: '清理长期未结执行案件',
    content: '对2018年以前受理、至今未执结的案件逐案清理，建立台账，明确承办人和结案期限，每月通报进展。',
    source: { kind: 'leader_instruction', text: '长期未结案件要逐案过堂，限期清理。', givenBy: LEADER, givenOn: '2020-01-03' },
  }));
  await ok(S.open(OFFICE, { itemId: ITEMS.instruction, office: '督' }));
  await ok(S.approve(LEADER, { itemId: ITEMS.instruction }));
  await ok(S.assign(OFFICE, { itemId: ITEMS.instruction, lead, co: [{ courtId: 'xc', department: '立案庭' }], deadline: '2020-03-31', feedbackEveryDays: 10 }));
  await ok(S.propose(OFFICE, {
    itemId: ITEMS.decision, title: '完善审判流程节点管理', content: '梳理审判流程节点，对超审限案件实行预警。',
    source: { kind: 'leading_group_decision', decision: '领导小组第三次会议', decidedOn: '2019-12-30' },
  }));
  await ok(S.open(OFFICE, { itemId: ITEMS.decision, office: '督' }));
  await ok(S.approve(LEADER, { itemId: ITEMS.decision }));
  await ok(S.assign(OFFICE, { itemId: ITEMS.decision, lead: { courtId: 'dc', department: '审管办' }, deadline: '2020-01-10', feedbackEveryDays: 1 }));
  await ok(S.propose(OFFICE, { itemId: ITEMS.proposed, title: '规范公务用车管理', content: '清查公务用车使用登记。', source: { kind: 'leading_group_decision', decision: '领导小组第三次会议' } }));
  now = new Date('2020-01-07T02:00:00.000Z');
  await ok(S.receive(departmentPerson('dc', '审管办', 'staff').personId, { itemId: ITEMS.decision }));
  await ok(S.remind(OFFICE, { itemId: ITEMS.decision, rule: 'feedback.period_1.missing', note: '请按时反馈办理进展' }));
  await ok(S.warn(OFFICE, { itemId: ITEMS.decision, colour: 'blue', rule: 'warning.blue' }));
};

/** The demo's read-model state with the items added, built once per test file. */
let built: Promise<SupervisedDemo> | undefined;
/** The state, the last recorded time, and every event of the trail. */
export interface SupervisedDemo { readonly state: ReadModelState; readonly now: string; readonly events: readonly RecordedEvent[] }
export const supervisedDemoState = (): Promise<SupervisedDemo> => {
  built ??= (async () => {
    const store = createMemoryStore({ registry: createCampaignRegistry() });
    const summary = await buildDemo({ store });
    await addSupervisionItems(store, summary.namespace);
    const p = campaignReadModel({ namespace: summary.namespace });
    let state = p.initialState;
    let now = '';
    const events: RecordedEvent[] = [];
    for await (const e of store.readAll()) { state = p.apply(state, e); now = e.metadata.recordedAt; events.push(e); }
    return { state, now, events };
  })();
  return built;
};
