/**
 * Reading an API Gateway v2 request's body: JSON (or a text type the route takes, such as a CSV
 * upload, kept as text), anything else 415; at most 256 KiB (413); JSON well-formed (400).
 */

import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { HttpProblem } from './problem.ts';

/** Bodies larger than this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

/** What `parseJsonBody` adds to the context: the parsed body, `undefined` for none. The event keeps the raw text. */
export interface ParsedBodyContext extends Context {
  body: unknown;
}

/** A body of a text media type the route takes besides JSON (`text/csv`), as its text. */
export class TextBody {
  constructor(
    readonly mediaType: string,
    readonly text: string,
  ) {}
}

/** `textTypes`: the media types besides JSON the request's route takes (read after routing). */
export function parseJsonBody<C extends Context>(
  textTypes: (context: C) => readonly string[] = () => [],
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, C & ParsedBodyContext> {
  return {
    before: ({ event, context }) => {
      context.body = jsonBody(event, textTypes(context));
    },
  };
}

function jsonBody(event: APIGatewayProxyEventV2, textTypes: readonly string[]): unknown {
  if (event.body === undefined || event.body === '') return undefined;
  const type = (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !textTypes.includes(type)) {
    throw new HttpProblem(415, `send the body as ${['application/json', ...textTypes].join(' or ')}`);
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new HttpProblem(413, `the body is larger than ${MAX_BODY_BYTES / 1024} KiB`);
  }
  if (type !== 'application/json') return new TextBody(type, text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpProblem(400, 'the body is not valid JSON');
  }
}
