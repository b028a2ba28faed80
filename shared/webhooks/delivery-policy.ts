/**
 * When a webhook delivery is tried, retried, given up, and when its endpoint is paused: pure
 * functions over a delivery record and an endpoint's health, so the consumer that sends them only
 * records outcomes and asks what comes next.
 *
 * Retries back off exponentially without jitter (each endpoint has its own queue, so there is no
 * herd to spread): after failed attempt n, wait 30 s × 2^(n−1), at most 4 h, and never past 24 h
 * after the first attempt, where one last attempt is made:
 *
 * | attempt | after the previous | after the first |
 * |--------:|-------------------:|----------------:|
 * |       1 |                  — |         0:00:00 |
 * |       2 |               30 s |         0:00:30 |
 * |       3 |              1 min |         0:01:30 |
 * |       4 |              2 min |         0:03:30 |
 * |       5 |              4 min |         0:07:30 |
 * |       6 |              8 min |         0:15:30 |
 * |       7 |             16 min |         0:31:30 |
 * |       8 |             32 min |         1:03:30 |
 * |       9 |             64 min |         2:07:30 |
 * |      10 |            128 min |         4:15:30 |
 * |      11 |                4 h |         8:15:30 |
 * |      12 |                4 h |        12:15:30 |
 * |      13 |                4 h |        16:15:30 |
 * |      14 |                4 h |        20:15:30 |
 * |      15 |    3 h 44 min 30 s |        24:00:00 |
 *
 * (when every attempt is made on time; a late attempt pushes the next ones back, but never past
 * 24 h.) After the 15th failure the delivery has failed: it stays in the log, and can be replayed.
 *
 * Order per ticket: an endpoint gets a ticket's events in order (`compareEvents`); an event waits
 * until every earlier event of the same ticket for the same endpoint was delivered or failed.
 * Other tickets' events, and other endpoints, never wait for it.
 */

import { formatInstant } from '#shared/time/instant.ts';

const RETRY = {
  firstDelayMs: 30_000,
  maxDelayMs: 4 * 3_600_000,
  windowMs: 24 * 3_600_000,
} as const;

/** An endpoint that has failed every delivery for this long is paused. */
export const PAUSE_AFTER_FAILING_MS = 24 * 3_600_000;

export type AttemptOutcome =
  /** The receiver answered (any status). */
  | { readonly status: number; readonly ms: number }
  /** No answer: timeout, refused connection, TLS, DNS, or an address the SSRF rules refuse. */
  | { readonly error: string; readonly ms: number };

export interface Attempt {
  readonly at: number;
  readonly outcome: AttemptOutcome;
}

export interface Delivery {
  readonly endpointId: string;
  readonly eventId: string;
  readonly caseId: number;
  readonly state: 'pending' | 'delivered' | 'failed';
  readonly attempts: readonly Attempt[];
  /** When the next attempt is due (`null` once delivered or failed). */
  readonly nextAttemptAt: number | null;
}

export function newDelivery(endpointId: string, event: { readonly id: string; readonly caseId: number }, now: number): Delivery {
  return { endpointId, eventId: event.id, caseId: event.caseId, state: 'pending', attempts: [], nextAttemptAt: now };
}

/** 2xx delivers; 410 Gone says the endpoint is gone for good (pause it); anything else is retried. */
export function verdict(outcome: AttemptOutcome): 'delivered' | 'retry' | 'gone' {
  if (!('status' in outcome)) return 'retry';
  if (outcome.status >= 200 && outcome.status < 300) return 'delivered';
  return outcome.status === 410 ? 'gone' : 'retry';
}

/** The wait after failed attempt `n` (1-based), before the 24 h window cuts it. */
function retryDelay(n: number): number {
  return Math.min(RETRY.firstDelayMs * 2 ** (n - 1), RETRY.maxDelayMs);
}

