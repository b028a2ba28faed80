/** Builds the API Gateway HTTP API (v2) event the API Lambda receives: used by the local gateway, the tests and the chaos run. */

import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { matchRoute, routeKey } from '../../../functions/api/routes.ts';

export type Claims = Record<string, string | string[]>;

export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** The verified token's claims, as the JWT authorizer passes them. */
  readonly claims?: Claims;
  readonly sourceIp?: string;
}

export function apiGatewayEvent(request: HttpRequest, now = Date.now()): APIGatewayProxyEventV2 {
  const matched = matchRoute(request.method, request.path);
  const route = matched !== undefined && 'route' in matched ? routeKey(matched.route) : '$default';
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const query = request.query ?? {};
  return {
    version: '2.0',
    routeKey: route,
    rawPath: request.path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    ...(matched !== undefined && 'route' in matched && { pathParameters: matched.pathParameters }),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      ...(request.claims !== undefined && { authorizer: { jwt: { claims: request.claims, scopes: [] } } }),
    },
    ...(request.body !== undefined && { body: request.body }),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}
