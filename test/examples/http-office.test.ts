/**
 * Supervision and the office files over HTTP, against the read models folded from the same store:
 * the supervision items with their colours (filtered by stage and colour), one item's state with
 * its ETag, the warnings given, the ledger as an Excel workbook (read back with exceljs) and as an
 * office CSV, and a supervision notice as a Word file; unknown values are refused naming them.
 */
import * as E from 'fp-ts/Either';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaignLedger } from '../../src/campaign/index';
import { supervisionItems, warningsGiven } from '../../src/readmodels/supervision';
import { paragraphsOf, unzip } from '../support/zip';
import { IDENTIFY, NS, foldReadModels, startWorld, type ServiceWorld } from './support/service-world';
import { assigned, body, expectProblem } from './support/http-steps';
import { orThrow } from '../../src/eventsourcing/runnable';

let w: ServiceWorld;
const NOW = '2019-06-12T02:00:00.000Z';

beforeAll(async () => {
  w = await startWorld();
  await assigned(w, IDENTIFY);
  let now = new Date('2019-06-03T02:00:00.000Z');
  const L = orThrow(createCampaignLedger({ store: w.store, namespace: NS, clock: () => now }));
  const ok = async (te: () => Promise<E.Either<{ message: string }, unknown>>) => { const r = await te(); if (E.isLeft(r)) throw new Error(r.left.message); };
  await ok(L.supervision.propose('office1', { itemId: 'S-1', title: '清理执行积案', content: '对长期未结执行案件逐案清理。', source: { kind: 'leader_instruction', text: '限期清理。', givenBy: 'president', givenOn: '2019-06-01' } }));
  await ok(L.supervision.open('office1', { itemId: 'S-1', office: '督' }));
  await ok(L.supervision.approve('president', { itemId: 'S-1' }));
  await ok(L.supervision.assign('office1', { itemId: 'S-1', lead: { courtId: 'NANGUAN', department: '执行局' }, deadline: '2019-06-14', feedbackEveryDays: 3 }));
  await ok(L.supervision.receive('ng-staff', { itemId: 'S-1' }));
  await ok(L.supervision.propose('office1', { itemId: 'S-2', title: '规范公务用车', content: '清查登记。', source: { kind: 'leading_group_decision', decision: '领导小组第一次会议' } }));
  now = new Date('2019-06-10T02:00:00.000Z');
  await ok(L.supervision.remind('office1', { itemId: 'S-1', rule: 'feedback.period_1.missing', note: '请反馈' }));
}, 120_000);
afterAll(async () => { await w.stop(); });

const fold = () => foldReadModels(w);

describe('supervision over HTTP', () => {
  it('lists the items with their colours as the read models compute them, filtered by stage and colour', async () => {
    const all = await body(await w.call('GET', `/supervision-items?now=${NOW}`));
    expect(all.items).toEqual(JSON.parse(JSON.stringify(supervisionItems(await fold(), { now: NOW }))));
    expect(all.items.map((i: { itemId: string; colour: string | null }) => [i.itemId, i.colour])).toEqual([['S-1', 'yellow'], ['S-2', null]]);
    const yellow = await body(await w.call('GET', `/supervision-items?now=${NOW}&colour=yellow`));
    expect(yellow.items.map((i: { itemId: string }) => i.itemId)).toEqual(['S-1']);
    const proposed = await body(await w.call('GET', '/supervision-items?status=proposed'));
    expect(proposed.items.map((i: { itemId: string }) => i.itemId)).toEqual(['S-2']);
    const bad = await expectProblem(await w.call('GET', '/supervision-items?colour=green'), 400);
    expect(bad.errors[0].path).toBe('query.colour');
  });

  it('serves one item\'s state with its ETag, and the warnings given', async () => {
    const r = await w.call('GET', '/supervision-items/S-1');
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toMatch(/^"\d+"$/);
    const item = await body(r);
    expect(item.state).toMatchObject({ status: 'handling', opening: { number: '督〔2019〕1号' } });
    await expectProblem(await w.call('GET', '/supervision-items/S-9'), 404);
    const log = await body(await w.call('GET', '/warnings-given'));
    expect(log.log).toEqual(JSON.parse(JSON.stringify(warningsGiven(await fold()))));
    expect(log.log[0]).toMatchObject({ kind: 'reminder', day: '2019-06-10', rule: 'feedback.period_1.missing', addressedTo: { courtId: 'NANGUAN', department: '执行局' } });
  });
});

describe('the ledger and documents over HTTP', () => {
  it('serves the ledger as a workbook exceljs reads, one sheet per court asked for', async () => {
    const r = await w.call('GET', `/ledger.xlsx?now=${NOW}&court=NANGUAN`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="ledger-2019-06-12.xlsx"; filename*=UTF-8''${encodeURIComponent('问题整改台账-2019-06-12.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', '示例市南关区人民法院（虚构）']);
    expect(wb.worksheets[1]!.getRow(3).getCell(4).value).toBe(IDENTIFY.title);
  });

  it('serves the office CSV (with a byte-order mark for spreadsheets), and refuses an unknown court naming it', async () => {
    const r = await w.call('GET', `/ledger.csv?now=${NOW}`);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await r.text();
    const lines = text.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('序号,问题编号,问题来源,问题表现,整改措施,责任领导,责任部门,责任人,整改时限,整改进展,完成情况,销号时间,预警,所属法院');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('示例市南关区人民法院（虚构）');
    const bad = await expectProblem(await w.call('GET', '/ledger.csv?court=NOWHERE'), 400);
    expect(bad.errors[0].path).toBe('query.court');
    expect(bad.detail).toMatch(/no court "NOWHERE"/);
  });

  it('serves a supervision notice as a Word file; an unknown kind is 404, an item without one 400', async () => {
    const r = await w.call('GET', '/documents/supervision-notice/S-1');
    expect(r.status).toBe(200);
    const p = paragraphsOf(unzip(new Uint8Array(await r.arrayBuffer())).get('word/document.xml')!.toString('utf8')).filter((x) => x !== '');
    expect(p.slice(0, 4)).toEqual(['示例市中级人民法院（虚构）', '督〔2019〕1号', '关于督办“清理执行积案”的通知', '示例市南关区人民法院（虚构）执行局：']);
    await expectProblem(await w.call('GET', '/documents/memo/S-1'), 404);
    const notYet = await expectProblem(await w.call('GET', '/documents/supervision-notice/S-2'), 400);
    expect(notYet.errors[0].path).toBe('query.id');
  });
});
