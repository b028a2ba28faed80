/**
 * A typed client of the API: openapi-fetch over the types openapi-typescript generates from the
 * OpenAPI document (compiled-openapi.ts, `npm run compile-client`). Paths, parameters, bodies and
 * responses are checked by the compiler. Made for the console and the `sla` CLI; today only the
 * client tests use it.
 *
 *   const sla = createSlaClient('http://127.0.0.1:3000', token);
 *   const { data, error } = await sla.POST('/tickets', { body: { subject, description, severity: 'high' } });
 */

import createClient, { type Client, type ClientOptions, mergeHeaders } from 'openapi-fetch';
import type { components, operations, paths } from './compiled-openapi.ts';

export type { components, operations, paths };
export type SlaClient = Client<paths>;

/** A response body by its component name: `Schema<'Ticket'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** A client of the API at `baseUrl` (no trailing slash), sending `token` as a bearer token when given. */
export function createSlaClient(baseUrl: string, token?: string, options: Omit<ClientOptions, 'baseUrl'> = {}): SlaClient {
  return createClient<paths>({
    ...options,
    baseUrl,
    headers: mergeHeaders(token === undefined ? undefined : { authorization: `Bearer ${token}` }, options.headers),
  });
}
