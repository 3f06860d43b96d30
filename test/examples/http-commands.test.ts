/**
 * The HTTP service's command endpoints driven with real requests: the problem workflow with
 * ETags, 428 / 412 / 409, concurrent conflicting writes, malformed bodies, refusals, and that a
 * refused request stores nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDENTIFY, NS, startWorld, type ServiceWorld } from './support/service-world';
import { assigned, body, closeOff, eventCount, expectProblem, appendRace, rectify, step } from './support/http-steps';

let w: ServiceWorld;
beforeEach(async () => { w = await startWorld(); });
afterEach(async () => { await w.stop(); });

describe('the problem workflow over HTTP', () => {
  it('identifies (201, Location, ETag), rectifies, verifies and closes off with If-Match at every step', async () => {
    const created = await w.call('POST', '/problems', { actor: 'ng-staff', json: IDENTIFY });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/problems/P-1');
    expect(created.headers.get('etag')).toBe('"0"');
    const c = await body(created);
    expect(c).toMatchObject({ streamId: `${NS}/problem/P-1`, revision: '0', state: { status: 'open' } });
    expect(c.events[0]).toMatchObject({ type: 'problem.identified', metadata: { actor: { id: 'ng-staff', unit: 'NANGUAN/执行局' } } });
    await w.stop(); w = await startWorld();
    const etag = await rectify(w, IDENTIFY);
    const proposed = await step(w, 'ng-office', '/problems/P-1/proposals', { proposalId: 'C-1', action: { kind: 'close' } }, etag);
    const mine = await w.call('POST', '/problems/P-1/proposals/C-1/approval', { actor: 'ng-office', json: {}, headers: { 'if-match': proposed } });
    expect((await expectProblem(mine, 403)).rule).toBe('problem.rights.approver_not_entitled'); // four eyes
    const closed = await w.call('POST', '/problems/P-1/proposals/C-1/approval', { actor: 'ng-office-head', json: {}, headers: { 'if-match': proposed } });
    expect(closed.status).toBe(200);
    const got = await w.call('GET', '/problems/P-1');
    expect(got.headers.get('etag')).toBe(closed.headers.get('etag'));
    expect((await body(got)).state).toMatchObject({ status: 'closed', ledgerNumber: 'NANGUAN-2019-0001' });
    const again = await w.call('GET', '/problems/P-1', { headers: { 'if-none-match': got.headers.get('etag') as string } });
    expect(again.status).toBe(304);
  });

  it('428 for an update without If-Match, naming the current revision; nothing stored', async () => {
    await step(w, 'ng-staff', '/problems', IDENTIFY, undefined, 201);
    const before = await eventCount(w);
    const p = await expectProblem(await w.call('POST', '/problems/P-1/progress', { actor: 'ng-staff', json: { note: '进展' } }), 428);
    expect(p).toMatchObject({ currentRevision: '0' });
    expect(await eventCount(w)).toBe(before);
  });

  it('412 for a stale If-Match, with the current ETag; nothing stored', async () => {
    const first = await assigned(w, IDENTIFY);
    await step(w, 'ng-staff', '/problems/P-1/progress', { note: '第一次' }, first);
    const before = await eventCount(w);
    const r = await w.call('POST', '/problems/P-1/progress', { actor: 'ng-staff', json: { note: '基于旧版本' }, headers: { 'if-match': first } });
    const p = await expectProblem(r, 412);
    expect(p.currentRevision).toBe('3');
    expect(r.headers.get('etag')).toBe('"3"');
    expect(await eventCount(w)).toBe(before);
    for (const stale of ['W/"3"', '"abc"', '"7"']) await expectProblem(await w.call('POST', '/problems/P-1/progress', { actor: 'ng-staff', json: { note: 'x' }, headers: { 'if-match': stale } }), 412);
    await expectProblem(await w.call('POST', '/problems/P-1/progress', { actor: 'ng-staff', json: { note: 'x' }, headers: { 'if-match': 'not a tag' } }), 400);
    expect(await eventCount(w)).toBe(before);
  });

  it('409 for closing a problem that is already closed, naming the rule', async () => {
    const etag = await rectify(w, IDENTIFY);
    const closed = await closeOff(w, 'P-1', etag);
    const before = await eventCount(w);
    const p = await expectProblem(await w.call('POST', '/problems/P-1/proposals', { actor: 'ng-office', json: { proposalId: 'C-2', action: { kind: 'close' } }, headers: { 'if-match': closed } }), 409);
    expect(p.rule).toBe('problem.close.not_verified');
    expect(await eventCount(w)).toBe(before);
    await expectProblem(await w.call('POST', '/problems', { actor: 'ng-staff', json: IDENTIFY }), 409);
  });

  it('of concurrent writes with the same If-Match exactly one wins; the others get 412 and store nothing', async () => {
    const etag = await assigned(w, IDENTIFY);
    const n = 12;
    const results = await Promise.all(Array.from({ length: n }, (_, i) =>
      w.call('POST', '/problems/P-1/progress', { actor: 'ng-staff', json: { note: `并发 ${i}` }, headers: { 'if-match': etag } })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(n - 1).fill(412)]);
    for (const r of results.filter((x) => x.status === 412)) await expectProblem(r, 412);
    const events = [];
    for await (const e of w.store.readStream(`${NS}/problem/P-1`)) events.push(e);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['problem.responsibility_assigned', 'problem.progress_recorded']);
    expect((await w.call('GET', '/problems/P-1')).headers.get('etag')).toBe(`"${events.length - 1}"`);
  });

  it('writes that passed the If-Match check but lost the race at the store get 412, not a silent retry', async () => {
    await w.stop();
    const race = appendRace(`${NS}/problem/P-1`);
    w = await startWorld({ wrap: race.wrap });
    const etag = await assigned(w, IDENTIFY);
    const n = 4;
    race.arm(n);
    const results = await Promise.all(Array.from({ length: n }, (_, i) =>
      w.call('POST', '/problems/P-1/progress', { actor: 'ng-staff', json: { note: `竞争 ${i}` }, headers: { 'if-match': etag } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412, 412]);
    const events = [];
    for await (const e of w.store.readStream(`${NS}/problem/P-1`)) events.push(e);
    expect(events.filter((e) => e.type === 'problem.progress_recorded')).toHaveLength(1);
  });

  it('creates a report, requires If-Match to change it, records a finding and opens a case', async () => {
    const figures = { problemsFound: 0, problemsClosed: 0, rectificationRatePercent: 0, overdue: 0 };
    const report = { found: '无', measures: '无', results: '无', figures };
    const r = await w.call('POST', '/reports/2019-H1/NANGUAN/submissions', { actor: 'ng-president', json: report });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/reports/2019-H1/NANGUAN');
    await expectProblem(await w.call('POST', '/reports/2019-H1/NANGUAN/submissions', { actor: 'ng-president', json: report }), 428);
    await expectProblem(await w.call('POST', '/inspections/I-1/findings', { actor: 'inspector', json: { findingId: 'F-1' } }), 428);
    const insp = (await w.call('GET', '/inspections/I-1')).headers.get('etag') as string;
    await step(w, 'inspector', '/inspections/I-1/findings', {
      findingId: 'F-1', courtId: 'NANGUAN', title: '案款台账缺失', description: '未建立案款台账', criterion: '案款管理规定', severity: 'minor',
    }, insp);
    await step(w, 'ng-staff', '/problems', IDENTIFY, undefined, 201);
    const kase = await w.call('POST', '/accountability-cases', { actor: 'discipline', json: {
      caseId: 'A-1', subject: { kind: 'unit', courtId: 'NANGUAN', department: '执行局' }, grounds: 'poor_work', summary: '整改不力',
      evidence: [{ kind: 'problem', problemId: 'P-1' }],
    } });
    expect(kase.status, await kase.clone().text()).toBe(201);
    expect(kase.headers.get('location')).toBe('/accountability-cases/A-1');
  });
});

describe('bad requests', () => {
  it('refuses malformed bodies with 400/413/415 problem details, storing nothing', async () => {
    await step(w, 'ng-staff', '/problems', IDENTIFY, undefined, 201);
    const before = await eventCount(w);
    const post = (o: Parameters<ServiceWorld['call']>[2]) => w.call('POST', '/problems', { actor: 'ng-staff', ...o });
    const bad = await expectProblem(await post({ body: '{"problemId": "P-2",', headers: { 'content-type': 'application/json' } }), 400);
    expect(bad.detail).toContain('not valid UTF-8 JSON');
    await expectProblem(await post({ json: [IDENTIFY] }), 400);
    await expectProblem(await post({ json: null }), 400);
    await expectProblem(await post({ body: Buffer.from([0x7b, 0xff, 0x7d]).toString('latin1'), headers: { 'content-type': 'application/json' } }), 400);
    await expectProblem(await post({ body: JSON.stringify(IDENTIFY), headers: { 'content-type': 'text/plain' } }), 415);
    await expectProblem(await post({ body: JSON.stringify({ ...IDENTIFY, description: 'x'.repeat(1024 * 1024) }), headers: { 'content-type': 'application/json' } }), 413);
    const invalid = await expectProblem(await post({ json: { ...IDENTIFY, problemId: 'P-3', title: '', severity: 'huge', meta: { effectiveAt: 'yesterday' } } }), 400);
    const pointers = invalid.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/title', '/severity']));
    const meta = await expectProblem(await post({ json: { ...IDENTIFY, problemId: 'P-3', meta: { effectiveAt: 'yesterday' } } }), 400);
    expect(meta.errors).toEqual([expect.objectContaining({ pointer: '/meta/effectiveAt' })]);
    const missing = await expectProblem(await post({ json: { ...IDENTIFY, problemId: undefined } }), 400);
    expect(missing.errors.map((e: { pointer: string }) => e.pointer)).toContain('/problemId');
    const mismatch = await expectProblem(await w.call('POST', '/problems/P-1/progress', { actor: 'ng-staff', json: { problemId: 'P-9', note: 'x' }, headers: { 'if-match': '"0"' } }), 400);
    expect(mismatch.errors[0].pointer).toBe('/problemId');
    expect(await eventCount(w)).toBe(before);
  });

  it('401 without an actor, 403 naming the missing right, 404 and 405 for unknown endpoints', async () => {
    await expectProblem(await w.call('POST', '/problems', { json: IDENTIFY }), 401);
    await expectProblem(await w.call('POST', '/problems', { json: IDENTIFY, headers: { 'x-actor-id': ' ' } }), 401);
    const stranger = await expectProblem(await w.call('POST', '/problems', { actor: 'mallory', json: IDENTIFY }), 403);
    expect(stranger.actorId).toBe('mallory');
    const etag = await step(w, 'ng-staff', '/problems', IDENTIFY, undefined, 201);
    const refused = await expectProblem(await w.call('POST', '/problems/P-1/registration', { actor: 'ng-staff', json: {}, headers: { 'if-match': etag } }), 403);
    expect(refused).toMatchObject({ actorId: 'ng-staff', right: expect.any(String) });
    expect((await body(await w.call('GET', '/problems/P-1'))).state.ledgerNumber).toBeUndefined();
    await expectProblem(await w.call('GET', '/nowhere'), 404);
    const m = await w.call('DELETE', '/problems/P-1');
    await expectProblem(m, 405);
    expect(m.headers.get('allow')).toBe('GET');
    const head = await w.call('HEAD', '/events'); // a HEAD of the live feed would hold a subscription for nothing
    expect([head.status, head.headers.get('allow')]).toEqual([405, 'GET']);
    await expectProblem(await w.call('GET', '/problems/P-404'), 404);
    await expectProblem(await w.call('GET', '/problems/%E0%A4%A'), 400);
  });

  it('closes the reads to anonymous callers when asked to', async () => {
    await w.stop();
    w = await startWorld({ publicReads: false });
    await expectProblem(await w.call('GET', '/dashboard'), 401);
    expect((await w.call('GET', '/dashboard', { actor: 'office1' })).status).toBe(200);
  });
});
