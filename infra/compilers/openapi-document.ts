/**
 * The OpenAPI 3.1 document, generated from the route table and its zod schemas (authoring only).
 * `npm run compile-openapi` writes it to `functions/api/compiled-openapi.json`, which the API serves, so the
 * Lambda carries neither this generator nor zod's JSON Schema code; a test fails when the
 * committed file differs from a fresh one.
 */

import * as z from 'zod/mini';
import { pathParameterNames, ROUTES, type Route } from '../../functions/api/routes.ts';

const problem = {
  description: 'RFC 9457 problem details',
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  },
};

export function openApiDocument(): unknown {
  return {
    openapi: '3.1.0',
    info: { title: 'sla-escalator', version: '0.1.0', description: 'Tickets with SLA clocks and escalation paging.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths: pathsOf(ROUTES),
  };
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
    if (route.method === 'POST') parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } });
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      summary: route.summary,
      ...(route.access !== 'public' && { security: [{ bearer: [] }], 'x-access': route.access }),
      ...(parameters.length > 0 && { parameters }),
      ...(route.body !== undefined && {
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(route.body(), { io: 'input' }) } } },
      }),
      responses: {
        [route.status]:
          route.status === 204
            ? { description: 'No Content' }
            : { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
        ...Object.fromEntries(
          Object.entries(route.also ?? {}).map(([status, description]) => [
            status,
            { description, content: { 'application/json': { schema: { type: 'object' } } } },
          ]),
        ),
        '4XX': problem,
        '5XX': problem,
      },
    };
  }
  return paths;
}
