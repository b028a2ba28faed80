/** Typed API Gateway v2 events, as the HTTP API with a JWT authorizer delivers them to the API Lambda. */

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { apiGatewayEvent, type Claims } from '../../infra/local/lib/api-gateway-event.ts';
import { assertContract } from '../api/contract.ts';

export type { Claims };

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

/** The event the local gateway builds for this request (one event builder for gateway, tests and tools). */
export function apiEvent(method: string, path: string, options: RequestOptions = {}): APIGatewayProxyEventV2 {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return apiGatewayEvent(
    {
      method,
      path,
      query: options.query,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...options.headers },
      body,
      claims: options.claims,
    },
    Date.parse('2026-03-02T14:00:00Z'),
  );
}

export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: T;
}

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Calls a handler the way Lambda would, checks its answer against the OpenAPI document (test/api/contract.ts) and decodes it. */
export function caller(handler: Handler) {
  return async <T = Record<string, unknown>>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> => {
    const result = await handler(apiEvent(method, path, options), { awsRequestId: 'test' } as Context);
    assertContract(method, path, result.statusCode ?? 200, (result.headers ?? {}) as Record<string, string>, result.body);
    return {
      status: result.statusCode ?? 200,
      headers: (result.headers ?? {}) as Record<string, string>,
      // A body that is not JSON (an iCalendar file) is handed over as text.
      body: (result.body ? (isJson(result.headers) ? JSON.parse(result.body) : result.body) : undefined) as T,
    };
  };
}

const isJson = (headers: APIGatewayProxyStructuredResultV2['headers']) => /json/.test(String(headers?.['content-type'] ?? 'json'));
