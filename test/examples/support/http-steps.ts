/** Requests for the service tests: JSON bodies, problem details, the problem's workflow. */
import { expect } from 'vitest';
import type { EventStore } from '../../../src/eventsourcing/store';
import type { ServiceWorld } from './service-world';

/** The JSON body of a response. */
export const body = async (r: Response): Promise<any> => JSON.parse(await r.text());

/** Expects a problem+json response with `status`, returning its details. */
export const expectProblem = async (r: Response, status: number): Promise<any> => {
  const text = await r.text();
  expect(r.status, text).toBe(status);
  expect(r.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const p = JSON.parse(text);
  expect(p).toMatchObject({ status, type: expect.stringMatching(/^urn:campaign-ledger:problem:/), title: expect.any(String), detail: expect.any(String), instance: expect.any(String) });
  return p;
};

/** Sends a command expecting 200/201 and returns the new ETag. */
export const step = async (w: ServiceWorld, actor: string, path: string, json: unknown, etag?: string, status = 200): Promise<string> => {
  const r = await w.call('POST', path, { actor, json, ...(etag ? { headers: { 'if-match': etag } } : {}) });
  const text = await r.text();
  expect(r.status, `${path}: ${text}`).toBe(status);
  const tag = r.headers.get('etag');
  expect(tag).toMatch(/^"\d+"$/);
  return tag as string;
};

/** Number of events stored (all streams). */
export const eventCount = async (w: ServiceWorld): Promise<number> => {
  let n = 0;
  for await (const _ of w.store.readAll()) n++;
  return n;
};

/** Identifies and registers a problem, and makes ng-staff responsible for it; returns the ETag. */
export const assigned = async (w: ServiceWorld, identify: Record<string, unknown>): Promise<string> => {
  let etag = await step(w, 'ng-staff', '/problems', identify, undefined, 201);
  const id = identify.problemId as string;
  etag = await step(w, 'ng-office', `/problems/${id}/registration`, {}, etag);
  return step(w, 'ng-president', `/problems/${id}/responsibility`, { leaderId: 'ng-president', department: '执行局', personId: 'ng-staff' }, etag);
};

/** Identifies, registers and rectifies a problem up to the verifier's confirmation; returns the ETag. */
export const rectify = async (w: ServiceWorld, identify: Record<string, unknown>): Promise<string> => {
  const id = identify.problemId as string;
  let etag = await assigned(w, identify);
  etag = await step(w, 'ng-staff', `/problems/${id}/measures`, { measureId: 'M1', content: '清理案款', deadline: '2019-06-30' }, etag);
  etag = await step(w, 'ng-staff', `/problems/${id}/measures/M1/completion`, { note: '已完成' }, etag);
  etag = await step(w, 'ng-staff', `/problems/${id}/evidence`, { evidence: { sha256: 'a'.repeat(64), description: '发放记录' } }, etag);
  etag = await step(w, 'ng-staff', `/problems/${id}/closure-request`, { summary: '整改完成' }, etag);
  return step(w, 'ng-verifier', `/problems/${id}/verification`, { note: '核查属实' }, etag);
};

/** Closes a verified problem off (销号) with four eyes: NANGUAN's office proposes, its head approves; the new ETag. */
export const closeOff = async (w: ServiceWorld, id: string, etag: string, proposalId = 'C-1'): Promise<string> => {
  const proposed = await step(w, 'ng-office', `/problems/${id}/proposals`, { proposalId, action: { kind: 'close' } }, etag);
  return step(w, 'ng-office-head', `/problems/${id}/proposals/${proposalId}/approval`, {}, proposed);
};

/**
 * A store wrapper that, once armed with `n`, holds the next `n` appends to `streamId` until all
 * `n` have arrived and then lets them go at once: each was decided on the same revision, so all
 * but one lose the race at the store.
 */
export const appendRace = (streamId: string) => {
  let armed = 0;
  let waiting: (() => void)[] = [];
  const wrap = (store: EventStore): EventStore => ({
    append: (s, events, expected) => async () => {
      if (s === streamId && armed > 0) {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === armed) { armed = 0; waiting.forEach((f) => f()); waiting = []; }
        });
      }
      return store.append(s, events, expected)();
    },
    readStream: (id, o) => store.readStream(id, o),
    readAll: (o) => store.readAll(o),
    readRaw: (o) => (store.readRaw as NonNullable<EventStore['readRaw']>)(o),
    subscribeToAll: (o) => store.subscribeToAll(o),
    streamHead: (id) => store.streamHead(id),
    close: () => store.close(),
  });
  return { wrap, arm: (n: number) => { armed = n; } };
};
