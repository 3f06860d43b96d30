/** `audit prove` and the offline `audit check-proof` on the built program. */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, requireBuilt, tempDir } from './helpers';
import { seedTrail } from './seed';
import { rowAt } from './tamper';

const dir = tempDir();
afterAll(() => dir.remove());
const run = (...args: string[]) => cli(args, { cwd: dir.dir });
let eventId = '';

beforeAll(async () => {
  requireBuilt();
  await seedTrail(dir.file('t.db'), 3, 3);
  eventId = rowAt(dir.file('t.db'), 4).event_id;
  expect(run('audit', 'keygen', '--private', 'k.pem', '--public', 'p.pem').code).toBe(0);
  expect(run('audit', 'digest', '--store', 'sqlite:t.db', '--out', 'd.json', '--sign-key', 'k.pem').code).toBe(0);
});

describe('audit prove and check-proof', () => {
  it('proves an event and checks the proof with the digest alone (the store deleted)', () => {
    const proved = run('audit', 'prove', '--store', 'sqlite:t.db', '--event', eventId, '--digest', 'd.json', '--out', 'proof.json');
    expect(proved.stderr).toBe('');
    expect(proved.code).toBe(0);
    expect(proved.stdout).toContain('is number 4 of the 9 events');
    writeFileSync(dir.file('t.db'), ''); // offline: nothing of the store is needed any more
    const checked = run('audit', 'check-proof', '--proof', 'proof.json', '--digest', 'd.json', '--public-key', 'p.pem');
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(new RegExp(`^OK: event ${eventId} \\(NoteTaken, stream "t/0" revision 1`));
    expect(checked.stdout).toContain('signature valid');
  });

  it('fails (exit 1) when the event in the proof file was changed', () => {
    const file = JSON.parse(readFileSync(dir.file('proof.json'), 'utf8')) as { event: { data: { n: number } } };
    file.event.data.n = 99;
    writeFileSync(dir.file('forged.json'), JSON.stringify(file));
    const r = run('audit', 'check-proof', '--proof', 'forged.json', '--digest', 'd.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAILED: the proof does not hold: the event hashes to [0-9a-f]{64}, the proof is for/);
  });

  it('fails (exit 1) against another digest, or when the path was altered', () => {
    const digest = JSON.parse(readFileSync(dir.file('d.json'), 'utf8')) as { rootHash: string; signature?: unknown };
    const other = { ...digest, rootHash: digest.rootHash.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
    delete other.signature;
    writeFileSync(dir.file('other.json'), JSON.stringify(other));
    expect(run('audit', 'check-proof', '--proof', 'proof.json', '--digest', 'other.json').code).toBe(1);
    const file = JSON.parse(readFileSync(dir.file('proof.json'), 'utf8')) as { proof: { path: string[] } };
    file.proof.path[0] = 'f'.repeat(64);
    writeFileSync(dir.file('bad-path.json'), JSON.stringify(file));
    const r = run('audit', 'check-proof', '--proof', 'bad-path.json', '--digest', 'd.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAILED/);
  });

  it('refuses a file that is not a proof (exit 2)', () => {
    writeFileSync(dir.file('junk.json'), JSON.stringify({ proof: { eventId: 'x' } }));
    const r = run('audit', 'check-proof', '--proof', 'junk.json', '--digest', 'd.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a proof file: proof\.streamId/);
  });

  it('reports an unknown event id as bad input (exit 2)', async () => {
    await seedTrail(dir.file('u.db'), 1, 2);
    expect(run('audit', 'digest', '--store', 'sqlite:u.db', '--out', 'u.json').code).toBe(0);
    const r = run('audit', 'prove', '--store', 'sqlite:u.db', '--event', '00000000-0000-4000-8000-000000000000', '--digest', 'u.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/event 00000000-0000-4000-8000-000000000000/);
  });
});
