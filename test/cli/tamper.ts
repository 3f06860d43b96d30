/** Raw edits of a SQLite trail, as someone with write access to the file could make them. */
import Database from 'better-sqlite3';

const open = (path: string) => {
  const db = new Database(path);
  db.exec('DROP TRIGGER IF EXISTS events_append_only_update; DROP TRIGGER IF EXISTS events_append_only_delete;');
  return db;
};

/** The stored row at `position`: stream, revision, event id and body. */
export const rowAt = (path: string, position: number): { stream_id: string; revision: number; event_id: string; body: string } => {
  const db = new Database(path, { readonly: true });
  try {
    const row = db.prepare('SELECT stream_id, revision, event_id, body FROM events WHERE position = ?').get(position);
    if (row === undefined) throw new Error(`no event at position ${position}`);
    return row as { stream_id: string; revision: number; event_id: string; body: string };
  } finally {
    db.close();
  }
};

/** Replaces `from` by `to` in the stored body at `position` (the hash column is left as it was). */
export const editBody = (path: string, position: number, from: string, to: string): void => {
  const db = open(path);
  try {
    const body = (db.prepare('SELECT body FROM events WHERE position = ?').pluck().get(position) as string | undefined) ?? '';
    if (!body.includes(from)) throw new Error(`the body at position ${position} does not contain ${from}`);
    db.prepare('UPDATE events SET body = ? WHERE position = ?').run(body.replace(from, to), position);
  } finally {
    db.close();
  }
};

/** Deletes the last `count` events (and rewinds the stream heads so the store stays usable). */
export const dropTail = (path: string, count: number): void => {
  const db = open(path);
  try {
    db.transaction(() => {
      db.prepare('DELETE FROM events WHERE position IN (SELECT position FROM events ORDER BY position DESC LIMIT ?)').run(count);
      db.exec(`DELETE FROM streams WHERE stream_id NOT IN (SELECT stream_id FROM events);
        UPDATE streams SET (revision, hash, position) = (
          SELECT e.revision, e.hash, e.position FROM events e WHERE e.stream_id = streams.stream_id ORDER BY e.revision DESC LIMIT 1)`);
    })();
  } finally {
    db.close();
  }
};

/** The number of stored events. */
export const eventCount = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return Number(db.prepare('SELECT count(*) FROM events').pluck().get());
  } finally {
    db.close();
  }
};
