/**
 * Small HTTP functions over Fastify's reply: JSON and problem+json responses (RFC 9457), the JSON
 * body parser, and the ETag / If-Match revision format.
 */
import type { FastifyReply } from 'fastify';

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
export const sendJson = (reply: FastifyReply, status: number, body: unknown, headers: Record<string, string> = {}): FastifyReply =>
  reply.code(status).headers(headers).type('application/json; charset=utf-8').send(toJson(body));

/** Sends a problem+json body; `instance` is the request path. */
export const sendProblem = (reply: FastifyReply, p: HttpProblem, instance: string): FastifyReply =>
  reply.code(p.problem.status).headers(p.headers).type('application/problem+json; charset=utf-8').send(toJson({ ...p.problem, instance }));

/** The largest request body accepted by default (bytes); larger ones get 413 before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Parses a JSON request body (the service's only body format): strict UTF-8, and an object at the
 * top level; anything else is a 400 problem. Fastify has already checked the media type (415) and
 * the size (413).
 */
export const parseJsonObject = (raw: Buffer): Record<string, unknown> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
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
