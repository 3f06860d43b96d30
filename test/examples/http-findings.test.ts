/**
 * Regression tests for the HTTP example's findings of the hardening review (issue 12, finding 5),
 * one per finding: a lost If-Match race is 412, never a 409 decided on newer state; a slow feed
 * reader leaks no listeners; a Last-Event-ID beyond the head is refused; client aborts are not
 * errors; a repeated X-Actor-Id is 401; connections are capped; /verify verifies once per head.
 */
import * as E from 'fp-ts/Either';
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCampaignLedger } from '../../src/campaign/index';
import type { EventStore } from '../../src/eventsourcing/store';
import { IDENTIFY, NS, startWorld, type ServiceWorld } from './support/service-world';
import { appendRace, body, expectProblem, step } from './support/http-steps';
import { orThrow } from '../../src/eventsourcing/runnable';

let w: ServiceWorld | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await w?.stop();
  w = undefined;
});

const registrations = (world: ServiceWorld, etag: string, n: number) => Promise.all(Array.from({ length: n }, () =>
  world.call('POST', '/problems/P-1/registration', { actor: 'ng-office', json: {}, headers: { 'if-match': etag } })));

/** Opens a raw TCP connection to the service. */
const socketTo = (base: string): Promise<Socket> => new Promise((resolve, reject) => {
  const url = new URL(base);
  const s = connect(Number(url.port), url.hostname, () => resolve(s));
  s.once('error', reject);
});

