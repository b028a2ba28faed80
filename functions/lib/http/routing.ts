/** The first step of an HTTP request: which route it is for (404 for none, 405 with `Allow` for another method). */

import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { HttpProblem } from './problem.ts';

/** A route and its path parameters; the methods the path allows when the method is not one of them; nothing for an unknown path. */
export type RouteMatch<R> = { route: R; pathParameters: Record<string, string> } | { allowed: string[] } | undefined;

/** What `routing` adds to the context. */
export interface RoutedContext<R> extends Context {
  route: R;
  pathParameters: Readonly<Record<string, string>>;
}

export function routing<R>(
  match: (method: string, path: string) => RouteMatch<R>,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, RoutedContext<R>> {
  return {
    before: ({ event, context }) => {
      const method = event.requestContext.http.method;
      const matched = match(method, event.rawPath);
      if (matched === undefined) throw new HttpProblem(404, `no route ${method} ${event.rawPath}`);
      if ('allowed' in matched) {
        const allowed = matched.allowed.join(', ');
        throw new HttpProblem(405, `${event.rawPath} allows ${allowed}`, [], { allow: allowed });
      }
      context.route = matched.route;
      context.pathParameters = matched.pathParameters;
    },
  };
}
