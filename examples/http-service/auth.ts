/**
 * Who is calling. The service asks a pluggable {@link Authenticator} for the actor's id; the SDK
 * then resolves that id against the Organization (posts, unit), so the caller can never claim a
 * post. Replace {@link developmentHeaderAuthenticator} with one that checks a login cookie, a token or
 * a client certificate before you expose the service to anyone.
 */
import type { IncomingMessage } from 'node:http';

/** The outcome of authenticating a request. */
export type Authentication =
  | { readonly kind: 'actor'; readonly actorId: string }
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'rejected'; readonly detail: string };

/**
 * Authenticates a request. `challenge` is what a 401 answer puts in `WWW-Authenticate` (how to
 * authenticate); without it the answer names no scheme.
 */
export type Authenticator = ((req: IncomingMessage) => Promise<Authentication>) & { readonly challenge?: string };

/** The header the development authenticator reads. */
export const ACTOR_HEADER = 'x-actor-id';

/**
 * FOR DEVELOPMENT ONLY: believes whatever actor id the `X-Actor-Id` header names, with no proof at
 * all. Anyone who can reach the service can act as anyone. Use it on a loopback address, in tests
 * and demos; never in production.
 */
export const developmentHeaderAuthenticator: Authenticator = Object.assign(async (req: IncomingMessage): Promise<Authentication> => {
  // Node joins repeated headers with ", "; headersDistinct keeps them apart, so a repeated one is seen as such.
  const value = req.headersDistinct?.[ACTOR_HEADER] ?? req.headers[ACTOR_HEADER];
  if (value === undefined) return { kind: 'anonymous' };
  const values = Array.isArray(value) ? value : [value];
  if (values.length > 1) return { kind: 'rejected', detail: `send one ${ACTOR_HEADER} header, not ${values.length}` };
  const id = (values[0] ?? '').trim();
  return id === '' ? { kind: 'rejected', detail: `the ${ACTOR_HEADER} header is empty` } : { kind: 'actor', actorId: id };
}, { challenge: 'X-Actor-Id realm="campaign-ledger"' });

/**
 * Authenticates `Authorization: Bearer TOKEN` with `verify`, which checks the token with your
 * identity provider and returns the person's actor id, or undefined when the token is not valid.
 * No header is anonymous; a malformed header or a token `verify` rejects is refused (401).
 */
export const bearerAuthenticator = (verify: (token: string) => Promise<string | undefined>): Authenticator =>
  Object.assign(async (req: IncomingMessage): Promise<Authentication> => {
    const header = req.headers.authorization;
    if (header === undefined) return { kind: 'anonymous' };
    const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header)?.[1];
    if (token === undefined) return { kind: 'rejected', detail: 'expected "Authorization: Bearer <token>"' };
    const actorId = await verify(token);
    return actorId === undefined ? { kind: 'rejected', detail: 'the token is not valid' } : { kind: 'actor', actorId };
  }, { challenge: 'Bearer realm="campaign-ledger"' });
