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

export const ROUTES = [
  { method: 'GET', path: '/health', access: 'public', summary: 'Liveness check', status: 200 },
  { method: 'GET', path: '/openapi.json', access: 'public', summary: 'This API as OpenAPI 3.1', status: 200 },
  { method: 'POST', path: '/orgs', access: 'admin', summary: 'Create an organisation', body: schemas.newOrgBody, status: 201 },
  {
    method: 'PUT',
    path: '/orgs/{id}',
    access: 'admin',
    summary: 'Create or replace an organisation',
    body: schemas.orgSettingsBody,
    status: 200,
  },
  { method: 'GET', path: '/orgs/{id}', access: 'admin', summary: 'Read an organisation', status: 200 },
  {
    method: 'PUT',
    path: '/orgs/{id}/members/{sub}',
    access: 'admin',
    summary: "Make a user (Cognito sub) a member of the organisation: their tokens' org claim from the next sign-in or refresh",
    status: 200,
  },
  { method: 'GET', path: '/orgs/{id}/members/{sub}', access: 'admin', summary: "Read a user's membership", status: 200 },
  { method: 'DELETE', path: '/orgs/{id}/members/{sub}', access: 'admin', summary: 'End a membership', status: 204 },
  { method: 'POST', path: '/tickets', access: 'signed-in', summary: 'Open a ticket', body: schemas.newTicketBody, status: 201 },
  {
    method: 'GET',
    path: '/tickets',
    access: 'signed-in',
    summary: "List tickets (customers: their organisation's)",
    query: schemas.ticketListQuery,
    status: 200,
  },
  {
    method: 'GET',
    path: '/tickets/{caseId}',
    access: 'signed-in',
    summary: 'Read a ticket with the latest page of its timeline',
    status: 200,
  },
  {
    method: 'GET',
    path: '/tickets/{caseId}/timeline',
    access: 'signed-in',
    summary: 'A page of the timeline, older than the cursor (customers: public entries only)',
    query: schemas.timelineQuery,
    status: 200,
  },
  {
    method: 'POST',
    path: '/tickets/{caseId}/messages',
    access: 'signed-in',
    summary: 'Add a message or internal note',
    body: schemas.messageBody,
    status: 201,
  },
  {
    method: 'PATCH',
    path: '/tickets/{caseId}',
    access: 'signed-in',
    summary: 'Change status, severity or assignee',
    body: schemas.ticketPatchBody,
    status: 200,
  },
  {
    method: 'POST',
    path: '/tickets/{caseId}/escalate',
    access: 'signed-in',
    summary: 'Escalate a case on demand',
    body: schemas.escalateBody,
    status: 201,
    also: { 202: "a repeat within the policy's coalescing window: it joined the pending escalation (`joined`), nothing more is paged" },
  },
  {
    method: 'GET',
    path: '/queue',
    access: 'agent',
    summary: "Open tickets in the policy's work order",
    query: schemas.queueQuery,
    status: 200,
  },
  { method: 'GET', path: '/policies', access: 'signed-in', summary: 'List the policies', status: 200 },
  { method: 'GET', path: '/policies/{id}', access: 'signed-in', summary: 'Read a policy', status: 200 },
  {
    method: 'POST',
    path: '/policies/{id}/plan',
    access: 'signed-in',
    summary: 'Dry-run a policy: the deadlines a new ticket would get',
    body: schemas.planBody,
    status: 200,
  },
  {
    method: 'GET',
    path: '/held-mail',
    access: 'agent',
    summary: 'Mail from customer domains without a DMARC pass (unverified), newest first',
    query: schemas.heldMailQuery,
    status: 200,
  },
  { method: 'GET', path: '/held-mail/{id}', access: 'agent', summary: 'Read a held message', status: 200 },
  {
    method: 'POST',
    path: '/held-mail/{id}/accept',
    access: 'agent',
    summary: 'Accept a held message: it becomes the ticket or message it would have made',
    status: 200,
  },
  { method: 'POST', path: '/held-mail/{id}/reject', access: 'agent', summary: 'Reject a held message', status: 200 },
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
