/** What the `sla` commands that talk to a running API share: the client from `--api` and `--token`, and reading its answers. */

import { createSlaClient, type SlaClient } from '../client/index.ts';
import { InputError, UsageError } from './cli-input.ts';

/** What a call through the client answers: the body, or the problem that refused it. */
export interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** The client of the API at `--api` (default `$SLA_API_URL`, else the local stack) with `--token` (default `$SLA_TOKEN`). */
export function apiClient(
  values: { readonly api?: string | undefined; readonly token?: string | undefined },
  env: NodeJS.ProcessEnv,
): SlaClient {
  const token = values.token ?? env.SLA_TOKEN;
  if (token === undefined || token === '')
    throw new UsageError('--token (or $SLA_TOKEN) is required: `sla token` makes one for the local stack');
  return createSlaClient((values.api ?? env.SLA_API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, ''), token);
}

/** A request that could not be made (no server, a refused connection) is unusable input: the API's address. */
export async function call<T>(request: Promise<Answer<T>>): Promise<Answer<T>> {
  try {
    return await request;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new InputError(`cannot reach the API${cause === undefined ? '' : ` (${cause})`}: is it running, and is --api right?`);
  }
}

/** The body of a successful answer; a refusal becomes exit 1 with the problem's detail and its fields. */
export function answered<T>({ data, error, response }: Answer<T>): T {
  if (!response.ok) {
    const problem = error as { detail?: string; errors?: Array<{ path: string; message: string }> } | undefined;
    const fields = (problem?.errors ?? []).map((e) => `\n  ${e.path || '(body)'}: ${e.message}`).join('');
    throw new InputError(`the API answered ${response.status}: ${problem?.detail ?? response.statusText}${fields}`);
  }
  return data as T;
}
