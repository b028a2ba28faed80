/** Reading an API Gateway v2 request: JSON bodies (415, 413, 400), query strings, and path parameters. */

import '../zod-english.ts';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { formatPath } from '#shared/policy/policy-error.ts';
import { HttpProblem } from './problem.ts';

/** Bodies larger than this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

/** What `parseJsonBody` adds to the context: the parsed body, `undefined` for none. The event keeps the raw text. */
export interface ParsedBodyContext extends Context {
  body: unknown;
}

export function parseJsonBody(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ParsedBodyContext> {
  return {
    before: ({ event, context }) => {
      context.body = jsonBody(event);
    },
  };
}

export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === '') return undefined;
  const type = (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpProblem(415, 'send the body as application/json');
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new HttpProblem(413, `the body is larger than ${MAX_BODY_BYTES / 1024} KiB`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpProblem(400, 'the body is not valid JSON');
  }
}

/** Validates input with a zod schema; every problem is reported with its path. */
export function validate<S extends z.ZodMiniType>(schema: S, input: unknown, what = 'body'): z.output<S> {
  // With the input in each issue, a missing field (input undefined) can be told from a wrong type.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.message,
  }));
  throw new HttpProblem(400, `the ${what} is not valid`, errors);
}
