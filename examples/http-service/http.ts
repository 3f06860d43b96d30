/**
 * Small HTTP functions on `node:http`: JSON and problem+json responses (RFC 9457), a bounded JSON
 * body reader, and the ETag / If-Match revision format.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An RFC 9457 problem details object (extension members allowed). */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [extension: string]: unknown;
}

/** A failure that becomes a problem+json response. */
export class HttpProblem extends Error {
  constructor(readonly problem: ProblemDetails, readonly headers: Readonly<Record<string, string>> = {}) {
    super(problem.detail);
  }
}

/** A problem type URI of this service (not dereferenceable; stable names for clients to switch on). */
export const problemType = (name: string): string => `urn:campaign-ledger:problem:${name}`;

/** Builds an {@link HttpProblem}. */
export const problem = (status: number, name: string, title: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new HttpProblem({ type: problemType(name), title, status, detail, ...extra }, headers);

/** JSON with bigints as decimal strings, Maps as objects and Sets as arrays. */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Map) return Object.fromEntries(v);
    if (v instanceof Set) return [...v];
    return v;
  });

/** Sends a JSON body. */
export const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = toJson(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

/** Sends a problem+json body; `instance` is the request path. */
export const sendProblem = (res: ServerResponse, p: HttpProblem, instance: string): void => {
  const text = toJson({ ...p.problem, instance });
  res.writeHead(p.problem.status, { 'content-type': 'application/problem+json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...p.headers });
  res.end(text);
};

/** The largest request body accepted (bytes); larger ones get 413 before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON object body: 415 for another media type, 413 when too large, 400 when not a JSON object. */
export const readJsonObject = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw problem(415, 'unsupported-media-type', 'Unsupported media type', `send the command as application/json, not ${JSON.stringify(type || 'nothing')}`);
  }
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) throw problem(413, 'body-too-large', 'Body too large', `the body is ${declared} bytes, above the limit of ${MAX_BODY_BYTES}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw problem(413, 'body-too-large', 'Body too large', `the body is above the limit of ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
  } catch (x) {
    throw problem(400, 'malformed-body', 'Malformed body', `the body is not valid UTF-8 JSON: ${x instanceof Error ? x.message : String(x)}`,
      { errors: [{ pointer: '', detail: 'not valid JSON' }] });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw problem(400, 'malformed-body', 'Malformed body', `the body must be a JSON object, got ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}`,
      { errors: [{ pointer: '', detail: 'expected a JSON object' }] });
  }
  return parsed as Record<string, unknown>;
};

/** The ETag of a stream revision: a strong tag holding the decimal revision. */
export const etagOf = (revision: bigint): string => `"${revision}"`;

/** What an If-Match header asks for: any existing version (`*`), or one of the listed revisions. */
export type IfMatch = { readonly kind: 'any' } | { readonly kind: 'tags'; readonly revisions: readonly bigint[] };

/**
 * Parses If-Match (RFC 9110, strong comparison): `*`, or a list of entity tags of which ours are
 * `"<revision>"`. Weak tags and tags this service never issues match nothing.
 */
export const parseIfMatch = (header: string | undefined): IfMatch | undefined => {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return { kind: 'any' };
  const tags = value.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (tags.length === 0 || !tags.every((t) => /^(W\/)?"[^"]*"$/.test(t))) {
    throw problem(400, 'malformed-if-match', 'Malformed If-Match', `If-Match must be "*" or entity tags such as "\\"3\\"", got ${JSON.stringify(header)}`);
  }
  const revisions = tags.filter((t) => !t.startsWith('W/')).map((t) => t.slice(1, -1)).filter((t) => /^(0|[1-9]\d{0,18})$/.test(t)).map((t) => BigInt(t));
  return { kind: 'tags', revisions };
};
