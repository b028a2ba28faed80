/**
 * Who is calling. On AWS the HTTP API's JWT authorizer (Cognito) has verified the token and puts
 * its claims on `requestContext.authorizer.jwt.claims`; the local stack verifies its own tokens
 * and fills the same field. Groups `agent`/`admin` come in `cognito:groups`; a customer's
 * organisation in `custom:org`.
 */

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Actor } from '#shared/tickets/timeline.ts';
import { HttpProblem } from './problem.ts';

export type Role = 'admin' | 'agent' | 'customer';

export interface Principal {
  readonly sub: string;
  readonly role: Role;
  /** A customer's organisation. */
  readonly org?: string;
  /**
   * The token's `email` claim, when it has one: Cognito's ID tokens carry the user's e-mail
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html),
   * its access tokens do not.
   */
  readonly email?: string;
}

/** Who may call a route: nobody needs to sign in, anyone signed in, agents (and admins), admins. */
export type Access = 'public' | 'signed-in' | 'agent' | 'admin';

type ClaimValue = string | number | boolean | string[];

export function principalOf(event: APIGatewayProxyEventV2): Principal {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, ClaimValue> } } }).authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (claims === undefined || typeof sub !== 'string' || sub === '') throw new HttpProblem(401, 'a valid bearer token is required');
  const groups = groupsOf(claims['cognito:groups']);
  const org = typeof claims['custom:org'] === 'string' && claims['custom:org'] !== '' ? claims['custom:org'] : undefined;
  const email = typeof claims.email === 'string' && claims.email !== '' ? { email: claims.email } : {};
  if (groups.includes('admin')) return { sub, role: 'admin', ...email };
  if (groups.includes('agent')) return { sub, role: 'agent', ...email };
  if (org === undefined) throw new HttpProblem(403, 'the token names no organisation (custom:org) and no staff group');
  return { sub, role: 'customer', org, ...email };
}

export function mayAccess(principal: Principal, access: Access): boolean {
  if (access === 'admin') return principal.role === 'admin';
  if (access === 'agent') return principal.role !== 'customer';
  return true;
}

export function actorOf(principal: Principal): Actor {
  return { kind: principal.role === 'customer' ? 'customer' : 'staff', id: principal.sub };
}

/** API Gateway flattens array claims to `"[agent admin]"`; a local token may carry a real array. */
export function groupsOf(value: ClaimValue | undefined): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((g) => g !== '');
}
