/** `audit timeline`: every event of a stream, an actor or a correlation, with who, why and when. */
import * as E from 'fp-ts/Either';
import { timeline, TIMELINE_COLUMNS, timelineRow, type TimelineEntry, type TimelineQuery } from '../../audit/timeline';
import { flag, oneOf, str, write, type Command } from '../command';
import { fromLedgerError, usageError } from '../errors';
import { withStore } from '../open-store';
import { renderJson, renderTable, type Column } from '../output';
import { toCsv } from '../../audit/csv';
import { formatOption, storeOptions, storeSpecOf } from './common';

const NAME = 'audit timeline';

const COLUMNS: readonly Column<TimelineEntry>[] = [
  { header: 'pos', cell: (t) => t.position, right: true },
  { header: 'recorded', cell: (t) => t.recordedAt.slice(0, 19).replace('T', ' ') },
  { header: 'effective', cell: (t) => (t.effectiveAt === t.recordedAt ? '' : t.effectiveAt.slice(0, 19).replace('T', ' ') + (t.backdated ? ' (backdated)' : '')) },
  { header: 'type', cell: (t) => t.type },
  { header: 'stream', cell: (t) => `${t.streamId}@${t.revision}` },
  { header: 'actor', cell: (t) => `${t.actor.id}${t.actor.unit ? ` (${t.actor.unit})` : ''}${t.onBehalfOf ? ` for ${t.onBehalfOf}` : ''}` },
  { header: 'reason', cell: (t) => t.reason },
];

const queryOf = (values: Parameters<Command['run']>[0]): TimelineQuery => {
  const given = (['stream', 'actor', 'correlation'] as const).filter((k) => str(values, k) !== undefined);
  if (given.length !== 1) throw usageError('give exactly one of --stream, --actor or --correlation', NAME);
  const key = given[0] as 'stream' | 'actor' | 'correlation';
  const value = str(values, key) as string;
  if (key === 'stream') return { stream: value };
  if (key === 'correlation') return { correlation: value };
  return { actor: value, includeOnBehalfOf: flag(values, 'on-behalf') };
};

/** The `audit timeline` command. */
export const auditTimelineCommand: Command = {
  name: NAME,
  summary: 'list every event of one stream, one actor or one correlation: who, on whose behalf, why, when',
  usage: 'audit timeline --store S (--stream ID | --actor ID | --correlation ID) [--format table|json|csv]',
  details: 'Entries whose effective (business) time lies more than a day before their recorded time are flagged as backdated.',
  options: {
    ...storeOptions,
    stream: { type: 'string', value: 'ID', description: 'one stream, e.g. demo/problem/P-001' },
    actor: { type: 'string', value: 'ID', description: 'everything one person or account did' },
    'on-behalf': { type: 'boolean', description: 'with --actor: also what others did on their behalf' },
    correlation: { type: 'string', value: 'ID', description: 'everything caused by one user intent' },
    format: formatOption(['table', 'json', 'csv']),
  },
  async run(values, io) {
    const format = oneOf(values, 'format', ['table', 'json', 'csv'] as const, 'table', NAME);
    const query = queryOf(values);
    const spec = storeSpecOf(values, io, NAME);
    const entries = await withStore(spec, { mode: 'read', command: NAME }, async ({ store }) => {
      const r = await timeline(store, query)();
      if (E.isLeft(r)) throw fromLedgerError(r.left, NAME);
      return r.right;
    });
    if (format === 'json') {
      await write(io.stdout, renderJson(entries.map(({ event, ...rest }) => ({ ...rest, data: event.data }))));
    } else if (format === 'csv') {
      await write(io.stdout, toCsv(TIMELINE_COLUMNS, entries.map(timelineRow)));
    } else {
      await write(io.stdout, entries.length === 0 ? 'no events\n' : renderTable(COLUMNS, entries));
    }
    return 0;
  },
};
