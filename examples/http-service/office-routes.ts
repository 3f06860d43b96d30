/**
 * Supervision and the office files over HTTP: the supervision items (督办事项) with their colours,
 * one item's state with its ETag, the warnings given, the ledger (台账) as an Excel workbook or a
 * CSV in the office columns, and the Word documents (督办通知, 通报, 报告).
 */
import { toCsv } from '../../src/audit/csv';
import { DOCUMENT_KINDS, buildDocument, type DocumentKind } from '../../src/office/documents';
import { officeCsvOf, officeLedger } from '../../src/office/ledger-export';
import { ledgerWorkbook } from '../../src/office/ledger-xlsx';
import { officialDocx } from '../../src/office/official';
import { supervisionItems, warningsGiven } from '../../src/readmodels/supervision';
import { problem, sendJson } from './http';
import { entity, listParam, runQuery } from './queries';
import type { Route, ServiceContext } from './routes';

const STATUSES = ['proposed', 'opened', 'approved', 'assigned', 'handling', 'under_review', 'reviewed', 'closed'];
const COLOURS = ['blue', 'yellow', 'red', 'none'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const nowOf = (c: ServiceContext, url: URL) => url.searchParams.get('now') ?? c.clock().toISOString();

/** `attachment; filename=…` with an ASCII fallback and the UTF-8 name (RFC 6266). */
const attachment = (ascii: string, name: string): string => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

const ledgerOf = async (c: ServiceContext, url: URL) => {
  const snap = await c.readModels.current();
  const courtIds = listParam(url, 'court');
  return runQuery(() => officeLedger(snap.state, { now: nowOf(c, url), ...(courtIds === undefined ? {} : { courtIds }) }));
};

/** The supervision and office-file routes. */
export const officeRoutes = (): Route[] => [
  {
    method: 'GET', pattern: '/supervision-items', command: false,
    handler: async (c, req, reply) => {
      const url = new URL(req.url, 'http://x');
      const statuses = listParam(url, 'status', STATUSES);
      const colours = listParam(url, 'colour', COLOURS);
      const snap = await c.readModels.current();
      const now = nowOf(c, url);
      const items = runQuery(() => supervisionItems(snap.state, { now }))
        .filter((i) => statuses === undefined || statuses.includes(i.status))
        .filter((i) => colours === undefined || colours.includes(i.colour ?? 'none'));
      return sendJson(reply, 200, { now, lastPosition: snap.lastPosition?.toString() ?? null, count: items.length, items });
    },
  },
  entity('/supervision-items/:itemId', (c, p) => c.ledger.load.supervision(p.itemId ?? '')),
  {
    method: 'GET', pattern: '/warnings-given', command: false,
    handler: async (c, _req, reply) => {
      const snap = await c.readModels.current();
      const log = warningsGiven(snap.state);
      return sendJson(reply, 200, { lastPosition: snap.lastPosition?.toString() ?? null, count: log.length, log });
    },
  },
  {
    method: 'GET', pattern: '/ledger.xlsx', command: false,
    handler: async (c, req, reply) => {
      const ledger = await ledgerOf(c, new URL(req.url, 'http://x'));
      const bytes = await ledgerWorkbook(ledger);
      return reply.code(200).headers({ 'content-disposition': attachment(`ledger-${ledger.today}.xlsx`, `问题整改台账-${ledger.today}.xlsx`) })
        .type(XLSX).send(Buffer.from(bytes));
    },
  },
  {
    method: 'GET', pattern: '/ledger.csv', command: false,
    handler: async (c, req, reply) => {
      const ledger = await ledgerOf(c, new URL(req.url, 'http://x'));
      const { header, records } = officeCsvOf(ledger);
      return reply.code(200).headers({ 'content-disposition': attachment(`ledger-${ledger.today}.csv`, `问题整改台账-${ledger.today}.csv`) })
        .type('text/csv; charset=utf-8').send(`\ufeff${toCsv(header, records)}`);
    },
  },
  {
    method: 'GET', pattern: '/documents/:kind/:id', command: false,
    handler: async (c, req, reply, params) => {
      const kind = params.kind ?? '';
      if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
        throw problem(404, 'not-found', 'Not found', `no kind of document "${kind}" (kinds: ${DOCUMENT_KINDS.join(', ')})`);
      }
      const url = new URL(req.url, 'http://x');
      const number = url.searchParams.get('number') ?? undefined;
      const snap = await c.readModels.current();
      const doc = runQuery(() => buildDocument(snap.state, kind as DocumentKind, params.id ?? '', number === undefined ? {} : { number }));
      const bytes = await officialDocx(doc);
      return reply.code(200).headers({ 'content-disposition': attachment(`${kind}.docx`, `${doc.title}.docx`) }).type(DOCX).send(Buffer.from(bytes));
    },
  },
];
