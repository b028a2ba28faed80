/**
 * An HTTP API function's request path, shared by the api function and the policy publisher: before
 * an operation runs, middlewares find its route (404, 405), the caller (401, 403), the body (415,
 * 413, 400) and an earlier response to replay (`Idempotency-Key`); every error becomes a problem
 * response (functions/lib/http/problem.ts).
 */

import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { authenticate } from '../lib/http/authenticate.ts';
import { idempotency } from '../lib/http/idempotency.ts';
import { HttpProblem, problemResponses } from '../lib/http/problem.ts';
import { parseJsonBody } from '../lib/http/request.ts';
import { type RoutedContext, routing } from '../lib/http/routing.ts';
import { once } from '../lib/once.ts';
import type { ApiDeps, ApiRequest, Operation } from './operation.ts';
import { matchRoute, type Route, type RouteKey, routeKey } from './routes.ts';

/** What Lambda, the local server and the tests call. */
export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** The function behind `operations`' routes; a route of another function is not found here (API Gateway never sends one). */
export function createRouteHandler(deps: () => ApiDeps, operations: Partial<Record<RouteKey, Operation>>, serviceName: string): ApiHandler {
  /** Structured JSON logs; 5xx details go here and never into a response. Built on the first 5xx, which most processes never see. */
  const logger = once(() => new Logger({ serviceName }));
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(
      problemResponses(({ error, event, context }) =>
        logger().error('unhandled error', { error, routeKey: event.routeKey, requestId: context.awsRequestId }),
      ),
    )
    .use(routing(matchRoute))
    .use(authenticate())
    .use(parseJsonBody<RoutedContext<Route>>((context) => Object.keys(context.route.bodyMediaTypes ?? {})))
    .use(idempotency(() => deps().store))
    .handler(async (event, context) => {
      const operation = operations[routeKey(context.route)];
      if (operation === undefined) throw new HttpProblem(404, `no route ${routeKey(context.route)} in this function`);
      const request: ApiRequest = {
        principal: context.principal,
        params: context.pathParameters,
        query: Object.fromEntries(
          Object.entries(event.queryStringParameters ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
        ),
        body: context.body,
        // API Gateway's v2 events carry header names in lower case.
        accept: event.headers?.accept,
        remember: (status, body) => context.idempotency && { ...context.idempotency, status, body },
      };
      const result = await operation(request, deps());
      if (result.text !== undefined) {
        return { statusCode: result.status, headers: { 'content-type': result.text.contentType }, body: result.text.body };
      }
      if (result.body === undefined) return { statusCode: result.status };
      return { statusCode: result.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result.body) };
    });
  // Lambda passes its own context; the middlewares add the route, the caller, the body and the idempotency to it.
  return (event, context) => handler(event, context as Parameters<typeof handler>[1]);
}