describe('finding 5: the HTTP example', () => {
  it('8 parallel registrations with the same If-Match: exactly one 200 and seven 412, one ledger number', async () => {
    w = await startWorld();
    const etag = await step(w, 'ng-staff', '/problems', IDENTIFY, undefined, 201);
    const results = await registrations(w, etag, 8);
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array<number>(7).fill(412)]);
    for (const r of results.filter((x) => x.status === 412)) expect((await expectProblem(r, 412)).type).toBe('urn:campaign-ledger:problem:precondition-failed');
    const reserved = [];
    for await (const e of w.store.readAll({ streamPrefix: `${NS}/` })) if (e.type === 'ledger_number.reserved') reserved.push(e);
    expect(reserved).toHaveLength(1);
  });

  it('registrations that all passed the If-Match check and lost the race at the store get 412, not 409', async () => {
    const race = appendRace(`${NS}/problem/P-1`);
    w = await startWorld({ wrap: race.wrap });
    const etag = await step(w, 'ng-staff', '/problems', IDENTIFY, undefined, 201);
    race.arm(8);
    const results = await registrations(w, etag, 8);
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array<number>(7).fill(412)]);
  });

  it('a slow feed reader that keeps the server waiting for drain leaks no listeners', async () => {
    w = await startWorld();
    const ledger = orThrow(createCampaignLedger({ store: w.store, namespace: NS, clock: () => new Date('2019-06-03T02:00:00.000Z') }));
    const description = '案'.repeat(4000); // 12 KB of UTF-8 per event
    const n = 400;
    for (let i = 0; i < n; i++) {
      const r = await ledger.problem.identify('ng-staff', { ...IDENTIFY, problemId: `S-${i}`, description } as never)();
      if (E.isLeft(r)) throw new Error(r.left.message);
    }
    const warnings: string[] = [];
    const onWarning = (x: Error) => { warnings.push(`${x.name}: ${x.message}`); };
    process.on('warning', onWarning);
    try {
      const s = await socketTo(w.base);
      s.write('GET /events?from=start HTTP/1.1\r\nhost: x\r\naccept: text/event-stream\r\n\r\n');
      let text = '';
      await new Promise<void>((resolve) => {
        s.on('data', (chunk: Buffer) => {
          text += chunk.toString('latin1');
          if (text.includes(`problem.identified\ndata: {`) && (text.match(/\nevent: problem\.identified\n/g)?.length ?? 0) >= n) { resolve(); return; }
          s.pause();
          setTimeout(() => s.resume(), 2); // a slow reader: the server waits for drain again and again
        });
      });
      s.destroy();
      await vi.waitFor(() => expect(w?.service.openFeeds()).toBe(0));
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((x) => x.includes('MaxListenersExceeded'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('a Last-Event-ID beyond the head is refused with 400, not accepted and left silent', async () => {
    w = await startWorld();
    const head = BigInt((await body(await w.call('GET', '/problems'))).lastPosition);
    const controller = new AbortController();
    const r = await fetch(`${w.base}/events`, { headers: { 'last-event-id': String(head + 1000n) }, signal: controller.signal });
    const status = r.status;
    if (status !== 400) controller.abort();
    expect(status).toBe(400);
    expect(((await r.json()) as { type: string }).type).toBe('urn:campaign-ledger:problem:last-event-id-beyond-head');
    const at = await fetch(`${w.base}/events`, { headers: { 'last-event-id': String(head) }, signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    expect(at?.status).toBe(200); // at the head is fine: the client has everything
    await at?.body?.cancel();
  });

  it('a client that aborts its request is logged at info, never as an error with a stack', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({ write(chunk: Buffer, _enc, done) { for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l)); done(); } });
    const consoleErrors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    w = await startWorld({ service: { log: undefined, logger: { level: 'info', stream } } as never });
    const s = await socketTo(w.base);
    s.write('POST /problems HTTP/1.1\r\nhost: x\r\nx-actor-id: ng-staff\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n{"problemId":');
    await new Promise((r) => setTimeout(r, 50)); // let the server start reading the body
    s.destroy();
    const aborted = () => lines.filter((l) => l.level === 30 && /abort/i.test(String(l.msg)));
    await vi.waitFor(() => expect(consoleErrors.mock.calls.length + aborted().length).toBeGreaterThan(0));
    expect(consoleErrors.mock.calls.map((c) => String(c[0]).split('\n')[0])).toEqual([]);
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(aborted().length).toBeGreaterThan(0);
  });

  it('a repeated X-Actor-Id header is 401 (not authenticated), whatever the values', async () => {
    w = await startWorld();
    const s = await socketTo(w.base);
    const json = JSON.stringify(IDENTIFY);
    const answer = new Promise<string>((resolve) => { let t = ''; s.on('data', (d: Buffer) => { t += d.toString(); }); s.on('end', () => resolve(t)); });
    s.write(`POST /problems HTTP/1.1\r\nhost: x\r\nx-actor-id: ng-staff\r\nx-actor-id: office1\r\ncontent-type: application/json\r\n`
      + `content-length: ${Buffer.byteLength(json)}\r\nconnection: close\r\n\r\n${json}`);
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(await answer)?.[1]);
    expect(status).toBe(401);
  });

  it('caps connections: sockets beyond maxConnections are closed by the server', async () => {
    w = await startWorld({ service: { maxConnections: 10 } as never });
    const sockets = await Promise.all(Array.from({ length: 30 }, () => socketTo(w!.base)));
    const closed = new Set<Socket>();
    for (const s of sockets) {
      s.on('close', () => closed.add(s));
      s.on('error', () => undefined);
      s.resume();
      s.write('GET /problems HTTP/1.1\r\nhost: x\r\n'); // headers never finished: a slow socket
    }
    try {
      await vi.waitFor(() => expect(closed.size).toBeGreaterThanOrEqual(20), { timeout: 5000 });
    } finally {
      for (const s of sockets) s.destroy();
    }
  });

  it('150 concurrent /verify at the same head verify the trail at most 3 times; a new event is verified again', async () => {
    let verifications = 0;
    const counting = (store: EventStore): EventStore => ({
      append: (s, e, x) => store.append(s, e, x), readStream: (id, o) => store.readStream(id, o), readAll: (o) => store.readAll(o),
      readRaw: (o) => { verifications++; return (store.readRaw as NonNullable<EventStore['readRaw']>)(o); },
      subscribeToAll: (o) => store.subscribeToAll(o), streamHead: (id) => store.streamHead(id), close: () => store.close(),
    });
    w = await startWorld({ wrap: counting });
    const results = await Promise.all(Array.from({ length: 150 }, () => w!.call('GET', '/verify')));
    expect(results.map((r) => r.status)).toEqual(Array<number>(150).fill(200));
    const reports = await Promise.all(results.map(body));
    expect(new Set(reports.map((r) => r.digest.rootHash)).size).toBe(1);
    expect(verifications).toBeGreaterThan(0);
    expect(verifications).toBeLessThanOrEqual(3);
    const before = verifications;
    await step(w, 'ng-staff', '/problems', IDENTIFY, undefined, 201);
    const after = await body(await w.call('GET', '/verify'));
    expect(after.ok).toBe(true);
    expect(after.digest.treeSize).toBe(reports[0].digest.treeSize + 1);
    expect(verifications).toBe(before + 1);
  });
});
