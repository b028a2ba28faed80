/**
 * Per-organisation rate limits as token buckets. A bucket of `requests` tokens that refills
 * completely in `perMs` (one token every `perMs / requests`) is kept as one instant, its
 * *theoretical arrival time* (`tat`, the GCRA form of a token bucket): the bucket is full when
 * `tat <= now`, and each admitted request moves `tat` on by one token's refill time from
 * `max(tat, now)`. A request is admitted while that leaves `tat` at most `perMs` ahead of now.
 * The refill is computed from the stored instant alone, and `tat` never moves backwards, so a
 * copy seen earlier is a lower bound of the stored one.
 */

/** The kinds of request each organisation has a bucket for. */
export const RATE_ACTIONS = ['tickets', 'messages', 'escalations'] as const;
export type RateAction = (typeof RATE_ACTIONS)[number];

export interface RateLimit {
  /** Bucket size: requests admitted in a burst from a full bucket, and per `perMs` on average. */
  readonly requests: number;
  readonly perMs: number;
}

/** `null`: no limit for that kind of request. */
export type RateLimits = Readonly<Record<RateAction, RateLimit | null>>;

export type Admission =
  | { readonly admitted: true /** The bucket's new `tat`. */; readonly tat: number }
  | { readonly admitted: false; readonly retryAfterMs: number };

/** One token's refill time. */
export const tokenMs = (limit: RateLimit): number => limit.perMs / limit.requests;

/** Whether a request at `now` is admitted by a bucket whose stored `tat` is this (`undefined`: a full, new bucket). */
export function admit(tat: number | undefined, limit: RateLimit, now: number): Admission {
  const latest = latestAdmissibleTat(limit, now);
  if (tat !== undefined && tat > latest) return { admitted: false, retryAfterMs: tat - latest };
  return { admitted: true, tat: Math.max(tat ?? now, now) + tokenMs(limit) };
}

/** The largest stored `tat` that still admits a request at `now`. */
export function latestAdmissibleTat(limit: RateLimit, now: number): number {
  return now + limit.perMs - tokenMs(limit);
}

/** Whoever is checked against a bucket (the DynamoDB adapter in production). */
export interface RateLimiter {
  take(org: string, action: RateAction, now: number): Promise<Admission>;
}
