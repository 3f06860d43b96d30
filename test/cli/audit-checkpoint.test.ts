/**
 * Checkpoints and witnesses on the built program: keygen in note form, `audit checkpoint`, two
 * `witness serve` processes, `audit witness`, `audit verify --against` a cosigned checkpoint (also
 * offline, on a read-only copy), tlog-proof bundles, and the refusals (wrong key, altered root,
 * removed events, rollback, rewritten trail, unknown witness, malformed input).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliAsync, requireBuilt, tempDir } from './helpers';
import { seedTrail } from './seed';
import { dropTail, rowAt } from './tamper';

const dir = tempDir();
const run = (...args: string[]) => cliAsync(args, { cwd: dir.dir });
const children: ChildProcess[] = [];
const urls: string[] = [];
const ORIGIN = 'court-a.example/trail';
const sha = (f: string) => createHash('sha256').update(readFileSync(dir.file(f))).digest('hex');

const serve = (n: number): Promise<string> => new Promise((resolve, reject) => {
  const child = spawn(process.execPath, [CLI, 'witness', 'serve', '--port', '0', '--state', `w${n}-state`, '--key', `w${n}.pem`,
    '--note-name', `w${n}.example/witness`, '--log', `${ORIGIN}=log.vkey`], { cwd: dir.dir, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  child.on('error', reject);
  child.on('exit', (code) => reject(new Error(`witness ${n} exited with ${code}`)));
  createInterface({ input: child.stdout! }).once('line', (line) => resolve(line));
});

beforeAll(async () => {
  requireBuilt();
  await seedTrail(dir.file('t.db'), 3, 3);
  const keys = [
    ['log', 'court-a.example/log', []], ['w1', 'w1.example/witness', ['--cosigner']], ['w2', 'w2.example/witness', ['--cosigner']],
    ['stranger', 'stranger.example/witness', ['--cosigner']],
  ] as const;
  for (const [f, name, extra] of keys) {
    const r = await run('audit', 'keygen', '--private', `${f}.pem`, '--public', `${f}.pub.pem`, '--note-name', name, '--vkey', `${f}.vkey`, ...extra);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
  urls.push(await serve(1), await serve(2));
}, 60_000);

afterAll(() => {
  for (const c of children) { c.removeAllListeners('exit'); c.kill('SIGTERM'); }
  dir.remove();
});

const policy = ['--vkey', 'log.vkey', '--witness-vkey', 'w1.vkey', '--witness-vkey', 'w2.vkey'];

describe('checkpoints cosigned by two witnesses', () => {
  it('writes verifier keys in note form: log type 0x01, witness type 0x04', () => {
    const log = readFileSync(dir.file('log.vkey'), 'utf8').trim();
    expect(log).toMatch(/^court-a\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(log.split('+').slice(2).join('+'), 'base64')[0]).toBe(0x01);
    const w = readFileSync(dir.file('w1.vkey'), 'utf8').trim();
    expect(Buffer.from(w.split('+').slice(2).join('+'), 'base64')[0]).toBe(0x04);
    expect(urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('signs, cosigns and verifies; offline on a read-only copy; proves an event in tlog-proof form', async () => {
    const made = await run('audit', 'checkpoint', '--store', 'sqlite:t.db', '--origin', ORIGIN, '--sign-key', 'log.pem', '--note-name', 'court-a.example/log', '--out', 'cp1');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const text = readFileSync(dir.file('cp1'), 'utf8');
    expect(text).toMatch(/^court-a\.example\/trail\n9\n[A-Za-z0-9+/]{43}=\n\n\u2014 court-a\.example\/log [A-Za-z0-9+/]+=*\n$/);

    const witnessed = await run('audit', 'witness', '--store', 'sqlite:t.db', '--checkpoint', 'cp1', '--url', urls[0]!, '--url', urls[1]!,
      '--witness-vkey', 'w1.vkey', '--witness-vkey', 'w2.vkey', '--out', 'cp1w');
    expect(witnessed.stderr).toBe('');
    expect(witnessed.stdout).toContain('2 of 2 witnesses cosigned the checkpoint of 9 events');
    expect(readFileSync(dir.file('cp1w'), 'utf8').split('\n').filter((l) => l.startsWith('\u2014 '))).toHaveLength(3);
    expect(readdirSync(dir.file('w1-state'))).toHaveLength(1);

    const verified = await run('audit', 'verify', '--store', 'sqlite:t.db', '--against', 'cp1w', ...policy);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/consistency with the checkpoint of court-a\.example\/trail signed by court-a\.example\/log\+[0-9a-f]{8} and cosigned by w1\.example\/witness at .* w2\.example\/witness at .*, of 9 events; the trail still holds exactly those 9 events/);

    // offline: an exported copy, read-only, unchanged by the check
    expect((await run('audit', 'export', '--store', 'sqlite:t.db', '--out', 'copy.jsonl')).code).toBe(0);
    chmodSync(dir.file('copy.jsonl'), 0o444);
    const before = sha('copy.jsonl');
    const offline = await run('audit', 'verify', '--file', 'copy.jsonl', '--against', 'cp1w', ...policy);
    expect(offline.code).toBe(0);
    expect(sha('copy.jsonl')).toBe(before);

    const eventId = rowAt(dir.file('t.db'), 5).event_id;
    const proved = await run('audit', 'prove', '--store', 'sqlite:t.db', '--event', eventId, '--checkpoint', 'cp1w', '--out', 'e.tlog-proof');
    expect(proved.code).toBe(0);
    expect(readFileSync(dir.file('e.tlog-proof'), 'utf8')).toMatch(/^c2sp\.org\/tlog-proof@v1\nextra [A-Za-z0-9+/]+=*\nindex 4\n/);
    const checked = await run('audit', 'check-proof', '--proof', 'e.tlog-proof', ...policy);
    expect(checked.stdout).toContain(`OK: event ${eventId}`);
    expect(checked.code).toBe(0);
    const strange = await run('audit', 'check-proof', '--proof', 'e.tlog-proof', '--vkey', 'log.vkey', '--witness-vkey', 'stranger.vkey');
    expect(strange.code).toBe(1);
    expect(strange.stdout).toMatch(/FAILED: .*0 of the 1 required witness cosignatures/);
  }, 60_000);

  it('refuses a wrong key, an altered root, an unknown witness and malformed input', async () => {
    const wrongKey = await run('audit', 'verify', '--store', 'sqlite:t.db', '--against', 'cp1w', '--vkey', 'w1.vkey');
    expect(wrongKey.code).toBe(2); // a cosigner key given as the log key: bad usage
    writeFileSync(dir.file('other.vkey'), readFileSync(dir.file('log.vkey'), 'utf8').replace('court-a.example/log', 'court-b.example/log'));
    const other = await run('audit', 'verify', '--store', 'sqlite:t.db', '--against', 'cp1w', '--vkey', 'other.vkey');
    expect(other.code).toBe(2); // its key id no longer matches: malformed key
    const stranger = await run('audit', 'verify', '--store', 'sqlite:t.db', '--against', 'cp1w', '--vkey', 'log.vkey', '--witness-vkey', 'stranger.vkey');
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(/0 of the 1 required witness cosignatures.*count for nothing/);

    const note = readFileSync(dir.file('cp1w'), 'utf8');
    const root = note.split('\n')[2]!;
    writeFileSync(dir.file('altered'), note.replace(root, Buffer.alloc(32, 7).toString('base64')));
    const altered = await run('audit', 'verify', '--store', 'sqlite:t.db', '--against', 'altered', ...policy);
    expect(altered.code).toBe(1);
    expect(altered.stderr).toMatch(/does not verify/);

    writeFileSync(dir.file('bad'), 'court-a.example/trail\n09\nxyz\n\n\u2014 a AAAAAAA=\n');
    expect((await run('audit', 'verify', '--store', 'sqlite:t.db', '--against', 'bad', ...policy)).code).toBe(2);
  }, 60_000);

  it('catches removed events, and the witnesses refuse a rollback and a rewritten trail, writing nothing', async () => {
    const states = () => ['w1-state', 'w2-state'].map((d) => readdirSync(dir.file(d)).map((f) => readFileSync(dir.file(`${d}/${f}`), 'utf8')).join());
    const saved = states();
    copyFileSync(dir.file('t.db'), dir.file('short.db'));
    dropTail(dir.file('short.db'), 2);
    const missing = await run('audit', 'verify', '--store', 'sqlite:short.db', '--against', 'cp1w', ...policy);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/the trail has only 7/);

    // rollback: a checkpoint of the shortened trail
    expect((await run('audit', 'checkpoint', '--store', 'sqlite:short.db', '--origin', ORIGIN, '--sign-key', 'log.pem', '--note-name', 'court-a.example/log', '--out', 'cp-short')).code).toBe(0);
    const back = await run('audit', 'witness', '--store', 'sqlite:short.db', '--checkpoint', 'cp-short', '--url', urls[0]!, '--url', urls[1]!, '--out', 'cp-short-w');
    expect(back.code).toBe(1);
    expect(back.stderr).toMatch(/has cosigned size 9, larger than this checkpoint's 7/);

    // a rewritten trail: a whole new history that checks against itself, signed with the log's own key
    await seedTrail(dir.file('forged.db'), 3, 4);
    expect((await run('audit', 'verify', '--store', 'sqlite:forged.db')).code).toBe(0);
    expect((await run('audit', 'checkpoint', '--store', 'sqlite:forged.db', '--origin', ORIGIN, '--sign-key', 'log.pem', '--note-name', 'court-a.example/log', '--out', 'cp-forged')).code).toBe(0);
    const forged = await run('audit', 'witness', '--store', 'sqlite:forged.db', '--checkpoint', 'cp-forged', '--url', urls[0]!, '--url', urls[1]!, '--out', 'cp-forged-w');
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/refused \(422\): not consistent with the checkpoint of size 9/);
    expect(forged.stdout).toContain('0 of 2 witnesses cosigned');
    expect(states()).toEqual(saved);
    const caught = await run('audit', 'verify', '--store', 'sqlite:forged.db', '--against', 'cp1w', ...policy);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toMatch(/do not give its root/);
  }, 60_000);
});
