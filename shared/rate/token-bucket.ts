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
export const RATE_ACTIONS = ['tickets', 'messages', 'escalations', 'reports'] as const;
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

/**
 * Whether `count` requests at `now`, one after another, are all admitted by a bucket whose stored
 * `tat` is this (`undefined`: a full, new bucket); admitted, `tat` is the bucket's after the last.
 */
export function admit(tat: number | undefined, limit: RateLimit, now: number, count = 1): Admission {
  const latest = latestAdmissibleTat(limit, now, count);
  const from = Math.max(tat ?? now, now);
  if (from > latest) return { admitted: false, retryAfterMs: from - latest };
  return { admitted: true, tat: from + count * tokenMs(limit) };
}

/** The largest stored `tat` that still admits `count` requests at `now`, one after another. */
export function latestAdmissibleTat(limit: RateLimit, now: number, count = 1): number {
  return now + limit.perMs - count * tokenMs(limit);
}

/** Whoever is checked against a bucket (the DynamoDB adapter in production). */
export interface RateLimiter {
  take(org: string, action: RateAction, now: number): Promise<Admission>;
}
