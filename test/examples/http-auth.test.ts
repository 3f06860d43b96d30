/** The authenticators of the HTTP service example, on request headers. */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bearerAuthenticator, developmentHeaderAuthenticator } from '../../examples/http-service/auth';

const req = (headers: Record<string, string | string[]>) => ({ headers }) as unknown as IncomingMessage;

describe('authenticators', () => {
  it('the development one believes X-Actor-Id, refuses an empty or repeated one', async () => {
    expect(await developmentHeaderAuthenticator(req({ 'x-actor-id': ' ng-staff ' }))).toEqual({ kind: 'actor', actorId: 'ng-staff' });
    expect(await developmentHeaderAuthenticator(req({}))).toEqual({ kind: 'anonymous' });
    expect((await developmentHeaderAuthenticator(req({ 'x-actor-id': '' }))).kind).toBe('rejected');
    expect((await developmentHeaderAuthenticator(req({ 'x-actor-id': ['a', 'b'] }))).kind).toBe('rejected');
    // Node joins a repeated header into one value; headersDistinct keeps the two apart.
    const joined = { headers: { 'x-actor-id': 'a, b' }, headersDistinct: { 'x-actor-id': ['a', 'b'] } } as unknown as IncomingMessage;
    expect(await developmentHeaderAuthenticator(joined)).toEqual({ kind: 'rejected', detail: 'send one x-actor-id header, not 2' });
  });

  it('the bearer one asks the verifier and takes only the id it returns', async () => {
    const tokens: Record<string, string> = { 'abc.def': 'ng-staff' };
    const auth = bearerAuthenticator(async (t) => tokens[t]);
    expect(await auth(req({ authorization: 'Bearer abc.def' }))).toEqual({ kind: 'actor', actorId: 'ng-staff' });
    expect(await auth(req({ authorization: 'Bearer nope' }))).toEqual({ kind: 'rejected', detail: 'the token is not valid' });
    expect((await auth(req({ authorization: 'Basic abc' }))).kind).toBe('rejected');
    expect(await auth(req({ 'x-actor-id': 'ng-staff' }))).toEqual({ kind: 'anonymous' });
  });

  it('each names its own scheme for WWW-Authenticate', () => {
    expect(developmentHeaderAuthenticator.challenge).toBe('X-Actor-Id realm="campaign-ledger"');
    expect(bearerAuthenticator(async () => undefined).challenge).toBe('Bearer realm="campaign-ledger"');
  });
});
