/**
 * A bounded load test of the HTTP example on loopback, three rounds of: 300 live feeds (one of them
 * a reader that never reads), 300 concurrent queries (ledger, dashboard, entity, /verify) and 250
 * slow sockets that never finish their headers. After each round every feed has ended on the
 * server (open feeds back to 0), every slow socket was closed by the server, /verify was verified
 * once per head, and the heap after the last round is within a few MiB of the heap after the first.
 * No assertion depends on how long anything took. `HTTP_LOAD_FIGURES=1` prints the figures.
 */
import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IDENTIFY, startWorld, type ServiceWorld } from './support/service-world';
import { assigned, body, step } from './support/http-steps';
import { openFeed, type SseFeed } from './support/sse';

const FEEDS = 300;
const QUERIES = 300;
const SLOW = 250;
const ROUNDS = 3;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = async (): Promise<number> => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
};

const socketTo = (base: string): Promise<Socket> => new Promise((resolve, reject) => {
  const url = new URL(base);
  const s = connect(Number(url.port), url.hostname, () => resolve(s));
  s.once('error', reject);
});

let w: ServiceWorld;
let etag = '';
beforeAll(async () => {
  w = await startWorld({ service: { maxConnections: 2000, limits: { headersTimeoutMs: 3000, requestTimeoutMs: 10_000, checkIntervalMs: 250 } } });
  etag = await assigned(w, IDENTIFY);
});
afterAll(async () => { await w.stop(); });

const round = async (n: number): Promise<{ verifications: number; slowClosed: number }> => {
  // 250 slow sockets: headers started, never finished.
  const slow = await Promise.all(Array.from({ length: SLOW }, () => socketTo(w.base)));
  let slowClosed = 0;
  for (const s of slow) {
    s.on('error', () => undefined);
    s.once('close', () => { slowClosed++; });
    s.resume(); // read what the server says (its 408), so its close reaches us
    s.write('GET /problems HTTP/1.1\r\nhost: x\r\n');
  }
  // 300 feeds, and one reader that never reads.
  const feeds: SseFeed[] = await Promise.all(Array.from({ length: FEEDS }, () => openFeed(`${w.base}/events`)));
  expect(feeds.map((f) => f.response.status)).toEqual(Array<number>(FEEDS).fill(200));
  const stuck = await socketTo(w.base);
  stuck.on('error', () => undefined);
  stuck.pause();
  stuck.write('GET /events HTTP/1.1\r\nhost: x\r\n\r\n');
  await vi.waitFor(() => expect(w.service.openFeeds()).toBe(FEEDS + 1), { timeout: 20_000 });

  // One write, seen by every feed.
  etag = await step(w, 'ng-staff', '/problems/P-1/progress', { note: `第 ${n} 轮` }, etag);
  const seen = await Promise.all(feeds.map((f) => f.next(1, 20_000)));
  expect(seen.every(([m]) => m?.event === 'problem.progress_recorded')).toBe(true);

  // 300 concurrent queries, a quarter of them /verify at one head.
  const before = w.service.verifications();
  const paths = ['/problems', '/dashboard', '/problems/P-1', '/verify'];
  const answers = await Promise.all(Array.from({ length: QUERIES }, (_, i) => w.call('GET', paths[i % paths.length] as string)));
  expect(answers.map((r) => r.status)).toEqual(Array<number>(QUERIES).fill(200));
  const verified = answers.filter((_, i) => i % paths.length === 3);
  expect(new Set(await Promise.all(verified.map(async (r) => (await body(r)).digest.rootHash)))).toHaveProperty('size', 1);
  const verifications = w.service.verifications() - before;
  expect(verifications).toBeLessThanOrEqual(1);

  // Everyone leaves; the server ends every feed and has closed every slow socket itself.
  await Promise.all(feeds.map((f) => f.close()));
  stuck.destroy();
  await vi.waitFor(() => expect(w.service.openFeeds()).toBe(0), { timeout: 20_000 });
  await vi.waitFor(() => expect(slowClosed).toBe(SLOW), { timeout: 20_000 });
  return { verifications, slowClosed };
};

describe('the HTTP example under load on loopback', () => {
  it(`${ROUNDS} rounds of ${FEEDS} feeds, ${QUERIES} queries and ${SLOW} slow sockets: feeds back to 0, slow sockets closed, heap flat`, async () => {
    const heaps: number[] = [];
    const figures: string[] = [];
    for (let n = 0; n < ROUNDS; n++) {
      const r = await round(n);
      heaps.push(await heapAfterGc());
      figures.push(`round ${n + 1}: verifications ${r.verifications}, slow sockets closed ${r.slowClosed}/${SLOW}, open feeds ${w.service.openFeeds()}, heap ${(heaps[n]! / 2 ** 20).toFixed(1)} MiB`);
    }
    const growth = (heaps[ROUNDS - 1]! - heaps[0]!) / 2 ** 20;
    if (process.env.HTTP_LOAD_FIGURES) console.log([...figures, `heap growth from round 1 to round ${ROUNDS}: ${growth.toFixed(1)} MiB`].join('\n'));
    expect(w.service.openFeeds()).toBe(0);
    expect(growth).toBeLessThan(16);
  }, 180_000);
});
