/**
 * Local sign-in for the console (only on the local stack; on AWS the console signs in with
 * Cognito's hosted UI): `GET /_local/identities` lists the demo identities, `POST /_local/sign-in`
 * hands out a token for one. Anyone who can reach them gets an admin token, so both answer only a
 * client on this machine that addressed this machine by name (a DNS-rebinding page reaches the
 * loopback socket, but with its own host name), and the POST only a same-origin JSON request (a
 * cross-site form cannot send `application/json`, and a cross-site fetch names its origin).
 */

import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { decodeJwt } from 'jose';
import * as z from 'zod/mini';
import { problem } from '../../../functions/lib/http/problem.ts';
import { type LocalRole, signLocalToken } from './local-auth.ts';

export interface LocalIdentity {
  readonly id: string;
  readonly role: LocalRole;
  readonly org?: string;
  readonly label: string;
}

/** A console session lasts a working day; sign in again after. */
export const SIGN_IN_TTL_SECONDS = 12 * 3600;

export function localIdentities(orgs: readonly { readonly id: string; readonly name: string }[]): LocalIdentity[] {
  return [
    { id: 'admin', role: 'admin', label: 'Administrator' },
    { id: 'agent', role: 'agent', label: 'Agent' },
    ...orgs.map((org) => ({ id: `customer:${org.id}`, role: 'customer' as const, org: org.id, label: `Customer of ${org.name}` })),
  ];
}

/** The same user every time for an identity, so what it did before is still its own. */
export function localSubject(identity: LocalIdentity): string {
  return identity.org === undefined ? `local-${identity.role}` : `local-${identity.role}-${identity.org}`;
}

export type SignInEndpoint = (request: IncomingMessage, body: Buffer) => Promise<APIGatewayProxyStructuredResultV2 | undefined>;

const SignInBody = z.object({ identity: z.string() });

/** Answers the two sign-in paths; `undefined` for any other path. */
/** The two sign-in routes (no token needed; loopback only). */
export const SIGN_IN_ROUTES = {
  identities: { method: 'GET', path: '/_local/identities' },
  signIn: { method: 'POST', path: '/_local/sign-in' },
} as const;

export function localSignIn(dataDir: string, identities: readonly LocalIdentity[]): SignInEndpoint {
  const json = (body: unknown) => ({
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  });
  const { identities: list, signIn } = SIGN_IN_ROUTES;
  return async (request, body) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const method = (request.method ?? 'GET').toUpperCase();
    if (path !== list.path && path !== signIn.path) return undefined;
    const host = loopbackHost(request);
    if (host === undefined) return problem(403, 'local sign-in answers only http://127.0.0.1, localhost or [::1] on this machine');
    if (path === list.path) {
      if (method !== list.method && method !== 'HEAD') return methodNotAllowed(`${list.method}, HEAD`);
      return json({ items: identities });
    }
    if (method !== signIn.method) return methodNotAllowed(signIn.method);
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) return problem(403, `sign-in from another origin (${origin}) is refused`);
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return problem(415, 'send the sign-in as application/json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return problem(400, 'the body is not valid JSON');
    }
    const input = SignInBody.safeParse(parsed);
    const identity = input.success ? identities.find((known) => known.id === input.data.identity) : undefined;
    if (identity === undefined) {
      const known = identities.map((i) => i.id).join(', ');
      return problem(422, 'no such local identity', [{ path: 'identity', message: `expected one of ${known}` }]);
    }
    const claims = { role: identity.role, sub: localSubject(identity), ...(identity.org !== undefined && { org: identity.org }) };
    const token = await signLocalToken(dataDir, claims, SIGN_IN_TTL_SECONDS);
    const expiresAt = new Date((decodeJwt(token).exp as number) * 1000).toISOString();
    return json({ token, expiresAt, identity });
  };
}

/**
 * The request's `Host` when the client is on this machine and named it as a loopback address with
 * the port it connected to; `undefined` otherwise.
 */
export function loopbackHost(request: IncomingMessage): string | undefined {
  const remote = request.socket.remoteAddress ?? '';
  const fromLoopback = remote === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(remote);
  const host = (request.headers.host ?? '').toLowerCase();
  const port = request.socket.localPort;
  const named = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host);
  return fromLoopback && named ? host : undefined;
}

function methodNotAllowed(allow: string): APIGatewayProxyStructuredResultV2 {
  const answer = problem(405, `use ${allow}`);
  return { ...answer, headers: { ...answer.headers, allow } };
}
