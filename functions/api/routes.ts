/**
 * The route table of the HTTP API: shared by the Lambda router, the local server and the CDK app
 * (which creates one API Gateway route per entry with the JWT authorizer unless it is public).
 * It imports no handler code.
 */

import type * as z from 'zod/mini';
import type { Access } from '../lib/http/auth.ts';
import * as schemas from './schemas.ts';

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway syntax: `/tickets/{caseId}`. */
  readonly path: string;
  readonly access: Access;
  readonly summary: string;
  /** The schemas, built on first use (by the operation, or for the OpenAPI document). */
  readonly body?: () => z.ZodMiniType;
  readonly query?: () => z.ZodMiniType;
  /** The success status. */
  readonly status: number;
  /** Other success statuses, and what they mean. */
  readonly also?: Readonly<Record<number, string>>;
}

type Method = Route['method'];
type MethodOf<K> = K extends `${infer M} ${string}` ? Extract<M, Method> : never;
type PathOf<K> = K extends `${string} ${infer P}` ? P : never;

/** One row of the table: the route's key (`'POST /tickets'`, as in the operations table), who may call it, its success status, and the rest. */
function route<const K extends `${Method} /${string}`>(
  key: K,
  access: Access,
  status: number,
  rest: Omit<Route, 'method' | 'path' | 'access' | 'status'>,
): Route & { readonly method: MethodOf<K>; readonly path: PathOf<K> } {
  const [method, path] = key.split(' ') as [MethodOf<K>, PathOf<K>];
  return { method, path, access, ...rest, status };
}

export const ROUTES = [
  route('GET /health', 'public', 200, { summary: 'Liveness check' }),
  route('GET /openapi.json', 'public', 200, { summary: 'This API as OpenAPI 3.1' }),
  route('POST /orgs', 'admin', 201, { summary: 'Create an organisation', body: schemas.newOrgBody }),
  route('PUT /orgs/{id}', 'admin', 200, { summary: 'Create or replace an organisation', body: schemas.orgSettingsBody }),
  route('GET /orgs/{id}', 'admin', 200, { summary: 'Read an organisation' }),
  route('PUT /orgs/{id}/members/{sub}', 'admin', 200, {
    summary: "Make a user (Cognito sub) a member of the organisation: their tokens' org claim from the next sign-in or refresh",
  }),
  route('GET /orgs/{id}/members/{sub}', 'admin', 200, { summary: "Read a user's membership" }),
  route('DELETE /orgs/{id}/members/{sub}', 'admin', 204, { summary: 'End a membership' }),
  route('POST /tickets', 'signed-in', 201, { summary: 'Open a ticket', body: schemas.newTicketBody }),
  route('GET /tickets', 'signed-in', 200, { summary: "List tickets (customers: their organisation's)", query: schemas.ticketListQuery }),
  route('GET /tickets/{caseId}', 'signed-in', 200, { summary: 'Read a ticket with the latest page of its timeline' }),
  route('GET /tickets/{caseId}/timeline', 'signed-in', 200, {
    summary: 'A page of the timeline, older than the cursor (customers: public entries only)',
    query: schemas.timelineQuery,
  }),
  route('POST /tickets/{caseId}/messages', 'signed-in', 201, { summary: 'Add a message or internal note', body: schemas.messageBody }),
  route('PATCH /tickets/{caseId}', 'signed-in', 200, { summary: 'Change status, severity or assignee', body: schemas.ticketPatchBody }),
  route('POST /tickets/{caseId}/escalate', 'signed-in', 201, {
    summary: 'Escalate a case on demand',
    body: schemas.escalateBody,
    also: { 202: "a repeat within the policy's coalescing window: it joined the pending escalation (`joined`), nothing more is paged" },
  }),
  route('GET /queue', 'agent', 200, { summary: "Open tickets in the policy's work order", query: schemas.queueQuery }),
  route('GET /policies', 'signed-in', 200, { summary: 'List the policies' }),
  route('GET /policies/{id}', 'signed-in', 200, { summary: 'Read a policy' }),
  route('POST /policies/{id}/plan', 'signed-in', 200, {
    summary: 'Dry-run a policy: the deadlines a new ticket would get',
    body: schemas.planBody,
  }),
  route('GET /held-mail', 'agent', 200, {
    summary: 'Mail from customer domains without a DMARC pass (unverified), newest first',
    query: schemas.heldMailQuery,
  }),
  route('GET /held-mail/{id}', 'agent', 200, { summary: 'Read a held message' }),
  route('POST /held-mail/{id}/accept', 'agent', 200, {
    summary: 'Accept a held message: it becomes the ticket or message it would have made',
  }),
  route('POST /held-mail/{id}/reject', 'agent', 200, { summary: 'Reject a held message' }),
] as const satisfies readonly Route[];

type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
export type RouteKey = KeyOf<(typeof ROUTES)[number]>;

export const routeKey = (route: Route): RouteKey => `${route.method} ${route.path}` as RouteKey;

/** The `{name}` parameters of a route path, in order. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
}

const COMPILED = (ROUTES as readonly Route[]).map((route) => ({
  route,
  names: pathParameterNames(route.path),
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
}));

/** Finds the route for a method and concrete path, with its path parameters (what API Gateway does before invoking). */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; pathParameters: Record<string, string> } | { allowed: string[] } | undefined {
  const allowed: string[] = [];
  for (const { route, names, pattern } of COMPILED) {
    const match = pattern.exec(path);
    if (match === null) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const pathParameters = Object.fromEntries(names.map((name, i) => [name, decodeSegment(match[i + 1] as string)]));
    return { route, pathParameters };
  }
  return allowed.length > 0 ? { allowed } : undefined;
}

/** Percent-decodes a path segment; a malformed escape (`%`, `%zz`) is kept as written. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
