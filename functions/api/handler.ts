/**
 * The API Lambda: one function behind every route. One function keeps one warm pool of
 * connections and one cold start for a small API, and lets the local server and the CDK app
 * share a single route table; the routes differ in logic, not in dependencies or permissions.
 */

import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { IdempotencyRace, type IdempotentResponse } from '#shared/tickets/ticket-store.ts';
import { entryPoint, parseEnvironment } from '../lib/config.ts';
import { documentClient } from '../lib/dynamo-client.ts';
import { DynamoTicketStore } from '../lib/dynamo-ticket-store.ts';
import { DynamoHeldMailStore } from '../lib/held-mail-store.ts';
import { mayAccess, principalOf } from '../lib/http/auth.ts';
import { HttpProblem, problem, problemFor } from '../lib/http/problem.ts';
import { jsonBody } from '../lib/http/request.ts';
import { once } from '../lib/once.ts';
import { DynamoRateLimiter, parseRateLimits } from '../lib/rate-limiter.ts';
import { apiEnvironment } from './environment.ts';
import { type ApiDeps, type ApiRequest, OPERATIONS } from './operations.ts';
import { matchRoute, type RouteKey, routeKey } from './routes.ts';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** Structured JSON logs; 5xx details go here and never into a response. Built on the first 5xx, which most processes never see. */
const logger = once(() => new Logger({ serviceName: 'sla-escalator-api' }));

export function createApiHandler(deps: () => ApiDeps) {
  const route = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const method = event.requestContext.http.method;
    const matched = matchRoute(method, event.rawPath);
    if (matched === undefined) return problem(404, `no route ${method} ${event.rawPath}`);
    if ('allowed' in matched)
      return {
        ...problem(405, `${event.rawPath} allows ${matched.allowed.join(', ')}`),
        headers: { 'content-type': 'application/problem+json', allow: matched.allowed.join(', ') },
      };
    const { route } = matched;
    const principal = route.access === 'public' ? undefined : principalOf(event);
    if (principal !== undefined && !mayAccess(principal, route.access))
      throw new HttpProblem(403, `${route.method} ${route.path} is for ${route.access === 'admin' ? 'administrators' : 'agents'}`);
    const body = jsonBody(event);
    const key = event.headers?.['idempotency-key'];
    const scope =
      method === 'POST' && key !== undefined
        ? { principal: principal?.sub ?? 'anonymous', route: `${method} ${event.rawPath}`, key }
        : undefined;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
      throw new HttpProblem(400, 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    const requestHash =
      scope === undefined
        ? ''
        : createHash('sha256')
            .update(event.body ?? '')
            .digest('base64url');
    const dependencies = deps();
    const { store } = dependencies;
    if (scope !== undefined) {
      const earlier = await store.getIdempotentResponse(scope);
      if (earlier !== undefined) return replay(earlier, requestHash);
    }
    const request: ApiRequest = {
      principal,
      params: matched.pathParameters,
      query: Object.fromEntries(
        Object.entries(event.queryStringParameters ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
      body,
      remember: (status, responseBody): IdempotentResponse | undefined =>
        scope === undefined ? undefined : { scope, requestHash, status, body: responseBody },
    };
    try {
      const result = await OPERATIONS[routeKey(route) as RouteKey](request, dependencies);
      if (result.body === undefined) return { statusCode: result.status };
      return { statusCode: result.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result.body) };
    } catch (error) {
      if (!(error instanceof IdempotencyRace) || scope === undefined) throw error;
      const winner = await store.getIdempotentResponse(scope);
      if (winner === undefined) throw new HttpProblem(409, 'a request with this Idempotency-Key is still being processed');
      return replay(winner, requestHash);
    }
  };
  return middy(route).use({
    onError: async (request) => {
      const response = problemFor(request.error);
      if ((response.statusCode ?? 500) >= 500) {
        logger().error('unhandled error', {
          error: request.error,
          routeKey: request.event.routeKey,
          requestId: request.context.awsRequestId,
        });
      }
      request.response = response;
    },
  });
}

function replay(earlier: IdempotentResponse, requestHash: string): APIGatewayProxyStructuredResultV2 {
  if (earlier.requestHash !== requestHash) {
    return problem(422, 'this Idempotency-Key was already used with a different request body', [
      { path: 'Idempotency-Key', message: 'reuse a key only to retry the same request' },
    ]);
  }
  return {
    statusCode: earlier.status,
    headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
    body: JSON.stringify(earlier.body),
  };
}

/** What the Lambda runs on: DynamoDB, the real clock, and the deployment's rate limits (`RATE_LIMITS`). */
export function productionDeps(): ApiDeps {
  const { TABLE_NAME, AWS_REGION, RATE_LIMITS } = parseEnvironment(apiEnvironment);
  const documents = documentClient(AWS_REGION);
  return {
    store: new DynamoTicketStore(documents, TABLE_NAME),
    heldMail: new DynamoHeldMailStore(documents, TABLE_NAME),
    now: Date.now,
    limiter: new DynamoRateLimiter(documents, TABLE_NAME, parseRateLimits(RATE_LIMITS)),
  };
}

/** The Lambda entry point. */
export const handler = entryPoint(productionDeps, createApiHandler);
