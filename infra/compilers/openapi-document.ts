/**
 * The OpenAPI 3.1 document, generated from the route table, the zod schemas that validate requests
 * and those of the response bodies (functions/api/response-schemas.ts), authoring only.
 * `npm run compile-openapi` writes it to `functions/api/compiled-openapi.json`, which the API serves, so the
 * Lambda carries neither this generator nor zod's JSON Schema code; a test fails when the
 * committed file differs from a fresh one.
 */

import * as z from 'zod/mini';
import { responseSchemas } from '../../functions/api/response-schemas.ts';
import { pathParameterNames, ROUTES, type Route } from '../../functions/api/routes.ts';
import { IDEMPOTENCY_KEY } from '../../functions/lib/http/idempotency.ts';
import { PROBLEM_EXAMPLE, REQUEST_EXAMPLES, RESPONSE_EXAMPLES } from './openapi-examples.ts';

/** What each error status means, as a named response (`components.responses`). */
const ERRORS: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'The request is not valid: `errors` names each bad field by its path' },
  401: { name: 'Unauthorized', description: 'No valid bearer token' },
  403: { name: 'Forbidden', description: 'The caller may not use this route, or their token names no organisation' },
  404: { name: 'NotFound', description: 'No such resource, or not one the caller may see' },
  409: { name: 'Conflict', description: 'The resource changed meanwhile, or a request with this Idempotency-Key is still being processed' },
  410: { name: 'Gone', description: 'The link has expired' },
  413: { name: 'ContentTooLarge', description: 'The body is too large' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not application/json' },
  422: { name: 'UnprocessableContent', description: 'The request is well-formed but names what does not exist or does not fit the policy' },
  429: { name: 'TooManyRequests', description: "The organisation's rate limit; try again after `Retry-After` seconds" },
  500: { name: 'InternalServerError', description: 'Something went wrong on our side; the request was not carried out' },
};

/** Every POST takes an `Idempotency-Key` (functions/lib/http/idempotency.ts). */
const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Repeating a request with the same key (and body) answers what the first one did, without doing it again',
  schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
};
const REPLAYED = { description: 'Present on the answer to a repeated Idempotency-Key', schema: { type: 'string', enum: ['true'] } };

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

export function openApiDocument(): unknown {
  return {
    openapi: '3.1.0',
    info: {
      title: 'sla-escalator',
      version: '0.1.0',
      description: 'Tickets with SLA clocks and escalation paging.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [
      { url: 'http://127.0.0.1:3000', description: 'The local stack (`npm start`)' },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description: 'A deployment (its `ApiUrl` output)',
        variables: { apiId: { default: 'abcdef1234' }, region: { default: 'eu-central-1' } },
      },
    ],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: componentSchemas(),
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([status, { name, description }]) => [
          name,
          {
            description,
            ...(status === '429' && { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } } }),
            content: {
              'application/problem+json': { ...problemContent['application/problem+json'], example: PROBLEM_EXAMPLE(Number(status)) },
            },
          },
        ]),
      ),
    },
    paths: pathsOf(ROUTES),
  };
}

/** The response bodies as JSON Schema, each named by its id in the registry. */
function componentSchemas(): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(responseSchemas, { uri: (id) => `#/components/schemas/${id}`, io: 'output' });
  return Object.fromEntries(Object.entries(schemas).map(([name, { $schema: _, $id: __, ...schema }]) => [name, schema]));
}

/**
 * The error statuses a route can answer: its own, and those of the middlewares: a body is parsed and an
 * `Idempotency-Key` checked on every route (400, 413, 415), the caller on every route not public.
 */
/** The named error response of a status; a status without one fails the compile, not the lint. */
function errorResponse(status: number): string {
  const error = ERRORS[status];
  if (error === undefined) throw new Error(`no error response for status ${status}: add it to ERRORS`);
  return error.name;
}

function errorStatuses(route: Route): number[] {
  const statuses = [
    ...(route.errors ?? []),
    400,
    413,
    415,
    500,
    ...(route.access === 'public' ? [] : [401, 403]),
    ...(route.method === 'POST' ? [409, 422] : []),
    ...(pathParameterNames(route.path).length > 0 ? [404] : []),
  ];
  return [...new Set(statuses)].sort((a, b) => a - b);
}

function pathsOf(routes: readonly Route[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = pathParameterNames(route.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (route.query !== undefined) {
      const schema = z.toJSONSchema(route.query(), { io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: property as { type: string } });
      }
    }
    if (route.method === 'POST') parameters.push(IDEMPOTENCY_KEY_HEADER);
    const others = Object.fromEntries(
      Object.entries(route.otherMediaTypes ?? {}).map(([type, description]) => [type, { schema: { type: 'string', description } }]),
    );
    // A route without a JSON body may still answer in another media type (an iCalendar feed).
    const body = (component: string | undefined, description: string, example = RESPONSE_EXAMPLES[component ?? '']) =>
      component === undefined
        ? { description, ...(Object.keys(others).length > 0 && { content: others }) }
        : {
            description,
            ...(route.method === 'POST' && { headers: { 'Idempotent-Replayed': REPLAYED } }),
            content: {
              'application/json': { schema: { $ref: `#/components/schemas/${component}` }, ...(example !== undefined && { example }) },
              ...others,
            },
          };
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.access === 'public' ? { security: [] } : { security: [{ bearer: [] }], 'x-access': route.access }),
      ...(parameters.length > 0 && { parameters }),
      ...(route.body !== undefined && {
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: z.toJSONSchema(route.body(), { io: 'input' }), example: REQUEST_EXAMPLES[route.operationId] },
            ...Object.fromEntries(
              Object.entries(route.bodyMediaTypes ?? {}).map(([type, description]) => [type, { schema: { type: 'string', description } }]),
            ),
          },
        },
      }),
      responses: {
        [route.status]: body(route.response, route.status === 204 ? 'No Content' : 'OK'),
        ...Object.fromEntries(
          Object.entries(route.also ?? {}).map(([status, also]) => [status, body(also.response ?? route.response, also.description)]),
        ),
        ...Object.fromEntries(errorStatuses(route).map((status) => [status, { $ref: `#/components/responses/${errorResponse(status)}` }])),
      },
    };
  }
  return paths;
}
