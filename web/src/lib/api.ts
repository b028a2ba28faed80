/**
 * The console's API client: the typed client generated from the OpenAPI document
 * (`client/`), on this origin under the configured prefix, with the session's token. A read that
 * fails on the network is retried with backoff while `offline` says so; a write is not retried
 * (the page keeps what the user typed and says what happened). A 401 ends the session.
 */

import { signal } from '@preact/signals';
import createClient from 'openapi-fetch';
import type { components, paths } from '../../../client/compiled-openapi.ts';
import { expire, session } from './session.ts';

export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** An RFC 9457 problem as the API answers it, or a network failure (`status` 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: readonly FieldProblem[] = [],
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  /** The message for one field (`fields.softwareVersion`), or for a field and everything under it. */
  forField(path: string): string | undefined {
    return this.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`))?.message;
  }
}

/** True while reads are failing on the network and being retried. */
export const offline = signal(false);

const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15_000, 30_000];

async function fetchWithRetry(request: Request): Promise<Response> {
  const read = request.method === 'GET' || request.method === 'HEAD';
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(request.clone());
      offline.value = false;
      return response;
    } catch (error) {
      if (!read || request.signal.aborted) throw new ApiProblem(0, 'The network failed: nothing was changed. Try again.');
      offline.value = true;
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)] as number;
      await new Promise((resume) => setTimeout(resume, delay));
      if (attempt > 100) throw error;
    }
  }
}

let apiBase = '/api';

export function setApiBase(base: string): void {
  apiBase = base;
}

/** The absolute URL of an API path (`/notice-calendars/…`), for links that leave the console (a calendar subscription). */
export function apiUrl(path: string): string {
  return `${location.origin}${apiBase}${path}`;
}

function client() {
  const sla = createClient<paths>({ baseUrl: `${location.origin}${apiBase}`, fetch: fetchWithRetry });
  sla.use({
    onRequest({ request }) {
      const token = session.value?.token;
      if (token !== undefined) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });
  return sla;
}

let shared: ReturnType<typeof client> | undefined;

/** The typed client (`api().GET('/tickets/{caseId}', …)`). */
export function api(): ReturnType<typeof client> {
  shared ??= client();
  return shared;
}

/** The body of a successful answer, or throws its problem (ending the session on 401). */
export async function ok<T>(answer: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await answer;
  if (response.ok) return data as T;
  if (response.status === 401) expire();
  const body = (error ?? {}) as { detail?: string; title?: string; errors?: FieldProblem[] };
  throw new ApiProblem(response.status, body.detail ?? body.title ?? `HTTP ${response.status}`, body.errors ?? []);
}

/** What to say about any error a request threw. */
export function problemOf(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem(0, error instanceof Error ? error.message : String(error));
}
