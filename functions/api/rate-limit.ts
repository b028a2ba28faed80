/** The API side of the per-organisation rate limits (the buckets: functions/adapters/dynamo/rate-limiter.ts). */

import { RateLimited } from '#shared/domain-error.ts';
import type { RateAction } from '#shared/rate/token-bucket.ts';
import type { Principal } from '../lib/http/auth.ts';
import type { ApiDeps } from './operation.ts';

/**
 * Counts a customer's request against their organisation's bucket: 429 with `Retry-After` when it
 * is empty. Staff are not counted: an agent acting for an organisation must be able to answer it
 * even while its customers flood the API, and staff are our own people.
 */
export async function withinLimit(principal: Principal, deps: ApiDeps, action: RateAction): Promise<void> {
  if (principal.role !== 'customer' || deps.limiter === undefined) return;
  const admission = await deps.limiter.take(principal.org as string, action, deps.now());
  if (admission.admitted) return;
  const seconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
  throw new RateLimited(`your organisation has sent too many ${RATE_WHAT[action]} for now; retry in ${seconds} s`, seconds);
}

const RATE_WHAT: Record<RateAction, string> = {
  tickets: 'new tickets',
  messages: 'messages',
  escalations: 'escalations',
  reports: 'SLA report requests',
};
