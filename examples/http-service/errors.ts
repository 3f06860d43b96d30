/**
 * The SDK's typed errors as HTTP problem details (RFC 9457). The status says what the client can
 * do: fix the input (400, with a JSON pointer per field), get the right (403, naming it), reload
 * and retry (412), or accept that the entity's state forbids it (409).
 */
import type { LedgerError } from '../../src/eventsourcing/errors';
import { etagOf, HttpProblem, problemType } from './http';

/** Where a facade validation path points in the request: the body (JSON pointer), or a header. */
export const locate = (path: string): { readonly pointer?: string; readonly header?: string } => {
  if (path === 'actorId') return { header: 'x-actor-id' };
  const body = path.startsWith('options.') ? `meta.${path.slice('options.'.length)}` : path === 'options' ? 'meta' : path;
  const parts = body.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '');
  return { pointer: parts.length === 0 ? '' : `/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}` };
};

const make = (status: number, name: string, title: string, e: LedgerError, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new HttpProblem({ type: problemType(name), title, status, detail: e.message, ...extra }, headers);

/**
 * Maps a LedgerError. `conditional` says the request carried If-Match, so a revision conflict is
 * 412 (the client's version is stale or lost the race); without it, 409.
 */
export const problemOf = (e: LedgerError, conditional: boolean): HttpProblem => {
  switch (e._tag) {
    case 'ValidationFailed':
      return make(400, 'validation-failed', 'Invalid command', e, { errors: e.issues.map((i) => ({ path: i.path, ...locate(i.path), detail: i.message })) });
    case 'NotAuthorized':
      return make(403, 'not-authorized', 'Missing right', e, { actorId: e.actorId, right: e.right, ...(e.rule === undefined ? {} : { rule: e.rule }) });
    case 'RuleViolated':
      return /\.not_found$/.test(e.rule)
        ? make(404, 'not-found', 'Not found', e, { rule: e.rule, ...(e.details ? { details: e.details } : {}) })
        : make(409, 'rule-violated', 'Refused by a rule', e, { rule: e.rule, ...(e.details ? { details: e.details } : {}) });
    case 'WrongExpectedRevision': {
      const actual = e.actual === 'no_stream' ? null : e.actual.toString();
      const headers: Record<string, string> = e.actual === 'no_stream' ? {} : { etag: etagOf(e.actual) };
      return conditional
        ? make(412, 'precondition-failed', 'Stale version', e, { currentRevision: actual }, headers)
        : make(409, 'concurrent-change', 'Changed concurrently', e, { currentRevision: actual }, headers);
    }
    case 'StreamNotFound':
      return make(404, 'not-found', 'Not found', e);
    case 'StreamDeleted':
      return make(410, 'gone', 'Deleted', e);
    case 'AppendTooLarge':
      return make(413, 'append-too-large', 'Too large', e, { size: e.size, limit: e.limit });
    case 'DuplicateEventId':
      return make(409, 'duplicate-event-id', 'Duplicate event id', e);
    case 'StoreUnavailable':
      return make(503, 'store-unavailable', 'Store unavailable', e, {}, { 'retry-after': '1' });
    case 'CorruptEvent':
      return make(500, 'corrupt-event', 'Corrupt event in the trail', e, { position: e.position.toString() });
    case 'IntegrityViolation':
      return make(500, 'integrity-violation', 'Integrity violation in the trail', e, { streamId: e.streamId, failure: e.failure });
  }
};
