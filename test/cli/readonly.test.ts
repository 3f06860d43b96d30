/**
 * Read commands open SQLite read-only: they never create, migrate, lock or leave a file behind,
 * work on a read-only copy owned by someone else, and tell "not a trail" (exit 2) from "a damaged
 * trail" (exit 1, located) from "unreachable" (exit 3).
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, CLI, requireBuilt, tempDir } from './helpers';
import { seedTrail } from './seed';

const dir = tempDir();
afterAll(() => {
  chmodSync(dir.dir, 0o755);
  dir.remove();
});
const run = (...args: string[]) => cli(args, { cwd: dir.dir });

beforeAll(async () => {
  requireBuilt();
  await seedTrail(dir.file('base.db'), 3, 4);
});

const fresh = (name: string): string => {
  copyFileSync(dir.file('base.db'), dir.file(name));
  return dir.file(name);
};

/** Bytes, modification time and sibling files of a database: what "never writes" is checked against. */
const fingerprint = (path: string) => ({
  sha: createHash('sha256').update(readFileSync(path)).digest('hex'),
  mtimeMs: statSync(path).mtimeMs,
  siblings: readdirSync(dir.dir).filter((f) => f.startsWith(`${path.split('/').pop() ?? ''}-`)),
});

const foreignDb = (name: string): string => {
  const path = dir.file(name);
  const db = new Database(path);
  db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
  db.close();
  return path;
};

describe('read commands on SQLite', () => {
  it('refuse a SQLite database of another application with exit 2 and leave it untouched', () => {
    const path = foreignDb('foreign.db');
    const before = fingerprint(path);
    const r = run('audit', 'verify', '--store', `sqlite:${path}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a campaign-ledger trail');
    expect(r.stderr).toContain('customers');
    expect(fingerprint(path)).toEqual(before);
    expect(new Database(path, { readonly: true }).pragma('journal_mode', { simple: true })).toBe('delete');
  });

  it('refuse an empty SQLite database, a 0-byte file and random bytes with exit 2', () => {
    const emptyDb = dir.file('empty-sqlite.db');
    new Database(emptyDb).exec('PRAGMA user_version = 1'); // a valid SQLite file with no tables
    writeFileSync(dir.file('zero.db'), '');
    writeFileSync(dir.file('random.db'), randomBytes(8192));
    for (const [name, said] of [['empty-sqlite.db', 'no tables'], ['zero.db', 'the file is empty'], ['random.db', 'not a SQLite database']] as const) {
      const before = fingerprint(dir.file(name));
      const r = run('audit', 'verify', '--store', `sqlite:${name}`);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toContain(said);
      expect(fingerprint(dir.file(name)), name).toEqual(before);
    }
  });

  it('say "0 events" for a trail with the schema and no events', async () => {
    await seedTrail(dir.file('no-events.db'), 0, 0);
    const r = run('audit', 'verify', '--store', 'sqlite:no-events.db');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 events');
  });

  it('exit 1 on a truncated trail, saying it is damaged and how', () => {
    const path = fresh('truncated.db');
    truncateSync(path, statSync(path).size - 4096);
    const r = run('audit', 'verify', '--store', `sqlite:${path}`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/damaged trail .*truncated/);
  });

  it('exit 1 on a trail whose event pages were overwritten, locating the read', async () => {
    await seedTrail(dir.file('big.db'), 4, 200);
    const path = dir.file('big.db');
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    const pages = bytes.length / pageSize;
    // Overwrite the last half of the pages (event rows), keeping the header and the schema pages.
    for (let p = Math.floor(pages / 2); p < pages; p++) randomBytes(pageSize).copy(bytes, p * pageSize);
    writeFileSync(path, bytes);
    const r = run('audit', 'verify', '--store', `sqlite:${path}`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/damaged trail/);
    expect(r.stderr).toMatch(/position \d+|stream "/);
  });

  it('leave an intact trail byte-identical, with no -wal or -shm, after every read command', () => {
    const path = fresh('intact.db');
    const before = fingerprint(path);
    expect(before.siblings).toEqual([]);
    const commands: string[][] = [
      ['audit', 'verify', '--store', 'sqlite:intact.db'],
      ['audit', 'digest', '--store', 'sqlite:intact.db', '--out', 'intact-digest.json'],
      ['audit', 'timeline', '--store', 'sqlite:intact.db', '--stream', 't/0'],
      ['dashboard', '--store', 'sqlite:intact.db', '--format', 'json'],
      ['backup', '--store', 'sqlite:intact.db', '--out', 'intact-copy.db'],
      ['audit', 'export', '--store', 'sqlite:intact.db', '--out', 'intact.jsonl'],
      ['ledger', '--store', 'sqlite:intact.db'],
    ];
    for (const args of commands) {
      const r = run(...args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
      expect(fingerprint(path), args.join(' ')).toEqual(before);
    }
  });

  it('verify while another process holds the write lock, without waiting for it', () => {
    const path = fresh('locked.db');
    const writer = new Database(path);
    writer.pragma('journal_mode = WAL');
    writer.exec('BEGIN IMMEDIATE');
    try {
      const r = cli(['audit', 'verify', '--store', `sqlite:${path}`], { cwd: dir.dir, env: {} });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('OK: 12 events');
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('read the events a live writer has committed to its write-ahead log and not yet checkpointed', () => {
    const path = fresh('live.db');
    const writer = new Database(path);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("INSERT INTO checkpoints (name, version, position, state, updated_at) VALUES ('p', 1, 12, NULL, '2026-01-01')").run();
    try {
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(32);
      const r = run('audit', 'verify', '--store', `sqlite:${path}`);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('OK: 12 events');
    } finally {
      writer.close();
    }
  });

  it('verify a read-only copy in a read-only folder as a user who owns neither', () => {
    const path = fresh('copy.db');
    chmodSync(path, 0o444);
    chmodSync(dir.dir, 0o555);
    try {
      const before = fingerprint(path);
      // Root ignores permissions: run as an unprivileged user then, so the folder is really read-only.
      const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const r = spawnSync(process.execPath, [CLI, 'audit', 'verify', '--store', `sqlite:${path}`], { cwd: dir.dir, encoding: 'utf8', ...asOther });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('OK: 12 events');
      expect(fingerprint(path)).toEqual(before);
    } finally {
      chmodSync(dir.dir, 0o755);
    }
  });
});
