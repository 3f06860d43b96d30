/**
 * The service's query endpoints against the SDK called directly on the same store: the ledger with
 * filters, the dashboard JSON and HTML, timeline, as-of, verify and digest; and the live feed
 * (Server-Sent Events) with resumption by Last-Event-ID.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDigest } from '../../src/audit/digest';
import { dashboard } from '../../src/readmodels/dashboard';
import { IDENTIFY, NS, foldReadModels, startWorld, type ServiceWorld } from './support/service-world';
import { assigned, body, expectProblem, rectify, step } from './support/http-steps';
import { openFeed } from './support/sse';

let w: ServiceWorld;
let closedAtPosition = '';
beforeAll(async () => {
  w = await startWorld();
  const etag = await rectify(w, IDENTIFY);
  w.setNow('2019-06-05T02:00:00.000Z');
  const proposed = await step(w, 'ng-office', '/problems/P-1/proposals', { proposalId: 'C-1', action: { kind: 'close' } }, etag);
  const closed = await w.call('POST', '/problems/P-1/proposals/C-1/approval', { actor: 'ng-office-head', json: {}, headers: { 'if-match': proposed } });
  closedAtPosition = (await body(closed)).events[0].position;
  await assigned(w, { ...IDENTIFY, problemId: 'P-2', title: '执行卷宗归档不及时' });
});
afterAll(async () => { await w.stop(); });

const fold = () => foldReadModels(w);

describe('queries', () => {
  it('lists the ledger with filters, and refuses unknown filter values naming the parameter', async () => {
    const all = await body(await w.call('GET', '/problems?now=2019-06-05T02:00:00Z'));
    expect(all.rows.map((r: { problemId: string }) => r.problemId)).toEqual(['P-1', 'P-2']);
    const open = await body(await w.call('GET', '/problems?status=open'));
    expect(open.rows.map((r: { problemId: string }) => r.problemId)).toEqual(['P-2']);
    const both = await body(await w.call('GET', '/problems?status=open,closed&court=NANGUAN'));
    expect(both.count).toBe(2);
    const bad = await expectProblem(await w.call('GET', '/problems?status=done'), 400);
    expect(bad.errors[0].path).toBe('query.status');
    const badNow = await expectProblem(await w.call('GET', '/problems?now=tomorrow'), 400);
    expect(badNow.errors[0].path).toBe('query.now');
  });

  it('serves the dashboard JSON equal to the read models folded from the store', async () => {
    const now = '2019-06-05T02:00:00.000Z';
    const served = await body(await w.call('GET', `/dashboard?now=${now}`));
    expect(served).toEqual(JSON.parse(JSON.stringify(dashboard(await fold(), { now }))));
    expect(served.problems).toMatchObject({ total: 2, closed: 1, open: 1 });
  });

  it('serves the dashboard as one self-contained HTML page with a verified trail', async () => {
    const r = await w.call('GET', '/dashboard.html');
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await r.text();
    expect(html).toContain('<section id="trail"');
    expect(html).toContain('data-field="ok" data-value="true"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('gives timelines of a stream and an actor, and a state as of a position', async () => {
    const t = await body(await w.call('GET', '/timeline?stream=problem/P-1'));
    expect(t.entries[0]).toMatchObject({ type: 'problem.identified', actor: { id: 'ng-staff' } });
    expect(t.entries.at(-1)).toMatchObject({ type: 'problem.closed', position: closedAtPosition });
    const byActor = await body(await w.call('GET', '/timeline?actor=ng-verifier'));
    expect(byActor.entries.map((e: { type: string }) => e.type)).toEqual(['problem.verified']);
    await expectProblem(await w.call('GET', '/timeline?stream=problem/P-1&actor=x'), 400);
    await expectProblem(await w.call('GET', '/timeline?stream=widgets/1'), 400);
    const before = await body(await w.call('GET', `/as-of?stream=problem/P-1&position=${BigInt(closedAtPosition) - 1n}`));
    expect(before.state.status).toBe('verified');
    const after = await body(await w.call('GET', `/as-of?stream=problem/P-1&position=${closedAtPosition}`));
    expect(after.state.status).toBe('closed');
    const byTime = await body(await w.call('GET', '/as-of?stream=problem/P-1&at=2019-06-04T00:00:00Z'));
    expect(byTime.state.status).toBe('verified');
    await expectProblem(await w.call('GET', '/as-of?stream=problem/P-1&at=someday'), 400);
    await expectProblem(await w.call('GET', '/as-of?stream=problem/P-1'), 400);
  });

  it('verifies the trail and gives the digest the SDK computes', async () => {
    const v = await body(await w.call('GET', '/verify'));
    expect(v).toMatchObject({ ok: true, assurance: 'self-consistency', findingCount: 0 });
    const d = await body(await w.call('GET', '/digest'));
    const direct = await createDigest(w.store, { at: d.createdAt })();
    expect(direct._tag === 'Right' && direct.right).toEqual(d);
    expect(v.digest.rootHash).toBe(d.rootHash);
  });
});

describe('the live feed', () => {
  it('sends new events with their position as the SSE id, and resumes after Last-Event-ID without gaps or repeats', async () => {
    const feed = await openFeed(`${w.base}/events`);
    expect(feed.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const etag = (await w.call('GET', '/problems/P-2')).headers.get('etag') as string;
    const e1 = await step(w, 'ng-staff', '/problems/P-2/progress', { note: '第一次进展' }, etag);
    const [m1] = await feed.next(1);
    expect(m1).toMatchObject({ event: 'problem.progress_recorded' });
    const env = JSON.parse(m1?.data ?? '{}');
    expect(m1?.id).toBe(env.position);
    expect(env.data.note).toBe('第一次进展');
    await feed.close();

    // while disconnected
    const e2 = await step(w, 'ng-staff', '/problems/P-2/progress', { note: '第二次' }, e1);
    await step(w, 'ng-staff', '/problems/P-2/progress', { note: '第三次' }, e2);
    const resumed = await openFeed(`${w.base}/events`, { 'last-event-id': m1?.id ?? '' });
    const missed = await resumed.next(2);
    expect(missed.map((m) => JSON.parse(m.data).data.note)).toEqual(['第二次', '第三次']);
    expect(missed.map((m) => BigInt(m.id ?? '0')).every((p, i, a) => p > BigInt(m1?.id ?? '0') && (i === 0 || p > (a[i - 1] as bigint)))).toBe(true);
    await expect(resumed.next(1, 600)).rejects.toThrow(/timed out/); // nothing repeated, nothing else
    expect(w.service.openFeeds()).toBe(1);
    await resumed.close();
    await vi.waitFor(() => expect(w.service.openFeeds()).toBe(0)); // a client that leaves ends its subscription

    const replay = await openFeed(`${w.base}/events?from=start`);
    const first = await replay.next(3);
    const stored = [];
    for await (const e of w.store.readAll({ streamPrefix: `${NS}/`, maxCount: 3 })) stored.push(e.position.toString());
    expect(first.map((m) => m.id)).toEqual(stored);
    await replay.close();
    await expectProblem(await w.call('GET', '/events', { headers: { 'last-event-id': 'abc' } }), 400);
  });
});
