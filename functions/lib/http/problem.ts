/** RFC 9457 problem details: the one place where errors become HTTP responses. */

import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, type DomainErrorCode, type FieldError, RateLimited } from '#shared/domain-error.ts';
import { InvalidConfigError } from '#shared/policy/policy-error.ts';

/** An error that already knows its HTTP status (auth, parsing, routing); the title follows from the status. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: readonly FieldError[] = [],
    /** Extra response headers (`Allow` of a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

const STATUS_OF: Record<DomainErrorCode, number> = {
  invalid_config: 422,
  unknown_policy: 422,
  unknown_calendar: 422,
  unknown_severity: 422,
  unknown_tier: 422,
  unknown_region: 422,
  validation_failed: 422,
  out_of_range: 422,
  bad_request: 400,
  unauthenticated: 401,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  version_conflict: 409,
  rate_limited: 429,
  policy_mismatch: 500,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export function problem(status: number, detail: string, errors: readonly FieldError[] = []): APIGatewayProxyStructuredResultV2 {
  const title = TITLES[status] ?? 'Error';
  const body = { type: `https://sla-escalator.dev/problems/${status}`, title, status, detail, ...(errors.length > 0 && { errors }) };
  return { statusCode: status, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(body) };
}

/** Maps any error to a problem response; a 5xx never carries the error's own message. */
function problemFor(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof HttpProblem) return withHeaders(problem(error.status, error.detail, error.errors), error.headers);
  if (error instanceof InvalidConfigError) return problem(422, 'the policy is not valid', error.problems);
  if (error instanceof DomainError) {
    const status = STATUS_OF[error.code];
    const headers: Record<string, string> = error instanceof RateLimited ? { 'retry-after': String(error.retryAfterSeconds) } : {};
    if (status < 500) return withHeaders(problem(status, error.message, error.errors), headers);
  }
  return problem(500, 'something went wrong on our side; the request was not carried out');
}

function withHeaders(
  response: APIGatewayProxyStructuredResultV2,
  headers: Readonly<Record<string, string>>,
): APIGatewayProxyStructuredResultV2 {
  return { ...response, headers: { ...response.headers, ...headers } };
}

/** The middleware that answers every error with a problem; `logServerError` hears of each 5xx, whose details go nowhere else. */
export function problemResponses(
  logServerError: (request: Request<APIGatewayProxyEventV2>) => void,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const response = problemFor(request.error);
      if ((response.statusCode ?? 500) >= 500) logServerError(request);
      request.response = response;
    },
  };
}
