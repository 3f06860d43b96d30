/**
 * Inline projections on PostgreSQL: a read model in a table of the same database, written in the
 * append's transaction with its checkpoint. It catches up when attached, commits with every append,
 * a projection that refuses an event fails only that append (nothing of it stored, its group
 * neighbours stored), it folds what another store object appended before its next write, and a new
 * version rebuilds it.
 */
import * as E from 'fp-ts/Either';
import { afterAll, describe, expect, it } from 'vitest';
import type { PostgresInlineProjection, PostgresStore } from '../../adapters/postgresql/index';
import { collect, leftOf, newEvent, rightOf } from '../sqlite/helpers';
import { schemas, sql } from './helpers';

const made = schemas('inline');
afterAll(() => made.dropAll());

/** Counts events per stream in `<schema>.rm_counts`; refuses events whose data says poison. */
const counts = (schema: string, version = 1): PostgresInlineProjection => ({
  name: 'counts',
  version,
  reset: async (client) => {
    await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".rm_counts (stream_id text PRIMARY KEY, n integer NOT NULL)`);
    await client.query(`DELETE FROM "${schema}".rm_counts`);
  },
  apply: async (client, events) => {
    for (const e of events) {
      if ((e.data as { poison?: boolean }).poison) throw new Error(`cannot count event ${e.position}`);
      await client.query(
        `INSERT INTO "${schema}".rm_counts VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = rm_counts.n + 1`, [e.streamId],
      );
    }
  },
});
const readCounts = async (s: PostgresStore) =>
  Object.fromEntries((await sql<{ stream_id: string; n: number }>(`SELECT stream_id, n FROM "${s.schema}".rm_counts ORDER BY stream_id`)).map((r) => [r.stream_id, r.n]));

describe('postgresql store: inline projections', () => {
  it('catches up when attached, then commits with every append, checkpoint included', async () => {
    const s = await made.open();
    rightOf(await s.append('a', [newEvent(), newEvent()], 'any')());
    const [one, two] = await Promise.all([s.addInlineProjection(counts(s.schema))(), s.addInlineProjection(counts(s.schema))()]);
    expect([one, two].filter(E.isRight)).toHaveLength(1);
    expect([one, two].filter(E.isLeft).map((e) => e.left._tag)).toEqual(['ValidationFailed']);
    expect(await readCounts(s)).toEqual({ a: 2 });
    const r = rightOf(await s.append('b', [newEvent()], 'any')());
    expect(await readCounts(s)).toEqual({ a: 2, b: 1 });
    expect(rightOf(await s.checkpoints.load('counts')())).toEqual({ version: 1, position: r.lastPosition });
    expect(leftOf(await s.addInlineProjection(counts(s.schema))())._tag).toBe('ValidationFailed');
    expect(leftOf(await s.addInlineProjection({ name: 'x' } as unknown as PostgresInlineProjection)())._tag).toBe('ValidationFailed');
    await s.close();
  });

  it('a projection that throws fails only its own append, which leaves no events behind', async () => {
    const s = await made.open();
    rightOf(await s.addInlineProjection(counts(s.schema))());
    // Submitted together, the three share one group; the poisoned one is found and fails alone.
    const [ok1, poisoned, ok2] = await Promise.all([
      s.append('a', [newEvent()], 'any')(),
      s.append('p', [newEvent(), newEvent({ poison: true })], 'any')(),
      s.append('b', [newEvent()], 'any')(),
    ]);
    expect(E.isRight(ok1) && E.isRight(ok2)).toBe(true);
    expect(leftOf(poisoned)).toMatchObject({ _tag: 'StoreUnavailable' });
    expect(leftOf(poisoned).message).toMatch(/inline projection "counts": cannot count event/);
    const all = await collect(s.readAll());
    expect(all.map((e) => e.streamId)).toEqual(['a', 'b']);
    expect(all.map((e) => e.position)).toEqual([1n, 2n]);
    expect(await readCounts(s)).toEqual({ a: 1, b: 1 });
    expect(rightOf(await s.checkpoints.load('counts')())?.position).toBe(2n);
    await s.close();
  });

  it('folds what another store object appended before its next write, and rebuilds on a new version', async () => {
    const s = await made.open();
    rightOf(await s.addInlineProjection(counts(s.schema))());
    const other = await made.open({ schema: s.schema });
    rightOf(await other.append('elsewhere', [newEvent(), newEvent()], 'any')());
    await other.close();
    rightOf(await s.append('here', [newEvent()], 'any')());
    expect(await readCounts(s)).toEqual({ elsewhere: 2, here: 1 });
    await s.close();
    const again = await made.open({ schema: s.schema });
    await sql(`UPDATE "${s.schema}".rm_counts SET n = 99 WHERE stream_id = 'here'`);
    rightOf(await again.addInlineProjection(counts(s.schema))()); // the same version keeps the table as it is
    expect(await readCounts(again)).toEqual({ elsewhere: 2, here: 99 });
    const third = await made.open({ schema: s.schema });
    rightOf(await third.addInlineProjection(counts(s.schema, 2))());
    expect(await readCounts(third)).toEqual({ elsewhere: 2, here: 1 });
    await again.close();
    await third.close();
  });
});
