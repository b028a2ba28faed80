/** Typed API Gateway v2 events, as the HTTP API with a JWT authorizer delivers them to the API Lambda. */

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

export type Claims = Record<string, string | string[]>;

export const as = {
  admin: (sub = 'admin-1'): Claims => ({ sub, 'cognito:groups': '[admin]' }),
  agent: (sub = 'agent-1'): Claims => ({ sub, 'cognito:groups': '[agent]' }),
  customer: (org: string, sub = `customer@${org}`): Claims => ({ sub, 'custom:org': org }),
};

export interface RequestOptions {
  readonly claims?: Claims;
  readonly body?: unknown;
  /** Sent as is (for malformed bodies); otherwise `body` is JSON-encoded. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
}

export function apiEvent(method: string, path: string, options: RequestOptions = {}): APIGatewayProxyEventV2 {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers = { ...(body !== undefined && { 'content-type': 'application/json' }), ...options.headers };
  const query = options.query ?? {};
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    requestContext: {
      accountId: '123456789012',
      apiId: 'test',
      domainName: 'api.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'test-request',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '02/Mar/2026:14:00:00 +0000',
      timeEpoch: 0,
      ...(options.claims !== undefined && { authorizer: { jwt: { claims: options.claims, scopes: [] } } }),
    },
    ...(body !== undefined && { body }),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}

export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: T;
}

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Calls a handler the way Lambda would and decodes its JSON answer. */
export function caller(handler: Handler) {
  return async <T = Record<string, unknown>>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> => {
    const result = await handler(apiEvent(method, path, options), { awsRequestId: 'test' } as Context);
    return {
      status: result.statusCode ?? 200,
      headers: (result.headers ?? {}) as Record<string, string>,
      body: (result.body ? JSON.parse(result.body) : undefined) as T,
    };
  };
}
