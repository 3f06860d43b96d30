/**
 * Ledger numbers per court and year: `NANGUAN-2019-0001`, one counter stream per court and year
 * whose head is read (never replayed), unique under concurrency on memory and SQLite, a crash
 * between reserving and registering never burns a number, and the events a registration reads do
 * not grow with the numbers already given.
 */
import * as E from 'fp-ts/Either';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/sqlite/index';
import { createMemoryStore } from '../../adapters/memory/index';
import { createCampaignLedger } from '../../src/campaign/ledger';
import { ledgerNumberStream, reserveLedgerNumber, type NumberingDeps } from '../../src/campaign/numbering';
import { createCampaignRegistry } from '../../src/campaign/registry';
import type { Actor } from '../../src/eventsourcing/envelope';
import type { EventStore } from '../../src/eventsourcing/store';
import { tempDir } from '../sqlite/helpers';
import { fails, ok, testLedger } from './support/ledger-world';
import { NS } from './support/world';
import { unwrap } from '../../src/eventsourcing/runnable';
import { orThrow } from '../../src/eventsourcing/runnable';

const identify = {
  courtId: 'NANGUAN', department: '执行局', source: 'self_inspection' as const, title: '执行案款发放超期',
  description: '部分案款未按期发放', criterion: '案款发放期限规定', severity: 'moderate' as const,
};
const office: Actor = { id: 'office1', posts: ['staff', 'campaign_office'], unit: 'CITY/办公室' };

/** A store that counts the events its reads yield. */
const counting = (store: EventStore) => {
  let read = 0;
  const wrapped: EventStore = {
    ...store,
    append: (...a) => store.append(...a),
    streamHead: (id) => store.streamHead(id),
    close: () => store.close(),
    subscribeToAll: (o) => store.subscribeToAll(o),
    readStream: async function* (id, o) { for await (const e of store.readStream(id, o)) { read++; yield e; } },
    readAll: async function* (o) { for await (const e of store.readAll(o)) { read++; yield e; } },
  };
  return { store: wrapped, reads: () => read, reset: () => { read = 0; } };
};