/** The delivery after an attempt made at `at`. */
export function afterAttempt(delivery: Delivery, at: number, outcome: AttemptOutcome): Delivery {
  const attempts = [...delivery.attempts, { at, outcome }];
  const result = verdict(outcome);
  if (result !== 'retry') return { ...delivery, attempts, state: result === 'delivered' ? 'delivered' : 'failed', nextAttemptAt: null };
  const first = attempts[0]?.at ?? at;
  const last = first + RETRY.windowMs;
  if (at >= last) return { ...delivery, attempts, state: 'failed', nextAttemptAt: null };
  return { ...delivery, attempts, nextAttemptAt: Math.min(at + retryDelay(attempts.length), last) };
}

/** A failed (or delivered) delivery sent again on request: a fresh 24 h of retries, same event id. */
export function replay(delivery: Delivery, now: number): Delivery {
  return { ...delivery, state: 'pending', attempts: [], nextAttemptAt: now };
}

/**
 * The delivery to attempt next among one endpoint's deliveries of one ticket, given in event
 * order: the first that is still pending, if it is due. Later ones wait for it.
 */
export function dueInOrder(queue: readonly Delivery[], now: number): Delivery | undefined {
  const head = queue.find((d) => d.state === 'pending');
  return head?.nextAttemptAt !== undefined && head.nextAttemptAt !== null && head.nextAttemptAt <= now ? head : undefined;
}

/** What the service remembers of an endpoint's recent deliveries. */
export interface EndpointHealth {
  /** The first failed attempt since the last success, if the endpoint is failing. */
  readonly failingSince?: number | undefined;
  readonly lastFailure?: Attempt | undefined;
}

/** The health after an attempt, and whether the endpoint must now be paused (and why). */
export function healthAfter(health: EndpointHealth, attempt: Attempt): { health: EndpointHealth; pause?: 'failing' | 'gone' } {
  if (verdict(attempt.outcome) === 'delivered') return { health: {} };
  const next = { failingSince: health.failingSince ?? attempt.at, lastFailure: attempt };
  const pause = pauseFor(next, attempt);
  return pause === undefined ? { health: next } : { health: next, pause };
}

/**
 * Whether an endpoint must be paused after `attempt`, given its health with that attempt recorded:
 * at once on 410 Gone; after `PAUSE_AFTER_FAILING_MS` of nothing but failures.
 */
export function pauseFor(health: EndpointHealth, attempt: Attempt): 'failing' | 'gone' | undefined {
  const result = verdict(attempt.outcome);
  if (result === 'delivered') return undefined;
  if (result === 'gone') return 'gone';
  return health.failingSince !== undefined && attempt.at - health.failingSince >= PAUSE_AFTER_FAILING_MS ? 'failing' : undefined;
}

/** The e-mail the endpoint's owner gets when the service pauses it. */
export function pauseNotice(endpoint: { readonly id: string; readonly url: string }, health: EndpointHealth, why: 'failing' | 'gone') {
  const last = health.lastFailure;
  const answer = last === undefined ? 'no attempt recorded' : 'status' in last.outcome ? `HTTP ${last.outcome.status}` : last.outcome.error;
  const reason =
    why === 'gone'
      ? `it answered 410 Gone at ${last === undefined ? 'its last attempt' : formatInstant(last.at)}`
      : `every delivery to it failed since ${health.failingSince === undefined ? 'a day ago' : formatInstant(health.failingSince)} (last: ${answer}${last === undefined ? '' : ` at ${formatInstant(last.at)}`})`;
  return {
    subject: `Webhook endpoint ${endpoint.id} paused`,
    text: [
      `We paused your webhook endpoint ${endpoint.url} (${endpoint.id}): ${reason}.`,
      '',
      'Events that occur while it is paused are not sent to it. Deliveries that failed stay in its delivery log.',
      'Once the receiver works again, resume the endpoint and replay the deliveries you need.',
    ].join('\n'),
  };
}
