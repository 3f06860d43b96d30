/**
 * A service under test: a fresh SQLite file with a small fictional organization and campaign set
 * up through the facade, the HTTP service on a random loopback port, and a `call` function that
 * sends real HTTP requests with fetch.
 */
import * as E from 'fp-ts/Either';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../../adapters/sqlite/index';
import { createCampaignLedger, createCampaignRegistry } from '../../../src/campaign/index';
import { developmentHeaderAuthenticator } from '../../../examples/http-service/auth';
import { createHttpService, type HttpService, type HttpServiceOptions } from '../../../examples/http-service/service';
import type { EventStore } from '../../../src/eventsourcing/store';
import { campaignReadModel } from '../../../src/readmodels/projection';
import type { ReadModelState } from '../../../src/readmodels/state';
import { unwrap } from '../../../src/eventsourcing/runnable';
import { orThrow } from '../../../src/eventsourcing/runnable';

export const NS = 'ex-2019';

type Step = readonly [actor: string, aggregate: string, command: string, input: Record<string, unknown>];

const dept = (courtId: string, department: string): Step => ['admin', 'organization', 'registerDepartment', { courtId, department }];
const person = (personId: string, name: string, courtId: string, posts: string[], department?: string): Step =>
  ['admin', 'organization', 'registerPerson', { personId, name, courtId, posts, ...(department ? { department } : {}) }];

/** The fictional organization and campaign (names marked as fictional). */
export const SETUP: readonly Step[] = [
  ['admin', 'organization', 'establish', { court: { courtId: 'CITY', name: '示例市中级人民法院（虚构）' }, administrator: { personId: 'admin', name: '管理员（虚构）', department: '办公室' } }],
  ['admin', 'organization', 'registerCourt', { courtId: 'NANGUAN', name: '示例市南关区人民法院（虚构）', level: 'grassroots', parentCourtId: 'CITY' }],
  dept('CITY', '审管办'), dept('CITY', '监察室'), dept('NANGUAN', '办公室'), dept('NANGUAN', '审管办'), dept('NANGUAN', '执行局'),
  person('president', '院长（虚构）', 'CITY', ['court_president']),
  person('office1', '办公室干警（虚构）', 'CITY', ['staff'], '办公室'),
  person('office-head', '办公室主任（虚构）', 'CITY', ['department_head'], '办公室'),
  person('inspector', '督查员（虚构）', 'CITY', ['inspection_office'], '监察室'),
  person('discipline', '纪检员（虚构）', 'CITY', ['discipline_office'], '监察室'),
  person('ng-president', '南关院长（虚构）', 'NANGUAN', ['court_president']),
  person('ng-staff', '南关执行干警（虚构）', 'NANGUAN', ['staff'], '执行局'),
  person('ng-office', '南关办公室干警（虚构）', 'NANGUAN', ['staff', 'court_office'], '办公室'),
  person('ng-office-head', '南关办公室主任（虚构）', 'NANGUAN', ['department_head', 'court_office'], '办公室'),
  person('ng-verifier', '南关核查员（虚构）', 'NANGUAN', ['verifier'], '审管办'),
  ['president', 'campaign', 'launch', { name: '加强管理年（示例）', organizerCourtId: 'CITY', startYear: 2019, endYear: 2021 }],
  ['president', 'campaign', 'appointLeadingGroupMember', { personId: 'president', role: 'leader' }],
  ['president', 'campaign', 'establishOffice', { name: '领导小组办公室', courtId: 'CITY', department: '办公室' }],
  ['office1', 'campaign', 'defineCategory', { categoryId: '1', name: '加强审判管理', firstTask: 1, lastTask: 15 }],
  ['president', 'campaign', 'designateFirstResponsible', { courtId: 'NANGUAN', personId: 'ng-president' }],
  ['office1', 'campaign', 'defineReportPeriod', { periodId: '2019-H1', name: '2019上半年', from: '2019-05-20', to: '2019-06-30', deadline: '2019-07-10', courts: ['NANGUAN'] }],
  ['inspector', 'inspection', 'plan', { inspectionId: 'I-1', kind: 'routine', title: '执行案款专项检查', targets: ['NANGUAN'] }],
  ['inspector', 'inspection', 'recordVisit', { inspectionId: 'I-1', courtId: 'NANGUAN', visitedOn: '2019-06-02' }],
];

/** A running service over a fresh SQLite file. */
export interface ServiceWorld {
  readonly base: string;
  readonly store: SqliteStore;
  readonly service: HttpService;
  /** Sets the trusted clock. */
  setNow(iso: string): void;
  /** Sends a request; `actor` sets X-Actor-Id, `json` sends a JSON body. */
  call(method: string, path: string, o?: { actor?: string; json?: unknown; body?: string; headers?: Record<string, string> }): Promise<Response>;
  stop(): Promise<void>;
}

/** Builds the world and starts the service on 127.0.0.1 with a free port; `wrap` wraps the service's store. */
export const startWorld = async (o: {
  wrap?: (s: EventStore) => EventStore;
  publicReads?: boolean;
  /** More options of the service (they override the defaults used here). */
  service?: Partial<HttpServiceOptions>;
} = {}): Promise<ServiceWorld> => {
  const dir = mkdtempSync(join(tmpdir(), 'http-service-'));
  const store = await unwrap(openSqliteStore({ path: join(dir, 'ledger.db'), durability: 'normal', registry: createCampaignRegistry() }));
  let now = '2019-06-03T02:00:00.000Z';
  const clock = () => new Date(now);
  const ledger = orThrow(createCampaignLedger({ store, namespace: NS, clock }));
  for (const [actor, aggregate, command, input] of SETUP) {
    const method = (ledger as unknown as Record<string, Record<string, (a: string, i: unknown) => () => Promise<E.Either<{ message: string }, unknown>>>>)[aggregate]?.[command];
    const r = await method!(actor, input)();
    if (E.isLeft(r)) throw new Error(`setup ${aggregate}.${command}: ${r.left.message}`);
  }
  const service = createHttpService({
    store: o.wrap ? o.wrap(store) : store, namespace: NS, authenticator: developmentHeaderAuthenticator, clock, heartbeatMs: 200, logger: false,
    publicReads: o.publicReads ?? true, ...o.service,
  });
  const base = await service.listen(0, '127.0.0.1');
  return {
    base, store, service,
    setNow: (iso) => { now = iso; },
    call: (method, path, o = {}) => fetch(`${base}${path}`, {
      method,
      headers: {
        ...(o.actor === undefined ? {} : { 'x-actor-id': o.actor }),
        ...(o.json === undefined ? {} : { 'content-type': 'application/json' }),
        ...o.headers,
      },
      ...(o.json !== undefined ? { body: JSON.stringify(o.json) } : o.body !== undefined ? { body: o.body } : {}),
    }),
    stop: async () => {
      await service.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** A problem to identify. */
export const IDENTIFY = {
  problemId: 'P-1', courtId: 'NANGUAN', department: '执行局', source: 'self_inspection', title: '执行案款发放超期',
  description: '部分案款未按期发放', criterion: '案款发放期限规定', severity: 'moderate',
};

/** The read models folded straight from the world's store (what the service's answers are compared with). */
export const foldReadModels = async (w: ServiceWorld): Promise<ReadModelState> => {
  const p = campaignReadModel({ namespace: NS });
  let s = p.initialState;
  for await (const e of w.store.readAll({ streamPrefix: `${NS}/` })) s = p.apply(s, e);
  return s;
};