describe('ledger numbers: per court and year', () => {
  it('each court numbers its own ledger from 0001 within a year: NANGUAN-2019-0001, CHAOYANG-2019-0001', async () => {
    const t = await testLedger();
    await ok(t.ledger.problem.identify('ng-staff', { ...identify, problemId: 'P-1' }));
    await ok(t.ledger.problem.identify('ng-staff', { ...identify, problemId: 'P-2' }));
    await ok(t.ledger.problem.identify('cy-staff', { ...identify, problemId: 'P-3', courtId: 'CHAOYANG', department: '立案庭' }));
    const numbers = [];
    for (const id of ['P-1', 'P-2', 'P-3']) numbers.push((await ok(t.ledger.problem.register(id === 'P-3' ? 'cy-office' : 'ng-office', { problemId: id }))).state.ledgerNumber);
    expect(numbers).toEqual(['NANGUAN-2019-0001', 'NANGUAN-2019-0002', 'CHAOYANG-2019-0001']);
    const streams = new Set((await t.all()).filter((e) => e.type === 'ledger_number.reserved').map((e) => e.streamId));
    expect([...streams].sort()).toEqual([`${NS}/ledger-numbers/CHAOYANG@2019`, `${NS}/ledger-numbers/NANGUAN@2019`]);
  });

  it('a new year starts a new sequence (the year of the registration, in the campaign time zone)', async () => {
    const t = await testLedger();
    await ok(t.ledger.problem.identify('ng-staff', { ...identify, problemId: 'P-1' }));
    await ok(t.ledger.problem.identify('ng-staff', { ...identify, problemId: 'P-2' }));
    await ok(t.ledger.problem.register('ng-office', { problemId: 'P-1' }));
    t.setNow('2019-12-31T16:30:00.000Z'); // 2020-01-01 00:30 at UTC+8
    expect((await ok(t.ledger.problem.register('ng-office', { problemId: 'P-2' }))).state.ledgerNumber).toBe('NANGUAN-2020-0001');
  });

  it('a custom format gets court, year and sequence; one that repeats the last number is refused', async () => {
    const t = await testLedger(true, { ledgerNumber: (c, y, n) => `${c}〔${y}〕${n}号` });
    await ok(t.ledger.problem.identify('ng-staff', { ...identify, problemId: 'P-1' }));
    expect((await ok(t.ledger.problem.register('ng-office', { problemId: 'P-1' }))).state.ledgerNumber).toBe('NANGUAN〔2019〕1号');
    const c = await testLedger(true, { ledgerNumber: () => 'SAME' });
    await ok(c.ledger.problem.identify('ng-staff', { ...identify, problemId: 'P-1' }));
    await ok(c.ledger.problem.identify('ng-staff', { ...identify, problemId: 'P-2' }));
    await ok(c.ledger.problem.register('ng-office', { problemId: 'P-1' }));
    expect(await fails(c.ledger.problem.register('ng-office', { problemId: 'P-2' }))).toMatchObject({ rule: 'ledger_number.format_not_unique' });
  });

  it('a crash between reserving and registering never burns a number, even after other registrations', async () => {
    const t = await testLedger();
    for (const id of ['P-1', 'P-2', 'P-3']) await ok(t.ledger.problem.identify('ng-staff', { ...identify, problemId: id }));
    const deps: NumberingDeps = {
      store: t.store, registry: t.ledger.registry, prefix: `${NS}/`, clock: () => new Date('2019-06-01T02:00:00.000Z'),
      format: (c, y, n) => `${c}-${y}-${String(n).padStart(4, '0')}`, maxRetries: 3,
    };
    // The reservation is stored, the registration never happens (the process died in between).
    const crashed = await reserveLedgerNumber(deps, { problemId: 'P-1', courtId: 'NANGUAN', year: 2019, sinceYear: 2019, actor: office });
    expect(E.isRight(crashed) && crashed.right.sequence).toBe(1);
    // Reserving again at once finds it at the head.
    const again = await reserveLedgerNumber(deps, { problemId: 'P-1', courtId: 'NANGUAN', year: 2019, sinceYear: 2019, actor: office });
    expect(E.isRight(again) && again.right.ledgerNumber).toBe('NANGUAN-2019-0001');
    await ok(t.ledger.problem.register('ng-office', { problemId: 'P-2' }));
    await ok(t.ledger.problem.register('ng-office', { problemId: 'P-3' }));
    // Later, deeper in the stream: the store refuses the reservation's id twice, and the number is found.
    expect((await ok(t.ledger.problem.register('ng-office', { problemId: 'P-1' }))).state.ledgerNumber).toBe('NANGUAN-2019-0001');
    const reserved = (await t.all()).filter((e) => e.type === 'ledger_number.reserved').map((e) => e.data);
    expect(reserved).toHaveLength(3);
    expect(reserved.map((d) => (d as { ledgerNumber: string }).ledgerNumber)).toEqual(['NANGUAN-2019-0001', 'NANGUAN-2019-0002', 'NANGUAN-2019-0003']);
  });

  it('a stale expected revision is WrongExpectedRevision before any rule, and reserves nothing', async () => {
    const t = await testLedger();
    await ok(t.ledger.problem.identify('ng-staff', { ...identify, problemId: 'P-1' }));
    await ok(t.ledger.problem.register('ng-office', { problemId: 'P-1' }));
    expect(await fails(t.ledger.problem.register('ng-office', { problemId: 'P-1' }, { expectedRevision: 0 }))).toMatchObject({ _tag: 'WrongExpectedRevision' });
    await ok(t.ledger.problem.identify('ng-staff', { ...identify, problemId: 'P-2' }));
    expect(await fails(t.ledger.problem.register('ng-office', { problemId: 'P-2' }, { expectedRevision: 3 }))).toMatchObject({ _tag: 'WrongExpectedRevision' });
    expect((await t.all()).filter((e) => e.type === 'ledger_number.reserved')).toHaveLength(1);
  });

  it('reads the same number of events per registration after 5 and after 120 numbers (the counter head, never the stream)', async () => {
    const c = counting(createMemoryStore({ registry: createCampaignRegistry() }));
    const t = await testLedger(true, { store: c.store });
    const n = 120;
    for (let i = 0; i < n + 2; i++) await ok(t.ledger.problem.identify('ng-staff', { ...identify, problemId: `P-${i}` }));
    const perRegistration: number[] = [];
    for (let i = 0; i < n + 2; i++) {
      c.reset();
      await ok(t.ledger.problem.register('ng-office', { problemId: `P-${i}` }));
      perRegistration.push(c.reads());
    }
    // The first registration of the court makes the counter stream; from then on every one reads the same.
    const steady = perRegistration.slice(1);
    expect(new Set(steady).size, JSON.stringify(steady)).toBe(1);
    expect(steady[0]).toBe(perRegistration[5]);
    // Of what it reads, one event is the counter's head (the problem stream is read twice: dry run and handling).
    let counter = 0;
    for await (const _ of c.store.readStream(ledgerNumberStream(`${NS}/`, 'NANGUAN', 2019), { direction: 'backwards', maxCount: 1 })) counter++;
    expect(counter).toBe(1);
  });
});

describe('ledger numbers: concurrency on SQLite', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  it('two ledgers on one SQLite file registering at once give distinct numbers; 20 concurrent registrations too', async () => {
    const file = dir.file('numbers.db');
    const store = await unwrap(openSqliteStore({ path: file, registry: createCampaignRegistry() }));
    const t = await testLedger(true, { store });
    for (let i = 0; i < 20; i++) await ok(t.ledger.problem.identify('ng-staff', { ...identify, problemId: `P-${i}` }));
    const other = await unwrap(openSqliteStore({ path: file, registry: createCampaignRegistry() }));
    const second = orThrow(createCampaignLedger({ store: other, namespace: NS, clock: () => new Date('2019-06-01T02:00:00.000Z') }));
    const two = await Promise.all([t.ledger.problem.register('ng-office', { problemId: 'P-0' })(), second.problem.register('ng-office', { problemId: 'P-1' })()]);
    const rest = await Promise.all(Array.from({ length: 18 }, (_, i) => (i % 2 ? t.ledger : second).problem.register('ng-office', { problemId: `P-${i + 2}` })()));
    const numbers = [...two, ...rest].map((r) => (E.isRight(r) ? r.right.state.ledgerNumber : `ERR ${r.left.message}`));
    expect(new Set(numbers).size).toBe(20);
    expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `NANGUAN-2019-${String(i + 1).padStart(4, '0')}`));
    await other.close();
    await store.close();
  });
});
