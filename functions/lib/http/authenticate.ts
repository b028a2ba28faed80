/** Who is calling, and whether they may call the route they asked for: 401 or 403 before any work. */

import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type Access, mayAccess, type Principal, principalOf } from './auth.ts';
import { HttpProblem } from './problem.ts';
import type { RoutedContext } from './routing.ts';

/** What `authenticate` reads of a route. */
export interface Guarded {
  readonly method: string;
  readonly path: string;
  readonly access: Access;
}

/** What `authenticate` adds to the context: the caller, none on a public route. */
export interface AuthenticatedContext extends RoutedContext<Guarded> {
  principal: Principal | undefined;
}

/** Runs after `routing`. */
export function authenticate(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, AuthenticatedContext> {
  return {
    before: ({ event, context }) => {
      const { route } = context;
      const principal = route.access === 'public' ? undefined : principalOf(event);
      if (principal !== undefined && !mayAccess(principal, route.access))
        throw new HttpProblem(403, `${route.method} ${route.path} is for ${route.access === 'admin' ? 'administrators' : 'agents'}`);
      context.principal = principal;
    },
  };
}
