/** `audit verify` and `audit digest` on the built program, against SQLite files altered behind its back. */
import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, requireBuilt, tempDir } from './helpers';
import { seedTrail } from './seed';
import { dropTail, editBody, eventCount, rowAt } from './tamper';

const dir = tempDir();
afterAll(() => dir.remove());
const run = (...args: string[]) => cli(args, { cwd: dir.dir });

beforeAll(async () => {
  requireBuilt();
  await seedTrail(dir.file('base.db'), 3, 4);
});

const fresh = (name: string): string => {
  copyFileSync(dir.file('base.db'), dir.file(name));
  return name;
};

describe('audit verify', () => {
  it('exits 0 on an intact trail and says which assurance it gave', () => {
    const r = run('audit', 'verify', '--store', `sqlite:${fresh('intact.db')}`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('OK: 12 events in 3 streams verified.');
    expect(r.stdout).toContain('Assurance: self-consistency only');
  });

  it('gives the report as JSON', () => {
    const r = run('audit', 'verify', '--store', `sqlite:${fresh('json.db')}`, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; events: number; assurance: string };
    expect(report).toMatchObject({ ok: true, events: 12, assurance: 'self-consistency' });
  });

  it('exits 1 naming stream, revision and position after a stored body was altered', () => {
    const db = fresh('altered.db');
    const row = rowAt(dir.file(db), 5);
    editBody(dir.file(db), 5, '"n":1', '"n":7');
    const r = run('audit', 'verify', '--store', `sqlite:${db}`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAILED');
    expect(r.stdout).toMatch(new RegExp(`First failure: hash_mismatch at stream "${row.stream_id}", revision ${row.revision}, position 5`));
    const json = JSON.parse(run('audit', 'verify', '--store', `sqlite:${db}`, '--format', 'json').stdout) as {
      ok: boolean; firstFailure: { kind: string; streamId: string; revision: string; position: string };
    };
    expect(json.ok).toBe(false);
    expect(json.firstFailure).toMatchObject({ kind: 'hash_mismatch', streamId: row.stream_id, revision: String(row.revision), position: '5' });
  });

  it('exits 0 on a trail that lost its last events when no older digest is given, and 1 against one', () => {
    const db = fresh('tail.db');
    const digest = run('audit', 'digest', '--store', `sqlite:${db}`, '--out', 'tail-digest.json');
    expect(digest.code).toBe(0);
    dropTail(dir.file(db), 2);
    expect(eventCount(dir.file(db))).toBe(10);
    const alone = run('audit', 'verify', '--store', `sqlite:${db}`);
    expect(alone.code).toBe(0); // the chains alone cannot see a dropped tail
    expect(alone.stdout).toContain('self-consistency only');
    const against = run('audit', 'verify', '--store', `sqlite:${db}`, '--against', 'tail-digest.json');
    expect(against.code).toBe(1);
    expect(against.stdout).toMatch(/missing_events/);
    expect(against.stdout).toMatch(/covers 12 events up to position 12, but the trail has only 10/);
  });

  it('checks a signed digest with the public key, and fails with the wrong key', () => {
    const db = fresh('signed.db');
    expect(run('audit', 'keygen', '--private', 'k1.pem', '--public', 'p1.pem').code).toBe(0);
    expect(run('audit', 'keygen', '--private', 'k2.pem', '--public', 'p2.pem').code).toBe(0);
    expect(run('audit', 'digest', '--store', `sqlite:${db}`, '--out', 's.json', '--sign-key', 'k1.pem').code).toBe(0);
    const good = run('audit', 'verify', '--store', `sqlite:${db}`, '--against', 's.json', '--public-key', 'p1.pem');
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/Assurance: consistency with an external digest of 12 events.*signature is valid/);
    const bad = run('audit', 'verify', '--store', `sqlite:${db}`, '--against', 's.json', '--public-key', 'p2.pem');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/signature_invalid/);
  });

  it('exits 1 naming the position when a stored body no longer parses, for reading commands too', () => {
    const db = fresh('corrupt.db');
    editBody(dir.file(db), 4, '{"data":', '{"data":{');
    const verified = run('audit', 'verify', '--store', `sqlite:${db}`);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/position 4/);
    const timeline = run('audit', 'timeline', '--store', `sqlite:${db}`, '--stream', 't/0');
    expect(timeline.code).toBe(1);
    expect(timeline.stderr).toMatch(/corrupt event at position 4/);
  });

  it('refuses a digest file that is not a digest, or a private key given as the public one (exit 2)', () => {
    const db = fresh('bad-input.db');
    const notDigest = run('audit', 'verify', '--store', `sqlite:${db}`, '--against', 'k1.pem');
    expect(notDigest.code).toBe(2);
    expect(notDigest.stderr).toMatch(/not JSON/);
    expect(run('audit', 'digest', '--store', `sqlite:${db}`, '--out', 'd.json').code).toBe(0);
    const privateAsPublic = run('audit', 'verify', '--store', `sqlite:${db}`, '--against', 'd.json', '--public-key', 'k1.pem');
    expect(privateAsPublic.code).toBe(2);
    expect(privateAsPublic.stderr).toMatch(/private key/);
  });
});
